"""Readers: CSV (encoding and delimiter sniffed), spreadsheet workbooks (XLSX, XLSM, legacy
XLS, ODS: title rows, several sheets, total rows) and Parquet, all into one shape: every
cell as text, with the row number a user sees.

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

import codecs
import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cakupan.errors import InputError

__all__ = ["RawTable", "read_file"]

HeaderScore = Callable[[list[str]], int]
_TOTAL = re.compile(r"^\s*(JUMLAH|TOTAL|GRAND\s*TOTAL|SUB\s*TOTAL|JML)\b", re.IGNORECASE)
_SCAN_ROWS = 30


@dataclass
class RawTable:
    """A file's data rows as text columns ``c0…cN`` plus ``row_number`` (1-based, as the
    user sees it in Excel or a text editor)."""

    path: Path
    file_format: str
    headers: list[str]
    header_row: int
    table: pa.Table
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    malformed: list[tuple[int, str]] = field(default_factory=list)  # (row, raw text)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def column_names(self) -> list[str]:
        return [f"c{i}" for i in range(len(self.headers))]


def _default_score(cells: list[str]) -> int:
    return 1  # without a schema, the first row with two or more filled cells is the header


def _choose_header(rows: list[list[str]], score: HeaderScore) -> int:
    """Index of the header among the first rows: the best-scoring row with two or more
    filled cells (title rows above a table have one)."""
    best, best_index = 0, -1
    for index, cells in enumerate(rows[:_SCAN_ROWS]):
        filled = sum(1 for c in cells if str(c).strip())
        if filled < 2:
            continue
        s = score([str(c) for c in cells])
        if s > best:
            best, best_index = s, index
    if best_index >= 0:
        return best_index
    for index, cells in enumerate(rows[:_SCAN_ROWS]):
        if sum(1 for c in cells if str(c).strip()) >= 2:
            return index
    raise InputError("file.no_header", "No header row found in the first {n} rows", n=_SCAN_ROWS)


def _headers(cells: Iterable[Any]) -> list[str]:
    names = [str(c).strip() if c is not None else "" for c in cells]
    while names and not names[-1]:
        names.pop()
    return [name or f"(column {i + 1})" for i, name in enumerate(names)]


def _unreadable(path: Path, kind: str, exc: Exception) -> InputError:
    return InputError(
        "file.unreadable",
        "Cannot read {path} as {kind}: {why}",
        path=path.name,
        kind=kind,
        why=str(exc).splitlines()[0],
    )


def _sniff_encoding(data: bytes) -> str:
    """UTF-8 when every byte of the file is (a Windows-1252 "ø" on row 90,000 must not make
    the whole file unreadable), else Windows-1252. Checked in pieces: no second copy."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start : start + step], final=start + step >= len(data))
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _sniff_delimiter(lines: list[str]) -> str:
    candidates = [";", ",", "\t", "|"]
    best, best_score = ",", -1.0
    for d in candidates:
        counts = [len(next(csv.reader([line], delimiter=d))) - 1 for line in lines if line.strip()]
        nonzero = [c for c in counts if c > 0]
        if not nonzero:
            continue
        mode = Counter(nonzero).most_common(1)[0][0]
        score = sum(1 for c in counts if c == mode) * mode
        if score > best_score:
            best, best_score = d, score
    return best


def _line_numbers(data: bytes, first_line: int) -> np.ndarray:
    """1-based numbers of the non-empty lines after ``first_line``."""
    buf = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10)
    if len(buf) and buf[-1] != 10:
        ends = np.r_[ends, len(buf)]
    starts = np.r_[0, ends[:-1] + 1]
    lengths = ends - starts
    has_cr = (lengths > 0) & (buf[np.maximum(ends - 1, 0)] == 13)
    nonempty = (lengths - has_cr) > 0
    numbers = np.flatnonzero(nonempty) + 1
    return numbers[numbers > first_line]


def _locate(
    data: bytes, encoding: str, header_line: int, texts: list[str]
) -> list[tuple[int, str]]:
    """Line numbers of the rows the CSV parser could not use (it does not always know)."""
    lines = data.decode(encoding, errors="replace").split("\n")
    found, position = [], header_line
    for text in texts:
        wanted = text.rstrip("\r")
        for index in range(position, len(lines)):
            if lines[index].rstrip("\r") == wanted:
                found.append((index + 1, text))
                position = index + 1
                break
        else:  # the text spans lines (a quoted line break): the next line is the best guess
            position += 1
            found.append((position, text))
    return found


def _numbers_with_breaks(table: pa.Table, header_line: int) -> np.ndarray:
    """Row numbers when quoted cells hold line breaks: each break pushes later rows down."""
    import pyarrow.compute as pc

    breaks = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        breaks += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
    before = np.concatenate([[0], np.cumsum(breaks)[:-1]]) if table.num_rows else breaks
    numbers: np.ndarray = header_line + 1 + np.arange(table.num_rows, dtype=np.int64) + before
    return numbers


def _read_csv(path: Path, score: HeaderScore) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("file.empty", "{path} is empty", path=path.name)
    encoding = _sniff_encoding(data)
    text_head = data[:262144].decode(encoding, errors="replace")
    lines = text_head.splitlines()[:_SCAN_ROWS]
    delimiter = _sniff_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    header_index = _choose_header(rows, score)
    headers = _headers(rows[header_index])
    # Lines before the header that are blank are skipped by the parser's own count too.
    header_line = header_index + 1
    names = [f"c{i}" for i in range(len(headers))]
    malformed: list[tuple[int, str]] = []

    def on_invalid(row: Any) -> str:
        # pyarrow decodes the row's text as UTF-8 whatever the file's encoding; a failure
        # here would be swallowed by pyarrow and the row lost without a finding.
        try:
            text = str(row.text)
        except UnicodeDecodeError:
            text = "(bytes that are not text in this encoding)"
        malformed.append((int(row.number or 0), text))
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                encoding="utf8" if encoding.startswith("utf-8") else encoding,
                skip_rows=header_line,
                column_names=names,
                block_size=16 << 20,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, invalid_row_handler=on_invalid, newlines_in_values=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _unreadable(path, "CSV", exc) from None
    if malformed:
        malformed = _locate(data, encoding, header_line, [text for _, text in malformed])
    numbers = np.arange(header_line + 1, header_line + 1 + table.num_rows, dtype=np.int64)
    if b'"' in data and b"\n" in data:
        numbers = _numbers_with_breaks(table, header_line)
    if malformed or b"\n\n" in data or b"\n\r\n" in data:  # blank or skipped lines
        found = _line_numbers(data, header_line)
        if malformed:
            found = found[~np.isin(found, [n for n, _ in malformed])]
        numbers = found
        if len(numbers) != table.num_rows:  # quoted line breaks inside cells
            numbers = _numbers_with_breaks(table, header_line)
    table = table.append_column("row_number", pa.array(numbers))
    return RawTable(
        path,
        "csv",
        headers,
        header_line,
        table,
        malformed=malformed,
        encoding=encoding,
        delimiter=delimiter,
    )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return f"{value}.0"
    if isinstance(value, float):
        return f"{int(value)}.0" if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _sheet_rows(path: Path, sheet: str | None) -> tuple[str, list[list[str]], list[str]]:
    """(chosen sheet, its rows as text, every sheet name) of an XLSX, XLSM, XLS or ODS
    workbook, read by calamine; the first sheet holding a table unless ``sheet`` names one."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own kinds for damaged or foreign files
        raise InputError(
            "file.unreadable",
            "Cannot open {path} as a spreadsheet workbook: {why}",
            path=path.name,
            why=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        ) from None
    try:
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise InputError(
                "file.no_sheet",
                "{path} has no sheet '{sheet}'; its sheets are {names}",
                path=path.name,
                sheet=sheet,
                names=", ".join(names),
            )
        for name in [sheet] if sheet else names:
            try:
                # skip_empty_area=False keeps blank leading rows, so row numbers stay the
                # ones the user sees in Excel.
                cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise _unreadable(path, f"sheet '{name}'", exc) from None
            values = [[_cell_text(v) for v in row] for row in cells]
            if any(sum(1 for c in r if c) >= 2 for r in values[:_SCAN_ROWS]):
                return name, values, names
        raise InputError(
            "file.empty",
            "{path} has no table in its sheets ({names})",
            path=path.name,
            names=", ".join([sheet] if sheet else names),
        )
    finally:
        book.close()


def _read_workbook(path: Path, score: HeaderScore, sheet: str | None, kind: str) -> RawTable:
    chosen, rows, names = _sheet_rows(path, sheet)
    header_index = _choose_header(rows, score)
    headers = _headers(rows[header_index])
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


def _read_parquet(path: Path) -> RawTable:
    import pyarrow.parquet as pq

    try:
        source = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise _unreadable(path, "Parquet", exc) from None
    headers = list(source.column_names)
    arrays = {}
    for i, name in enumerate(headers):
        column = source.column(name)
        if pa.types.is_floating(column.type) or pa.types.is_integer(column.type):
            arrays[f"c{i}"] = pa.array([_cell_text(v) for v in column.to_pylist()], pa.string())
        else:
            arrays[f"c{i}"] = pa.array(
                ["" if v is None else _cell_text(v) for v in column.to_pylist()], pa.string()
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
    path: Path, *, sheet: str | None = None, header_score: HeaderScore | None = None
) -> RawTable:
    """Read a CSV, XLSX/XLSM, XLS, ODS or Parquet file by its extension (or content)."""
    if not path.exists():
        raise InputError("file.not_found", "No file at {path}", path=path)
    if path.is_dir():
        raise InputError("file.is_folder", "{path} is a folder, not a file", path=path)
    score = header_score or _default_score
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
        raw = _read_workbook(path, score, sheet, workbook)
    elif suffix == ".parquet" or magic == b"PAR1":
        raw = _read_parquet(path)
    else:
        if sheet:
            raise InputError("file.sheet_on_csv", "--sheet only applies to spreadsheet workbooks")
        raw = _read_csv(path, score)
    return _drop_totals(raw)
