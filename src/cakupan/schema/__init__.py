"""The owner of the warehouse schema: every table and view (:mod:`.tables`) and the numbered
migrations that bring any warehouse to the current version (:mod:`.migrations`).

:class:`cakupan.warehouse.Warehouse` migrates a warehouse it opens for writing and checks the
version of one it opens read-only; nothing else creates tables that outlive a session.
"""

from __future__ import annotations

from cakupan.schema.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    Upgrade,
    migrate,
    require_current,
    schema_version,
    upgrade_warehouse,
)
from cakupan.schema.tables import DERIVED_TABLES, REFERENCE_TABLES, STORED_TABLES

__all__ = [
    "DERIVED_TABLES",
    "MIGRATIONS",
    "REFERENCE_TABLES",
    "SCHEMA_VERSION",
    "STORED_TABLES",
    "Migration",
    "Upgrade",
    "migrate",
    "require_current",
    "schema_version",
    "upgrade_warehouse",
]
