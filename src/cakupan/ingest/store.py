"""Snapshots in the warehouse: atomic, idempotent, versioned imports.

Every import is a snapshot (source type, segment label, partner, file name, content hash,
as-of date, who, when, row counts). Accepted rows go to ``src_<type>`` tagged with the
snapshot; findings and rejected rows are kept beside them. ``current_src_<type>`` views show
the latest snapshot of each (type, segment, partner), so newer files supersede older ones for
current figures while history stays queryable.

The tables and views are declared by :mod:`cakupan.schema`.

Example:
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:
    ...     list_snapshots(wh)
    []
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from cakupan.ingest.report import WARNING, Finding, ImportReport
from cakupan.ingest.schemas import SourceType
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = [
    "ROW_ID_FACTOR",
    "find_snapshot",
    "list_snapshots",
    "register_by_desa",
    "rejected_report",
    "store",
]

# record_id = snapshot_id * ROW_ID_FACTOR + row_number: stable and unique across snapshots.
ROW_ID_FACTOR = 100_000_000


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
            values.append(f"t.{quote_identifier(column.name)} AS {quote_identifier(column.name)}")
    values_sql = ", ".join(values)
    # By name: a warehouse made by an earlier version has new columns at the end.
    wh.execute(
        f"INSERT INTO {quote_identifier(source.table)} BY NAME SELECT $id AS snapshot_id, "
        "$id::BIGINT * $factor::BIGINT + t.row_number AS record_id, t.row_number AS row_number, "
        f"{values_sql}, coalesce(f.flags, []::VARCHAR[]) AS flags FROM v_typed t "
        "LEFT JOIN flags_in f USING (row_number) "
        "ANTI JOIN rejected_in x ON x.row_number = t.row_number",
        {"id": snapshot_id, "factor": ROW_ID_FACTOR},
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
    wh.execute("INSERT INTO import_finding SELECT ?, * FROM findings_in", [snapshot_id])
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
    wh.execute("INSERT INTO import_rejected SELECT ?, * FROM rejected_cells_in", [snapshot_id])
    return snapshot_id


SNAPSHOTS_SQL = (
    "SELECT s.id, s.source_type, s.segment, s.partner, s.file_name, s.as_of, "
    "s.imported_by, s.imported_at, s.rows_read, s.accepted, s.rejected, s.content_hash, "
    "CASE WHEN s.source_type = 'register' "
    "THEN s.id IN (SELECT snapshot_id FROM current_register_desa) "
    "ELSE c.id IS NOT NULL END AS current FROM snapshot s LEFT JOIN current_snapshot c "
    "ON c.id = s.id ORDER BY s.id DESC"
)


def list_snapshots(wh: Warehouse) -> list[dict[str, Any]]:
    """Every snapshot, newest first, with whether it is current."""
    return wh.query(SNAPSHOTS_SQL)


def register_by_desa(wh: Warehouse, *, regency: str) -> list[dict[str, Any]]:
    """Every desa of the regency: whether the register has it, from which snapshot and file,
    as of when, and how many residents (living, and set aside)."""
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

    rows = wh.query("SELECT * FROM snapshot WHERE id = ?", [snapshot_id])
    if not rows:
        raise InputError("sources.no_snapshot", id=snapshot_id)
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
