"""The typed results the shells render: frozen dataclasses, rendered as JSON by
:func:`as_json` (``dataclasses.asdict``) and read by attribute in the web templates.

Rows read from the warehouse become dataclasses with :func:`rows_as`, which takes each
field by name (and fails loudly when a column the type needs is missing).

Example:
    >>> m = Membership(membership="BPU", active_persons=12, ucj=0.01)
    >>> as_json(m)
    {'membership': 'BPU', 'active_persons': 12, 'ucj': 0.01}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cakupan.matching.engine import MatchSummary

__all__ = [
    "Activity",
    "AllocatedPledge",
    "Allocation",
    "CampaignDesa",
    "CampaignRanking",
    "Compliance",
    "CoverageOverview",
    "CoverageReport",
    "CoverageRow",
    "EventEffect",
    "EventEffects",
    "Forecast",
    "Gap",
    "GroupCost",
    "Lapsed",
    "LapsedBucket",
    "LapsedPerson",
    "Membership",
    "Plan",
    "PlanGroup",
    "PlanPayer",
    "Pledge",
    "PledgeTotal",
    "Refresh",
    "as_json",
    "rows_as",
]

T = TypeVar("T")


def rows_as(cls: type[T], rows: Iterable[Mapping[str, Any]], **extra: Any) -> tuple[T, ...]:
    """Each row as a ``cls``, fields taken by name (``extra`` fills the same for every row)."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    out = []
    for row in rows:
        values = {n: row[n] for n in names if n in row}
        values.update(extra)
        out.append(cls(**values))
    return tuple(out)


def as_json(result: Any) -> Any:
    """A result (or a dict or list holding results) as plain JSON-ready data; dates stay
    dates (the JSON writer prints them).

    >>> as_json({"rows": [Membership("PU", 1, None)]})
    {'rows': [{'membership': 'PU', 'active_persons': 1, 'ucj': None}]}
    """
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    if isinstance(result, dict):
        return {k: as_json(v) for k, v in result.items()}
    if isinstance(result, list | tuple):
        return [as_json(v) for v in result]
    return result


# --- coverage -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Membership:
    membership: str
    active_persons: int
    ucj: float | None


@dataclass(frozen=True)
class CoverageOverview:
    """The regency headline: active persons, denominator, UCJ and where they come from."""

    area_code: str
    year: int
    active_persons: int
    denominator: int | None
    denominator_source: str | None
    denominator_year: int | None
    ucj: float | None
    participant_rows: int
    participants_linked: int
    register_rows: int
    memberships: tuple[Membership, ...]
    method: str


@dataclass(frozen=True)
class CoverageRow:
    """One line of a breakdown: an area, a segment list or a kind of membership."""

    active_persons: int
    denominator: float | None
    ucj: float | None
    method: str
    level: str | None = None  # kecamatan, desa, unallocated (areas)
    area_code: str | None = None
    name: str | None = None
    parent_code: str | None = None
    register_workers: int | None = None
    denominator_source: str | None = None
    segment: str | None = None  # segment lists: list_key is None on a segment's total
    list_key: str | None = None
    partner: str | None = None
    list_rows: int | None = None
    persons: int | None = None
    membership: str | None = None
    as_of: str | None = None


@dataclass(frozen=True)
class CoverageReport:
    by: str
    year: int | None
    rows: tuple[CoverageRow, ...]
    period: str | None = None
    as_of: str | None = None


@dataclass(frozen=True)
class Refresh:
    """What a refresh computed: the coverage headline and how the records were matched."""

    coverage: CoverageOverview
    matching: MatchSummary


# --- targets --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Forecast:
    active_persons_per_month: int
    year_end_active_persons: int
    year_end_range: tuple[int, int]
    points: int


@dataclass(frozen=True)
class Gap:
    area_code: str
    year: int
    as_of: str
    active_persons: int
    denominator: int
    ucj: float
    target: float
    target_source: str
    target_persons: int
    gap_persons: int
    months_left: int
    monthly_pace_needed: int
    forecast: Forecast | None
    method: str


# --- lapsed members -------------------------------------------------------------------------
@dataclass(frozen=True)
class LapsedBucket:
    months: str
    persons: int


@dataclass(frozen=True)
class LapsedPerson:
    person_key: str
    kpj: str
    name: str | None
    desa_code: str | None
    kecamatan_code: str | None
    last_paid_month: Any
    months_since: int
    bucket: str
    monthly_cost: int


@dataclass(frozen=True)
class Lapsed:
    as_of: str
    persons: int
    monthly_cost_each: int
    monthly_cost_total: int
    by_months_since: tuple[LapsedBucket, ...]
    rows: tuple[LapsedPerson, ...]
    method: str


# --- compliance, campaigns, activity ----------------------------------------------------------
@dataclass(frozen=True)
class Compliance:
    as_of: str
    umk: int
    companies_checked: int
    non_compliant: int
    by_code: dict[str, dict[str, int]]
    potential_monthly_total: int
    companies: tuple[dict[str, Any], ...]  # each company's columns with its findings


@dataclass(frozen=True)
class CampaignDesa:
    desa_code: str
    desa: str | None
    kecamatan: str | None
    informal_workers: int
    unprotected: int
    unprotected_share: float


@dataclass(frozen=True)
class CampaignRanking:
    rows: tuple[CampaignDesa, ...]
    method: str


@dataclass(frozen=True)
class EventEffect:
    date: Any
    event_name: str | None
    venue_type: str | None
    desa_code: str | None
    desa: str | None
    attendance: int | None
    reported_registrations: int | None
    before: int
    after: int
    difference: int


@dataclass(frozen=True)
class EventEffects:
    weeks: int
    rows: tuple[EventEffect, ...]
    participants_with_registration_date: int
    method: str


@dataclass(frozen=True)
class Activity:
    payouts: tuple[dict[str, Any], ...] = ()
    payouts_by_program: tuple[dict[str, Any], ...] = ()
    cards: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()


# --- who pays -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Pledge:
    """A sponsor's pledge: who pays, how much, for how long and for whom."""

    id: int
    payer: str
    payer_type: str
    budget: int
    months: int
    segment: str | None = None
    area_code: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    priority: int = 100
    created_at: Any = None
    origin: str | None = None  # the imported file and row it came from
    problem: str | None = None  # why it covers nobody (an unknown area)


@dataclass(frozen=True)
class PledgeTotal:
    """A pledge with the persons its last allocation covers and the money spent."""

    id: int
    payer: str
    payer_type: str
    budget: int
    months: int
    persons: int
    spent: int


@dataclass(frozen=True)
class AllocatedPledge:
    id: int
    payer: str
    payer_type: str
    budget: int
    months: int
    cost_per_person: int
    persons: int
    spent: int
    remaining: int
    origin: str | None
    problem: str | None


@dataclass(frozen=True)
class Allocation:
    as_of: str
    monthly_cost_per_person: int
    pledges: tuple[AllocatedPledge, ...]
    method: str


@dataclass(frozen=True)
class PlanGroup:
    desa_code: str
    segment: str
    age_band: int
    persons: int


@dataclass(frozen=True)
class PlanPayer:
    id: int
    payer: str
    payer_type: str
    budget: int
    persons: int
    spent: int
    remaining: int
    rules: str
    eligible_persons: int
    limited_by: str  # "budget" or "eligible people"
    eligible_groups: int
    largest_groups: tuple[PlanGroup, ...]


@dataclass(frozen=True)
class Plan:
    as_of: str
    status: str
    monthly_cost_per_person: int
    persons: int
    payers: tuple[PlanPayer, ...]
    skipped: tuple[dict[str, Any], ...]
    method: str


@dataclass(frozen=True)
class GroupCost:
    group: dict[str, str]
    persons: int
    months: int
    declared_income: int
    jht: bool
    monthly_per_person: int
    monthly_total: int
    total: int
    method: str
