"""The review queue as the web app reads it: the pending pairs of the current publication.

Publishing (:mod:`cakupan.publish`) writes the pending pairs with their evidence
(:func:`cakupan.matching.review.review_list`, NIKs masked) into the serving file; the web
reads them from there, one page at a time, never the warehouse. Decisions go back through a
write (:func:`cakupan.pipeline.decide_and_refresh`).

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.scope import Scope
    >>> page = review_page(pathlib.Path(tempfile.mkdtemp()) / "none.duckdb",
    ...                    scope=Scope.whole_regency("t"), data_dir=pathlib.Path("."))
    >>> page.total, page.pairs
    (0, ())
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from cakupan.audit import audit_record
from cakupan.errors import CakupanError
from cakupan.matching.review import Evidence, ReviewPair, ReviewRecord, review_list
from cakupan.scope import Scope, require_scope
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = [
    "KPJ_SQL",
    "KPJ_TABLE",
    "REVIEW_TABLE",
    "KpjStatus",
    "ReviewPage",
    "kpj_status",
    "review_page",
    "review_pair_ids",
    "review_table",
]

REVIEW_TABLE = "review_pair"
KPJ_TABLE = "participant_kpj"
# Every membership number of the participant extract, whether it is active and the person
# it was linked to: what a reviewer checks a visit's "already a member" against.
KPJ_SQL = """
    SELECT p.kpj, bool_or(p.active) AS active, min(pp.person_key) AS person_key
    FROM participant p LEFT JOIN participant_person pp ON pp.participant_row = p.row_id
    WHERE p.kpj IS NOT NULL GROUP BY p.kpj"""
PUBLISHED_PAIRS = 20_000  # most probable first; a queue longer than this is a model problem
_SIDES = ("source", "name", "birth_date", "nik", "desa")


@dataclass(frozen=True)
class ReviewPage:
    """Pending pairs of one page, how many match the filter, and the lists they come from."""

    pairs: tuple[ReviewPair, ...]
    total: int
    offset: int
    sources: tuple[str, ...]


def review_table(wh: Warehouse) -> pa.Table:
    """The pending pairs of ``wh`` as the serving table (NIKs masked)."""
    pairs = review_list(wh, scope=Scope.whole_regency("publish"), limit=PUBLISHED_PAIRS)
    columns: dict[str, list[object]] = {"id": [], "match_probability": [], "evidence": []}
    for side in ("l", "r"):
        for name in _SIDES:
            columns[f"{side}_{name}"] = []
    for pair in pairs:
        columns["id"].append(pair.id)
        columns["match_probability"].append(pair.match_probability)
        columns["evidence"].append(
            json.dumps([[e.field, e.level, e.weight] for e in pair.evidence])
        )
        for side, record in (("l", pair.left), ("r", pair.right)):
            for name in _SIDES:
                columns[f"{side}_{name}"].append(getattr(record, name))
    schema = pa.schema(
        [("id", pa.string()), ("match_probability", pa.float64()), ("evidence", pa.string())]
        + [(f"{s}_{n}", pa.string()) for s in ("l", "r") for n in _SIDES]
    )
    return pa.table({name: columns[name] for name in schema.names}, schema=schema)


def _pair(row: dict[str, object]) -> ReviewPair:
    sides = [ReviewRecord(**{n: str(row[f"{s}_{n}"] or "") for n in _SIDES}) for s in ("l", "r")]
    evidence = tuple(Evidence(f, lv, float(w)) for f, lv, w in json.loads(str(row["evidence"])))
    return ReviewPair(
        id=str(row["id"]),
        match_probability=float(row["match_probability"]),  # type: ignore[arg-type]
        left=sides[0],
        right=sides[1],
        evidence=evidence,
    )


def review_page(
    publication: Path,
    *,
    scope: Scope,
    data_dir: Path,
    source: str | None = None,
    kecamatan: str | None = None,
    exclude: frozenset[str] = frozenset(),
    offset: int = 0,
    limit: int = 1,
) -> ReviewPage:
    """Pending pairs of ``publication``, most probable first, from the list ``source``
    and with a record in ``kecamatan`` when given, leaving out ``exclude`` (pairs decided
    but not yet applied). Regency-wide work for roles that see persons; each page read is
    audited."""
    if not require_scope(scope, persons=True).regency:
        raise CakupanError("access.out_of_scope", what="review", who=scope.who)
    if not publication.exists():
        return ReviewPage((), 0, offset, ())
    from cakupan.publish import open_publication  # publish imports this module

    table_sql = quote_identifier(REVIEW_TABLE)
    where = ["NOT list_contains(?, id)"]
    params: list[object] = [sorted(exclude)]
    if source:
        where.append("(l_source = ? OR r_source = ?)")
        params += [source, source]
    if kecamatan:
        where.append("(starts_with(l_desa, ?) OR starts_with(r_desa, ?))")
        params += [kecamatan + ".", kecamatan + "."]
    condition_sql = " AND ".join(where)
    with open_publication(publication) as wh:
        total = int(wh.scalar(f"SELECT count(*) FROM {table_sql} WHERE {condition_sql}", params))
        rows = wh.query(
            f"SELECT * FROM {table_sql} WHERE {condition_sql} "
            "ORDER BY match_probability DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        sources = tuple(
            r["s"]
            for r in wh.query(
                f"SELECT DISTINCT unnest([l_source, r_source]) AS s FROM {table_sql} ORDER BY s"
            )
        )
    pairs = tuple(_pair(r) for r in rows)
    if pairs:
        audit_record(
            data_dir, by=scope.who, action="view", what=f"review pairs {pairs[0].id}…",
            persons=2 * len(pairs), scope=scope.label,
        )  # fmt: skip
    return ReviewPage(pairs, total, offset, sources)


def review_pair_ids(publication: Path, *, scope: Scope, ids: list[str]) -> frozenset[str]:
    """Which of ``ids`` are pending pairs of ``publication`` (for a reviewer's decision)."""
    if not require_scope(scope, persons=True).regency:
        raise CakupanError("access.out_of_scope", what="review", who=scope.who)
    from cakupan.publish import open_publication

    with open_publication(publication) as wh:
        rows = wh.query(
            f"SELECT id FROM {quote_identifier(REVIEW_TABLE)} WHERE list_contains(?, id)",
            [list(ids)],
        )
    return frozenset(r["id"] for r in rows)


@dataclass(frozen=True)
class KpjStatus:
    """A membership number as the published extract knows it."""

    kpj: str
    active: bool
    person_key: str | None  # the person it is linked to (None: linked to nobody)


def kpj_status(publication: Path, *, scope: Scope, kpjs: list[str]) -> dict[str, KpjStatus]:
    """The memberships ``kpjs`` in the published extract (a number not there is absent):
    for reviewers checking a visit's report that a person is already a member."""
    if not require_scope(scope, persons=True).regency:
        raise CakupanError("access.out_of_scope", what="review", who=scope.who)
    if not kpjs:
        return {}
    from cakupan.publish import open_publication

    with open_publication(publication) as wh:
        rows = wh.query(
            f"SELECT kpj, active, person_key FROM {quote_identifier(KPJ_TABLE)} "
            "WHERE list_contains(?, kpj)",
            [list(kpjs)],
        )
    return {r["kpj"]: KpjStatus(r["kpj"], bool(r["active"]), r["person_key"]) for r in rows}
