"""Progress on Inpres 2/2021: per ecosystem of workers (village apparatus and RT/RW,
teachers, non-ASN staff, vulnerable workers, farmers and fishers, KUR debtors — as the
segment lists hold them, ``data/reports/inpres.toml``), how many are listed, protected and
not; and the budget pledged and used by source of funds, with the persons covered.

Example:
    >>> [e.key for e in ecosystems()][:3]
    ['village', 'teachers', 'non_asn']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from cakupan.errors import InputError
from cakupan.payers import pledge_views
from cakupan.publish import dashboard_read
from cakupan.reports.quarterly import PayerType, payer_types
from cakupan.scope import Scope, require_scope

__all__ = ["Ecosystem", "EcosystemLine", "InpresReport", "ecosystems", "inpres_report"]


@dataclass(frozen=True)
class Ecosystem:
    key: str
    id: str
    en: str
    segments: tuple[str, ...]


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


@cache
def ecosystems() -> tuple[Ecosystem, ...]:
    text = resources.files("cakupan.data.reports").joinpath("inpres.toml").read_text("utf-8")
    return tuple(
        Ecosystem(e["key"], e["id"], e["en"], tuple(s.upper() for s in e["segments"]))
        for e in tomllib.loads(text)["ecosystem"]
    )


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
    totals = {
        (row.segment or "").upper(): row
        for row in (dashboard.segments if scope.regency else ())
        if row.list_key is None
    }
    lines = []
    for eco in ecosystems():
        found = [totals[s] for s in eco.segments if s in totals]
        persons = sum(int(r.persons or 0) for r in found)
        protected = sum(r.active_persons for r in found)
        lines.append(
            EcosystemLine(
                key=eco.key,
                name=eco.en if language == "en" else eco.id,
                lists=tuple(s for s in eco.segments if s in totals),
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
