"""Publishing: after every completed write, a consistent read-only serving file for readers.

The web app never opens the warehouse. Each completed write (an import, a refresh, a review
decision, a target, a pledge allocation, a demo build) ends by publishing: the figures the
pages show are computed once (:func:`cakupan.serving.dashboard_compute`) and written, with
the small serving tables (coverage per area, segment, membership and their kept history,
targets, areas), the persons of the work lists, the review queue, the pledges with their
registration batches and the list of imported snapshots, into a new DuckDB file
``DATA_DIR/published/serving-<version>.duckdb``.
When it is complete the pointer ``published/CURRENT`` is replaced atomically (write then
``os.replace``), so a reader sees the previous version or the new one, never a half-written
one, and never waits for a write. The previous file is kept one more round for readers that
still hold it open.

Example:
    >>> import tempfile, pathlib
    >>> current_publication(pathlib.Path(tempfile.mkdtemp())) is None
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cakupan.errors import CakupanError
from cakupan.ingest.store import SNAPSHOTS_SQL
from cakupan.matching.queue import KPJ_SQL, KPJ_TABLE, REVIEW_TABLE, review_table
from cakupan.payers import BATCH_TABLE, PLEDGE_TABLE, PLEDGE_VIEW_SQL
from cakupan.results import as_json
from cakupan.serving import Dashboard, dashboard_compute, from_json
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse
from cakupan.worklists import BATCH_SQL, UNPROTECTED_SQL

__all__ = [
    "SERVING_TABLES",
    "SNAPSHOT_TABLE",
    "WORKLIST_TABLE",
    "Publication",
    "current_publication",
    "dashboard_read",
    "open_publication",
    "publication_outdated",
    "publish",
    "require_publication",
]

# Bumped whenever what a serving file holds changes; a reader refuses another format.
SERVING_FORMAT = 4
SERVING_TABLES = (
    "meta",
    "area",
    "target",
    "coverage_summary",
    "coverage_area",
    "coverage_segment",
    "coverage_membership",
    "coverage_history",
    "coverage_area_history",
    "coverage_segment_history",
    "coverage_membership_history",
)
WORKLIST_TABLE = "worklist"  # person-level: read only through cakupan.people (scoped)
SNAPSHOT_TABLE = "snapshot_list"  # every import: file, who, when, counts (no personal data)
FOLDER = "published"
POINTER = "CURRENT"
_NAME = re.compile(r"serving-[0-9TZ]+-[0-9a-f]{8}\.duckdb")


@dataclass(frozen=True)
class Publication:
    """One published version: its file and the as-of date of the data it shows."""

    version: str
    path: Path
    as_of: str | None
    published_at: str


def publish(
    wh: Warehouse, *, data_dir: Path, regency: str, default_target: float
) -> Publication | None:
    """Publish what ``wh`` holds now; None (nothing published) before coverage exists.

    Call after the write committed, holding the write turn (:mod:`cakupan.writer`)."""
    if not wh.scalar("SELECT count(*) FROM coverage_summary"):
        return None
    if wh.in_transaction:  # another connection would not see what is not yet committed
        return _write(
            wh,
            data_dir=data_dir,
            regency=regency,
            dashboard=functools.partial(
                dashboard_compute, wh, regency=regency, default_target=default_target
            ),
        )
    # The dashboard's many small queries (Python between them) run beside the copying of
    # the tables, on a second cursor in a second thread.
    with ThreadPoolExecutor(max_workers=1) as pool, wh.cursor() as side:
        computing = pool.submit(
            dashboard_compute, side, regency=regency, default_target=default_target
        )
        return _write(wh, data_dir=data_dir, regency=regency, dashboard=computing.result)


def _write(
    wh: Warehouse, *, data_dir: Path, regency: str, dashboard: Callable[[], Dashboard]
) -> Publication:
    folder = data_dir / FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    version = f"{now.strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(4)}"
    target = folder / f"serving-{version}.duckdb"
    building = folder / f".building-{version}.duckdb"
    try:
        with Warehouse(building, schema=False) as out:
            for table in SERVING_TABLES:
                rows = wh.arrow(f"SELECT * FROM {quote_identifier(table)}")
                out.register("rows_in", rows)
                out.execute(f"CREATE TABLE {quote_identifier(table)} AS SELECT * FROM rows_in")
            _publish_worklist(wh, out)
            # Reads of the web pages: the review queue, the payers, the import history.
            for table, rows in (
                (REVIEW_TABLE, review_table(wh)),
                (KPJ_TABLE, wh.arrow(KPJ_SQL)),
                (PLEDGE_TABLE, wh.arrow(PLEDGE_VIEW_SQL)),
                (BATCH_TABLE, wh.arrow(BATCH_SQL)),
                (SNAPSHOT_TABLE, wh.arrow(SNAPSHOTS_SQL)),
            ):
                out.register("rows_in", rows)
                out.execute(f"CREATE TABLE {quote_identifier(table)} AS SELECT * FROM rows_in")
            figures = dashboard()
            out.execute(
                "CREATE TABLE publication (version VARCHAR, format INTEGER, as_of VARCHAR, "
                "published_at VARCHAR, regency VARCHAR, dashboard JSON)"
            )
            out.execute(
                "INSERT INTO publication VALUES (?, ?, ?, ?, ?, ?)",
                [
                    version,
                    SERVING_FORMAT,
                    figures.meta.get("as_of"),
                    now.isoformat(timespec="seconds"),
                    regency,
                    json.dumps(as_json(figures), default=str, ensure_ascii=False),
                ],
            )
        building.chmod(0o600)
        os.replace(building, target)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    previous = current_publication(data_dir)
    pointer = folder / f".{POINTER}-{version}"
    fd = os.open(pointer, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # whatever the umask
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(target.name)
    os.replace(pointer, folder / POINTER)
    _prune(folder, keep={target.name, previous.name if previous else ""})
    return Publication(version, target, figures.meta.get("as_of"), now.isoformat())


def _publish_worklist(wh: Warehouse, out: Warehouse) -> None:
    """The unprotected persons of every work list (:data:`cakupan.worklists.UNPROTECTED_SQL`),
    sorted by desa so that one desa's page reads a few row groups (a page orders its own
    rows, so they need no order within the desa here)."""
    register_rows, member_rows = UNPROTECTED_SQL
    out.register("register_rows", wh.arrow(register_rows))
    out.register("member_rows", wh.arrow(member_rows))
    out.execute(
        f"CREATE TABLE {quote_identifier(WORKLIST_TABLE)} AS SELECT * FROM register_rows "
        "UNION ALL SELECT * FROM member_rows ORDER BY desa_code"
    )


def _prune(folder: Path, *, keep: set[str]) -> None:
    for path in folder.glob("serving-*.duckdb"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


def require_publication(data_dir: Path) -> Path:
    """The serving file readers use now (``publication.none`` before the first)."""
    publication = current_publication(data_dir)
    if publication is None:
        raise CakupanError("publication.none")
    return publication


def current_publication(data_dir: Path) -> Path | None:
    """The serving file readers use now, or None before the first publication."""
    pointer = data_dir / FOLDER / POINTER
    try:
        with pointer.open("rb") as handle:  # a file name, never more than this
            name = handle.read(256).decode("utf-8", "replace").strip()
    except FileNotFoundError:
        return None
    if not _NAME.fullmatch(name):  # only a name this module writes
        raise CakupanError("publication.unreadable", path=str(pointer), why="unknown file name")
    return data_dir / FOLDER / name


_CHECKED: set[Path] = set()  # published files already found in this version's format


def open_publication(path: Path) -> Warehouse:
    """A published file opened read-only (:meth:`Warehouse.published`), after checking it
    holds this version's format (checked once per file: a published file never changes)."""
    wh = Warehouse.published(path)
    if path in _CHECKED:
        return wh
    try:
        found = wh.scalar("SELECT format FROM publication")
    except CakupanError:
        found = None
    if found != SERVING_FORMAT:
        wh.close()
        raise CakupanError("publication.unreadable", path=str(path), why="another format")
    _CHECKED.add(path)
    return wh


def publication_outdated(data_dir: Path) -> bool:
    """Whether the current publication was made by another version of Cakupan (its format
    differs): it must be published again before the web app can read it."""
    path = current_publication(data_dir)
    if path is None:
        return False
    try:
        open_publication(path)
    except CakupanError as error:
        return error.code == "publication.unreadable"
    return False


def dashboard_read(path: Path) -> Dashboard:
    """The dashboard of one published file."""
    with open_publication(path) as wh:
        document = wh.scalar("SELECT dashboard FROM publication")
    return from_json(Dashboard, json.loads(document))
