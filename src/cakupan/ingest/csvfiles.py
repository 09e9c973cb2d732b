"""Reading CSV files as offices write them: any encoding, any delimiter, title rows above the
header, line breaks inside quoted cells, rows with a field too many or too few — every row
accounted for with the line number a text editor shows.

Encodings are detected per file: a UTF-32 or UTF-16 byte-order mark is honoured (Excel's
"Unicode text" is UTF-16), UTF-8 with or without BOM, else Windows-1252; a file that is UTF-8
but for a few lines typed on an old Windows machine keeps its UTF-8 names and has those lines
read as Windows-1252, each with a finding (``encoding.mixed``) instead of silent mojibake.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_bytes("NAMA;DESA\\nSRI;Jabon\\n".encode("utf-16"))
    >>> from cakupan.ingest.rawtable import default_score
    >>> raw = read_csv(p, default_score, Limits())
    >>> raw.encoding, raw.table.column("c0").to_pylist()
    ('utf-16', ['SRI'])
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cakupan.errors import InputError
from cakupan.ingest.limits import Limits, refuse_columns
from cakupan.ingest.rawtable import (
    SCAN_ROWS,
    HeaderScore,
    RawTable,
    choose_header,
    header_names,
    unreadable,
)

__all__ = ["read_csv"]

# UTF-32's little-endian mark starts with UTF-16's: test it first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _valid_utf8(data: bytes) -> bool:
    """Every byte of the file is UTF-8 (checked in pieces: no second copy)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start : start + step], final=start + step >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_mark(head: bytes) -> str | None:
    """UTF-16 saved without its mark: every other byte of Latin text is zero."""
    if len(head) < 8 or head.count(0) < len(head) // 3:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.8 * len(head[1::2]) and even < 0.2 * len(head[0::2]):
        return "utf-16-le"
    if even > 0.8 * len(head[0::2]) and odd < 0.2 * len(head[1::2]):
        return "utf-16-be"
    return None


def decode_file(data: bytes, path: Path) -> tuple[bytes, str, list[int]]:
    """The file as UTF-8 bytes, the encoding it was read from, and the 1-based lines read as
    Windows-1252 inside an otherwise UTF-8 file."""
    wide = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    wide = wide or _utf16_without_mark(data[:4096])
    if wide:
        try:
            return data.decode(wide).lstrip("\ufeff").encode("utf-8"), wide, []
        except UnicodeDecodeError as exc:
            raise unreadable(path, f"{wide.upper()} text", exc) from None
    if data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        name = "utf-8"
    if _valid_utf8(data):
        return data, name, []
    lines = data.split(b"\n")
    utf8_text = any(not line.isascii() and _decodes(line) for line in lines if len(line) < 1 << 16)
    if not utf8_text:  # no UTF-8 letters at all: the whole file is Windows-1252
        return data.decode("cp1252", errors="replace").encode("utf-8"), "cp1252", []
    # Mostly UTF-8, with lines typed elsewhere: each such line read as Windows-1252.
    mixed, out = [], []
    for number, line in enumerate(lines, start=1):
        if _decodes(line):
            out.append(line)
        else:
            mixed.append(number)
            out.append(line.decode("cp1252", errors="replace").encode("utf-8"))
    return b"\n".join(out), "utf-8+cp1252", mixed


def _decodes(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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


def read_csv(path: Path, score: HeaderScore, limits: Limits) -> RawTable:
    """Read a CSV file (see the module's docstring) within ``limits``."""
    raw_bytes = path.read_bytes()
    if not raw_bytes or raw_bytes.isspace():  # no copy of the whole file to find out
        raise InputError("file.empty", path=path.name)
    data, encoding, mixed = decode_file(raw_bytes, path)
    del raw_bytes
    text_head = data[:262144].decode("utf-8", errors="replace")
    lines = text_head.splitlines()[:SCAN_ROWS]
    first = next((line for line in lines if line.strip()), "")
    refuse_columns(path, max(first.count(d) for d in ";,\t|") + 1, limits)
    try:
        delimiter = _sniff_delimiter(lines)
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:  # a field longer than the csv module's own limit (128 KiB)
        raise _too_long(path, limits) from None
    header_index = choose_header(rows, score)
    headers = header_names(rows[header_index])
    refuse_columns(path, len(headers), limits)
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
                encoding="utf8",
                skip_rows=header_line,
                column_names=names,
                block_size=16 << 20,
            ),
            # A line break inside a cell needs quotes: a file without any (a register export
            # usually) is split into rows in parallel, twice as fast.
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                invalid_row_handler=on_invalid,
                newlines_in_values=b'"' in data,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if "straddling" in str(exc):  # one row longer than a whole 16 MiB block
            raise _too_long(path, limits) from None
        raise unreadable(path, "CSV", exc) from None
    if malformed:
        malformed = _locate(data, "utf-8", header_line, [text for _, text in malformed])
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
        mixed=[n for n in mixed if n > header_line],
        may_hold_controls=_has_control_bytes(data),
    )


def _has_control_bytes(data: bytes) -> bool:
    """Any C0 control byte but tab, line feed and carriage return, or DEL: what remains
    once every other byte is deleted (C speed; the cell-by-cell check is then skipped for the
    clean files nearly all are)."""
    return bool(data.translate(None, _NOT_CONTROL))


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in (9, 10, 13)) and b != 0x7F)


def _too_long(path: Path, limits: Limits) -> InputError:
    return InputError(
        "file.cell_too_long",
        file=path.name,
        limit=f"{limits.max_cell_chars:,}",
    )
