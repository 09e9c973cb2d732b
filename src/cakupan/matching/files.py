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

from cakupan.ingest import ImportReport, import_file
from cakupan.matching import engine
from cakupan.warehouse import Warehouse

__all__ = ["FileMatch", "match_files", "write_matches"]

_SOURCE = (
    "SELECT record_id AS row_id, nik, nik_raw, name, birth_date, desa AS desa_code, "
    "kecamatan AS kecamatan_code FROM {table} WHERE snapshot_id = {snapshot}"
)


@dataclass
class FileMatch:
    rows: list[dict[str, Any]]
    list_report: ImportReport
    participants_report: ImportReport
    seconds: float
    summary: dict[str, Any] = field(default_factory=dict)


def _data_index(wh: Warehouse, table: str, report: ImportReport) -> dict[int, int]:
    """row_number → 0-based index among the file's data rows (accepted and rejected)."""
    accepted = [
        r["row_number"]
        for r in wh.query(
            f"SELECT row_number FROM {table} WHERE snapshot_id = ?", [report.snapshot_id]
        )
    ]
    rejected = [f.row for f in report.findings if f.severity == "error"]
    return {n: i for i, n in enumerate(sorted(set(accepted) | set(rejected)))}


def match_files(
    list_path: Path,
    participants_path: Path,
    *,
    threshold: float = 0.5,
    review: float = 0.2,
    regency: str = "35.16",
    probabilistic: bool = True,
) -> FileMatch:
    """Match every row of ``list_path`` to the rows of ``participants_path``."""
    started = time.perf_counter()
    with Warehouse.memory() as wh:
        listed = import_file(
            wh, list_path, "segment", segment="LIST", regency=regency, imported_by="match"
        )
        members = import_file(
            wh, participants_path, "participants", regency=regency, imported_by="match"
        )
        sources = {
            "register": _SOURCE.format(table="src_participants", snapshot=members.snapshot_id),
            "segment": _SOURCE.format(table="src_segment", snapshot=listed.snapshot_id),
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
        list_index = _data_index(wh, "src_segment", listed)
        member_index = _data_index(wh, "src_participants", members)
        factor = 100_000_000
        pairs: dict[int, list[tuple[int, float, str]]] = {}
        # Only list-to-participant pairs (not two list rows), whichever side Splink put first.
        cross = (
            "FROM (SELECT CASE WHEN source_l = 'segment' THEN unique_id_l ELSE unique_id_r "
            "END AS list_id, CASE WHEN source_l = 'segment' THEN unique_id_r "
            "ELSE unique_id_l END AS member_id, match_probability, outcome FROM match_pair "
            "WHERE source_l <> source_r)"
        )
        best_pair: dict[tuple[int, int], tuple[float, str]] = {}
        candidates = wh.query(
            f"SELECT c.*, l.nik_valid AS nik_list, m.nik_valid AS nik_member {cross} c "
            "JOIN match_record l ON l.unique_id = c.list_id "
            "JOIN match_record m ON m.unique_id = c.member_id "
            "WHERE c.outcome IN ('nik', 'probabilistic', 'pending')"
        )
        exact = {r["list_id"] for r in candidates if r["outcome"] == "nik"}
        for r in candidates:
            method = "review" if r["outcome"] == "pending" else r["outcome"]
            # A row already linked by its valid NIK: another membership of that person has a
            # damaged or missing NIK, not a different valid one (a neighbour born the same day).
            if (
                method != "nik"
                and r["list_id"] in exact
                and r["nik_list"]
                and r["nik_member"]
                and r["nik_list"] != r["nik_member"]
            ):
                continue
            key = (r["list_id"] % factor, r["member_id"] % factor)
            if key not in best_pair or method == "nik":
                best_pair[key] = (float(r["match_probability"]), method)
        for (list_row, member_row), (probability, method) in best_pair.items():
            pairs.setdefault(list_row, []).append((member_row, probability, method))
        best = {
            r["list_id"] % factor: float(r["p"])
            for r in wh.query(f"SELECT list_id, max(match_probability) AS p {cross} GROUP BY 1")
        }
    rejected = {f.row for f in listed.findings if f.severity == "error"}
    rows: list[dict[str, Any]] = []
    for row_number, index in sorted(list_index.items(), key=lambda kv: kv[1]):
        if row_number in rejected:
            rows.append(
                {
                    "list_row": index,
                    "participant_row": None,
                    "match_probability": 0.0,
                    "method": "rejected",
                }
            )
            continue
        found = pairs.get(row_number, [])
        for participant, probability, method in sorted(found, key=lambda p: -p[1]):
            rows.append(
                {
                    "list_row": index,
                    "participant_row": member_index[participant],
                    "match_probability": round(probability, 6),
                    "method": method,
                }
            )
        if not found:
            rows.append(
                {
                    "list_row": index,
                    "participant_row": None,
                    "match_probability": round(best.get(row_number, 0.0), 6),
                    "method": "none",
                }
            )
    return FileMatch(
        rows,
        listed,
        members,
        time.perf_counter() - started,
        {"records": summary.records, "queries": summary.queries, "trained": summary.trained},
    )


def write_matches(result: FileMatch, path: Path) -> Path:
    """``list_row,participant_row,match_probability,method`` as CSV."""
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
