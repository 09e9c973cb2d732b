"""Numbered migrations of the warehouse schema, applied when a warehouse is opened for writing.

Each migration runs once, in order, inside one transaction with the others still pending;
``schema_migration`` records which have run (as sqlite-utils' ``migrations`` does). A
warehouse opened read-only is never changed: when it is older than this version of Cakupan
it says so (``warehouse.needs_upgrade``), and when it is newer, that too
(``warehouse.too_new``).

Migration 1 adopts a warehouse made before migrations existed (Cakupan 0.3 and earlier,
whose modules created their own tables): every statement is ``IF NOT EXISTS``, and the columns
those versions added one by one are added when missing.

Example:
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:  # opening for writing migrates
    ...     schema_version(wh) == SCHEMA_VERSION
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cakupan.errors import WarehouseError
from cakupan.ingest.schemas import SOURCE_TYPES
from cakupan.schema.tables import source_columns, source_table_sql, tables_sql, views_sql
from cakupan.sql import quote_identifier

if TYPE_CHECKING:
    from cakupan.warehouse import Warehouse

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "Upgrade",
    "migrate",
    "require_current",
    "schema_version",
    "upgrade_warehouse",
]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Warehouse], None]


def _baseline(wh: Warehouse) -> None:
    adopting = wh.scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'snapshot'"
    )
    for statement in tables_sql():
        wh.execute(statement)
    if not adopting:
        return
    # Columns added to existing tables by Cakupan 0.2–0.3, for warehouses made before them.
    for source in SOURCE_TYPES.values():
        for name, kind_sql in source_columns(source):
            wh.execute(
                f"ALTER TABLE {quote_identifier(source.table)} "
                f"ADD COLUMN IF NOT EXISTS {quote_identifier(name)} {kind_sql}"
            )
    for name in ("origin", "problem"):
        wh.execute(f"ALTER TABLE pledge ADD COLUMN IF NOT EXISTS {quote_identifier(name)} VARCHAR")
    # Register snapshots stored before desa-by-desa assembly cover the desa they hold.
    wh.execute(
        "INSERT INTO snapshot_desa SELECT DISTINCT snapshot_id, desa FROM src_register "
        "WHERE snapshot_id NOT IN (SELECT snapshot_id FROM snapshot_desa) AND desa IS NOT NULL"
    )


def _drop_splink_leftovers(wh: Warehouse) -> None:
    """Splink's working tables (``__splink__*``) were left in warehouses by Cakupan 0.3: they
    hold copies of names and NIKs nobody reads. Matching now drops them after each run."""
    from cakupan.matching.engine import drop_splink_tables  # Splink: imported when needed

    drop_splink_tables(wh)


def _exchange(wh: Warehouse) -> None:
    """The status exchange on keyed hashes: its keys, and what a status answer says besides
    the status (the key it was made with, the kind of membership, the last month paid)."""
    for statement in tables_sql():
        wh.execute(statement)  # IF NOT EXISTS: creates exchange_key and status_person
    # The answers' table made again with its declared columns, in their order, keeping rows.
    source = SOURCE_TYPES["participant-status"]
    table_sql = quote_identifier(source.table)
    wh.execute(f"CREATE TEMP TABLE status_rows AS SELECT * FROM {table_sql}")
    wh.execute(f"DROP TABLE {table_sql}")
    wh.execute(source_table_sql(source))
    wh.execute(f"INSERT INTO {table_sql} BY NAME SELECT * FROM status_rows")
    wh.execute("DROP TABLE status_rows")


def _match_working_sets(wh: Warehouse) -> None:
    """The records matched, those to match and the register records they are matched to
    are temporary tables of each run: kept, they were a second copy of every name and NIK,
    written at every build. Only the records of pairs waiting for review are kept."""
    for table in ("match_record", "match_query", "match_base"):
        wh.execute(f"DROP TABLE IF EXISTS {quote_identifier(table)}")
    for statement in tables_sql():
        wh.execute(statement)  # IF NOT EXISTS: creates review_record


def _register_alias(wh: Warehouse) -> None:
    """Each person of the register once (``register_alias``, read by the view
    ``register_by_person``): readers took every register row for a person, so one listed
    twice was counted twice and, linked to a member by its other row, could stay in a work
    list. Filled from the last matching run."""
    from cakupan.matching.engine import REGISTER_ALIAS_SQL

    for statement in tables_sql():
        wh.execute(statement)  # IF NOT EXISTS: creates register_alias
    for statement in views_sql():
        wh.execute(statement)
    wh.execute(REGISTER_ALIAS_SQL)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "baseline: every table of Cakupan 0.3, adopting older warehouses", _baseline),
    Migration(2, "drop Splink's leftover working tables", _drop_splink_leftovers),
    Migration(3, "status exchange on keyed hashes: keys, answers' segment and month", _exchange),
    Migration(4, "matching's working sets made per run; review records kept", _match_working_sets),
    Migration(5, "each person of the register once: register_alias", _register_alias),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

_LEDGER_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_migration "
    "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
)


def schema_version(wh: Warehouse) -> int:
    """The highest migration applied to ``wh`` (0 for a warehouse made before migrations)."""
    if not wh.scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'"
    ):
        return 0
    return int(wh.scalar("SELECT coalesce(max(version), 0) FROM schema_migration"))


def require_current(wh: Warehouse) -> None:
    """Raise a clear error unless ``wh`` has exactly this version's schema (read-only opens)."""
    found = schema_version(wh)
    if found < SCHEMA_VERSION:
        raise WarehouseError(
            "warehouse.needs_upgrade",
            path=str(wh.path),
            found=found,
            needed=SCHEMA_VERSION,
        )
    if found > SCHEMA_VERSION:
        raise WarehouseError(
            "warehouse.too_new",
            path=str(wh.path),
            found=found,
            needed=SCHEMA_VERSION,
        )


def migrate(wh: Warehouse) -> list[Migration]:
    """Apply every pending migration in one transaction, then recreate the views; return
    those applied (none when the warehouse is current)."""
    found = schema_version(wh)
    if found > SCHEMA_VERSION:
        require_current(wh)
    pending = [m for m in MIGRATIONS if m.version > found]
    if not pending:
        return []
    with wh.transaction():
        wh.execute(_LEDGER_SQL)
        for migration in pending:
            migration.apply(wh)
            wh.execute(
                "INSERT INTO schema_migration VALUES (?, ?, now())",
                [migration.version, migration.name],
            )
        for statement in views_sql():
            wh.execute(statement)
    return pending


@dataclass(frozen=True)
class Upgrade:
    """What ``cakupan upgrade`` did: the schema version before and after, and the
    migrations applied (their names), in order."""

    path: str
    before: int
    after: int
    applied: tuple[str, ...]


def upgrade_warehouse(wh: Warehouse) -> Upgrade:
    """Bring ``wh`` (opened for writing without migrating, ``schema=False``) to this
    version's schema, as any write does first; the web app, which reads only what writes
    publish, needs this after an update of Cakupan.

    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse(None, schema=False) as wh:
    ...     u = upgrade_warehouse(wh)
    >>> (u.before, u.after == SCHEMA_VERSION, len(u.applied) == SCHEMA_VERSION)
    (0, True, True)
    """
    before = schema_version(wh)
    applied = migrate(wh)
    return Upgrade(
        path=str(wh.path or ":memory:"),
        before=before,
        after=schema_version(wh),
        applied=tuple(f"{m.version}: {m.name}" for m in applied),
    )
