"""Writing a table for people who open it in Excel: CSV (UTF-8 with BOM, so Indonesian names
show right) or XLSX.

Example:
    >>> import tempfile, pathlib
    >>> p = write_table(pathlib.Path(tempfile.mkdtemp()) / "t.csv", ["a"], [[1]], sheet="s",
    ...                 suffixes=(".csv",), error_code="t.bad", what="A table")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['a', '1']
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cakupan.errors import InputError


def write_table(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str,
    suffix: str | None = None,
    suffixes: tuple[str, ...] = (".csv",),
    error_code: str,
    what: str,
) -> Path:
    """Write ``rows`` under ``header`` as XLSX or CSV (by ``suffix``, else ``path``'s);
    ``suffixes`` are those written as CSV. Any other suffix is an :class:`InputError`."""
    chosen = (suffix or path.suffix).lower()
    if chosen == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet(sheet)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
        book.save(path)
    elif chosen in suffixes:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)
    else:
        raise InputError(
            error_code,
            "{what} must be .csv or .xlsx, not {suffix}",
            what=what,
            suffix=chosen or "(no extension)",
        )
    return path
