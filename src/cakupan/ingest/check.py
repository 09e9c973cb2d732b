"""Checking a file before it is imported: what the upload page shows and lets a user fix.

:func:`import_check` reads a file once, within the limits, and validates every row exactly
as an import would (a dry run in a warehouse in memory: nothing is stored), and returns an
:class:`ImportCheck`: the first rows as read, which file header feeds which column (the
importer's choice, or the user's ``overrides``), the counts, the findings grouped by code
with their rows and one example, and the rejected rows written to a file when asked. A file
the importer cannot map (a required column missing) is still checked: the check carries the
problem, the headers and the preview, so that the user can choose the mapping.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "tpq.csv"
    >>> _ = p.write_text("PENGAJAR;NO KTP;DESA;KEC\\nSiti Aminah;3516125708860003;Jabon;"
    ...                  "Mojoanyar\\nBudi;35161;Jabon;Mojoanyar\\n")
    >>> check = import_check(p, "segment", segment="GURU_TPQ")
    >>> check.problem_code, [c.header for c in check.columns if c.name == "name"]
    ('header.missing_required', [None])
    >>> check = import_check(p, "segment", segment="GURU_TPQ",
    ...                      overrides={"PENGAJAR": "name"})
    >>> check.rows_read, check.accepted, [(g.code, g.severity, g.rows) for g in check.groups]
    (2, 2, [('nik.length', 'warning', (3,))])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from cakupan.errors import CakupanError, InputError
from cakupan.ingest import import_file, loose, read_source, resolve_desa, source_type
from cakupan.ingest.headers import map_headers
from cakupan.ingest.layouts import apply_layout, detect_layout
from cakupan.ingest.limits import Limits
from cakupan.ingest.report import ImportReport, write_rejected
from cakupan.ingest.schemas import Column
from cakupan.warehouse import Warehouse

__all__ = ["FindingGroup", "ImportCheck", "MappedColumn", "import_check"]

PREVIEW_ROWS = 10
GROUP_ROWS = 20  # rows named per finding code (the download has all of them)


@dataclass(frozen=True)
class MappedColumn:
    """One column of the source type and the file header that feeds it (None: none)."""

    name: str
    header: str | None
    required: bool


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one code: how many, on which rows (the first ones), one example."""

    code: str
    severity: str
    count: int
    rows: tuple[int, ...]
    column: str
    example_id: str
    example_en: str


@dataclass(frozen=True)
class ImportCheck:
    """What an import of a file would do, before it does it."""

    file: str
    source_type: str
    file_format: str
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    layout: str | None
    headers: tuple[str, ...]
    preview: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells)
    columns: tuple[MappedColumn, ...]
    overrides: dict[str, str]  # what the user chose (header -> column)
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    set_aside: int = 0
    groups: tuple[FindingGroup, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()
    content_hash: str = ""
    desa: str | None = None
    problem_code: str | None = None  # the file cannot be imported as it is mapped
    problem_id: str = ""
    problem_en: str = ""

    @property
    def importable(self) -> bool:
        return self.problem_code is None


def _groups(report: ImportReport) -> tuple[FindingGroup, ...]:
    by_code = defaultdict(list)
    for finding in report.findings:
        by_code[(finding.code, finding.severity)].append(finding)
    groups = []
    for (code, severity), found in sorted(
        by_code.items(), key=lambda item: (item[0][1] != "error", -len(item[1]), item[0][0])
    ):
        first = found[0]
        groups.append(
            FindingGroup(
                code=code,
                severity=severity,
                count=len(found),
                rows=tuple(sorted({f.row for f in found}))[:GROUP_ROWS],
                column=first.column,
                example_id=first.message("id"),
                example_en=first.message("en"),
            )
        )
    return tuple(groups)


def import_check(
    path: Path,
    type_name: str,
    *,
    regency: str = "35.16",
    segment: str | None = None,
    partner: str | None = None,
    sheet: str | None = None,
    desa: str | None = None,
    as_of: dt.date | None = None,
    overrides: dict[str, str] | None = None,
    limits: Limits | None = None,
    rejected_out: Path | None = None,
) -> ImportCheck:
    """Check ``path`` as an import of ``type_name`` would read it; store nothing. The rows
    it would reject are written to ``rejected_out`` (CSV or XLSX by suffix) when given.

    A file that cannot be read at all (too large, not a table) raises, as an import would.
    """
    source = source_type(type_name)
    raw = read_source(path, source, sheet=sheet, limits=limits)
    preview = tuple(
        (int(row.pop("row_number")), tuple(str(v or "") for v in row.values()))
        for row in raw.table.slice(0, PREVIEW_ROWS).to_pylist()
    )
    headers = tuple(raw.headers)
    layout = detect_layout(raw.headers, source.name)
    laid = apply_layout(source, layout)
    chosen = dict(overrides or {})
    mapped = {**(layout.overrides(raw.headers) if layout else {}), **chosen}
    base = ImportCheck(
        file=path.name,
        source_type=source.name,
        file_format=raw.file_format,
        sheet=raw.sheet,
        sheets=tuple(raw.sheets),
        header_row=raw.header_row,
        layout=layout.name if layout else None,
        headers=headers,
        preview=preview,
        columns=(),
        overrides=chosen,
        desa=resolve_desa(desa, regency) if desa else None,
    )
    try:
        found = map_headers(raw.headers, loose(laid), mapped).columns
    except InputError as exc:  # an override naming a header or column that is not there
        found = map_headers(raw.headers, loose(laid), {}).columns
        return _with_problem(base, laid.columns, found, exc)
    try:
        with Warehouse.memory() as wh:
            report = import_file(
                wh, path, type_name, as_of=as_of, segment=segment, partner=partner,
                sheet=sheet, overrides=chosen, dry_run=True, regency=regency, desa=desa,
                limits=limits, raw=raw,
            )  # fmt: skip
    except InputError as exc:
        return _with_problem(base, laid.columns, found, exc)
    if rejected_out is not None:
        write_rejected(report, rejected_out)
    return dataclasses.replace(
        base,
        columns=_columns(laid.columns, report.columns),
        rows_read=report.rows_read,
        accepted=report.accepted,
        rejected=report.rejected,
        set_aside=report.set_aside,
        groups=_groups(report),
        skipped=tuple(report.skipped),
        content_hash=report.content_hash,
        desa=report.desa,
    )


def _columns(columns: tuple[Column, ...], found: dict[str, str]) -> tuple[MappedColumn, ...]:
    ttl = found.get("birth_place+birth_date")
    return tuple(
        MappedColumn(
            c.name,
            found.get(c.name) or (ttl if c.name in ("birth_date", "birth_place") else None),
            c.required,
        )
        for c in columns
    )


def _with_problem(
    base: ImportCheck,
    columns: tuple[Column, ...],
    found: dict[str, str],
    exc: CakupanError,
) -> ImportCheck:
    return dataclasses.replace(
        base,
        columns=_columns(columns, found),
        problem_code=exc.code,
        problem_id=exc.message_in("id"),
        problem_en=exc.message_in("en"),
    )
