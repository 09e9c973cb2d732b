"""One area's page: its coverage and trend, its desa, and who is unprotected there (counts
only), read from a published file within the reader's scope.

Example:
    >>> CountBy("PETANI", 12)
    CountBy(label='PETANI', persons=12)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cakupan.errors import CakupanError
from cakupan.people import AGE_BANDS
from cakupan.publish import WORKLIST_TABLE, open_publication
from cakupan.scope import Scope, require_scope
from cakupan.sql import Sql, quote_identifier

__all__ = ["AreaFigure", "AreaProfile", "CountBy", "area_profile"]

TOP_OCCUPATIONS = 8
# The areas that have a page, and the level of the areas each lists.
CHILD_LEVEL = {"kabupaten": "kecamatan", "kecamatan": "desa", "desa": "desa"}
# A work-list row in the area $code: its desa, its kecamatan, or a kecamatan of its regency.
IN_AREA_SQL = (
    "(desa_code = $code OR kecamatan_code = $code OR starts_with(kecamatan_code, $code || '.'))"
)


@dataclass(frozen=True)
class AreaFigure:
    """Coverage of one area (or one date of its history)."""

    code: str
    name: str | None
    active_persons: int
    denominator: float | None
    ucj: float | None
    as_of: str | None = None


@dataclass(frozen=True)
class CountBy:
    label: str
    persons: int


@dataclass(frozen=True)
class AreaProfile:
    code: str
    name: str
    level: str  # kabupaten (a province's regency), kecamatan or desa
    parent_code: str | None
    parent_name: str | None
    figure: AreaFigure
    trend: tuple[AreaFigure, ...]  # one point per kept as-of date, oldest first
    children: tuple[AreaFigure, ...]  # a kecamatan's desa, a regency's kecamatan
    unprotected: int  # working people of the register without an active membership
    lapsed: int  # of whom once members (an inactive KPJ)
    by_occupation: tuple[CountBy, ...]
    by_age: tuple[CountBy, ...]
    by_segment: tuple[CountBy, ...] = ()  # unprotected persons of partners' lists living here


def _figure(row: dict[str, object]) -> AreaFigure:
    def number(value: object) -> float | None:
        return None if value is None else float(value)  # type: ignore[arg-type]

    return AreaFigure(
        code=str(row["area_code"]),
        name=None if row.get("name") is None else str(row["name"]),
        active_persons=int(row["active_persons"] or 0),  # type: ignore[call-overload]
        denominator=number(row["denominator"]),
        ucj=number(row["ucj"]),
        as_of=None if row.get("as_of") is None else str(row["as_of"]),
    )


def area_profile(publication: Path, *, scope: Scope | None, code: str) -> AreaProfile:
    """The page of a kecamatan, desa or (a province's) regency inside ``scope`` (another is
    not found, as if it did not exist). Counts only: no person is read, so every role with
    the area may see it."""
    scope = require_scope(scope)
    if not scope.covers(code):
        raise CakupanError("access.out_of_scope", what=code, who=scope.who)
    table_sql = quote_identifier(WORKLIST_TABLE)
    with open_publication(publication) as wh:
        area = wh.query(
            Sql(
                "SELECT code, name, level, parent_code FROM area WHERE code = $code", {"code": code}
            )
        )
        if not area or area[0]["level"] not in CHILD_LEVEL:
            raise CakupanError("access.out_of_scope", what=code, who=scope.who)
        (info,) = area
        current = wh.query(
            Sql("SELECT * FROM coverage_area WHERE area_code = $code", {"code": code})
        )
        if info["level"] == "kabupaten" and not current:  # the published regency itself
            raise CakupanError("access.out_of_scope", what=code, who=scope.who)
        parent = wh.query(
            Sql("SELECT name FROM area WHERE code = $code", {"code": info["parent_code"]})
        )
        trend = wh.query(
            Sql(
                "SELECT * FROM coverage_area_history WHERE area_code = $code ORDER BY as_of",
                {"code": code},
            )
        )
        children = wh.query(
            Sql(
                "SELECT * FROM coverage_area WHERE parent_code = $code AND level = $level "
                "ORDER BY name",
                {"code": code, "level": CHILD_LEVEL[area[0]["level"]]},
            )
        )
        where_sql = f"segment IS NULL AND {IN_AREA_SQL}"
        totals = wh.query(
            Sql(
                f"SELECT count(*) AS persons, count(lapsed_kpj) AS lapsed FROM {table_sql} "
                f"WHERE {where_sql}",
                {"code": code},
            )
        )[0]
        occupations = wh.query(
            Sql(
                f"SELECT coalesce(occupation, '–') AS label, count(*) AS persons "
                f"FROM {table_sql} WHERE {where_sql} GROUP BY ALL ORDER BY persons DESC, label",
                {"code": code},
            )
        )
        segments = wh.query(
            Sql(
                f"SELECT segment AS label, count(*) AS persons FROM {table_sql} "
                f"WHERE segment IS NOT NULL AND {IN_AREA_SQL} "
                "GROUP BY ALL ORDER BY persons DESC, label",
                {"code": code},
            )
        )
        ages = wh.query(
            Sql(
                f"SELECT date_diff('year', birth_date, (SELECT max(CAST(as_of AS DATE)) "
                f"FROM publication)) AS age, count(*) AS persons FROM {table_sql} "
                f"WHERE {where_sql} GROUP BY ALL",
                {"code": code},
            )
        )
    top = [CountBy(r["label"], r["persons"]) for r in occupations[:TOP_OCCUPATIONS]]
    rest = sum(r["persons"] for r in occupations[TOP_OCCUPATIONS:])
    if rest:
        top.append(CountBy("LAINNYA", rest))
    bands = []
    for label, (low, high) in AGE_BANDS.items():
        count = sum(r["persons"] for r in ages if r["age"] is not None and low <= r["age"] <= high)
        bands.append(CountBy(label, count))
    figure = (
        _figure(current[0])
        if current
        else AreaFigure(code=code, name=info["name"], active_persons=0, denominator=None, ucj=None)
    )
    return AreaProfile(
        code=code,
        name=info["name"],
        level=info["level"],
        parent_code=info["parent_code"],
        parent_name=parent[0]["name"] if parent else None,
        figure=figure,
        trend=tuple(_figure(r) for r in trend),
        children=tuple(_figure(r) for r in children if scope.covers(str(r["area_code"]))),
        unprotected=int(totals["persons"]),
        lapsed=int(totals["lapsed"]),
        by_occupation=tuple(top),
        by_age=tuple(bands),
        by_segment=tuple(CountBy(r["label"], r["persons"]) for r in segments),
    )
