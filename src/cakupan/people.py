"""Person-level reads for the web and the API: work lists from a published serving file,
always through a :class:`~cakupan.scope.Scope`, with NIKs masked and names withheld as the
scope says, and every read of persons written to the audit trail.

This is the one way the shells read persons (the web never opens the warehouse): a scope is
required (none is an error), a list outside it is not found (HTTP 404), the scope's
condition (:meth:`Scope.rows_sql`) is part of every query, and a role that sees aggregates
only gets counts (:func:`worklist_counts`) and an error for rows.

Example:
    >>> WorklistFilter(desa="35.16.17.2001").describe()
    'worklist desa=35.16.17.2001'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from cakupan._tables import write_table
from cakupan.audit import audit_record
from cakupan.errors import CakupanError, InputError
from cakupan.followup import EXPORTED_AT, FOLLOWUP_COLUMNS, write_followup
from cakupan.privacy import log_export, mask_nik
from cakupan.publish import WORKLIST_TABLE, open_publication
from cakupan.scope import Scope, require_scope
from cakupan.sql import Sql, quote_identifier

__all__ = [
    "AGE_BANDS",
    "ORDERS",
    "AreaCount",
    "WorklistFilter",
    "WorklistPage",
    "WorklistPerson",
    "still_unprotected",
    "visit_target",
    "worklist_counts",
    "worklist_export",
    "worklist_page",
    "worklist_persons",
]

MAX_PAGE = 200
MAX_OFFSET = 100_000_000  # beyond any register; a larger one would overflow DuckDB's BIGINT
# Working ages in the bands Sakernas reports (15-64, then 65 and over).
AGE_BANDS: dict[str, tuple[int, int]] = {
    "15-24": (15, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54),
    "55-64": (55, 64), "65+": (65, 150),
}  # fmt: skip


@dataclass(frozen=True)
class WorklistPerson:
    """One unprotected person of a work list, as the reader may see them."""

    person_key: str  # the person in this publication (visits and re-imported files name it)
    nik: str | None  # masked unless the reader's role needs the whole number
    name: str | None
    sex: str | None
    birth_date: str | None
    rt: str | None
    rw: str | None
    desa_code: str | None
    kecamatan_code: str | None
    occupation: str | None
    segment: str | None  # None: a working person of the register
    partner: str | None
    detail: str | None
    lapsed_kpj: str | None  # an inactive membership: win back first


COLUMNS = tuple(f.name for f in fields(WorklistPerson))


@dataclass(frozen=True)
class WorklistFilter:
    """Which rows: one area and/or one list, narrowed by RT/RW, occupation and age band
    (``age``: one of :data:`AGE_BANDS`, age on the data's as-of date)."""

    desa: str | None = None
    kecamatan: str | None = None
    segment: str | None = None
    partner: str | None = None
    rt: str | None = None
    rw: str | None = None
    occupation: str | None = None
    age: str | None = None
    person_keys: tuple[str, ...] | None = None  # only these persons (assigned to a reader)

    def describe(self) -> str:
        values: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.person_keys is not None:
            values["person_keys"] = f"{len(self.person_keys)} assigned"
        chosen = [f"{name}={value}" for name, value in values.items() if value]
        return " ".join(["worklist", *chosen])

    def check(self, scope: Scope) -> None:
        """A desa, kecamatan or partner outside the scope is not found (as if it did not
        exist: a typed-in code must not tell whether it holds anyone)."""
        for area in (self.desa, self.kecamatan):
            if area and not scope.covers(area):
                raise CakupanError("access.out_of_scope", what=area, who=scope.who)
        if self.partner and not scope.covers_partner(self.partner):
            raise CakupanError("access.out_of_scope", what=self.partner, who=scope.who)

    def where_sql(self, scope: Scope) -> Sql:
        conditions = [scope.rows_sql(area_sql="desa_code", partner_sql="partner")]
        params: dict[str, object] = dict(conditions[0].params)  # type: ignore[arg-type]
        tests = {
            "desa": "desa_code = $desa",
            "kecamatan": "kecamatan_code = $kecamatan",
            "segment": "segment = upper($segment)",
            "partner": "upper(partner) = upper($partner)",
            "rt": "ltrim(rt, '0') = ltrim($rt, '0')",
            "rw": "ltrim(rw, '0') = ltrim($rw, '0')",
            "occupation": "occupation = upper($occupation)",
        }
        if self.person_keys is not None:
            conditions.append(Sql("person_key IN (SELECT unnest($person_keys))"))
            params["person_keys"] = sorted(self.person_keys)
        if self.age:
            if self.age not in AGE_BANDS:
                raise InputError("worklist.bad_age", age=self.age, bands=", ".join(AGE_BANDS))
            low, high = AGE_BANDS[self.age]
            conditions.append(
                Sql(
                    "date_diff('year', birth_date, (SELECT max(CAST(as_of AS DATE)) "
                    "FROM publication)) BETWEEN $age_low AND $age_high"
                )
            )
            params.update(age_low=low, age_high=high)
        for name, test_sql in tests.items():
            value = getattr(self, name)
            if value:
                conditions.append(Sql(test_sql))
                params[name] = value.strip()
        if not (self.segment or self.partner):
            conditions.append(Sql("segment IS NULL"))  # an area's list: the register's people
        return Sql(" AND ".join(c.text for c in conditions), params)


# How a work list can be sorted (a page's ``order``): the field officer's priorities.
ORDERS = {
    "priority": "lapsed_kpj IS NULL, desa_code, name",  # lapsed members first: win them back
    "address": "desa_code, rw, rt, name",  # one RW after another: a walking route
    "oldest": "birth_date NULLS LAST, name",
    "youngest": "birth_date DESC NULLS LAST, name",
    "name": "name, desa_code",
}


@dataclass(frozen=True)
class WorklistPage:
    rows: tuple[WorklistPerson, ...]
    total: int
    offset: int
    limit: int
    masked: bool  # NIKs masked for this reader


@dataclass(frozen=True)
class AreaCount:
    """Unprotected working people of one desa (a count: any role may see it)."""

    desa_code: str
    kecamatan_code: str | None
    persons: int
    lapsed: int


def _person(row: dict[str, object], scope: Scope) -> WorklistPerson:
    values = {c: (None if row.get(c) is None else str(row[c])) for c in COLUMNS}
    if not scope.full_nik:
        values["nik"] = mask_nik(values["nik"]) if values["nik"] else None
        values["lapsed_kpj"] = mask_nik(values["lapsed_kpj"]) if values["lapsed_kpj"] else None
    return WorklistPerson(**values)  # type: ignore[arg-type]  # person_key is never NULL


_TOTALS: dict[tuple[str, str, str], int] = {}


def _rows(
    publication: Path,
    scope: Scope,
    which: WorklistFilter,
    *,
    offset: int,
    limit: int | None,
    order: str = "priority",
) -> tuple[tuple[WorklistPerson, ...], int]:
    which.check(scope)
    if order not in ORDERS:
        raise InputError("worklist.bad_order", order=order, orders=", ".join(ORDERS))
    order_sql = ORDERS[order]
    where = which.where_sql(scope)
    table_sql = quote_identifier(WORKLIST_TABLE)
    paging_sql = "" if limit is None else " LIMIT $limit OFFSET $offset"
    params = dict(where.params)  # type: ignore[arg-type]
    # A published file never changes: a list's size is counted once per file, filter and
    # scope (a page after the first, or the same page again, skips that query).
    key = (str(publication), where.text, repr(sorted(params.items())))
    with open_publication(publication) as wh:
        total = _TOTALS.get(key)
        if total is None:
            count_sql = f"SELECT count(*) FROM {table_sql} WHERE {where.text}"
            total = int(wh.scalar(Sql(count_sql, params)))
            if len(_TOTALS) >= 4096:  # a bound, not an LRU: counts are cheap to redo
                _TOTALS.clear()
            _TOTALS[key] = total
        if limit is not None:
            params.update(limit=limit, offset=offset)
        rows = wh.query(
            Sql(
                f"SELECT * FROM {table_sql} WHERE {where.text} ORDER BY {order_sql}{paging_sql}",
                params,
            )
        )
    return tuple(_person(r, scope) for r in rows), total


def worklist_page(
    publication: Path,
    *,
    scope: Scope | None,
    which: WorklistFilter,
    data_dir: Path,
    offset: int = 0,
    limit: int = 50,
    order: str = "priority",
) -> WorklistPage:
    """One page of a work list within ``scope``, in ``order`` (:data:`ORDERS`; by default
    lapsed members first), recorded in the audit trail of ``data_dir`` as a view of that
    many persons."""
    scope = require_scope(scope, persons=True)
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_PAGE:
        raise InputError("worklist.bad_page", limit=MAX_PAGE)
    rows, total = _rows(publication, scope, which, offset=offset, limit=limit, order=order)
    audit_record(
        data_dir, by=scope.who, action="view", what=which.describe(), persons=len(rows),
        scope=scope.label,
    )  # fmt: skip
    return WorklistPage(rows, total, offset, limit, masked=not scope.full_nik)


def worklist_counts(publication: Path, *, scope: Scope | None) -> tuple[AreaCount, ...]:
    """Unprotected working people per desa within ``scope`` (aggregates: every role)."""
    scope = require_scope(scope)
    where = WorklistFilter().where_sql(scope)
    table_sql = quote_identifier(WORKLIST_TABLE)
    with open_publication(publication) as wh:
        rows = wh.query(
            Sql(
                f"SELECT desa_code, any_value(kecamatan_code) AS kecamatan_code, "
                f"count(*) AS persons, count(lapsed_kpj) AS lapsed FROM {table_sql} "
                f"WHERE {where.text} AND desa_code IS NOT NULL GROUP BY desa_code "
                "ORDER BY desa_code",
                where.params,
            )
        )
    return tuple(AreaCount(**r) for r in rows)


def worklist_persons(
    publication: Path, *, scope: Scope | None, which: WorklistFilter, order: str = "priority"
) -> tuple[WorklistPerson, ...]:
    """Every person of a work list within ``scope`` (NIKs as the role may see them), for a
    document that lists them; the caller logs the document as an export."""
    scope = require_scope(scope, persons=True)
    rows, _ = _rows(publication, scope, which, offset=0, limit=None, order=order)
    return rows


def worklist_export(
    publication: Path,
    out: Path,
    *,
    scope: Scope | None,
    which: WorklistFilter,
    data_dir: Path,
    file_format: str | None = None,
    order: str = "priority",
) -> int:
    """Write the whole work list within ``scope`` to ``out`` — XLSX to fill in the field
    (:func:`cakupan.followup.write_followup`: a dropdown of outcomes, read back by
    :func:`cakupan.followup.read_followup`) or CSV; never a live formula — record the export
    in the audit trail, and return the number of persons."""
    scope = require_scope(scope, persons=True)
    rows, _ = _rows(publication, scope, which, offset=0, limit=None, order=order)
    suffix = f".{file_format}" if file_format else out.suffix.lower()
    exported_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if suffix == ".xlsx":  # to fill in the field: a dropdown of outcomes, read back later
        write_followup(out, rows, columns=COLUMNS, scope=scope.label, exported_at=exported_at)
    else:  # the same columns to fill, and the export time on every row (no "about" sheet)
        blank = [""] * len(FOLLOWUP_COLUMNS)
        write_table(
            out, (*COLUMNS, *FOLLOWUP_COLUMNS, EXPORTED_AT),
            [[*(getattr(r, c) for c in COLUMNS), *blank, exported_at] for r in rows],
            sheet="daftar kerja", suffix=suffix,
        )  # fmt: skip
    log_export(
        data_dir, what=which.describe(), rows=len(rows), file=out, by=scope.who,
        scope=scope.label,
    )  # fmt: skip
    return len(rows)


@dataclass(frozen=True)
class VisitTarget:
    """The person a visit is recorded for: as the reader may see them (``person``), and what
    the record keeps to confirm a registration later (``nik``: stored, never shown)."""

    person: WorklistPerson
    nik: str | None
    desa_code: str | None
    partner: str | None


def visit_targets(
    publication: Path, *, scope: Scope | None, person_keys: Iterable[str], data_dir: Path
) -> dict[str, VisitTarget]:
    """The persons of the work lists with these keys that lie within ``scope`` (the others
    are simply absent: not found), recorded in the audit trail as one view of that many
    persons."""
    scope = require_scope(scope, persons=True)
    inside = scope.rows_sql(area_sql="desa_code", partner_sql="partner")
    table_sql = quote_identifier(WORKLIST_TABLE)
    keys = sorted(set(person_keys))
    with open_publication(publication) as wh:
        rows = wh.query(
            Sql(
                f"SELECT * FROM {table_sql} WHERE person_key IN (SELECT unnest($keys)) "
                f"AND {inside.text} ORDER BY person_key, partner NULLS FIRST",
                {"keys": keys, **inside.params},  # type: ignore[dict-item]
            )
        )
    found: dict[str, VisitTarget] = {}
    for row in rows:
        found.setdefault(
            row["person_key"],
            VisitTarget(_person(row, scope), row["nik"], row["desa_code"], row["partner"]),
        )
    if found:
        what = f"person {keys[0]}" if len(keys) == 1 else f"{len(found)} persons (visits)"
        audit_record(
            data_dir, by=scope.who, action="view", what=what, persons=len(found),
            scope=scope.label,
        )  # fmt: skip
    return found


def visit_target(
    publication: Path, *, scope: Scope | None, person_key: str, data_dir: Path
) -> VisitTarget:
    """One person of the work lists within ``scope`` (``access.out_of_scope`` otherwise, as
    if they did not exist), recorded in the audit trail as a view of one person."""
    scope = require_scope(scope, persons=True)
    found = visit_targets(publication, scope=scope, person_keys=[person_key], data_dir=data_dir)
    if person_key not in found:
        raise CakupanError("access.out_of_scope", what=person_key, who=scope.who)
    return found[person_key]


def still_unprotected(
    publication: Path, *, scope: Scope | None, niks: Iterable[str], person_keys: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """Which of these NIKs and person keys are still on a work list within ``scope`` (a
    recorded registration is confirmed once its person has left them: a participant extract
    or status answer showed them active). Nothing is shown: only membership is answered."""
    scope = require_scope(scope)
    inside = scope.rows_sql(area_sql="desa_code", partner_sql="partner")
    table_sql = quote_identifier(WORKLIST_TABLE)
    wanted_niks, wanted_keys = sorted(set(niks) - {""}), sorted(set(person_keys))
    with open_publication(publication) as wh:
        rows = wh.query(
            Sql(
                f"SELECT DISTINCT nik, person_key FROM {table_sql} WHERE {inside.text} AND "
                "(nik IN (SELECT unnest($niks)) OR person_key IN (SELECT unnest($keys)))",
                {"niks": wanted_niks, "keys": wanted_keys, **inside.params},  # type: ignore[dict-item]
            )
        )
    found_niks = frozenset(r["nik"] for r in rows if r["nik"] in set(wanted_niks))
    return found_niks, frozenset(r["person_key"] for r in rows)
