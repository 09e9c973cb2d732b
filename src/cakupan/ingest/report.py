"""Validation reports as data: findings, totals, and the rejected rows to download.

Example:
    >>> f = Finding(row=4, column="NIK", code="nik.length", severity="error",
    ...             value="351612", params={"value": "351612", "n": 6})
    >>> f.message("en")
    'A NIK has 16 digits; "351612" has 6.'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cakupan._tables import write_table
from cakupan.ingest.messages import message
from cakupan.privacy import log_export
from cakupan.results import Refresh, as_json

__all__ = ["Finding", "ImportReport", "write_rejected"]

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one cell (or row) of a file."""

    row: int  # the row number the user sees in Excel or a text editor
    column: str  # the file's header ("" for a whole row)
    code: str
    severity: str  # "error" rejects the row; "warning" keeps it, flagged
    value: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str = "id") -> str:
        return message(self.code, language, {"column": self.column, **self.params})

    def as_dict(self, language: str = "id") -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "value": self.value,
            "message": self.message(language),
        }


@dataclass(frozen=True)
class ImportReport:
    """What happened to every row of one file."""

    source_type: str
    file: str
    file_format: str
    rows_read: int
    accepted: int
    rejected: int
    findings: list[Finding]
    columns: dict[str, str]  # schema column -> header
    extra_headers: list[str]
    skipped: list[tuple[int, str]]
    header_row: int
    sheet: str | None = None
    content_hash: str = ""
    snapshot_id: int | None = None
    duplicate_of: int | None = None
    dry_run: bool = False
    segment: str | None = None
    partner: str | None = None
    as_of: str | None = None
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    coverage: Refresh | None = None  # the figures, when an import recomputed them
    layout: str | None = None  # the known layout recognised (opensid, opendk, siak)
    desa: str | None = None  # the desa code given with --desa
    set_aside: int = 0  # accepted rows kept but not counted (residents who died, moved away)

    def totals(self) -> dict[str, dict[str, Any]]:
        """Findings counted by code, with their severity."""
        counts = Counter((f.code, f.severity) for f in self.findings)
        return {code: {"severity": sev, "count": n} for (code, sev), n in sorted(counts.items())}

    def as_dict(self, language: str = "id") -> dict[str, Any]:
        """JSON-ready (the shells mask NIKs when they show it)."""
        return {
            "source_type": self.source_type,
            "file": self.file,
            "format": self.file_format,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "segment": self.segment,
            "partner": self.partner,
            "as_of": self.as_of,
            "rows_read": self.rows_read,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "set_aside": self.set_aside,
            "layout": self.layout,
            "desa": self.desa,
            "skipped": [{"row": r, "reason": why} for r, why in self.skipped],
            "columns": self.columns,
            "extra_headers": self.extra_headers,
            "totals": self.totals(),
            "findings": [f.as_dict(language) for f in self.findings],
            "snapshot_id": self.snapshot_id,
            "duplicate_of": self.duplicate_of,
            "dry_run": self.dry_run,
            "content_hash": self.content_hash,
            "coverage": as_json(self.coverage),
        }


def _rejected_table(report: ImportReport, language: str) -> tuple[list[str], list[list[Any]]]:
    reasons: dict[int, list[str]] = {}
    for f in report.findings:
        if f.severity == ERROR:
            where = f"{f.column}: " if f.column else ""
            reasons.setdefault(f.row, []).append(where + f.message(language))
    header = ["row", "reason", *report.headers]
    rows = [
        [r["row"], "; ".join(reasons.get(r["row"], [])), *r["cells"]]
        for r in sorted(report.rejected_rows, key=lambda r: r["row"])
    ]
    return header, rows


def write_rejected(
    report: ImportReport,
    path: Path,
    *,
    language: str = "id",
    log_dir: Path | None = None,
    by: str | None = None,
) -> Path:
    """Write the rejected rows with a reason column, as CSV or XLSX (by ``path``'s suffix);
    they hold personal data as typed, so the export is logged in ``log_dir`` when given."""
    header, rows = _rejected_table(report, language)
    if log_dir is not None:
        what = f"rejected rows of {report.file}" + (
            f" (snapshot {report.snapshot_id})" if report.snapshot_id else ""
        )
        log_export(log_dir, what=what, rows=len(rows), file=path, by=by)
    return write_table(
        path,
        header,
        rows,
        sheet="ditolak" if language == "id" else "rejected",
        suffixes=(".csv", ".txt"),
    )
