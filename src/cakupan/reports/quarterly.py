"""The quarterly UCJ report: everything the Bupati and DPRD read each quarter, from the
publication the dashboard shows, cut to the reader's scope.

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.scope import Scope
    >>> from cakupan.reports.periods import Period
    >>> try:
    ...     quarterly_report(pathlib.Path(tempfile.mkdtemp()) / "none.duckdb",
    ...                      scope=Scope.whole_regency("t"), period=Period(2023, 1))
    ... except CakupanError as error:
    ...     print(error.code)
    publication.none
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from cakupan import areas
from cakupan.errors import CakupanError, InputError
from cakupan.ingest.history import snapshot_history
from cakupan.payers import PledgeView, pledge_views
from cakupan.progress import ProgressPoint, progress_read
from cakupan.publish import dashboard_read
from cakupan.reports.periods import Period
from cakupan.results import Compliance, CoverageOverview, CoverageRow, Gap, Lapsed, Membership
from cakupan.scope import Scope, require_scope
from cakupan.serving import dashboard_for

__all__ = ["PayerType", "QuarterlyReport", "SourceDate", "payer_types", "quarterly_report"]


@dataclass(frozen=True)
class SourceDate:
    """How recent one kind of source is: its current files and the latest as-of date."""

    source_type: str
    files: int
    as_of: str | None


@dataclass(frozen=True)
class PayerType:
    """Pledges of one kind of payer (APBD, APBDes, DBHCHT, CSR, Baznas, self)."""

    payer_type: str
    pledges: int
    budget: int
    persons: int
    spent: int


@dataclass(frozen=True)
class QuarterlyReport:
    """The figures of one quarter's report (``scope_label``: whose part it is)."""

    regency: str
    regency_name: str
    period: Period
    as_of: str
    published_at: str
    scope_label: str
    regency_wide: bool
    sources: tuple[SourceDate, ...]
    overview: CoverageOverview
    gap: Gap
    history: tuple[ProgressPoint, ...]
    kecamatan: tuple[CoverageRow, ...]
    unallocated: CoverageRow | None
    desa: tuple[CoverageRow, ...]
    segments: tuple[CoverageRow, ...]
    memberships: tuple[Membership, ...]
    lapsed: Lapsed | None  # counts only: the persons are the work lists'
    compliance: Compliance | None
    payers: tuple[PayerType, ...]
    payouts_records: int
    payouts_amount: int
    cards: int
    events: int


def _in_period(rows: tuple[dict[str, object], ...], period: Period) -> list[dict[str, object]]:
    return [r for r in rows if r.get("quarter") == period.key]


def _sources(publication: Path) -> tuple[SourceDate, ...]:
    files: dict[str, int] = defaultdict(int)
    latest: dict[str, str] = {}
    for s in snapshot_history(publication):
        if not s.current:
            continue
        files[s.source_type] += 1
        day = s.as_of.isoformat() if s.as_of else ""
        latest[s.source_type] = max(latest.get(s.source_type, ""), day)
    return tuple(SourceDate(t, files[t], latest[t] or None) for t in sorted(files))


def payer_types(pledges: tuple[PledgeView, ...]) -> tuple[PayerType, ...]:
    """Pledges summed by kind of payer."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in pledges:
        line = totals[p.payer_type]
        line[0] += 1
        line[1] += p.budget
        line[2] += p.persons
        line[3] += p.spent
    return tuple(PayerType(kind, *values) for kind, values in sorted(totals.items()))


def quarterly_report(publication: Path, *, scope: Scope, period: Period) -> QuarterlyReport:
    """The report of ``period`` from ``publication`` (whose as-of date must fall in it: a
    report states what was known at the quarter's end), within ``scope``."""
    scope = require_scope(scope)
    if not publication.exists():
        raise CakupanError("publication.none")
    full = dashboard_read(publication)
    data = dashboard_for(full, scope)
    as_of = str(full.meta.get("as_of") or full.gap.as_of)
    published = Period.of(dt.date.fromisoformat(as_of[:10]))
    if published != period:
        raise InputError(
            "report.period_not_published", period=period.key, as_of=as_of,
            published=published.key,
        )  # fmt: skip
    regency = full.gap.area_code
    activity = full.activity if scope.regency else data.activity
    payouts = _in_period(activity.payouts, period)
    cards = _in_period(activity.cards, period)
    events = [e for e in activity.events if str(e.get("date", ""))[:10] >= period.start.isoformat()
              and str(e.get("date", ""))[:10] <= period.end.isoformat()]  # fmt: skip
    lapsed = dataclasses.replace(data.lapsed, rows=()) if data.lapsed else None
    return QuarterlyReport(
        regency=regency,
        regency_name=areas.get(regency).name.title(),
        period=period,
        as_of=as_of,
        published_at=str(full.meta.get("built_at", "")),
        scope_label=scope.label,
        regency_wide=scope.regency,
        sources=_sources(publication),
        overview=data.overview,
        gap=data.gap,
        history=progress_read(publication, scope=scope).history,
        kecamatan=data.kecamatan,
        unallocated=data.unallocated,
        desa=data.desa,
        segments=data.segments,
        memberships=data.overview.memberships,
        lapsed=lapsed,
        compliance=data.compliance,
        payers=payer_types(pledge_views(publication, scope=scope)),
        payouts_records=sum(int(str(r.get("records") or 0)) for r in payouts),
        payouts_amount=sum(int(str(r.get("amount") or 0)) for r in payouts),
        cards=sum(int(str(r.get("records") or 0)) for r in cards),
        events=len(events),
    )
