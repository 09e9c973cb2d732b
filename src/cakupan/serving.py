"""Figures computed once: what the dashboard shows, computed from the warehouse at publish
time (never per page request), and read back from its JSON.

Example:
    >>> from cakupan.results import Membership
    >>> from_json(Membership, {"membership": "BPU", "active_persons": 3, "ucj": None})
    Membership(membership='BPU', active_persons=3, ucj=None)
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar

from cakupan import activity, campaigns, compliance, coverage, lapsed, pledges, targets
from cakupan.ecosystems import EcosystemCount, ecosystem_counts
from cakupan.errors import CakupanError
from cakupan.results import (
    Activity,
    CampaignDesa,
    Compliance,
    CoverageOverview,
    CoverageRow,
    EventEffects,
    Gap,
    Lapsed,
    PledgeTotal,
)
from cakupan.scope import Scope, require_scope
from cakupan.warehouse import Warehouse

__all__ = ["Dashboard", "dashboard_compute", "dashboard_for", "from_json"]

T = TypeVar("T")


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, as of one published version."""

    meta: dict[str, str]
    overview: CoverageOverview
    kecamatan: tuple[CoverageRow, ...]
    desa: tuple[CoverageRow, ...]
    unallocated: CoverageRow | None
    segments: tuple[CoverageRow, ...]
    gap: Gap
    lapsed: Lapsed | None  # None: not in the reader's scope
    campaign: tuple[CampaignDesa, ...]
    compliance: Compliance | None  # None: no company registry, or no UMK for the date
    pledges: tuple[PledgeTotal, ...]
    activity: Activity  # payouts, cards and events per quarter (report pages)
    events: EventEffects | None = None  # registrations around each event (area pages)
    kabupaten: tuple[CoverageRow, ...] = ()  # a province's regencies (none for a regency)
    ecosystems: tuple[EcosystemCount, ...] = ()  # Inpres 2/2021: each person once (reports)

    @property
    def is_demo(self) -> bool:
        return self.meta.get("dataset") == "demo"


def _compliance(wh: Warehouse, regency: str) -> Compliance | None:
    try:
        return compliance.compliance_report(wh, regency=regency, limit=5)
    except CakupanError:  # no company registry imported, or no UMK for the date
        return None


def dashboard_compute(wh: Warehouse, *, regency: str, default_target: float) -> Dashboard:
    """The dashboard's figures from the warehouse (coverage must be computed)."""
    unallocated = coverage.coverage_areas(wh, level="unallocated")
    return Dashboard(
        meta={r["key"]: r["value"] for r in wh.query("SELECT key, value FROM meta")},
        overview=coverage.coverage_overview(wh),
        kecamatan=coverage.coverage_areas(wh, level="kecamatan"),
        desa=coverage.coverage_areas(wh, level="desa"),
        unallocated=unallocated[0] if unallocated else None,
        segments=coverage.coverage_segments(wh),
        gap=targets.gap_report(wh, default_target=default_target),
        lapsed=lapsed.lapsed_report(wh, scope=Scope.whole_regency("publish"), limit=0),
        campaign=campaigns.campaign_ranking(wh, limit=5).rows,
        compliance=_compliance(wh, regency),
        pledges=pledges.pledge_summary(wh),
        activity=activity.activity_report(wh),
        events=campaigns.event_effects(wh),
        kabupaten=coverage.coverage_areas(wh, level="kabupaten"),
        ecosystems=ecosystem_counts(wh),
    )


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return _value(options[0], data) if len(options) == 1 else data
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return from_json(kind, data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], v) for v in data)
        return tuple(_value(a, v) for a, v in zip(args, data, strict=True))
    return data


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """A typed result rebuilt from its JSON (:func:`cakupan.results.as_json`); nested
    results and tuples are rebuilt too, dates stay the text JSON holds."""
    hints = _hints(typing.cast(type, cls))
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return cls(**{n: _value(hints[n], data[n]) for n in names if n in data})


def dashboard_for(data: Dashboard, scope: Scope | None) -> Dashboard:
    """What ``scope`` may see of a dashboard: the whole of it for a regency-wide scope; for an
    area scope, its own kecamatan and desa, with the headline summed over them; for a
    partner, its own pledges and the regency's headline (a public figure). Regency-wide
    lists that cannot be split by area (segments, lapsed members, compliance, activity) are
    left out of area and partner views."""
    scope = require_scope(scope)
    if scope.regency:
        return data
    desa = tuple(r for r in data.desa if scope.covers(r.area_code))
    kecamatan = tuple(r for r in data.kecamatan if r.area_code in scope.areas)
    return dataclasses.replace(
        data,
        overview=_overview_of(data.overview, scope, kecamatan or desa),
        kecamatan=kecamatan,
        desa=desa,
        kabupaten=(),  # area scopes are kecamatan and desa: no whole regency of a province
        ecosystems=(),
        unallocated=None,
        segments=(),
        lapsed=None,
        campaign=tuple(r for r in data.campaign if scope.covers(r.desa_code)),
        compliance=None,
        pledges=tuple(p for p in data.pledges if scope.covers_partner(p.payer)),
        activity=Activity(),
        events=None
        if data.events is None or not scope.areas
        else dataclasses.replace(
            data.events,
            rows=tuple(r for r in data.events.rows if scope.covers(r.desa_code)),
        ),
    )


def _overview_of(
    overview: CoverageOverview, scope: Scope, rows: tuple[CoverageRow, ...]
) -> CoverageOverview:
    if not scope.areas:  # a partner: the regency's headline
        return dataclasses.replace(overview, memberships=())
    active = sum(r.active_persons for r in rows)
    denominators = [r.denominator for r in rows if r.denominator is not None]
    denominator = round(sum(denominators)) if denominators else None
    return dataclasses.replace(
        overview,
        area_code=scope.label,
        active_persons=active,
        denominator=denominator,
        ucj=active / denominator if denominator else None,
        participant_rows=0,
        participants_linked=0,
        register_rows=0,
        memberships=(),
        method="sum of the scope's areas: active persons ÷ estimated working population",
    )
