"""Whether the warehouse holds what coverage needs (the views themselves are declared by
:mod:`cakupan.schema`).

Example:
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:
    ...     ready_for_coverage(wh)
    False
"""

from __future__ import annotations

from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["ready_for_coverage"]


def ready_for_coverage(wh: Warehouse) -> bool:
    """Whether the register, participants and a denominator have been imported."""
    return all(
        wh.scalar(f"SELECT count(*) FROM {quote_identifier(view)}")
        for view in ("current_src_register", "current_src_participants", "src_denominator")
    )
