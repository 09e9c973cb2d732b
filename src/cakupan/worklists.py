"""Work lists: the unprotected persons of a desa, a kecamatan or a segment list, with what is
known of them, for the officers who visit them. Every export of personal data is logged
(UU 27/2022).

Example:
    >>> worklist_sql(desa="35.16.12.2007").params
    {'area': '35.16.12.2007'}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cakupan._tables import write_table
from cakupan.coverage import data_as_of, require_coverage
from cakupan.errors import CakupanError, InputError
from cakupan.privacy import log_export
from cakupan.results import GroupCost
from cakupan.scope import Scope, require_scope
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = [
    "BATCH_COLUMNS",
    "BATCH_SQL",
    "COLUMNS",
    "export_worklist",
    "group_cost",
    "pledge_batch_rows",
    "worklist_rows",
    "worklist_sql",
    "worklist_write",
]

COLUMNS = (
    "nik",
    "name",
    "sex",
    "birth_date",
    "desa_code",
    "kecamatan_code",
    "occupation",
    "segment",
    "detail",
    "lapsed_kpj",
)


# What a BPU collective registration (pendaftaran kolektif) needs for each person.
BATCH_COLUMNS = (
    "nik",
    "name",
    "birth_date",
    "address",
    "rt",
    "rw",
    "desa_code",
    "occupation",
    "declared_income",
    "programs",
    "payer",
)
# The persons of every allocation, as a BPU collective registration needs them (published
# with the figures; one pledge's by pledge_batch_rows).
BATCH_SQL = """
    SELECT a.pledge_id, r.nik, r.name, r.birth_date,
           nullif(concat_ws(', ', r.address, r.dusun), '') AS address,
           r.rt, r.rw, r.desa_code, r.occupation,
           1000000 AS declared_income, 'JKK,JKM' AS programs, p.payer
    FROM pledge_allocation a JOIN register_by_person r ON r.person_key = a.person_key
    JOIN pledge p ON p.id = a.pledge_id
    ORDER BY a.pledge_id, r.desa_code, r.name"""


def pledge_batch_rows(wh: Warehouse, pledge_id: int, *, scope: Scope) -> list[dict[str, Any]]:
    """The collective-registration batch of a pledge's allocation (``cakupan pledge
    allocate`` first); the whole regency's scope only (a pledge's people span its areas)."""
    if not require_scope(scope, persons=True).regency:
        raise CakupanError("access.out_of_scope", what=f"pledge {pledge_id}", who=scope.who)
    if not wh.scalar("SELECT count(*) FROM pledge_allocation"):
        raise InputError("worklist.no_allocation")
    if not wh.scalar("SELECT count(*) FROM pledge WHERE id = ?", [pledge_id]):
        raise InputError("worklist.no_pledge", id=pledge_id)
    return wh.query(
        f"SELECT * EXCLUDE (pledge_id) FROM ({BATCH_SQL}) WHERE pledge_id = ? "
        "ORDER BY desa_code, name",
        [pledge_id],
    )


_LAPSED_SQL = """
    SELECT pp.person_key, max(p.kpj) AS lapsed_kpj FROM participant p
    JOIN participant_person pp ON pp.participant_row = p.row_id
    WHERE NOT p.active GROUP BY pp.person_key"""


# Every unprotected person a work list can show, one row per person and list: the working
# people of the register (no segment) and the persons of segment lists (a bank's KUR debtors,
# a Kemenag office's teachers), with the RT/RW they live in and an inactive KPJ when they
# once were members. Published with each version (``cakupan.publish``) for the web's scoped
# reads (``cakupan.people``). Two statements, which publishing runs side by side (DuckDB 1.4
# stalled on their UNION ALL; 2.0.1 does not: 0.23 s for the demo's 480,521 rows either way).
_UNPROTECTED_HEAD_SQL = f"""
    WITH lapsed AS ({_LAPSED_SQL}),
    active AS (SELECT DISTINCT person_key FROM active_person)"""
UNPROTECTED_SQL = (
    f"""{_UNPROTECTED_HEAD_SQL}
    SELECT r.person_key, r.nik, r.name, r.sex, r.birth_date, r.rt, r.rw,
           r.desa_code, r.kecamatan_code, r.occupation,
           NULL::VARCHAR AS segment, NULL::VARCHAR AS partner,
           NULL::VARCHAR AS detail, l.lapsed_kpj
    FROM register_by_person r
    LEFT JOIN lapsed l ON l.person_key = r.person_key
    WHERE r.is_worker AND r.person_key NOT IN (SELECT person_key FROM active)""",
    f"""{_UNPROTECTED_HEAD_SQL}
    SELECT DISTINCT ON (mp.person_key, m.segment, m.partner) mp.person_key,
           coalesce(r.nik, m.nik) AS nik,
           coalesce(r.name, m.name) AS name, r.sex,
           coalesce(r.birth_date, m.birth_date) AS birth_date, r.rt, r.rw,
           coalesce(r.desa_code, m.desa_code) AS desa_code,
           coalesce(r.kecamatan_code, substr(m.desa_code, 1, 8)) AS kecamatan_code,
           r.occupation, m.segment, m.partner, m.detail, l.lapsed_kpj
    FROM segment_member m
    JOIN member_person mp ON mp.member_row = m.row_id
    LEFT JOIN register r ON r.row_id = mp.register_row
    LEFT JOIN lapsed l ON l.person_key = mp.person_key
    WHERE mp.person_key NOT IN (SELECT person_key FROM active)""",
)


def worklist_sql(
    *,
    desa: str | None = None,
    kecamatan: str | None = None,
    segment: str | None = None,
    partner: str | None = None,
    scope: Scope | None = None,
) -> Sql:
    """The unprotected persons of one area (working people of the register), one segment or
    one partner (persons in its lists: a bank's KUR debtors, a Kemenag office's teachers),
    with an inactive KPJ when they once were members; within ``scope`` when given."""
    if segment or partner:
        which_sql = "m.segment = $which" if segment else "upper(m.partner) = $which"
        inside = _inside(
            scope, area_sql="coalesce(r.desa_code, m.desa_code)", partner_sql="m.partner"
        )
        return Sql(
            f"""
        SELECT DISTINCT ON (mp.person_key) coalesce(r.nik, m.nik) AS nik,
               coalesce(r.name, m.name) AS name, r.sex, coalesce(r.birth_date, m.birth_date)
               AS birth_date, coalesce(r.desa_code, m.desa_code) AS desa_code,
               r.kecamatan_code, r.occupation, m.segment, m.detail, l.lapsed_kpj
        FROM segment_member m
        JOIN member_person mp ON mp.member_row = m.row_id
        LEFT JOIN register r ON r.row_id = mp.register_row
        LEFT JOIN ({_LAPSED_SQL}) l ON l.person_key = mp.person_key
        WHERE {which_sql} AND {inside.text}
          AND mp.person_key NOT IN (SELECT person_key FROM active_person)
        ORDER BY mp.person_key""",
            {"which": (segment or partner or "").upper(), **inside.params},  # type: ignore[dict-item]
        )
    where_sql = "r.desa_code = $area" if desa else "r.kecamatan_code = $area"
    inside = _inside(scope, area_sql="r.desa_code", partner_sql="NULL")
    return Sql(
        f"""
    SELECT r.nik, r.name, r.sex, r.birth_date, r.desa_code, r.kecamatan_code, r.occupation,
           NULL AS segment, NULL AS detail, l.lapsed_kpj
    FROM register_by_person r LEFT JOIN ({_LAPSED_SQL}) l ON l.person_key = r.person_key
    WHERE {where_sql} AND {inside.text} AND r.is_worker
      AND r.person_key NOT IN (SELECT person_key FROM active_person)
    ORDER BY r.desa_code, r.name""",
        {"area": desa or kecamatan or "", **inside.params},  # type: ignore[dict-item]
    )


def _inside(scope: Scope | None, *, area_sql: str, partner_sql: str) -> Sql:
    return (
        Sql("TRUE") if scope is None else scope.rows_sql(area_sql=area_sql, partner_sql=partner_sql)
    )


def worklist_rows(wh: Warehouse, *, scope: Scope, **which: str | None) -> list[dict[str, Any]]:
    """The rows of a work list (exactly one of ``desa``, ``kecamatan``, ``segment``,
    ``partner``), within ``scope``: a list outside it is refused as not found, and a segment
    list keeps only the persons of the scope's areas."""
    return _scoped_rows(wh, require_scope(scope, persons=True), which)


def _scoped_rows(wh: Warehouse, scope: Scope, which: dict[str, str | None]) -> list[dict[str, Any]]:
    chosen = {k: v for k, v in which.items() if v}
    if len(chosen) != 1:
        raise InputError("worklist.choose_one")
    ((kind, value),) = chosen.items()
    if kind in ("desa", "kecamatan"):
        allowed = scope.covers(value)
    elif kind == "partner":
        allowed = scope.covers_partner(value)
    else:  # a segment: its persons within the scope's areas
        allowed = scope.regency or bool(scope.areas)
    if not allowed:
        raise CakupanError("access.out_of_scope", what=f"{kind} {value}", who=scope.who)
    require_coverage(wh)
    # The scope is part of the query (a partner sees its own people wherever they live).
    return wh.query(worklist_sql(**chosen, scope=scope))


def export_worklist(
    wh: Warehouse,
    rows: list[dict[str, Any]],
    path: Path,
    *,
    what: str,
    by: str | None = None,
    columns: tuple[str, ...] = COLUMNS,
    file_format: str | None = None,
    log_dir: Path | None = None,
) -> Path:
    """Write the rows as CSV or XLSX (``file_format``, else ``path``'s suffix) and log the
    export in ``log_dir`` (default: the warehouse's folder; see :mod:`cakupan.privacy`)."""
    suffix = f".{file_format}" if file_format else None
    header = list(columns)
    values = [
        [r.get(c) if r.get(c) is None or c != "birth_date" else str(r[c]) for c in header]
        for r in rows
    ]
    write_table(
        path,
        header,
        values,
        sheet="daftar kerja",
        suffix=suffix,
    )
    if log_dir is None and wh.path is not None:
        log_dir = wh.path.parent
    if log_dir is not None:
        log_export(log_dir, what=what, rows=len(rows), file=path, by=by)
    return path


def worklist_write(
    wh: Warehouse,
    out: Path,
    *,
    by: str | None = None,
    pledge: int | None = None,
    file_format: str | None = None,
    scope: Scope,
    **which: str | None,
) -> int:
    """Write a work list (exactly one of ``desa``, ``kecamatan``, ``segment``, ``partner``) or
    a pledge's registration batch (``pledge``) to ``out``, logging the export; return the
    number of persons written."""
    if pledge is not None:
        rows = pledge_batch_rows(wh, pledge, scope=scope)
        export_worklist(
            wh, rows, out, what=f"pledge batch {pledge}", by=by, columns=BATCH_COLUMNS,
            file_format=file_format,
        )  # fmt: skip
        return len(rows)
    rows = worklist_rows(wh, scope=scope, **which)
    what = "worklist " + " ".join(f"{k}={v}" for k, v in which.items() if v)
    export_worklist(wh, rows, out, what=what, by=by, file_format=file_format)
    return len(rows)


def group_cost(
    wh: Warehouse,
    *,
    months: int,
    scope: Scope,
    income: int = 1_000_000,
    jht: bool = False,
    **which: str | None,
) -> GroupCost:
    """What covering the unprotected persons of a desa, kecamatan or segment costs: persons ×
    the BPU contribution on ``income`` (with the optional JHT) × ``months``."""

    from cakupan.rules import bpu_contribution

    if not 1 <= months <= 120:
        raise InputError("cost.bad_months", m=months)
    persons = len(_scoped_rows(wh, require_scope(scope), which))  # a count: any role
    as_of = data_as_of(wh)
    monthly = bpu_contribution(income=income, jht=jht, on=as_of).total
    return GroupCost(
        group={k: v for k, v in which.items() if v},
        persons=persons,
        months=months,
        declared_income=income,
        jht=jht,
        monthly_per_person=monthly,
        monthly_total=persons * monthly,
        total=persons * monthly * months,
        method="unprotected persons of the group × BPU contribution (JKK + JKM, JHT if "
        "chosen) on the declared income, rules in force on the as-of date × months",
    )
