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
    """Whether the register, who is a member (a participant extract, or a status answer on
    keyed hashes) and a denominator have been imported."""

    def has(view: str) -> bool:
        return bool(wh.scalar(f"SELECT count(*) FROM {quote_identifier(view)}"))

    members = has("current_src_participants") or has("current_src_participant_status")
    return has("current_src_register") and members and has("src_denominator")
