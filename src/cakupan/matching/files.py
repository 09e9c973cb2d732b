"""File-to-file matching: a list against a participant extract, for batch work and benchmarks.

Both files go through the importer (header synonyms, validation). Every list row appears in
the output: one row per matched pair, or one row with an empty ``participant_row``; rows the
importer rejected appear with method ``rejected``.

Example:
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "list.csv").write_text("NAMA,NIK\\nSITI AMINAH,3516125708860003\\n")
    >>> _ = (d / "peserta.csv").write_text(
    ...     "KPJ,NIK,NAMA,STATUS,SEGMEN\\n11000001,3516125708860003,SITI AMINAH,AKTIF,BPU\\n")
    >>> rows = match_files(d / "list.csv", d / "peserta.csv").rows
    >>> [(r["list_row"], r["participant_row"], r["method"]) for r in rows]
    [(0, 0, 'nik')]
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from cakupan.ingest import ImportReport, Limits, import_file
from cakupan.matching import engine
from cakupan.matching.features import source_select
from cakupan.privacy import log_export
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["FileMatch", "match_files", "write_matches"]


@dataclass
class FileMatch:
    rows: list[dict[str, Any]]
    list_report: ImportReport
    participants_report: ImportReport
    seconds: float
    summary: dict[str, Any] = field(default_factory=dict)


def _register_rows(wh: Warehouse, name: str, table: str, report: ImportReport) -> None:
    """``name(row_number, idx, rejected)``: every data row of the file (accepted and rejected)
    with its 0-based index among them."""
    rejected = sorted({f.row for f in report.findings if f.severity == "error"})
    wh.register(f"{name}_rejected", pa.table({"row_number": pa.array(rejected, pa.int64())}))
    name_sql, table_sql = quote_identifier(name), quote_identifier(table)
    rejected_sql = quote_identifier(f"{name}_rejected")
    wh.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {name_sql} AS
        SELECT row_number, row_number() OVER (ORDER BY row_number) - 1 AS idx,
               bool_or(rejected) AS rejected
        FROM (SELECT row_number, false AS rejected FROM {table_sql} WHERE snapshot_id = ?
              UNION ALL SELECT row_number, true FROM {rejected_sql})
        GROUP BY row_number""",
        [report.snapshot_id or 0],
    )


# One output row per (list row, participant row) pair kept, or per list row without one.
# Only list-to-participant pairs count (not two list rows), whichever side Splink put first.
# A list row keeps, besides its best pair (its NIK pair, else the likeliest), only pairs whose
# participant has the best one's NIK or a damaged or missing one: two participants with
# different valid NIKs are two people (a namesake born the same day), not two memberships.
_OUTPUT_SQL = """
WITH c AS (
    SELECT CASE WHEN source_l = 'segment' THEN unique_id_l ELSE unique_id_r END AS list_id,
           CASE WHEN source_l = 'segment' THEN unique_id_r ELSE unique_id_l END AS member_id,
           match_probability, outcome
    FROM match_pair WHERE source_l <> source_r),
best AS (SELECT list_id % {factor} AS row_number, max(match_probability) AS p FROM c GROUP BY 1),
cand AS (
    SELECT c.list_id, c.member_id, c.match_probability,
           CASE WHEN c.outcome = 'pending' THEN 'review' ELSE c.outcome END AS method,
           l.nik_valid AS nik_list, m.nik_valid AS nik_member
    FROM c JOIN match_record l ON l.unique_id = c.list_id
    JOIN match_record m ON m.unique_id = c.member_id
    WHERE c.outcome IN ('nik', 'probabilistic', 'pending')),
ranked AS (
    SELECT *, first_value(nik_member) OVER (
        PARTITION BY list_id ORDER BY method = 'nik' DESC, match_probability DESC,
                     member_id) AS nik_best
    FROM cand),
kept AS (
    SELECT list_id % {factor} AS list_rn, member_id % {factor} AS member_rn,
           match_probability, method
    FROM ranked
    WHERE nik_member IS NULL OR nik_best IS NULL OR nik_member = nik_best
    QUALIFY row_number() OVER (PARTITION BY list_rn, member_rn
                               ORDER BY method = 'nik' DESC, match_probability DESC) = 1)
SELECT l.idx AS list_row, m.idx AS participant_row,
       round(CASE WHEN l.rejected THEN 0.0
                  ELSE coalesce(k.match_probability, b.p, 0.0) END, 6) AS match_probability,
       CASE WHEN l.rejected THEN 'rejected' ELSE coalesce(k.method, 'none') END AS method
FROM list_rows l
LEFT JOIN kept k ON k.list_rn = l.row_number  -- a rejected row has no pairs
LEFT JOIN member_rows m ON m.row_number = k.member_rn
LEFT JOIN best b ON b.row_number = l.row_number
ORDER BY l.idx, k.match_probability DESC NULLS LAST, m.idx
"""


def match_files(
    list_path: Path,
    participants_path: Path,
    *,
    threshold: float = 0.5,
    review: float = 0.2,
    regency: str = "35.16",
    probabilistic: bool = True,
    limits: Limits | None = None,
) -> FileMatch:
    """Match every row of ``list_path`` to the rows of ``participants_path``."""
    started = time.perf_counter()
    with Warehouse.memory() as wh:
        listed = import_file(
            wh,
            list_path,
            "segment",
            segment="LIST",
            regency=regency,
            imported_by="match",
            limits=limits,
        )
        members = import_file(
            wh,
            participants_path,
            "participants",
            regency=regency,
            imported_by="match",
            limits=limits,
        )
        sources = {
            "register": source_select("src_participants", snapshot_id=members.snapshot_id or 0),
            "segment": source_select("src_segment", snapshot_id=listed.snapshot_id or 0),
        }
        options = engine.MatchOptions(
            accept=threshold,
            review=review,
            retrain=True,
            probabilistic=probabilistic,
            best_only=False,
            query_all=True,
            within=False,
        )
        summary = engine.score(wh, sources, options)
        _register_rows(wh, "list_rows", "src_segment", listed)
        _register_rows(wh, "member_rows", "src_participants", members)
        rows = wh.query(_OUTPUT_SQL.format(factor=100_000_000))
    return FileMatch(
        rows,
        listed,
        members,
        time.perf_counter() - started,
        {
            "records": summary.records,
            "queries": summary.queries,
            "trained": summary.trained,
            "fields": list(summary.fields),
        },
    )


def write_matches(
    result: FileMatch, path: Path, *, log_dir: Path | None = None, by: str | None = None
) -> Path:
    """``list_row,participant_row,match_probability,method`` as CSV. It says which person of
    the list is a member, so the export is logged in ``log_dir`` when given."""
    if log_dir is not None:
        log_export(
            log_dir,
            what=f"match of {result.list_report.file} against {result.participants_report.file}",
            rows=len(result.rows),
            file=path,
            by=by,
        )
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["list_row", "participant_row", "match_probability", "method"])
        for r in result.rows:
            out.writerow(
                [
                    r["list_row"],
                    "" if r["participant_row"] is None else r["participant_row"],
                    r["match_probability"],
                    r["method"],
                ]
            )
    return path
