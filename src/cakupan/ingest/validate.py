"""Validation of a read file against its schema, in the warehouse's SQL engine.

Cheap, high-volume checks (NIK, names, free text) are SQL expressions over every row; kinds
with few distinct values (dates, months, amounts, enums, areas) are read once per distinct
value by the Python parsers of :mod:`cakupan.ingest.values` and joined back, so both paths
give exactly the parsers' verdicts. The result is a typed table ``v_typed`` (one row per data
row, with ``rejected``) and a list of findings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cakupan.identity.dates import MAX_YEAR, MIN_YEAR
from cakupan.identity.names import normalise_name
from cakupan.identity.nik import clean_nik, nik_clean_sql, nik_problem_sql
from cakupan.ingest.headers import HeaderMap
from cakupan.ingest.readers import RawTable
from cakupan.ingest.report import ERROR, WARNING, Finding
from cakupan.ingest.schemas import Column, SourceType
from cakupan.ingest.values import AreaResolver, parse_ttl, parse_value
from cakupan.reference import ensure_reference
from cakupan.sql import int_literal_sql, quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["SQL_TYPES", "Validation", "validate"]

SQL_TYPES = {"date": "DATE", "month": "DATE", "int": "BIGINT", "money": "BIGINT"}
_MAPPED_KINDS = {"date", "month", "int", "money", "enum", "code", "kpj", "identifier", "area"}
_MISSING = {"value.missing", "nik.missing", "date.missing"}
# Problems that never reject a row, even in a required column: the person is kept (an
# OpenSID temporary NIK is stored as no NIK, matched by name, birth date and place).
_ALWAYS_WARNING = {"nik.temporary"}


@dataclass
class Validation:
    findings: list[Finding]
    rows_read: int
    accepted: int
    rejected: int
    rejected_rows: list[dict[str, Any]]


def _cell_sql(index: int) -> str:
    """The column of ``raw_in`` holding the file's ``index``-th column (``c0``, ``c1``…)."""
    return quote_identifier(f"c{index}")


def text_sql(cell_sql: str) -> str:
    """Trimmed text with inner spaces collapsed and ``"2.0"`` (a number typed in a cell) as
    ``"2"``; NULL when empty. Cells already clean skip the regular expressions."""
    full_sql = (
        f"nullif(regexp_replace(regexp_replace(trim({cell_sql}), '\\s+', ' ', 'g'), "
        "'^(-?[0-9]+)\\.0+$', '\\1'), '')"
    )
    # Tab, carriage return and line feed by contains(): a regular expression for three
    # characters cost a third of the test, on every text cell of every row.
    breaks_sql = " OR ".join(f"contains({cell_sql}, chr({code}))" for code in (9, 13, 10))
    clean_sql = (
        f"({cell_sql} = trim({cell_sql}) AND NOT contains({cell_sql}, '  ') "
        f"AND NOT suffix({cell_sql}, '.0') AND NOT ({breaks_sql}))"
    )
    return (
        f"CASE WHEN {cell_sql} = '' THEN NULL WHEN {clean_sql} THEN {cell_sql} ELSE {full_sql} END"
    )


def _register_map(
    wh: Warehouse, name: str, rows: list[tuple[str, Any, str | None, str]], sql_type: str
) -> None:
    arrow_type = {"DATE": pa.date32(), "BIGINT": pa.int64()}.get(sql_type, pa.string())
    wh.register(
        name,
        pa.table(
            {
                "raw": pa.array([r[0] for r in rows], pa.string()),
                "value": pa.array([r[1] for r in rows], arrow_type),
                "code": pa.array([r[2] for r in rows], pa.string()),
                "params": pa.array([r[3] for r in rows], pa.string()),
            }
        ),
    )


# Cells already in the form the parser would return, recognised in SQL so that a column with
# a distinct value per row (a KPJ) does not cross into Python 350,000 times: kind -> (the
# test that a cell's value is clean, given the value; the value, given the cell). A date
# written YYYY-MM-DD or DD-MM-YYYY (or with /) that exists and lies in the years parse_date
# accepts is read as parse_date reads it.
_DATE_SQL = (
    "(CASE WHEN regexp_full_match({cell}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
    "THEN try_strptime({cell}, '%Y-%m-%d') "
    "WHEN regexp_full_match({cell}, '[0-9]{{2}}[-/][0-9]{{2}}[-/][0-9]{{4}}') "
    "THEN try_strptime(replace({cell}, '/', '-'), '%d-%m-%Y') END)::DATE"
)
_CLEAN_SQL = {
    "kpj": ("regexp_full_match({value}, '[0-9]{{8,13}}')", "{cell}"),
    "date": (
        f"year({{value}}) BETWEEN {int_literal_sql(MIN_YEAR)} AND {int_literal_sql(MAX_YEAR)}",
        _DATE_SQL,
    ),
}


def _mapped(
    wh: Warehouse, column: Column, cell_sql: str, index: int, computed: list[str]
) -> tuple[str, str]:
    """Map every distinct value of ``cell_sql`` through the Python parser (but for cells
    already clean); return the SELECT expressions and the JOIN clause. The value of a clean
    cell is computed once per row, as a column added to ``computed``."""
    test_sql, clean_value_sql = _CLEAN_SQL.get(column.kind, ("false", "{cell}"))
    clean_sql = test_sql.format(value=clean_value_sql.format(cell=cell_sql))
    distinct = [
        r["v"]
        for r in wh.query(
            f"SELECT DISTINCT {cell_sql} AS v FROM raw_in WHERE NOT coalesce({clean_sql}, false)"
        )
    ]
    rows = []
    for raw in distinct:
        value, code, params = parse_value(raw or "", column)
        rows.append((raw or "", value, code, json.dumps(params, default=str) if params else "{}"))
    alias_sql = quote_identifier(f"m{index}")
    _register_map(wh, f"map_{index}", rows, SQL_TYPES.get(column.kind, "VARCHAR"))
    value_sql = f"{alias_sql}.value"
    if column.kind in _CLEAN_SQL:
        # The clean value once per row, then tested and taken: written twice in one CASE,
        # DuckDB parsed every date twice.
        computed_name = quote_identifier(f"_v{index}")
        computed.append(f"{clean_value_sql.format(cell=cell_sql)} AS {computed_name}")
        clean_r_sql = test_sql.format(value=f"r.{computed_name}")
        value_sql = f"CASE WHEN {clean_r_sql} THEN r.{computed_name} ELSE {value_sql} END"
    select_sql = (
        f"{value_sql} AS {quote_identifier(column.name)}, "
        f"{alias_sql}.code AS {quote_identifier('p_' + column.name)}, "
        f"{alias_sql}.params AS {quote_identifier('pp_' + column.name)}"
    )
    join_sql = (
        f"LEFT JOIN {quote_identifier(f'map_{index}')} {alias_sql} "
        f"ON {alias_sql}.raw = r.{cell_sql}"
    )
    return select_sql, join_sql


def _areas(
    wh: Warehouse,
    desa_cell_sql: str | None,
    kec_cell_sql: str | None,
    regency: str,
    wanted: set[str],
) -> tuple[list[str], str]:
    resolver = AreaResolver(regency)
    d_sql = f"r.{desa_cell_sql}" if desa_cell_sql else "''"
    k_sql = f"r.{kec_cell_sql}" if kec_cell_sql else "''"
    pairs = wh.query(f"SELECT DISTINCT {d_sql} AS d, {k_sql} AS k FROM raw_in r")
    rows: dict[str, list[Any]] = {
        n: [] for n in ("d", "k", "desa", "pd", "ppd", "kec", "pk", "ppk")
    }
    for pair in pairs:
        (desa, pd, ppd), (kec, pk, ppk) = resolver.resolve(pair["d"] or "", pair["k"] or "")
        for key, value in (
            ("d", pair["d"] or ""),
            ("k", pair["k"] or ""),
            ("desa", desa),
            ("pd", pd),
            ("ppd", json.dumps(ppd)),
            ("kec", kec),
            ("pk", pk),
            ("ppk", json.dumps(ppk)),
        ):
            rows[key].append(value)
    wh.register("map_area", pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()}))
    selects = []
    if "desa" in wanted:
        selects.append('ma.desa AS "desa", ma.pd AS "p_desa", ma.ppd AS "pp_desa"')
    if "kecamatan" in wanted:
        selects.append('ma.kec AS "kecamatan", ma.pk AS "p_kecamatan", ma.ppk AS "pp_kecamatan"')
    return selects, f"LEFT JOIN map_area ma ON ma.d = {d_sql} AND ma.k = {k_sql}"


def _ttl(wh: Warehouse, cell_sql: str, wanted: set[str]) -> tuple[list[str], str]:
    distinct = [r["v"] for r in wh.query(f"SELECT DISTINCT {cell_sql} AS v FROM raw_in")]
    places, dates, codes, params = [], [], [], []
    for raw in distinct:
        place, (value, code, p) = parse_ttl(raw or "")
        places.append(place)
        dates.append(value)
        codes.append(code)
        params.append(json.dumps(p))
    wh.register(
        "map_ttl",
        pa.table(
            {
                "raw": pa.array([d or "" for d in distinct], pa.string()),
                "place": pa.array(places, pa.string()),
                "value": pa.array(dates, pa.date32()),
                "code": pa.array(codes, pa.string()),
                "params": pa.array(params, pa.string()),
            }
        ),
    )
    selects = []
    if "birth_place" in wanted:
        selects.append('mt.place AS "birth_place"')
    if "birth_date" in wanted:
        selects.append(
            'mt.value AS "birth_date", mt.code AS "p_birth_date", mt.params AS "pp_birth_date"'
        )
    return selects, f"LEFT JOIN map_ttl mt ON mt.raw = r.{cell_sql}"


def _typed_sql(
    wh: Warehouse, raw: RawTable, source: SourceType, header_map: HeaderMap, regency: str
) -> tuple[str, dict[str, str]]:
    """The CREATE statement of ``v_typed`` and, per schema column, the header it came from."""
    cell_of = {col: _cell_sql(raw.headers.index(h)) for col, h in header_map.columns.items()}
    selects = ["r.row_number"]
    computed: list[str] = []  # per-row values the SELECT reads more than once
    joins: list[str] = []
    origin = dict(header_map.columns)
    wanted = {c.name for c in source.columns}
    if header_map.ttl:
        ttl_cell = _cell_sql(raw.headers.index(header_map.ttl))
        ttl_wanted = {"birth_place", "birth_date"} - set(cell_of)
        s, j = _ttl(wh, ttl_cell, ttl_wanted & wanted)
        selects += s
        joins.append(j)
        for name in ttl_wanted & wanted:
            origin[name] = header_map.ttl
    if {"desa", "kecamatan"} & set(cell_of):
        s, j = _areas(
            wh,
            cell_of.get("desa"),
            cell_of.get("kecamatan"),
            regency,
            {"desa", "kecamatan"} & set(cell_of),
        )
        selects += s
        joins.append(j)
    for index, column in enumerate(source.columns):
        cell_sql = cell_of.get(column.name)
        name = column.name
        if cell_sql is None:
            if column.kind == "nik":  # a file without a NIK column: the columns store() reads
                selects.append(
                    "NULL::VARCHAR AS nik_raw, NULL::VARCHAR AS _nik_clean, NULL::VARCHAR AS p_nik"
                )
            elif name not in origin:
                kind_sql = SQL_TYPES.get(column.kind, "VARCHAR")
                selects.append(f"NULL::{kind_sql} AS {quote_identifier(name)}")
            continue
        if column.kind in ("desa", "kecamatan"):
            continue
        if column.kind == "nik":
            computed.append(f"{nik_clean_sql(cell_sql)} AS _nik_clean")
            numeric_sql = (
                f"(contains(r.{cell_sql}, '.') OR contains(r.{cell_sql}, ',')) "
                f"AND regexp_matches(trim(r.{cell_sql}), '^[0-9]{{15,16}}[.,]0+$')"
            )
            selects.append(
                f"r.{cell_sql} AS nik_raw, r._nik_clean AS _nik_clean, "
                f"CASE WHEN {numeric_sql} AND length(r._nik_clean) IN (15, 16) "
                "AND right(r._nik_clean, 1) = '0' THEN 'nik.precision_lost' "
                f"ELSE {nik_problem_sql('r._nik_clean')} END AS p_nik"
            )
        elif column.kind in _MAPPED_KINDS:
            expression, join = _mapped(wh, column, cell_sql, index, computed)
            selects.append(expression)
            joins.append(join)
        else:
            # The cleaned text is NULL exactly when the cell is blank (trim gives ''), so
            # "missing" is read off it instead of trimming every cell a second time.
            text = quote_identifier(f"_t{index}")
            computed.append(f"{text_sql(cell_sql)} AS {text}")
            selects.append(
                f"r.{text} AS {quote_identifier(name)}, "
                f"CASE WHEN r.{text} IS NULL AND r.{cell_sql} IS NOT NULL THEN 'value.missing' "
                f"END AS {quote_identifier('p_' + name)}"
            )
    cells_sql = ", ".join(f"r.{_cell_sql(i)}" for i in range(len(raw.headers)))
    selects.append(f"hash({cells_sql}) AS row_hash")
    computed_sql = ", ".join(computed)  # expressions built above from quoted names
    source_sql = f"(SELECT *, {computed_sql} FROM raw_in)" if computed else "raw_in"
    selects_sql, joins_sql = ", ".join(selects), " ".join(joins)
    typed_sql = (
        f"CREATE OR REPLACE TEMP TABLE v_typed AS SELECT {selects_sql} "
        f"FROM {source_sql} r {joins_sql}"
    )
    return typed_sql, origin


def _column_findings(
    wh: Warehouse, source: SourceType, origin: dict[str, str], raw_cells: dict[str, str]
) -> list[Finding]:
    findings: list[Finding] = []
    present = {
        r["column_name"]
        for r in wh.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'v_typed'"
        )
    }
    checked = [c.name for c in source.columns if f"p_{c.name}" in present and c.name in origin]
    if not checked:
        return findings
    # One scan says which columns have a problem at all; only those are joined back to the
    # raw cells (a join per column, most of them finding nothing, cost the demo's files 0.9 s).
    counts_sql = ", ".join(
        f"count({quote_identifier('p_' + name)}) AS {quote_identifier(name)}" for name in checked
    )
    with_problems = {
        name for name, n in wh.query(f"SELECT {counts_sql} FROM v_typed")[0].items() if n
    }
    for column in source.columns:
        problem = "p_" + column.name
        if column.name not in with_problems:
            continue
        params_sql = (
            quote_identifier(f"pp_{column.name}") if f"pp_{column.name}" in present else "'{}'"
        )
        raw_col = raw_cells.get(column.name)
        value_sql = f"r.{raw_col}" if raw_col else "''"
        problem_sql = quote_identifier(problem)
        rows = wh.query(
            f"SELECT t.row_number, t.{problem_sql} AS code, {params_sql} AS params, "
            f"{value_sql} AS value FROM v_typed t JOIN raw_in r USING (row_number) "
            f"WHERE t.{problem_sql} IS NOT NULL AND (? OR NOT list_contains(?, t.{problem_sql})) "
            "ORDER BY t.row_number",
            [column.required, sorted(_MISSING)],
        )
        for row in rows:
            params = json.loads(row["params"] or "{}") if isinstance(row["params"], str) else {}
            params.setdefault("value", row["value"])
            if row["code"] == "nik.length":
                params.setdefault("n", len(_clean(row["value"])))
            if row["code"] == "nik.region_unknown":
                cleaned = _clean(row["value"])
                params.setdefault("district", f"{cleaned[0:2]}.{cleaned[2:4]}.{cleaned[4:6]}")
            if row["code"] == "nik.birth_date_invalid":
                params.setdefault("ddmmyy", _clean(row["value"])[6:12])
            required = column.required and row["code"] not in _ALWAYS_WARNING
            findings.append(
                Finding(
                    row["row_number"],
                    origin[column.name],
                    row["code"],
                    ERROR if required else WARNING,
                    row["value"] or "",
                    params,
                )
            )
    return findings


def _clean(raw: str | None) -> str:
    return clean_nik(raw or "")[0]


def _precision_heuristic(wh: Warehouse, raw: RawTable) -> None:
    """A text column where most 16-digit NIKs end in 0 went through Excel as numbers."""
    stats = wh.query(
        "SELECT count(*) AS n, count(*) FILTER (WHERE right(_nik_clean, 1) = '0') AS zeros "
        "FROM v_typed WHERE length(_nik_clean) = 16 AND regexp_matches(_nik_clean, '^[0-9]+$')"
    )[0]
    if (
        raw.file_format not in ("xlsx", "xls", "ods")
        and stats["n"] >= 20
        and stats["zeros"] > 0.5 * stats["n"]
    ):
        wh.execute(
            "UPDATE v_typed SET p_nik = 'nik.precision_lost' WHERE right(_nik_clean, 1) = '0' "
            "AND length(_nik_clean) = 16 AND (p_nik IS NULL OR p_nik = 'nik.serial_invalid')"
        )


def _row_findings(
    wh: Warehouse, source: SourceType, origin: dict[str, str], n_cells: int
) -> list[Finding]:
    # Rows sharing a 64-bit hash of all cells are compared cell by cell before being called
    # duplicates, so a hash collision can never reject a row.
    same_sql = " AND ".join(
        f"a.{_cell_sql(i)} IS NOT DISTINCT FROM b.{_cell_sql(i)}" for i in range(n_cells)
    )
    findings = [
        Finding(r["row_number"], "", "row.duplicate", ERROR, "", {"first": r["first"]})
        for r in wh.query(
            "WITH dup AS (SELECT row_hash FROM v_typed GROUP BY row_hash HAVING count(*) > 1), "
            "cand AS (SELECT r.* FROM raw_in r JOIN v_typed t USING (row_number) "
            "WHERE t.row_hash IN (SELECT row_hash FROM dup)) "
            "SELECT a.row_number, min(b.row_number) AS first FROM cand a JOIN cand b "
            f"ON b.row_number < a.row_number AND {same_sql} "
            "GROUP BY a.row_number ORDER BY a.row_number"
        )
    ]
    names = {c.name for c in source.columns}
    if {"nik", "birth_date"} <= names and "nik" in origin and "birth_date" in origin:
        for r in wh.query(
            "SELECT row_number, _nik_clean AS nik, birth_date FROM v_typed "
            "WHERE p_nik IS NULL AND birth_date IS NOT NULL AND NOT ("
            "TRY_CAST(substr(_nik_clean, 7, 2) AS INTEGER) % 40 = day(birth_date) AND "
            "TRY_CAST(substr(_nik_clean, 9, 2) AS INTEGER) = month(birth_date) AND "
            "TRY_CAST(substr(_nik_clean, 11, 2) AS INTEGER) = year(birth_date) % 100) "
            "ORDER BY row_number"
        ):
            nik = r["nik"]
            nik_date = f"{int(nik[6:8]) % 40:02d}-{nik[8:10]}-{nik[10:12]}"
            findings.append(
                Finding(
                    r["row_number"],
                    origin["birth_date"],
                    "nik.birth_date_mismatch",
                    WARNING,
                    r["birth_date"].isoformat(),
                    {"nik_date": nik_date, "value": r["birth_date"].isoformat()},
                )
            )
    if {"nik", "name"} <= set(source.person_columns) and "nik" in origin and "name" in origin:
        groups = wh.query(
            "WITH dup AS (SELECT _nik_clean FROM v_typed WHERE p_nik IS NULL "
            "GROUP BY _nik_clean HAVING count(*) > 1) "
            "SELECT _nik_clean AS nik, list(row_number ORDER BY row_number) AS rows, "
            "list(name ORDER BY row_number) AS names FROM v_typed "
            "WHERE p_nik IS NULL AND _nik_clean IN (SELECT _nik_clean FROM dup) "
            "GROUP BY _nik_clean"
        )
        cache: dict[str, str] = {}
        for g in groups:
            forms = [cache.setdefault(n, normalise_name(n)) for n in g["names"]]
            if len(set(forms)) < 2:
                continue
            # The rows of each other spelling, once per spelling (a file repeating one NIK on
            # 100,000 rows must not take 100,000² steps), at most ten of them listed.
            pairs = list(zip(g["rows"], forms, strict=True))
            count: dict[str, int] = {}
            for form in forms:
                count[form] = count.get(form, 0) + 1
            listed_of: dict[str, str] = {}
            for form in count:  # each scan skips only this form's rows: O(rows) in all
                first = []
                for other_row, other_form in pairs:
                    if other_form != form:
                        first.append(str(other_row))
                        if len(first) == 10:
                            break
                more = len(pairs) - count[form] - len(first)
                listed_of[form] = ", ".join(first) + (f" (+{more})" if more > 0 else "")
            for row, form in pairs:
                listed = listed_of[form]
                findings.append(
                    Finding(
                        row,
                        origin["nik"],
                        "nik.duplicate_other_name",
                        WARNING,
                        g["nik"],
                        {"value": g["nik"], "rows": listed},
                    )
                )
    return findings


def _desa_findings(wh: Warehouse, origin: dict[str, str], desa: str | None) -> list[Finding]:
    """With ``--desa``, a row of a file's own desa column naming another desa is rejected."""
    if not desa or "desa" not in origin:
        return []
    return [
        Finding(
            r["row_number"],
            origin["desa"],
            "desa.not_given",
            ERROR,
            r["desa"],
            {"value": r["desa"], "given": desa},
        )
        for r in wh.query(
            "SELECT row_number, desa FROM v_typed WHERE desa IS NOT NULL AND desa <> ? "
            "ORDER BY row_number",
            [desa],
        )
    ]


def _reading_findings(raw: RawTable) -> list[Finding]:
    """What the reader noticed: control characters stripped, cells too long (the row is
    rejected), lines of a UTF-8 file read as Windows-1252."""
    return (
        [Finding(n, h, "text.control_characters", WARNING, "", {}) for n, h in raw.cleaned]
        + [
            Finding(n, h, "cell.too_long", ERROR, "", {"length": length, "limit": limit})
            for n, h, length, limit in raw.too_long
        ]
        + [Finding(n, "", "encoding.mixed", WARNING, "", {}) for n in raw.mixed]
    )


def validate(
    wh: Warehouse,
    raw: RawTable,
    source: SourceType,
    header_map: HeaderMap,
    *,
    regency: str,
    desa: str | None = None,
) -> Validation:
    """Validate ``raw`` into the temp table ``v_typed``; return the findings and counts."""
    ensure_reference(wh, regency=regency)
    wh.register("raw_in", raw.table)
    sql, origin = _typed_sql(wh, raw, source, header_map, regency)
    wh.execute(sql)
    raw_cells = {col: _cell_sql(raw.headers.index(h)) for col, h in origin.items()}
    if "nik" in header_map.columns:
        _precision_heuristic(wh, raw)
    findings = _column_findings(wh, source, origin, raw_cells)
    findings += _row_findings(wh, source, origin, len(raw.headers))
    findings += _desa_findings(wh, origin, desa)
    findings += [
        Finding(n, "", "row.field_count", ERROR, text[:200], {}) for n, text in raw.malformed
    ]
    findings += _reading_findings(raw)
    findings.sort(key=lambda f: (f.row, f.column, f.code))
    rejected_numbers = sorted({f.row for f in findings if f.severity == ERROR})
    wh.register(
        "rejected_in", pa.table({"row_number": pa.array([n for n in rejected_numbers], pa.int64())})
    )
    rows_read = raw.table.num_rows + len(raw.malformed)
    cells_sql = ", ".join(_cell_sql(i) for i in range(len(raw.headers)))
    rejected_rows = [
        {"row": r["row_number"], "cells": list(r["cells"])}
        for r in wh.query(
            f"SELECT row_number, [{cells_sql}] AS cells FROM raw_in "
            "WHERE row_number IN (SELECT row_number FROM rejected_in)"
        )
    ] + [{"row": n, "cells": [text]} for n, text in raw.malformed]
    rejected = len(rejected_numbers)
    return Validation(findings, rows_read, rows_read - rejected, rejected, rejected_rows)
