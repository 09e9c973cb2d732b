"""Records typed into a form (a socialisation event, a benefit payout, a card hand-over) go
into the warehouse through the importer, like any file.

The web keeps what its users recorded; :func:`import_entries` writes every entry of one kind
as a private CSV in the source type's own column names and imports it as the snapshot of the
partner ``WEB`` (:data:`PARTNER`): it replaces the previous web snapshot of that kind and
nothing else (a file imported from a desa or the branch stays current beside it). Each entry
is validated exactly as a row of a file would be; the ones rejected come back with their
reasons, keyed by their position.

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.warehouse import Warehouse
    >>> rows = [{"date": "2026-11-02", "venue_type": "pasar", "desa": "35.16.05.2001",
    ...          "attendance": "40", "registrations": "12"},
    ...         {"date": "2026-13-02", "venue_type": "pasar", "desa": "35.16.05.2001"}]
    >>> with Warehouse.memory() as wh:
    ...     done = import_entries(wh, "events", rows, folder=pathlib.Path(tempfile.mkdtemp()),
    ...                           by="siti")
    >>> done.accepted, sorted(done.rejected)
    (1, [1])
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from cakupan.ingest import source_type
from cakupan.ingest.limits import Limits
from cakupan.pipeline import import_and_refresh
from cakupan.warehouse import Warehouse

__all__ = ["KINDS", "PARTNER", "EntriesImport", "import_entries"]

PARTNER = "WEB"
KINDS = ("events", "payouts", "cards")


@dataclass(frozen=True)
class EntriesImport:
    """What became of the entries: the snapshot, and the rejected ones by position with
    their reasons in Indonesian and English."""

    snapshot_id: int | None
    accepted: int
    rejected: dict[int, tuple[str, str]] = field(default_factory=dict)


def import_entries(
    wh: Warehouse,
    kind: str,
    rows: list[dict[str, str]],
    *,
    folder: Path,
    by: str,
    regency: str = "35.16",
    limits: Limits | None = None,
) -> EntriesImport:
    """Import every entry of ``kind`` (``rows``: column name → text) as the web's snapshot,
    then match and recompute; ``folder`` keeps the CSV (0600)."""
    source = source_type(kind)
    columns = [c.name for c in source.columns]
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"web-{kind}.csv"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[row.get(c, "") or "" for c in columns] for row in rows])
    report = import_and_refresh(
        wh, path, kind, regency=regency, partner=PARTNER, as_of=dt.date.today(),
        imported_by=by, limits=limits,
    )  # fmt: skip
    rejected: dict[int, tuple[str, str]] = {}
    for finding in report.findings:
        if finding.severity == "error":
            index = finding.row - 2  # the header is row 1
            before = rejected.get(index, ("", ""))
            rejected[index] = (
                "; ".join(x for x in (before[0], finding.message("id")) if x),
                "; ".join(x for x in (before[1], finding.message("en")) if x),
            )
    return EntriesImport(report.snapshot_id or report.duplicate_of, report.accepted, rejected)
