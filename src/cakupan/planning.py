"""The plan: spread several budgets over the unprotected to cover the most people, each payer
only paying for those its rules allow (an integer programme solved by HiGHS).

Unprotected people of the register are grouped by desa, segment (the first of their lists,
or none), five-year age band and whether the register says they work. A pledge may pay for a
group when the group is in its area and segment (working people only when it names no
segment) and the age band lies wholly inside its age range. Variables: persons of each
group paid by each pledge; each pledge's spending stays within its budget, each group's
persons are paid at most once; the objective is the number of persons covered.

Example:
    >>> age_band(23), age_band(71)
    (20, 65)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cakupan.coverage import data_as_of, require_coverage
from cakupan.errors import InputError
from cakupan.pledges import pledge_list
from cakupan.results import Plan, PlanGroup, PlanPayer, Pledge
from cakupan.rules import bpu_contribution
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = ["age_band", "plan", "plan_groups_sql"]

SEGMENT_ORDER = ("PERANGKAT_DESA", "RT_RW", "GURU_TPQ", "GURU_PAUD", "KUR")


def age_band(age: int) -> int:
    """The lower bound of a person's five-year band (15-19 … 65+)."""
    return max(15, min(65, age - age % 5))


def plan_groups_sql(as_of: dt.date) -> Sql:
    """Unprotected register persons counted by desa, segment, age band and working."""
    age_sql = "date_diff('year', r.birth_date, $as_of)"
    return Sql(
        f"""
    WITH seg AS (
        SELECT mp.person_key, min(list_position($order, m.segment)) AS rank_segment,
               arg_min(m.segment, list_position($order, m.segment)) AS segment
        FROM member_person mp JOIN segment_member m ON m.row_id = mp.member_row
        GROUP BY mp.person_key)
    SELECT r.desa_code, coalesce(s.segment, '') AS segment,
           greatest(15, least(65, {age_sql} - {age_sql} % 5)) AS age_band, r.is_worker,
           count(*) AS persons
    FROM register_by_person r LEFT JOIN seg s ON s.person_key = r.person_key
    WHERE r.person_key NOT IN (SELECT person_key FROM active_person)
      AND r.desa_code IS NOT NULL AND r.birth_date IS NOT NULL AND {age_sql} >= 15
    GROUP BY ALL
    """,
        {"as_of": as_of, "order": list(SEGMENT_ORDER)},
    )


def _eligible(pledge: Pledge, group: dict[str, Any]) -> bool:
    if pledge.area_code and not str(group["desa_code"]).startswith(pledge.area_code):
        return False
    if pledge.segment:
        if group["segment"] != pledge.segment:
            return False
    elif not group["is_worker"]:
        return False
    low, high = group["age_band"], group["age_band"] + 4
    if pledge.age_min is not None and low < int(pledge.age_min):
        return False
    return not (pledge.age_max is not None and high > int(pledge.age_max))


def _rules(pledge: Pledge) -> str:
    """A pledge's eligibility rules in words."""
    parts = []
    if pledge.segment:
        parts.append(f"segment {pledge.segment}")
    if pledge.area_code:
        parts.append(f"area {pledge.area_code}")
    if pledge.age_min is not None or pledge.age_max is not None:
        parts.append(f"age {pledge.age_min or 0}–{pledge.age_max or 'any'}")
    return "; ".join(parts) or "any unprotected working person"


def plan(wh: Warehouse, *, income: int = 1_000_000) -> Plan:
    """Solve the programme over every pledge; return, per payer, persons and money."""
    import highspy

    require_coverage(wh)
    listed = pledge_list(wh)
    skipped = [p for p in listed if p.problem]  # an imported row whose area is unknown
    pledges = [p for p in listed if not p.problem]
    if not pledges:
        raise InputError("plan.no_pledges")
    as_of = data_as_of(wh)
    monthly = bpu_contribution(income=income, on=as_of).total
    groups = wh.query(plan_groups_sql(as_of))
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.silent()
    variables: dict[tuple[int, int], Any] = {}
    for pi, pledge in enumerate(pledges):
        for gi, group in enumerate(groups):
            if _eligible(pledge, group):
                variables[(pi, gi)] = h.addVariable(
                    lb=0, ub=int(group["persons"]), type=highspy.HighsVarType.kInteger
                )
    if not variables:
        return Plan(
            as_of=as_of.isoformat(),
            status="nobody eligible",
            monthly_cost_per_person=monthly,
            persons=0,
            payers=(),
            skipped=_skipped(skipped),
            method=_METHOD,
        )
    for pi, pledge in enumerate(pledges):
        mine = [v for (p, _), v in variables.items() if p == pi]
        if mine:
            cost = monthly * int(pledge.months)
            h.addConstr(h.qsum(cost * v for v in mine) <= int(pledge.budget))
    for gi, group in enumerate(groups):
        theirs = [v for (_, g), v in variables.items() if g == gi]
        if len(theirs) > 1:
            h.addConstr(h.qsum(theirs) <= int(group["persons"]))
    h.maximize(h.qsum(variables.values()))
    status = str(h.getModelStatus()).rsplit(".", 1)[-1]
    payers = []
    for pi, pledge in enumerate(pledges):
        cost = monthly * int(pledge.months)
        chosen = [(groups[g], round(h.val(v))) for (p, g), v in variables.items() if p == pi]
        persons = sum(n for _, n in chosen)
        top = sorted(((n, grp) for grp, n in chosen if n), key=lambda t: -t[0])[:5]
        eligible = sum(int(grp["persons"]) for grp, _ in chosen)
        remaining = int(pledge.budget) - persons * cost
        payers.append(
            PlanPayer(
                id=pledge.id,
                payer=pledge.payer,
                payer_type=pledge.payer_type,
                budget=pledge.budget,
                persons=persons,
                spent=persons * cost,
                remaining=remaining,
                rules=_rules(pledge),
                eligible_persons=eligible,
                # Why not more: the money ran out, or everyone it may pay for is covered (by
                # this payer or by another whose rules fit them too).
                limited_by="budget" if remaining < cost else "eligible people",
                eligible_groups=len(chosen),
                largest_groups=tuple(
                    PlanGroup(
                        desa_code=grp["desa_code"],
                        segment=grp["segment"],
                        age_band=grp["age_band"],
                        persons=n,
                    )
                    for n, grp in top
                ),
            )
        )
    return Plan(
        as_of=as_of.isoformat(),
        status=status,
        monthly_cost_per_person=monthly,
        persons=sum(p.persons for p in payers),
        payers=tuple(payers),
        skipped=_skipped(skipped),
        method=_METHOD,
    )


def _skipped(pledges: list[Pledge]) -> tuple[dict[str, Any], ...]:
    return tuple({"id": p.id, "payer": p.payer, "problem": p.problem} for p in pledges)


_METHOD = (
    "integer programme (HiGHS): maximise persons covered; each pledge within its budget, each "
    "group at most its unprotected persons; groups by desa, segment, five-year age band and "
    "working"
)
