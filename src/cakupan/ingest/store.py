"""Snapshots in the warehouse: atomic, idempotent, versioned imports.

Every import is a snapshot (source type, segment label, partner, file name, content hash,
as-of date, who, when, row counts). Accepted rows go to ``src_<type>`` tagged with the
snapshot; findings and rejected rows are kept beside them. ``current_src_<type>`` views show
the latest snapshot of each (type, segment, partner), so newer files supersede older ones for
current figures while history stays queryable.

Example:
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:
    ...     ensure_schema(wh)
    ...     wh.scalar("SELECT count(*) FROM snapshot")
    0
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from cakupan.ingest.report import WARNING, Finding, ImportReport
from cakupan.ingest.schemas import SOURCE_TYPES, SourceType
from cakupan.ingest.validate import SQL_TYPES
from cakupan.warehouse import Warehouse

__all__ = [
    "ROW_ID_FACTOR",
    "ensure_schema",
    "find_snapshot",
    "list_snapshots",
    "register_by_desa",
    "rejected_report",
    "store",
]

# record_id = snapshot_id * ROW_ID_FACTOR + row_number: stable and unique across snapshots.
ROW_ID_FACTOR = 100_000_000

_DDL = """
CREATE SEQUENCE IF NOT EXISTS snapshot_seq START 1;
CREATE TABLE IF NOT EXISTS snapshot (
    id BIGINT PRIMARY KEY, source_type VARCHAR NOT NULL, segment VARCHAR, partner VARCHAR,
    file_name VARCHAR NOT NULL, file_format VARCHAR, sheet VARCHAR, content_hash VARCHAR NOT NULL,
    as_of DATE NOT NULL, imported_by VARCHAR, imported_at TIMESTAMP NOT NULL,
    rows_read BIGINT, accepted BIGINT, rejected BIGINT, headers VARCHAR[], columns JSON);
CREATE TABLE IF NOT EXISTS import_finding (
    snapshot_id BIGINT, row_number BIGINT, column_name VARCHAR, code VARCHAR,
    severity VARCHAR, value VARCHAR, params JSON);
CREATE TABLE IF NOT EXISTS import_rejected (
    snapshot_id BIGINT, row_number BIGINT, cells VARCHAR[]);
CREATE TABLE IF NOT EXISTS snapshot_desa (snapshot_id BIGINT, desa VARCHAR);
CREATE OR REPLACE VIEW current_snapshot AS
    SELECT * FROM snapshot QUALIFY row_number() OVER (
        PARTITION BY source_type, coalesce(segment, ''), coalesce(partner, '')
        ORDER BY as_of DESC, id DESC) = 1;
"""


def _columns_ddl(source: SourceType) -> str:
    parts = ["snapshot_id BIGINT", "record_id BIGINT", "row_number BIGINT"]
    for column in source.columns:
        parts.append(f'"{column.name}" {SQL_TYPES.get(column.kind, "VARCHAR")}')
        if column.kind == "nik":
            parts.append("nik_raw VARCHAR")
    parts.append("flags VARCHAR[]")
    return ", ".join(parts)


# The register is assembled village by village: for each desa, the rows of the latest
# register snapshot that covers it (has rows in it), so a village's file replaces only
# that village while a regency-wide file replaces every desa it holds.
_REGISTER_VIEWS = """
CREATE OR REPLACE VIEW current_register_desa AS
    SELECT d.desa, d.snapshot_id, s.as_of, s.file_name FROM snapshot_desa d
    JOIN snapshot s ON s.id = d.snapshot_id
    QUALIFY row_number() OVER (PARTITION BY d.desa ORDER BY s.as_of DESC, s.id DESC) = 1;
CREATE OR REPLACE VIEW current_src_register AS
    SELECT t.*, s.segment, s.partner, s.as_of FROM src_register t
    JOIN current_register_desa c ON c.snapshot_id = t.snapshot_id AND c.desa = t.desa
    JOIN snapshot s ON s.id = t.snapshot_id;
"""


def ensure_schema(wh: Warehouse) -> None:
    """Create the snapshot tables, every ``src_*`` table and the ``current_*`` views."""
    wh.execute(_DDL)
    for source in SOURCE_TYPES.values():
        wh.execute(f"CREATE TABLE IF NOT EXISTS {source.table} ({_columns_ddl(source)})")
        for column in source.columns:  # columns added since the warehouse was made
            kind = SQL_TYPES.get(column.kind, "VARCHAR")
            wh.execute(
                f'ALTER TABLE {source.table} ADD COLUMN IF NOT EXISTS "{column.name}" {kind}'
            )
        if source.name == "register":
            continue
        wh.execute(
            f"CREATE OR REPLACE VIEW current_{source.table} AS SELECT t.*, s.segment, "
            f"s.partner, s.as_of FROM {source.table} t JOIN current_snapshot s "
            f"ON s.id = t.snapshot_id"
        )
    # Register snapshots stored before desa-by-desa assembly cover the desa they hold.
    wh.execute(
        "INSERT INTO snapshot_desa SELECT DISTINCT snapshot_id, desa FROM src_register "
        "WHERE snapshot_id NOT IN (SELECT snapshot_id FROM snapshot_desa) AND desa IS NOT NULL"
    )
    wh.execute(_REGISTER_VIEWS)


def find_snapshot(
    wh: Warehouse, *, source_type: str, content_hash: str, segment: str | None, partner: str | None
) -> int | None:
    """The snapshot that already holds this very file for this source, if any."""
    value = wh.scalar(
        "SELECT min(id) FROM snapshot WHERE source_type = ? AND content_hash = ? "
        "AND coalesce(segment, '') = ? AND coalesce(partner, '') = ?",
        [source_type, content_hash, segment or "", partner or ""],
    )
    return None if value is None else int(value)


def store(
    wh: Warehouse,
    source: SourceType,
    *,
    meta: dict[str, Any],
    findings: list[Finding],
    rejected_rows: list[dict[str, Any]],
) -> int:
    """Insert the validated rows of ``v_typed`` as a new snapshot; return its id.

    Call inside a transaction: the caller commits or rolls back the whole import.
    """
    snapshot_id = int(wh.scalar("SELECT nextval('snapshot_seq')"))
    wh.execute(
        "INSERT INTO snapshot VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?)",
        [
            snapshot_id,
            source.name,
            meta["segment"],
            meta["partner"],
            meta["file_name"],
            meta["file_format"],
            meta["sheet"],
            meta["content_hash"],
            meta["as_of"],
            meta["imported_by"],
            meta["rows_read"],
            meta["accepted"],
            meta["rejected"],
            meta["headers"],
            json.dumps(meta["columns"]),
        ],
    )
    flags: dict[int, list[str]] = {}
    for f in findings:
        if f.severity == WARNING:
            flags.setdefault(f.row, []).append(f.code)
    wh.register(
        "flags_in",
        pa.table(
            {
                "row_number": pa.array(list(flags), pa.int64()),
                "flags": pa.array([sorted(set(v)) for v in flags.values()], pa.list_(pa.string())),
            }
        ),
    )
    values = []
    for column in source.columns:
        if column.kind == "nik":
            values.append("CASE WHEN t.p_nik IS NULL THEN t._nik_clean END AS nik")
            values.append("t.nik_raw AS nik_raw")
        else:
            values.append(f't."{column.name}" AS "{column.name}"')
    # By name: a warehouse made by an earlier version has new columns at the end.
    wh.execute(
        f"INSERT INTO {source.table} BY NAME SELECT {snapshot_id} AS snapshot_id, "
        # BIGINT first: DuckDB multiplies two small literals in 32 bits (22 * 10^8 overflows)
        f"{snapshot_id}::BIGINT * {ROW_ID_FACTOR} + t.row_number AS record_id, "
        "t.row_number AS row_number, "
        f"{', '.join(values)}, coalesce(f.flags, []::VARCHAR[]) AS flags FROM v_typed t "
        "LEFT JOIN flags_in f USING (row_number) "
        "ANTI JOIN rejected_in x ON x.row_number = t.row_number"
    )
    wh.register(
        "findings_in",
        pa.table(
            {
                "row_number": pa.array([f.row for f in findings], pa.int64()),
                "column_name": pa.array([f.column for f in findings], pa.string()),
                "code": pa.array([f.code for f in findings], pa.string()),
                "severity": pa.array([f.severity for f in findings], pa.string()),
                "value": pa.array([f.value for f in findings], pa.string()),
                "params": pa.array(
                    [json.dumps(f.params, default=str) for f in findings], pa.string()
                ),
            }
        ),
    )
    wh.execute(f"INSERT INTO import_finding SELECT {snapshot_id}, * FROM findings_in")
    if source.name == "register":
        wh.execute(
            "INSERT INTO snapshot_desa SELECT DISTINCT snapshot_id, desa FROM src_register "
            "WHERE snapshot_id = ?",
            [snapshot_id],
        )
    wh.register(
        "rejected_cells_in",
        pa.table(
            {
                "row_number": pa.array([r["row"] for r in rejected_rows], pa.int64()),
                "cells": pa.array([r["cells"] for r in rejected_rows], pa.list_(pa.string())),
            }
        ),
    )
    wh.execute(f"INSERT INTO import_rejected SELECT {snapshot_id}, * FROM rejected_cells_in")
    return snapshot_id


def list_snapshots(wh: Warehouse) -> list[dict[str, Any]]:
    """Every snapshot, newest first, with whether it is current."""
    if not wh.table_exists("snapshot"):
        return []
    return wh.query(
        "SELECT s.id, s.source_type, s.segment, s.partner, s.file_name, s.as_of, "
        "s.imported_by, s.imported_at, s.rows_read, s.accepted, s.rejected, s.content_hash, "
        "CASE WHEN s.source_type = 'register' "
        "THEN s.id IN (SELECT snapshot_id FROM current_register_desa) "
        "ELSE c.id IS NOT NULL END AS current FROM snapshot s LEFT JOIN current_snapshot c "
        "ON c.id = s.id ORDER BY s.id DESC"
    )


def register_by_desa(wh: Warehouse, *, regency: str) -> list[dict[str, Any]]:
    """Every desa of the regency: whether the register has it, from which snapshot and file,
    as of when, and how many residents (living, and set aside). Empty before the first
    import."""
    if not (wh.table_exists("snapshot_desa") and wh.table_exists("ref_status_dasar")):
        return []
    return wh.query(
        "WITH counts AS (SELECT r.desa, count(*) FILTER (WHERE st.living IS NOT false) AS "
        "residents, count(*) FILTER (WHERE st.living = false) AS set_aside "
        "FROM current_src_register r LEFT JOIN ref_status_dasar st ON st.value = r.status_dasar "
        "GROUP BY r.desa) "
        "SELECT d.code AS desa, d.name, k.name AS kecamatan, c.snapshot_id, c.file_name, "
        "c.as_of, coalesce(n.residents, 0) AS residents, coalesce(n.set_aside, 0) AS set_aside "
        "FROM area d JOIN area k ON k.code = d.parent_code "
        "LEFT JOIN current_register_desa c ON c.desa = d.code "
        "LEFT JOIN counts n ON n.desa = d.code WHERE d.level = 'desa' "
        "AND d.code LIKE ? ORDER BY d.code",
        [regency + ".%"],
    )


def rejected_report(wh: Warehouse, snapshot_id: int) -> ImportReport:
    """A snapshot's report rebuilt from the warehouse, for downloading its rejected rows."""
    from cakupan.errors import InputError

    rows = (
        wh.query("SELECT * FROM snapshot WHERE id = ?", [snapshot_id])
        if wh.table_exists("snapshot")
        else []
    )
    if not rows:
        raise InputError(
            "sources.no_snapshot", "No snapshot {id}; see 'cakupan sources'", id=snapshot_id
        )
    s = rows[0]
    findings = [
        Finding(
            r["row_number"],
            r["column_name"],
            r["code"],
            r["severity"],
            r["value"] or "",
            json.loads(r["params"] or "{}"),
        )
        for r in wh.query(
            "SELECT * FROM import_finding WHERE snapshot_id = ? ORDER BY row_number", [snapshot_id]
        )
    ]
    rejected = [
        {"row": r["row_number"], "cells": list(r["cells"])}
        for r in wh.query(
            "SELECT row_number, cells FROM import_rejected WHERE snapshot_id = ?", [snapshot_id]
        )
    ]
    return ImportReport(
        source_type=s["source_type"],
        file=s["file_name"],
        file_format=s["file_format"] or "",
        rows_read=s["rows_read"],
        accepted=s["accepted"],
        rejected=s["rejected"],
        findings=findings,
        columns=json.loads(s["columns"] or "{}"),
        extra_headers=[],
        skipped=[],
        header_row=0,
        sheet=s["sheet"],
        content_hash=s["content_hash"],
        snapshot_id=snapshot_id,
        segment=s["segment"],
        partner=s["partner"],
        as_of=str(s["as_of"]),
        rejected_rows=rejected,
        headers=list(s["headers"] or []),
    )
