"""Lapsed members: BPU members whose contributions stopped and who hold no active membership
now — the cheapest people to win back.

Example:
    >>> lapsed_bucket(2), lapsed_bucket(13), lapsed_bucket(40)
    ('1-3', '13-24', '25+')
"""

from __future__ import annotations

import datetime as dt

from cakupan.coverage import data_as_of, require_coverage
from cakupan.results import Lapsed, LapsedBucket, LapsedPerson
from cakupan.rules import bpu_contribution
from cakupan.scope import Scope, require_scope
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = ["BUCKETS", "lapsed_bucket", "lapsed_report", "lapsed_sql"]

BUCKETS = (("1-3", 1, 3), ("4-6", 4, 6), ("7-12", 7, 12), ("13-24", 13, 24), ("25+", 25, 10**6))


def lapsed_bucket(months: int) -> str:
    """The bucket of months since the last paid month."""
    for label, low, high in BUCKETS:
        if low <= months <= high:
            return label
    return BUCKETS[0][0]


def lapsed_sql(as_of: dt.date) -> Sql:
    """One row per lapsed person: the latest BPU membership that stopped, months since,
    fewest months first."""
    return Sql(
        """
    WITH bpu AS (
        SELECT pp.person_key, pp.register_row, p.kpj, p.name, p.last_paid_month,
               $month0 - (year(p.last_paid_month) * 12 + month(p.last_paid_month) - 1)
                   AS months_since
        FROM participant p JOIN participant_person pp ON pp.participant_row = p.row_id
        WHERE p.segment = 'BPU' AND NOT p.active AND p.last_paid_month IS NOT NULL),
    latest AS (
        SELECT * FROM bpu QUALIFY row_number() OVER (
            PARTITION BY person_key ORDER BY last_paid_month DESC, kpj) = 1)
    SELECT l.person_key, l.kpj, coalesce(r.name, l.name) AS name, r.desa_code,
           r.kecamatan_code, l.last_paid_month, greatest(l.months_since, 1) AS months_since
    FROM latest l LEFT JOIN register r ON r.row_id = l.register_row
    WHERE l.person_key NOT IN (SELECT person_key FROM active_person)
    ORDER BY months_since, l.person_key
    """,
        {"month0": as_of.year * 12 + as_of.month - 1},
    )


def lapsed_report(wh: Warehouse, *, scope: Scope, limit: int = 50) -> Lapsed:
    """Lapsed persons within ``scope`` by how long ago they stopped, with the monthly cost of
    winning them back at the BPU minimum (JKK + JKM on Rp1.000.000 declared income); the
    first ``limit`` of them by name (a scope that sees aggregates only: ``limit=0``)."""
    require_scope(scope, persons=limit > 0)
    require_coverage(wh)
    as_of = data_as_of(wh)
    cost = bpu_contribution(income=1_000_000, on=as_of).total
    rows = [r for r in wh.query(lapsed_sql(as_of)) if scope.covers(r["desa_code"])]
    buckets = {label: 0 for label, _, _ in BUCKETS}
    for r in rows:
        buckets[lapsed_bucket(int(r["months_since"]))] += 1
    return Lapsed(
        as_of=as_of.isoformat(),
        persons=len(rows),
        monthly_cost_each=cost,
        monthly_cost_total=cost * len(rows),
        by_months_since=tuple(LapsedBucket(months=k, persons=v) for k, v in buckets.items()),
        rows=tuple(
            LapsedPerson(
                person_key=r["person_key"],
                kpj=r["kpj"],
                name=r["name"],
                desa_code=r["desa_code"],
                kecamatan_code=r["kecamatan_code"],
                last_paid_month=r["last_paid_month"],
                months_since=int(r["months_since"]),
                bucket=lapsed_bucket(int(r["months_since"])),
                monthly_cost=cost,
            )
            for r in rows[:limit]
        ),
        method="persons whose latest BPU membership is inactive and who hold no active "
        "membership; cost: BPU minimum contribution (JKK 1 % of Rp1.000.000 + JKM) "
        "in force on the as-of date",
    )
