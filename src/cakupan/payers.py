"""Who pays, as readers of the published figures see it: every pledge with what its last
allocation covered and why it covers no more, the desa its persons live in, and the
collective-registration batch of a pledge (persons: scoped, and logged as an export).

Publishing (:mod:`cakupan.publish`) writes the pledges with their allocation counts
(``pledge_view``) and the persons of every allocation as a registration batch
(``pledge_batch``); nothing here opens the warehouse.

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.scope import Scope
    >>> pledge_views(pathlib.Path(tempfile.mkdtemp()) / "none.duckdb",
    ...              scope=Scope.whole_regency("t"))
    ()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cakupan._tables import write_table
from cakupan.errors import CakupanError
from cakupan.pledges import person_cost
from cakupan.privacy import log_export
from cakupan.scope import Scope, require_scope
from cakupan.sql import quote_identifier
from cakupan.worklists import BATCH_COLUMNS

__all__ = [
    "BATCH_TABLE",
    "PLEDGE_TABLE",
    "PLEDGE_VIEW_SQL",
    "PledgeDesa",
    "PledgeView",
    "pledge_batch_export",
    "pledge_desa_counts",
    "pledge_views",
]

PLEDGE_TABLE = "pledge_view"
BATCH_TABLE = "pledge_batch"
# Every pledge with what its last allocation covered (published with the figures).
PLEDGE_VIEW_SQL = """
    SELECT p.id, p.payer, p.payer_type, p.budget, p.months, p.segment, p.area_code,
           p.age_min, p.age_max, p.priority, p.origin, p.problem,
           count(a.person_key) AS persons,
           CAST(coalesce(sum(a.total_cost), 0) AS BIGINT) AS spent
    FROM pledge p LEFT JOIN pledge_allocation a ON a.pledge_id = p.id
    GROUP BY ALL ORDER BY p.priority, p.id"""


@dataclass(frozen=True)
class PledgeView:
    """A pledge, what its allocation covered, and why it covers no more (``limited_by``:
    ``problem`` — its rules name no valid area —, ``budget`` — what is left pays for nobody
    more —, or ``eligible`` — no more eligible unprotected persons, or the allocation has not
    run since the pledge was recorded)."""

    id: int
    payer: str
    payer_type: str
    budget: int
    months: int
    segment: str | None
    area_code: str | None
    age_min: int | None
    age_max: int | None
    priority: int
    origin: str | None
    problem: str | None
    persons: int
    spent: int
    cost_per_person: int
    remaining: int
    limited_by: str


@dataclass(frozen=True)
class PledgeDesa:
    """How many persons a pledge covers in one desa."""

    desa_code: str
    persons: int


def _limited_by(problem: str | None, remaining: int, each: int) -> str:
    if problem:
        return "problem"
    return "eligible" if remaining >= each else "budget"


def pledge_views(publication: Path, *, scope: Scope) -> tuple[PledgeView, ...]:
    """The pledges ``scope`` may see: all for the regency, a partner's own (by payer)."""
    scope = require_scope(scope)
    if not publication.exists():
        return ()
    from cakupan.publish import open_publication  # publish imports this module

    with open_publication(publication) as wh:
        rows = wh.query(f"SELECT * FROM {quote_identifier(PLEDGE_TABLE)}")
        as_of = wh.scalar("SELECT as_of FROM publication")
    day = dt.date.fromisoformat(as_of) if as_of else None
    views = []
    for r in rows:
        if not scope.covers_partner(r["payer"]):
            continue
        each = person_cost(months=int(r["months"]), on=day)
        remaining = int(r["budget"]) - int(r["spent"])
        views.append(
            PledgeView(
                **r,
                cost_per_person=each,
                remaining=remaining,
                limited_by=_limited_by(r["problem"], remaining, each),
            )
        )
    return tuple(views)


def _pledge(publication: Path, scope: Scope, pledge_id: int) -> PledgeView:
    found = [p for p in pledge_views(publication, scope=scope) if p.id == pledge_id]
    if not found:
        raise CakupanError("pledge.not_found", id=pledge_id)
    return found[0]


def pledge_desa_counts(
    publication: Path, *, scope: Scope, pledge_id: int
) -> tuple[PledgeDesa, ...]:
    """Where the persons a pledge covers live: counts per desa (within an area scope, its
    own desa only)."""
    _pledge(publication, scope, pledge_id)
    from cakupan.publish import open_publication

    with open_publication(publication) as wh:
        rows = wh.query(
            f"SELECT desa_code, count(*) AS persons FROM {quote_identifier(BATCH_TABLE)} "
            "WHERE pledge_id = ? GROUP BY ALL ORDER BY desa_code",
            [pledge_id],
        )
    return tuple(
        PledgeDesa(r["desa_code"], int(r["persons"]))
        for r in rows
        if scope.regency or scope.partners or scope.covers(r["desa_code"])
    )


def pledge_batch_export(
    publication: Path,
    out: Path,
    *,
    scope: Scope,
    pledge_id: int,
    data_dir: Path,
    file_format: str = "xlsx",
) -> int:
    """Write the collective-registration batch of one pledge (its persons with their whole
    NIKs, as the branch's collective registration asks) to ``out``: for regency-wide roles
    that see whole NIKs only. Logged as an export; returns the number of persons."""
    scope = require_scope(scope, persons=True)
    pledge = _pledge(publication, scope, pledge_id)
    if not (scope.regency and scope.full_nik):
        raise CakupanError("pledge.batch_whole_nik", who=scope.who)
    from cakupan.publish import open_publication

    columns_sql = ", ".join(quote_identifier(c) for c in BATCH_COLUMNS)
    with open_publication(publication) as wh:
        rows = wh.query(
            f"SELECT {columns_sql} FROM {quote_identifier(BATCH_TABLE)} WHERE pledge_id = ?",
            [pledge_id],
        )
    write_table(
        out, BATCH_COLUMNS, [[r[c] for c in BATCH_COLUMNS] for r in rows],
        sheet="pendaftaran kolektif", suffix=f".{file_format}",
    )  # fmt: skip
    log_export(
        data_dir, what=f"pledge batch {pledge_id} ({pledge.payer})", rows=len(rows), file=out,
        by=scope.who, scope=scope.label,
    )  # fmt: skip
    return len(rows)
