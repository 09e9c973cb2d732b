"""The import history as readers see it: every snapshot of the current publication.

The web app never opens the warehouse; the list of snapshots (file, who loaded it, when,
counts, whether it is current) is published with the figures (:mod:`cakupan.publish`).
It holds no personal data.

Example:
    >>> import tempfile, pathlib
    >>> snapshot_history(pathlib.Path(tempfile.mkdtemp()) / "none.duckdb")
    ()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cakupan.publish import SNAPSHOT_TABLE, open_publication
from cakupan.sql import quote_identifier

__all__ = ["SnapshotEntry", "snapshot_history", "snapshot_same_file"]


@dataclass(frozen=True)
class SnapshotEntry:
    """One imported file."""

    id: int
    source_type: str
    segment: str | None
    partner: str | None
    file_name: str
    as_of: dt.date | None
    imported_by: str | None
    imported_at: dt.datetime | None
    rows_read: int
    accepted: int
    rejected: int
    current: bool


_COLUMNS_SQL = (
    "id, source_type, segment, partner, file_name, as_of, imported_by, imported_at, "
    "rows_read, accepted, rejected, current"
)


def snapshot_history(publication: Path, *, limit: int = 500) -> tuple[SnapshotEntry, ...]:
    """The snapshots of ``publication``, newest first (none before the first one)."""
    if not publication.exists():
        return ()
    with open_publication(publication) as wh:
        table_sql = quote_identifier(SNAPSHOT_TABLE)
        rows = wh.query(f"SELECT {_COLUMNS_SQL} FROM {table_sql} ORDER BY id DESC LIMIT ?", [limit])
    return tuple(SnapshotEntry(**row) for row in rows)


def snapshot_same_file(
    publication: Path,
    *,
    content_hash: str,
    source_type: str,
    segment: str | None,
    partner: str | None,
) -> SnapshotEntry | None:
    """The snapshot that already holds this very file (same content, type, segment and
    partner), if any: importing it again would load nothing."""
    if not content_hash or not publication.exists():
        return None
    with open_publication(publication) as wh:
        rows = wh.query(
            f"SELECT {_COLUMNS_SQL} FROM {quote_identifier(SNAPSHOT_TABLE)} WHERE content_hash = ? "
            "AND source_type = ? AND segment IS NOT DISTINCT FROM ? "
            "AND partner IS NOT DISTINCT FROM ? ORDER BY id DESC LIMIT 1",
            [content_hash, source_type, segment, partner],
        )
    return SnapshotEntry(**rows[0]) if rows else None
