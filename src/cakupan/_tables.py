"""Writing a table for people who open it in Excel: CSV (UTF-8 with BOM, so Indonesian names
show right) or XLSX — never with a live formula in it.

Every cell comes from files other people typed (a partner's list, a village export), so a
name like ``=HYPERLINK("http://x","klik")`` must not become a formula when the table is
opened (OWASP "CSV injection"): in CSV a text cell starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return gets a leading apostrophe; in XLSX every text cell is written as text
(never a formula), those with the apostrophe style Excel itself uses ("quote prefix").

Example:
    >>> import tempfile, pathlib
    >>> p = write_table(pathlib.Path(tempfile.mkdtemp()) / "t.csv", ["a"], [[1]], sheet="s",
    ...                 suffixes=(".csv",))
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['a', '1']
    >>> print(neutralise('=HYPERLINK("http://x")'))
    '=HYPERLINK("http://x")
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cakupan.errors import InputError

__all__ = ["DANGEROUS_START", "neutralise", "write_table"]

# What a spreadsheet reads as the start of a formula (OWASP CSV-injection guidance).
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    if value.startswith(DANGEROUS_START):
        cell.quotePrefix = True
    return cell


def write_table(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str,
    suffix: str | None = None,
    suffixes: tuple[str, ...] = (".csv",),
) -> Path:
    """Write ``rows`` under ``header`` as XLSX or CSV (by ``suffix``, else ``path``'s);
    ``suffixes`` are those written as CSV. Any other suffix is an :class:`InputError`."""
    chosen = (suffix or path.suffix).lower()
    if chosen == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet(sheet)
        ws.append([_xlsx_cell(ws, v) for v in header])
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
        book.save(path)
    elif chosen in suffixes:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow([neutralise(v) for v in header])
            out.writerows([neutralise(v) for v in row] for row in rows)
    else:
        raise InputError(
            "export.bad_format",
            allowed=", ".join([".xlsx", *suffixes]),
            suffix=chosen or "(no extension)",
        )
    path.chmod(0o600)  # personal data: its owner's alone, whatever the umask
    return path
