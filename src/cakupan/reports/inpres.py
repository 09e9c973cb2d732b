"""Progress on Inpres 2/2021: per ecosystem of workers (village apparatus and RT/RW,
teachers, non-ASN staff, vulnerable workers, farmers and fishers, KUR debtors — as the
segment lists hold them, ``data/reports/inpres.toml``), how many are listed, protected and
not; and the budget pledged and used by source of funds, with the persons covered.

Example:
    >>> [e.key for e in ecosystems()][:3]
    ['village', 'teachers', 'non_asn']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cakupan.ecosystems import Ecosystem, EcosystemCount, ecosystems
from cakupan.errors import InputError
from cakupan.payers import pledge_views
from cakupan.publish import dashboard_read
from cakupan.reports.quarterly import PayerType, payer_types
from cakupan.scope import Scope, require_scope
from cakupan.serving import Dashboard

__all__ = ["Ecosystem", "EcosystemLine", "InpresReport", "ecosystems", "inpres_report"]


@dataclass(frozen=True)
class EcosystemLine:
    key: str
    name: str
    lists: tuple[str, ...]  # the segment labels found for it (none: not listed yet)
    persons: int
    protected: int
    unprotected: int
    share: float | None


@dataclass(frozen=True)
class InpresReport:
    regency: str
    year: int
    as_of: str
    ecosystems: tuple[EcosystemLine, ...]
    payers: tuple[PayerType, ...]
    scope_label: str


def inpres_report(
    publication: Path, *, scope: Scope, year: int, language: str = "id"
) -> InpresReport:
    """Progress of ``year`` (the published figures' year) within ``scope``: the segment
    lists are regency-wide, so an area's scope gets the budget part only."""
    scope = require_scope(scope)
    dashboard = dashboard_read(publication)
    as_of = dashboard.gap.as_of
    if int(as_of[:4]) != year:
        raise InputError("report.year_not_published", year=year, as_of=as_of)
    counts = _counts(dashboard) if scope.regency else {}
    lines = []
    for eco in ecosystems():
        found = counts.get(eco.key)
        persons = found.persons if found else 0
        protected = found.active_persons if found else 0
        lines.append(
            EcosystemLine(
                key=eco.key,
                name=eco.en if language == "en" else eco.id,
                lists=found.lists if found else (),
                persons=persons,
                protected=protected,
                unprotected=persons - protected,
                share=protected / persons if persons else None,
            )
        )
    return InpresReport(
        regency=dashboard.gap.area_code,
        year=year,
        as_of=as_of,
        ecosystems=tuple(lines),
        payers=payer_types(pledge_views(publication, scope=scope)),
        scope_label=scope.label,
    )


def _counts(dashboard: Dashboard) -> dict[str, EcosystemCount]:
    """Each ecosystem's persons as published; a publication made before they were counted
    there sums its lists' totals (a person on two lists of one ecosystem counts twice)."""
    if dashboard.ecosystems:
        return {c.key: c for c in dashboard.ecosystems}
    totals = {(r.segment or "").upper(): r for r in dashboard.segments if r.list_key is None}
    counts = {}
    for eco in ecosystems():
        found = [totals[s] for s in eco.segments if s in totals]
        if found:
            counts[eco.key] = EcosystemCount(
                eco.key,
                tuple(s for s in eco.segments if s in totals),
                sum(int(r.persons or 0) for r in found),
                sum(r.active_persons for r in found),
            )
    return counts
