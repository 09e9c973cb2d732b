"""Ingestion: real, messy files in — every row accounted for.

``import_file`` reads a CSV, XLSX or Parquet file, maps its headers to a source type's
schema, validates every row into a report of findings (errors reject a row, warnings keep it
flagged), and stores the accepted rows as a new snapshot in one transaction. The same file
twice is recognised and not loaded twice.

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.warehouse import Warehouse
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "tpq.csv"
    >>> _ = p.write_text("NAMA;NIK;DESA;KEC\\nSiti Aminah;3516125708860003;Jabon;Mojoanyar\\n"
    ...                  "Budi;3.5161E+15;Jabon;Mojoanyar\\n")
    >>> with Warehouse.memory() as wh:
    ...     r = import_file(wh, p, "segment", segment="GURU_TPQ")
    >>> r.rows_read, r.accepted, r.rejected, [f.code for f in r.findings]
    (2, 2, 0, ['nik.scientific_notation'])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from cakupan.errors import InputError
from cakupan.ingest.headers import map_headers, normalise_header, parse_map_options
from cakupan.ingest.layouts import Layout, apply_layout, detect_layout, layouts
from cakupan.ingest.limits import Limits
from cakupan.ingest.messages import message
from cakupan.ingest.readers import RawTable, file_digest, read_file
from cakupan.ingest.report import Finding, ImportReport, write_rejected
from cakupan.ingest.schemas import SOURCE_TYPES, SourceType
from cakupan.ingest.store import (
    find_snapshot,
    list_snapshots,
    register_by_desa,
    rejected_report,
    store,
)
from cakupan.ingest.validate import validate
from cakupan.ingest.values import AreaResolver
from cakupan.warehouse import Warehouse

__all__ = [
    "SET_ASIDE",
    "SOURCE_TYPES",
    "Finding",
    "ImportReport",
    "Limits",
    "import_file",
    "list_snapshots",
    "loose",
    "parse_map_options",
    "read_source",
    "register_by_desa",
    "rejected_report",
    "resolve_desa",
    "source_type",
    "write_rejected",
]

Progress = Callable[[str, int, int], None]


def _silent(step: str, done: int, total: int) -> None:
    return None


def source_type(name: str) -> SourceType:
    """The source type called ``name``; raises :class:`InputError` listing the valid ones."""
    try:
        return SOURCE_TYPES[name]
    except KeyError:
        raise InputError(
            "import.unknown_type",
            name=name,
            names=", ".join(sorted(SOURCE_TYPES)),
        ) from None


def _scorer(source: SourceType) -> Callable[[list[str]], int]:
    known = {normalise_header(s) for c in source.columns for s in (c.name, *c.synonyms)}
    known |= {
        normalise_header(h)
        for lay in layouts()
        if lay.source_type == source.name
        for h in lay.columns
    }
    known |= {normalise_header(s) for s in ("TTL", "NO", "NO.", "NOMOR", "NO URUT")}
    return lambda cells: sum(1 for c in cells if normalise_header(c) in known)


# Findings whose rows are stored but not counted (a resident who died or moved away).
SET_ASIDE = frozenset({"resident.not_living"})
_DESA_HEADER = "(--desa)"


def resolve_desa(text: str, regency: str) -> str:
    """The desa code of ``--desa``: ``35.16.12.2008``, ``3516122008`` or a unique name.

    >>> resolve_desa("3516122008", "35.16"), resolve_desa("Jatipasar", "35.16")
    ('35.16.12.2008', '35.16.12.2010')
    """
    (code, problem, params), _ = AreaResolver(regency).resolve(text, "")
    if code is None:
        raise InputError(
            "import.bad_desa",
            value=text,
            why=message(problem or "desa.not_found", "en", {"column": "--desa", **params}),
        )
    return str(code)


def loose(source: SourceType) -> SourceType:
    """``source`` with no column required: which headers a file has, without refusing it."""
    return dataclasses.replace(
        source, columns=tuple(dataclasses.replace(c, required=False) for c in source.columns)
    )


def _needs_desa(
    raw: RawTable, source: SourceType, overrides: dict[str, str], layout: Layout | None
) -> bool:
    if source.name != "register":
        return False
    if layout is not None and not layout.desa_column:
        return True
    return "desa" not in map_headers(raw.headers, loose(source), overrides).columns


def with_desa(
    raw: RawTable, source: SourceType, overrides: dict[str, str], code: str
) -> dict[str, str]:
    """Give every row of ``raw`` the desa ``code``: a new column when the file has none, the
    empty cells of its own desa column otherwise. Returns the header override to add."""
    header = map_headers(raw.headers, loose(source), overrides).columns.get("desa")
    if header is None:
        index = len(raw.headers)
        raw.headers.append(_DESA_HEADER)
        values = pa.array([code] * raw.table.num_rows, pa.string())
        raw.table = raw.table.add_column(index, f"c{index}", values)
        return {_DESA_HEADER: "desa"}
    index = raw.headers.index(header)
    cells = raw.table.column(f"c{index}")
    filled = pc.if_else(pc.equal(pc.utf8_trim_whitespace(cells), ""), code, cells)
    raw.table = raw.table.set_column(index, f"c{index}", filled)
    return {}


def read_source(
    path: Path, source: SourceType, *, sheet: str | None = None, limits: Limits | None = None
) -> RawTable:
    """Read ``path`` within ``limits``, its header row found by the headers ``source`` knows."""
    return read_file(path, sheet=sheet, header_score=_scorer(source), limits=limits)


def _hash(raw: RawTable, path: Path, sheet: str | None) -> str:
    """The file's content hash (the sheet's name added when one was chosen): the same file
    imported twice is recognised by it."""
    digest = (raw.digest or file_digest(path)).copy()
    if sheet:
        digest.update(b"\0sheet:" + sheet.encode())
    return str(digest.hexdigest())


def import_file(
    wh: Warehouse,
    path: Path,
    type_name: str,
    *,
    as_of: dt.date | None = None,
    segment: str | None = None,
    partner: str | None = None,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    dry_run: bool = False,
    regency: str = "35.16",
    imported_by: str | None = None,
    desa: str | None = None,
    limits: Limits | None = None,
    progress: Progress = _silent,
    raw: RawTable | None = None,
) -> ImportReport:
    """Read, validate and (unless ``dry_run``) store one file as a snapshot.

    ``desa`` (a Kemendagri code with or without dots, or a name within the regency) names
    the village of a file without a desa column, such as an OpenSID export; in a file with
    one, it fills empty cells and rows of another desa are rejected. ``raw`` is the file
    already read by :func:`read_source` (a check reads it once for its preview too).
    """
    source = source_type(type_name)
    if source.needs_segment and not segment:
        raise InputError(
            "import.segment_required",
        )
    segment = segment.strip().upper().replace(" ", "_") if segment else None
    desa_code = resolve_desa(desa, regency) if desa else None
    progress("read", 0, 4)
    if raw is None:
        raw = read_source(path, source, sheet=sheet, limits=limits)
    layout = detect_layout(raw.headers, source.name)
    source = apply_layout(source, layout)
    overrides = {**(layout.overrides(raw.headers) if layout else {}), **(overrides or {})}
    if desa_code:
        overrides.update(with_desa(raw, source, overrides, desa_code))
    elif _needs_desa(raw, source, overrides, layout):
        raise InputError(
            "import.desa_required",
            file=path.name,
            why=f" ({layout.title}: one install serves one village)" if layout else "",
        )
    header_map = map_headers(raw.headers, source, overrides)
    content_hash = _hash(raw, path, raw.sheet if sheet else None)
    day = as_of or dt.date.today()
    report = ImportReport(
        source_type=source.name,
        file=path.name,
        file_format=raw.file_format,
        rows_read=0,
        accepted=0,
        rejected=0,
        findings=[],
        columns=dict(header_map.columns),
        extra_headers=header_map.extra,
        skipped=raw.skipped,
        header_row=raw.header_row,
        sheet=raw.sheet,
        content_hash=content_hash,
        dry_run=dry_run,
        segment=segment,
        partner=partner,
        as_of=day.isoformat(),
        headers=raw.headers,
        layout=layout.name if layout else None,
        desa=desa_code,
    )
    if header_map.ttl:
        report.columns["birth_place+birth_date"] = header_map.ttl  # still being built
    if not dry_run:
        previous = find_snapshot(
            wh, source_type=source.name, content_hash=content_hash, segment=segment, partner=partner
        )
        if previous is not None:
            stored = wh.query(
                "SELECT rows_read, accepted, rejected FROM snapshot WHERE id = ?", [previous]
            )[0]
            return dataclasses.replace(
                report,
                duplicate_of=previous,
                rows_read=stored["rows_read"],
                accepted=stored["accepted"],
                rejected=stored["rejected"],
            )
    progress("validate", 1, 4)
    with wh.transaction():
        result = validate(wh, raw, source, header_map, regency=regency, desa=desa_code)
        report = dataclasses.replace(
            report,
            findings=result.findings,
            rows_read=result.rows_read,
            accepted=result.accepted,
            rejected=result.rejected,
            rejected_rows=result.rejected_rows,
            set_aside=len({f.row for f in result.findings if f.code in SET_ASIDE}),
        )
        progress("store", 2, 4)
        if not dry_run:
            snapshot_id = store(
                wh,
                source,
                meta={
                    "segment": segment,
                    "partner": partner,
                    "file_name": path.name,
                    "file_format": raw.file_format,
                    "sheet": raw.sheet,
                    "content_hash": content_hash,
                    "as_of": day,
                    "imported_by": imported_by or getpass.getuser(),
                    "rows_read": result.rows_read,
                    "accepted": result.accepted,
                    "rejected": result.rejected,
                    "headers": raw.headers,
                    "columns": report.columns,
                },
                findings=result.findings,
                rejected_rows=result.rejected_rows,
            )
            report = dataclasses.replace(report, snapshot_id=snapshot_id)
        wh.execute("DROP TABLE IF EXISTS v_typed")
    progress("done", 4, 4)
    return report
