"""Readers: CSV (encoding and delimiter sniffed, :mod:`~cakupan.ingest.csvfiles`), spreadsheet
workbooks (XLSX, XLSM, legacy XLS, ODS: title rows, several sheets, total rows; read in a child
process held to a memory ceiling, :mod:`~cakupan.ingest.workbooks`) and Parquet, all into one
shape: every cell as text, with the row number a user sees — within the limits of
:mod:`~cakupan.ingest.limits`. Control characters are stripped and over-long cells cut, each
noted for a finding.

Numbers typed into spreadsheet cells are written ``"<digits>.0"`` so that later checks can
tell a NIK that Excel stored as a number (and so lost its last digit) from a NIK typed as
text.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> text = "DAFTAR GURU TPQ;;\\nNAMA;NIK;DESA\\nSiti;3516125708860003;Jabon\\n"
    >>> _ = p.write_bytes(text.encode("cp1252"))
    >>> raw = read_file(p)
    >>> raw.headers, raw.header_row, raw.delimiter, raw.table.column("row_number").to_pylist()
    (['NAMA', 'NIK', 'DESA'], 2, ';', [3])
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cakupan.errors import InputError
from cakupan.ingest.csvfiles import read_csv
from cakupan.ingest.limits import (
    Limits,
    check_file_size,
    check_parquet,
    check_zip,
    refuse_columns,
    refuse_rows,
)
from cakupan.ingest.rawtable import (
    HeaderScore,
    RawTable,
    choose_header,
    default_score,
    header_names,
    unreadable,
)
from cakupan.ingest.workbooks import cell_text, read_sheet_rows

__all__ = ["RawTable", "read_file"]

_TOTAL = re.compile(r"^\s*(JUMLAH|TOTAL|GRAND\s*TOTAL|SUB\s*TOTAL|JML)\b", re.IGNORECASE)


def _read_workbook(
    path: Path, score: HeaderScore, sheet: str | None, kind: str, limits: Limits
) -> RawTable:
    if kind in ("xlsx", "ods"):
        check_zip(path, limits)
    chosen, rows, names = read_sheet_rows(path, sheet, limits)
    header_index = choose_header(rows, score)
    headers = header_names(rows[header_index])
    refuse_columns(path, len(headers), limits)
    width = len(headers)
    columns: list[list[str]] = [[] for _ in range(width)]
    numbers: list[int] = []
    skipped: list[tuple[int, str]] = []
    for offset, cells in enumerate(rows[header_index + 1 :]):
        number = header_index + 2 + offset
        cells = (cells + [""] * width)[:width] if len(cells) < width else cells
        if not any(c for c in cells):
            skipped.append((number, "blank row"))
            continue
        if any(c for c in cells[width:]):
            skipped.append((number, "cells beyond the last header were ignored"))
        for i in range(width):
            columns[i].append(cells[i])
        numbers.append(number)
    while skipped and skipped[-1][1] == "blank row" and skipped[-1][0] > (numbers or [0])[-1]:
        skipped.pop()  # the blank rows after the table are the sheet's end, not data
    table = pa.table(
        {
            **{f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(columns)},
            "row_number": pa.array(numbers, pa.int64()),
        }
    )
    return RawTable(
        path, kind, headers, header_index + 1, table, skipped=skipped, sheet=chosen, sheets=names
    )


def _read_parquet(path: Path, limits: Limits) -> RawTable:
    import pyarrow.parquet as pq

    check_parquet(path, limits)
    try:
        source = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise unreadable(path, "Parquet", exc) from None
    headers = list(source.column_names)
    arrays = {}
    for i, name in enumerate(headers):
        column = source.column(name)
        if pa.types.is_floating(column.type) or pa.types.is_integer(column.type):
            arrays[f"c{i}"] = pa.array([cell_text(v) for v in column.to_pylist()], pa.string())
        else:
            arrays[f"c{i}"] = pa.array(
                ["" if v is None else cell_text(v) for v in column.to_pylist()], pa.string()
            )
    arrays["row_number"] = pa.array(np.arange(1, source.num_rows + 1, dtype=np.int64))
    return RawTable(path, "parquet", headers, 0, pa.table(arrays))


def _drop_totals(raw: RawTable) -> RawTable:
    """Total rows (``JUMLAH``, ``TOTAL``) at the bottom are not people: set them aside."""
    table = raw.table
    if table.num_rows == 0:
        return raw
    tail = min(5, table.num_rows)
    drop = []
    for index in range(table.num_rows - tail, table.num_rows):
        cells = [table.column(f"c{i}")[index].as_py() or "" for i in range(len(raw.headers))]
        filled = [c for c in cells if c.strip()]
        if filled and _TOTAL.match(filled[0]) and len(filled) <= max(2, len(cells) // 2):
            drop.append(index)
    if drop:
        numbers = table.column("row_number").to_pylist()
        raw.skipped.extend((numbers[i], "total row") for i in drop)
        keep = np.setdiff1d(np.arange(table.num_rows), drop)
        raw.table = table.take(pa.array(keep))
    return raw


# Workbook formats by suffix; calamine reads them all (legacy .xls from SIAK included).
_WORKBOOKS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of an old .xls


def read_file(
    path: Path,
    *,
    sheet: str | None = None,
    header_score: HeaderScore | None = None,
    limits: Limits | None = None,
) -> RawTable:
    """Read a CSV, XLSX/XLSM, XLS, ODS or Parquet file by its extension (or content), within
    ``limits`` (see :mod:`cakupan.ingest.limits`)."""
    if not path.exists():
        raise InputError("file.not_found", path=path)
    if path.is_dir():
        raise InputError("file.is_folder", path=path)
    limits = limits or Limits()
    check_file_size(path, limits)
    score = header_score or default_score
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic[:4] in (b"PK\x03\x04", b"PAR1"):
        magic = magic[:4]
    workbook = _WORKBOOKS.get(suffix)
    if workbook is None and magic == b"PK\x03\x04":
        workbook = "xlsx"
    elif workbook is None and magic == _OLE_MAGIC:
        workbook = "xls"
    if workbook is not None:
        raw = _read_workbook(path, score, sheet, workbook, limits)
    elif suffix == ".parquet" or magic == b"PAR1":
        raw = _read_parquet(path, limits)
    else:
        if sheet:
            raise InputError("file.sheet_on_csv")
        raw = read_csv(path, score, limits)
    refuse_rows(path, raw.table.num_rows, limits)
    raw.digest = file_digest(path)
    return _drop_totals(_clean_cells(raw, limits))


def file_digest(path: Path) -> Any:
    """SHA-256 of a file's bytes, read a mebibyte at a time (hashlib's object)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest


# Control characters have no place in a name or an address (tab, line feed and carriage
# return are spacing, collapsed later): stripped, each with a finding on its row.
_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"


def _clean_cells(raw: RawTable, limits: Limits) -> RawTable:
    """Strip control characters and cut cells longer than ``max_cell_chars``, noting each
    (row, header) so that validation turns them into findings."""
    table = raw.table
    numbers = table.column("row_number")
    for i, header in enumerate(raw.headers):
        name = f"c{i}"
        column = table.column(name)
        if raw.may_hold_controls:
            dirty = pc.match_substring_regex(column, _CONTROL)
            if pc.any(dirty).as_py():
                rows = pc.filter(numbers, dirty).to_pylist()
                raw.cleaned.extend((int(r), header) for r in rows)
                column = pc.replace_substring_regex(column, _CONTROL, "")
        # Bytes first (no decoding): a cell has at least as many bytes as characters.
        if pc.any(pc.greater(pc.binary_length(column), limits.max_cell_chars)).as_py():
            lengths = pc.utf8_length(column)
            long = pc.greater(lengths, limits.max_cell_chars)
            for r, n in zip(
                pc.filter(numbers, long).to_pylist(),
                pc.filter(lengths, long).to_pylist(),
                strict=True,
            ):
                raw.too_long.append((int(r), header, int(n), limits.max_cell_chars))
            column = pc.if_else(
                long, pc.utf8_slice_codeunits(column, 0, limits.max_cell_chars), column
            )
        table = table.set_column(i, name, column)
    raw.table = table
    return raw
