"""Who pays: sponsor pledges (APBD, APBDes, DBHCHT, CSR, Baznas, self) and their allocation to
eligible unprotected persons, never one person twice and never beyond a budget.

Allocation takes the pledges in order (priority, then id) and, within each, the eligible
unprotected persons by a stated priority: first the lapsed (cheapest to win back, they know
the scheme), then the oldest. Each person costs the BPU contribution (JKK + JKM on the
declared income, Rp1.000.000 by default) for the pledge's months.

Example:
    >>> person_cost(months=12)
    201600
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cakupan.coverage import data_as_of, require_coverage
from cakupan.errors import InputError
from cakupan.results import AllocatedPledge, Allocation, Pledge, PledgeTotal, rows_as
from cakupan.rules import bpu_contribution
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = [
    "PAYER_TYPES",
    "person_cost",
    "pledge_add",
    "pledge_allocate",
    "pledge_allocation_sql",
    "pledge_list",
    "pledge_summary",
    "pledges_sync_imported",
]

PAYER_TYPES = ("APBD", "APBDES", "DBHCHT", "CSR", "BAZNAS", "SELF")


def person_cost(*, months: int, income: int = 1_000_000, on: dt.date | None = None) -> int:
    """What covering one BPU member (JKK + JKM) costs for ``months`` months."""
    return months * bpu_contribution(income=income, on=on).total


def pledge_add(
    wh: Warehouse,
    *,
    payer: str,
    payer_type: str,
    budget: int,
    months: int,
    segment: str | None = None,
    area_code: str | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    priority: int = 100,
) -> int:
    """Record a pledge; return its id."""
    kind = payer_type.strip().upper()
    if kind not in PAYER_TYPES:
        raise InputError(
            "pledge.bad_type",
            types=", ".join(PAYER_TYPES),
            kind=payer_type,
        )
    if budget <= 0 or not 1 <= months <= 120:
        raise InputError("pledge.bad_amount")
    pledge_id = int(wh.scalar("SELECT nextval('pledge_seq')"))
    wh.execute(
        "INSERT INTO pledge (id, payer, payer_type, budget, months, segment, area_code, "
        "age_min, age_max, priority, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [
            pledge_id,
            payer.strip(),
            kind,
            budget,
            months,
            segment.upper() if segment else None,
            area_code,
            age_min,
            age_max,
            priority,
        ],
    )
    return pledge_id


def pledge_summary(wh: Warehouse) -> tuple[PledgeTotal, ...]:
    """Every pledge with the persons its last allocation covers and the money spent."""
    rows = wh.query("""
        SELECT p.id, p.payer, p.payer_type, p.budget, p.months,
               count(a.person_key) AS persons, coalesce(sum(a.total_cost), 0) AS spent
        FROM pledge p LEFT JOIN pledge_allocation a ON a.pledge_id = p.id
        GROUP BY p.id, p.payer, p.payer_type, p.budget, p.months, p.priority
        ORDER BY p.priority, p.id""")
    return rows_as(PledgeTotal, rows)


def pledge_list(wh: Warehouse) -> tuple[Pledge, ...]:
    """Every pledge, in the order allocation takes them (priority, then id)."""
    return rows_as(Pledge, wh.query("SELECT * FROM pledge ORDER BY priority, id"))


def _area_of(text: str | None, regency: str) -> tuple[str | None, str | None]:
    """(area code, problem) of a pledge's target area written as a code or a name."""
    from cakupan.ingest.values import AreaResolver, parse_area_code

    if not text or not text.strip():
        return None, None
    if re.fullmatch(r"[\d.]+", text.strip()):
        code, _, _ = parse_area_code(text)
        return (str(code), None) if code else (None, f"unknown area code '{text}'")
    resolver = AreaResolver(regency)
    kecamatan, _, _ = resolver.kecamatan_of(text)
    if kecamatan:
        return str(kecamatan), None
    (desa, _, _), _ = resolver.resolve(text, "")
    if desa:
        return str(desa), None
    return None, f"area '{text}' is neither a kecamatan nor a desa of {regency}"


def pledges_sync_imported(wh: Warehouse, *, regency: str) -> int:
    """Make the pledges of the current ``pledges`` import part of the allocation.

    Each imported row becomes a pledge (kept with its id while its snapshot is current; gone
    when a new file replaces it). A row whose target area cannot be found stays listed with
    its problem and covers nobody. Returns the number of imported pledges.
    """
    rows = wh.query(
        "SELECT p.snapshot_id, p.row_number, p.payer, p.payer_type, p.amount, p.months, "
        "p.segment, p.area, p.age_min, p.age_max, s.file_name "
        "FROM current_src_pledges p JOIN snapshot s ON s.id = p.snapshot_id "
        "ORDER BY p.row_number"
    )
    origins = {f"{r['file_name']} row {r['row_number']} ({r['snapshot_id']})": r for r in rows}
    with wh.transaction():
        wh.execute(
            "DELETE FROM pledge WHERE origin IS NOT NULL AND NOT list_contains(?, origin)",
            [list(origins)],
        )
        known = {
            r["origin"] for r in wh.query("SELECT origin FROM pledge WHERE origin IS NOT NULL")
        }
        for origin, r in origins.items():
            if origin in known:
                continue
            area, problem = _area_of(r["area"], regency)
            wh.execute(
                "INSERT INTO pledge (id, payer, payer_type, budget, months, segment, "
                "area_code, age_min, age_max, priority, created_at, origin, problem) "
                "VALUES (nextval('pledge_seq'), ?, ?, ?, ?, ?, ?, ?, ?, 100, now(), ?, ?)",
                [
                    r["payer"],
                    r["payer_type"],
                    r["amount"],
                    r["months"],
                    r["segment"].upper() if r["segment"] else None,
                    area,
                    r["age_min"],
                    r["age_max"],
                    origin,
                    problem,
                ],
            )
    return len(origins)


def pledge_allocation_sql(pledge: Pledge, *, as_of: dt.date, monthly: int) -> Sql:
    """The statement allocating one pledge: its eligible unprotected persons, lapsed first,
    then the oldest, as many as its budget pays for. Every value of the pledge is a
    parameter (a segment ``GURU'TPQ`` is a value like any other)."""
    conditions = [
        "r.person_key NOT IN (SELECT person_key FROM active_person)",
        "r.person_key NOT IN (SELECT person_key FROM allocated)",
    ]
    each = monthly * int(pledge.months)
    params: dict[str, Any] = {
        "pledge": int(pledge.id),
        "months": int(pledge.months),
        "monthly": monthly,
        "each": each,
        "limit": 0 if pledge.problem else int(pledge.budget) // each,
    }
    if not pledge.segment:  # a list says they work (a TPQ teacher), the register may not
        conditions.append("r.is_worker")
    if pledge.area_code:
        conditions.append("(r.desa_code = $area OR starts_with(r.desa_code, $area || '.'))")
        params["area"] = pledge.area_code
    if pledge.segment:
        conditions.append(
            "r.person_key IN (SELECT mp.person_key FROM member_person mp "
            "JOIN segment_member m ON m.row_id = mp.member_row WHERE m.segment = $segment)"
        )
        params["segment"] = pledge.segment
    if pledge.age_min is not None:
        conditions.append("date_diff('year', r.birth_date, $as_of) >= $age_min")
        params["age_min"] = int(pledge.age_min)
    if pledge.age_max is not None:
        conditions.append("date_diff('year', r.birth_date, $as_of) <= $age_max")
        params["age_max"] = int(pledge.age_max)
    if "age_min" in params or "age_max" in params:
        params["as_of"] = as_of
    where_sql = " AND ".join(conditions)
    return Sql(
        f"""
    INSERT INTO pledge_allocation
    SELECT $pledge, person_key, name, nik, desa_code, $months, $monthly, $each FROM (
        SELECT r.person_key, r.name, r.nik, r.desa_code, r.birth_date, r.row_id,
               EXISTS (SELECT 1 FROM participant_person pp
                       WHERE pp.person_key = r.person_key) AS lapsed
        FROM register_by_person r WHERE {where_sql})
    ORDER BY lapsed DESC, birth_date, row_id LIMIT $limit""",
        params,
    )


def pledge_allocate(wh: Warehouse, *, income: int = 1_000_000) -> Allocation:
    """Allocate every pledge afresh; return, per pledge, the persons covered and the money."""
    require_coverage(wh)
    as_of = data_as_of(wh)
    monthly = bpu_contribution(income=income, on=as_of).total
    results = []
    with wh.transaction():
        wh.execute("DELETE FROM pledge_allocation")
        wh.execute(
            "CREATE OR REPLACE TEMP VIEW allocated AS SELECT person_key FROM pledge_allocation"
        )
        for pledge in pledge_list(wh):
            each = monthly * int(pledge.months)
            wh.execute(pledge_allocation_sql(pledge, as_of=as_of, monthly=monthly))
            covered = int(
                wh.scalar("SELECT count(*) FROM pledge_allocation WHERE pledge_id = ?", [pledge.id])
            )
            results.append(
                AllocatedPledge(
                    id=pledge.id,
                    payer=pledge.payer,
                    payer_type=pledge.payer_type,
                    budget=pledge.budget,
                    months=pledge.months,
                    cost_per_person=each,
                    persons=covered,
                    spent=covered * each,
                    remaining=int(pledge.budget) - covered * each,
                    origin=pledge.origin,
                    problem=pledge.problem,
                )
            )
    return Allocation(
        as_of=as_of.isoformat(),
        monthly_cost_per_person=monthly,
        pledges=tuple(results),
        method="pledges in priority order; eligible unprotected working people of the "
        "register (segment, area, age as the pledge says), lapsed members first, "
        "then the oldest; one person at most once; BPU JKK + JKM per month",
    )
