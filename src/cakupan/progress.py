"""Progress to the target: the kept history of the regency's UCJ, the targets set, and the
gap and pace of the published version — read from a published file (regency aggregates:
a public figure every role may see).

Example:
    >>> ProgressPoint("2023-03-31", 178781, 596550, 0.2997).ucj
    0.2997
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cakupan.publish import dashboard_read, open_publication
from cakupan.results import Gap
from cakupan.scope import Scope, require_scope

__all__ = ["Progress", "ProgressPoint", "TargetYear", "progress_read"]


@dataclass(frozen=True)
class ProgressPoint:
    as_of: str
    active_persons: int
    denominator: int | None
    ucj: float | None


@dataclass(frozen=True)
class TargetYear:
    year: int
    ucj: float
    set_by: str | None


@dataclass(frozen=True)
class Progress:
    history: tuple[ProgressPoint, ...]  # one per kept as-of date, oldest first
    targets: tuple[TargetYear, ...]  # targets set with `cakupan target set` (may be none)
    gap: Gap  # as of the published version: target, gap, months left, pace, forecast


def progress_read(publication: Path, *, scope: Scope | None) -> Progress:
    """The regency's progress as published (any scope may read it: aggregates only)."""
    require_scope(scope)
    with open_publication(publication) as wh:
        history = wh.query(
            "SELECT CAST(as_of AS VARCHAR) AS as_of, active_persons, denominator, ucj "
            "FROM coverage_history ORDER BY as_of"
        )
        targets = wh.query("SELECT year, ucj, set_by FROM target ORDER BY year")
    return Progress(
        history=tuple(ProgressPoint(**r) for r in history),
        targets=tuple(TargetYear(**r) for r in targets),
        gap=dashboard_read(publication).gap,
    )
