"""Coverage (UCJ): active persons ÷ working population, for the regency, its kecamatan and
desa, each segment list and each kind of membership.

Method (also written in ``docs/coverage-method.md`` and shown beside each figure):

* numerator: distinct persons with at least one active membership, a person being one
  ``person_key`` of :mod:`cakupan.matching`;
* regency denominator: the official working-population figure in force (latest year not
  after the period);
* desa denominator: the regency figure shared out by each desa's working people in the
  register; kecamatan figures are sums of their desa;
* active persons who cannot be placed in a desa form an ``unallocated`` line, so that the
  desa numerators plus that line equal the regency numerator exactly.

Example:
    >>> compute_coverage_sql(regency="35.16", year=2023)[1].params
    {'regency': '35.16', 'year': 2023}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from cakupan.errors import InputError
from cakupan.results import CoverageOverview, CoverageReport, CoverageRow, Membership, rows_as
from cakupan.sql import Sql, quote_identifier
from cakupan.warehouse import Warehouse

__all__ = [
    "METHOD",
    "compute_coverage",
    "compute_coverage_sql",
    "coverage_areas",
    "coverage_overview",
    "coverage_report",
    "coverage_segments",
    "data_as_of",
    "parse_period",
    "require_coverage",
]

METHOD = {
    "regency": "active persons ÷ official working population (denominator table)",
    "area": "active persons living in the area (register) ÷ official figure × area's share "
    "of the register's working people",
    "unallocated": "active persons not placed in any desa of the register",
    "segment": "persons in the list with an active membership ÷ persons in the list "
    "(de-duplicated)",
    "membership": "active persons holding this kind of membership ÷ official working population",
}


def compute_coverage_sql(*, regency: str, year: int) -> tuple[Sql, ...]:
    """Statements creating the ``coverage_*`` tables for one regency and year."""
    area = {"regency": regency}
    both = {"regency": regency, "year": int(year)}
    return (
        Sql(
            """
        CREATE OR REPLACE TABLE active_person AS
        SELECT person_key, any_value(register_row) AS register_row,
               list_sort(coalesce(list(DISTINCT segment) FILTER (WHERE segment IS NOT NULL),
                                  [])) AS segments
        FROM (SELECT pp.person_key, pp.register_row, p.segment
              FROM participant p JOIN participant_person pp ON pp.participant_row = p.row_id
              WHERE p.active
              UNION ALL  -- persons a status answer says are members (cakupan.exchange)
              SELECT person_key, register_row, segment FROM status_person WHERE active)
        GROUP BY person_key
        """,
        ),
        Sql(
            """
        CREATE OR REPLACE TEMP TABLE official AS
        SELECT figure, source, year FROM denominator
        WHERE area_code = $regency AND year <= $year ORDER BY year DESC LIMIT 1
        """,
            both,
        ),
        Sql(
            """
        CREATE OR REPLACE TABLE coverage_area AS
        WITH workers AS (
            SELECT desa_code, count(*) FILTER (WHERE is_worker) AS workers
            FROM register_by_person WHERE desa_code IS NOT NULL GROUP BY desa_code),
        total AS (SELECT sum(workers) AS total FROM workers),
        act AS (
            SELECT r.desa_code, count(*) AS n FROM active_person a
            JOIN register r ON r.row_id = a.register_row
            WHERE r.desa_code IS NOT NULL GROUP BY r.desa_code),
        desa AS (
            SELECT 'desa' AS level, a.code AS area_code, a.name, a.parent_code,
                   coalesce(act.n, 0) AS active_persons, coalesce(w.workers, 0) AS register_workers,
                   (SELECT figure FROM official) * coalesce(w.workers, 0)
                       / nullif((SELECT total FROM total), 0) AS denominator
            FROM area a LEFT JOIN workers w ON w.desa_code = a.code
            LEFT JOIN act ON act.desa_code = a.code
            WHERE a.level = 'desa' AND starts_with(a.code, $regency || '.')),
        kec AS (
            SELECT 'kecamatan' AS level, k.code, k.name, k.parent_code,
                   sum(d.active_persons) AS active_persons,
                   sum(d.register_workers) AS register_workers, sum(d.denominator) AS denominator
            FROM area k JOIN desa d ON d.parent_code = k.code
            WHERE k.level = 'kecamatan' GROUP BY k.code, k.name, k.parent_code),
        -- a province's regencies (a regency's warehouse holds none under it)
        kab AS (
            SELECT 'kabupaten' AS level, b.code, b.name, b.parent_code, sum(k.active_persons),
                   sum(k.register_workers), sum(k.denominator)
            FROM area b JOIN kec k ON k.parent_code = b.code
            WHERE b.level = 'kabupaten' AND starts_with(b.code, $regency || '.')
            GROUP BY b.code, b.name, b.parent_code),
        unallocated AS (
            SELECT 'unallocated', NULL, 'Tidak teralokasi', $regency,
                   (SELECT count(*) FROM active_person) - (SELECT coalesce(sum(n), 0) FROM act),
                   0, NULL::DOUBLE)
        SELECT *, active_persons / nullif(denominator, 0) AS ucj FROM (
            SELECT * FROM desa UNION ALL SELECT * FROM kec UNION ALL SELECT * FROM kab
            UNION ALL SELECT * FROM unallocated)
        """,
            area,
        ),
        Sql(
            """
        CREATE OR REPLACE TABLE coverage_segment AS
        WITH m AS (
            SELECT s.segment, s.list_key, s.partner, mp.person_key,
                   a.person_key IS NOT NULL AS active
            FROM segment_member s
            JOIN member_person mp ON mp.list_key = s.list_key AND mp.member_row = s.row_id
            LEFT JOIN active_person a ON a.person_key = mp.person_key)
        SELECT segment, list_key,
               -- a segment's total names its partner only when one partner sent it all
               CASE WHEN count(DISTINCT partner) = 1 THEN any_value(partner) END AS partner,
               count(*) AS list_rows,
               count(DISTINCT person_key) AS persons,
               count(DISTINCT person_key) FILTER (WHERE active) AS active_persons,
               count(DISTINCT person_key) FILTER (WHERE active)
                   / nullif(count(DISTINCT person_key), 0) AS ucj
        FROM m GROUP BY GROUPING SETS ((segment), (segment, list_key))
        """,
        ),
        Sql(
            """
        CREATE OR REPLACE TABLE coverage_membership AS
        SELECT s AS membership, count(*) AS active_persons,
               count(*) / (SELECT figure FROM official) AS ucj
        FROM (SELECT unnest(segments) AS s FROM active_person) GROUP BY s
        """,
        ),
        Sql(
            """
        CREATE OR REPLACE TABLE coverage_summary AS
        SELECT $regency AS area_code, $year AS year,
               (SELECT count(*) FROM active_person) AS active_persons,
               (SELECT figure FROM official) AS denominator,
               (SELECT source FROM official) AS denominator_source,
               (SELECT year FROM official) AS denominator_year,
               (SELECT count(*) FROM active_person) / (SELECT figure FROM official) AS ucj,
               (SELECT count(*) FROM participant) AS participant_rows,
               (SELECT count(*) FROM participant_person WHERE register_row IS NOT NULL)
                   AS participants_linked,
               (SELECT count(*) FROM register) AS register_rows
        """,
            both,
        ),
    )


def compute_coverage(wh: Warehouse, *, regency: str, as_of: dt.date) -> CoverageOverview:
    """Compute every coverage table in one transaction (on Spark when the warehouse's engine
    is Spark); return the regency summary."""
    statements = compute_coverage_sql(regency=regency, year=as_of.year)
    with wh.transaction():
        if wh.engine.spark:
            from cakupan.spark import spark_exchange

            with spark_exchange(wh, wh.engine) as exchange:
                exchange.run(statements)
        else:
            wh.execute(statements)
    return coverage_overview(wh)


def coverage_overview(wh: Warehouse) -> CoverageOverview:
    """The regency headline: active persons, denominator, UCJ and where it comes from."""
    require_coverage(wh)
    return rows_as(
        CoverageOverview,
        wh.query("SELECT * FROM coverage_summary"),
        memberships=_memberships(wh),
        method=METHOD["regency"],
    )[0]


def _from_sql(table: str, as_of: dt.date | None) -> tuple[str, list[Any]]:
    """``FROM ... WHERE`` of the current table, or of its history at ``as_of`` (kept at every
    refresh), with its parameters; more conditions follow with ``AND``."""
    if as_of:
        return f"FROM {quote_identifier(table + '_history')} WHERE as_of = ?", [as_of]
    return f"FROM {quote_identifier(table)} WHERE true", []


def coverage_areas(
    wh: Warehouse, *, level: str, parent: str | None = None, as_of: dt.date | None = None
) -> tuple[CoverageRow, ...]:
    """Coverage rows of one level (``kabupaten``, ``kecamatan``, ``desa`` or ``unallocated``),
    now or at a past as-of date."""
    from_sql, params = _from_sql("coverage_area", as_of)
    from_sql += " AND level = ?"
    params.append(level)
    if parent:
        from_sql += " AND parent_code = ?"
        params.append(parent)
    method = METHOD["unallocated" if level == "unallocated" else "area"]
    rows = wh.query(f"SELECT * {from_sql} ORDER BY area_code", params)
    return rows_as(CoverageRow, rows, method=method)


def coverage_segments(wh: Warehouse, *, as_of: dt.date | None = None) -> tuple[CoverageRow, ...]:
    """Coverage of each segment (all its lists together) and of each list; the denominator of
    a list is its persons."""
    from_sql, params = _from_sql("coverage_segment", as_of)
    rows = wh.query(
        f"SELECT *, persons AS denominator {from_sql} ORDER BY segment, list_key NULLS FIRST",
        params,
    )
    return rows_as(CoverageRow, rows, method=METHOD["segment"])


def _memberships(wh: Warehouse, as_of: dt.date | None = None) -> tuple[Membership, ...]:
    from_sql, params = _from_sql("coverage_membership", as_of)
    return rows_as(
        Membership,
        wh.query(f"SELECT membership, active_persons, ucj {from_sql} ORDER BY membership", params),
    )


def data_as_of(wh: Warehouse) -> dt.date:
    """The as-of date of the data in the warehouse (today when nothing says)."""
    value = wh.scalar("SELECT value FROM meta WHERE key = 'as_of'")
    return dt.date.fromisoformat(str(value)) if value else dt.date.today()


def require_coverage(wh: Warehouse) -> None:
    """Raise a clear :class:`InputError` when coverage is not computed yet."""
    if not wh.scalar("SELECT count(*) FROM coverage_summary"):
        raise InputError(
            "coverage.not_computed",
        )


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """``2023-03`` or ``2023Q1`` → the first and last day of that month or quarter.

    >>> parse_period("2023Q1")
    (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31))
    """
    text = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, first, last = int(m[1]), int(m[2]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})-?Q([1-4])", text):
        year, first = int(m[1]), 3 * int(m[2]) - 2
        last = first + 2
    else:
        raise InputError(
            "coverage.bad_period",
            text=text,
        )
    if not 1 <= first <= 12:
        raise InputError("coverage.bad_month", m=first)
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def coverage_report(
    wh: Warehouse, *, by: str = "regency", period: str | None = None
) -> CoverageReport:
    """Coverage rows for one breakdown, each with ``active_persons``, ``denominator``, ``ucj``
    (a fraction 0–1) and ``method``; ``area_code`` or ``segment`` / ``membership`` names it.

    ``by`` is ``regency``, ``kabupaten`` (a province's regencies), ``kecamatan``, ``desa``
    (the areas with the ``unallocated`` line last),
    ``segment`` or ``membership``. With ``period`` (``2023-03``, ``2023Q1``), the figures of
    the latest data inside that month or quarter, kept at every refresh.
    """
    require_coverage(wh)
    if by not in ("regency", "kabupaten", "kecamatan", "desa", "segment", "membership"):
        raise InputError("coverage.bad_breakdown", by=by)
    summary = coverage_overview(wh)
    as_of = _period_as_of(wh, period) if period else None
    if as_of is not None and as_of == data_as_of(wh):
        as_of = None  # the current data: the current tables
    if as_of is not None and by != "regency":
        _require_breakdown(wh, by=by, as_of=as_of)
    if as_of is not None:
        history = wh.query("SELECT * FROM coverage_history WHERE as_of = ?", [as_of])[0]
        summary = dataclasses.replace(
            summary,
            year=as_of.year,
            active_persons=history["active_persons"],
            denominator=history["denominator"],
            ucj=history["ucj"],
            denominator_source=None,
            memberships=_memberships(wh, as_of),
        )
    rows: tuple[CoverageRow, ...]
    if by == "regency":
        rows = (
            CoverageRow(
                area_code=summary.area_code,
                active_persons=summary.active_persons,
                denominator=summary.denominator,
                ucj=summary.ucj,
                denominator_source=summary.denominator_source,
                method=METHOD["regency"],
            ),
        )
    elif by in ("kabupaten", "kecamatan", "desa"):
        areas = coverage_areas(wh, level=by, as_of=as_of)
        if by == "kabupaten" and not areas:  # a regency's warehouse: it is the one regency
            raise InputError("coverage.not_a_province", area=summary.area_code)
        rows = areas + coverage_areas(wh, level="unallocated", as_of=as_of)
    elif by == "segment":
        rows = coverage_segments(wh, as_of=as_of)
    else:
        rows = tuple(
            CoverageRow(
                membership=m.membership,
                active_persons=m.active_persons,
                ucj=m.ucj,
                denominator=summary.denominator,
                method=METHOD["membership"],
            )
            for m in summary.memberships
        )
    if not period:
        return CoverageReport(by=by, year=summary.year, rows=rows)
    day = (as_of or data_as_of(wh)).isoformat()
    return CoverageReport(
        by=by,
        year=summary.year,
        rows=tuple(dataclasses.replace(r, as_of=day) for r in rows),
        period=period,
        as_of=day,
    )


def _require_breakdown(wh: Warehouse, *, by: str, as_of: dt.date) -> None:
    table = {"segment": "coverage_segment", "membership": "coverage_membership"}.get(
        by, "coverage_area"
    )
    from_sql, params = _from_sql(table, as_of)
    kept = wh.scalar(f"SELECT count(*) {from_sql}", params)
    if not kept:
        raise InputError(
            "coverage.period_breakdown",
            by=by,
            as_of=as_of.isoformat(),
        )


def _period_as_of(wh: Warehouse, period: str) -> dt.date:
    """The as-of date of the latest data kept inside ``period``."""
    start, end = parse_period(period)
    found = wh.scalar(
        "SELECT max(as_of) FROM coverage_history WHERE as_of BETWEEN ? AND ?", [start, end]
    )
    if found is None:
        current = data_as_of(wh)
        if start <= current <= end:
            return current
        known = [
            str(r["as_of"]) for r in wh.query("SELECT as_of FROM coverage_history ORDER BY as_of")
        ]
        raise InputError(
            "coverage.no_period",
            period=period,
            known=", ".join(known) or "no date",
        )
    return found if isinstance(found, dt.date) else dt.date.fromisoformat(str(found))
