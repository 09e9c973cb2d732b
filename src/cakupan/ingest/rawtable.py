"""The shape every reader produces: a file's cells as text, with the row numbers a user sees.

Example:
    >>> header_names(["NAMA", "", "NIK", None, ""])
    ['NAMA', '(column 2)', 'NIK']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from cakupan.errors import InputError

__all__ = [
    "SCAN_ROWS",
    "HeaderScore",
    "RawTable",
    "choose_header",
    "default_score",
    "header_names",
    "unreadable",
]

SCAN_ROWS = 30
HeaderScore = Callable[[list[str]], int]


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
    # Problems found while reading, turned into findings by validation:
    cleaned: list[tuple[int, str]] = field(default_factory=list)  # (row, header): controls
    too_long: list[tuple[int, str, int, int]] = field(default_factory=list)  # row, header, n, limit
    mixed: list[int] = field(default_factory=list)  # rows read as Windows-1252 in UTF-8
    may_hold_controls: bool = True  # False when the reader saw no control byte at all
    # SHA-256 of the file's bytes (hashlib's object, to extend with the sheet), taken by the
    # reader: where files are read ahead, it is computed beside the import of the last one.
    digest: Any = None

    @property
    def column_names(self) -> list[str]:
        return [f"c{i}" for i in range(len(self.headers))]


def default_score(cells: list[str]) -> int:
    return 1  # without a schema, the first row with two or more filled cells is the header


def choose_header(rows: list[list[str]], score: HeaderScore) -> int:
    """Index of the header among the first rows: the best-scoring row with two or more
    filled cells (title rows above a table have one)."""
    best, best_index = 0, -1
    for index, cells in enumerate(rows[:SCAN_ROWS]):
        filled = sum(1 for c in cells if str(c).strip())
        if filled < 2:
            continue
        s = score([str(c) for c in cells])
        if s > best:
            best, best_index = s, index
    if best_index >= 0:
        return best_index
    for index, cells in enumerate(rows[:SCAN_ROWS]):
        if sum(1 for c in cells if str(c).strip()) >= 2:
            return index
    raise InputError("file.no_header", n=SCAN_ROWS)


def header_names(cells: Iterable[Any]) -> list[str]:
    names = [str(c).strip() if c is not None else "" for c in cells]
    while names and not names[-1]:
        names.pop()
    return [name or f"(column {i + 1})" for i, name in enumerate(names)]


def unreadable(path: Path, kind: str, exc: Exception) -> InputError:
    return InputError(
        "file.unreadable",
        path=path.name,
        kind=kind,
        why=str(exc).splitlines()[0],
    )
