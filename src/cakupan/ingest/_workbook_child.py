"""The child process that reads one workbook with calamine (see :mod:`.workbooks`).

Run as a script by its path (``python -I _workbook_child.py FILE SHEET OUT MAX_ROWS MIB``):
it first limits its own address space to MIB (``RLIMIT_AS``; set here rather than by the
parent's ``preexec_fn``, which can deadlock a parent that runs threads, as DuckDB does), then
imports calamine and nothing of Cakupan, writes ``(sheet, rows as text, sheet names)`` to OUT,
or prints one JSON refusal and exits with :data:`LIMIT_EXIT`.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
from pathlib import Path
from typing import Any

SCAN_ROWS = 30  # the header is looked for in a sheet's first rows
LIMIT_EXIT = 3  # the child refused the file itself (a message on stdout)


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed into cells keep their ``.0``, dates become ISO dates."""
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


def _why(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _child(path: str, sheet: str, out: str, max_rows: int) -> int:
    """In the child process: read the workbook, write (sheet, rows, names) to ``out``."""
    from python_calamine import CalamineWorkbook

    def fail(code: str, **params: Any) -> int:
        """Tell the parent which error to raise (a code of the catalogue, cakupan.errors)."""
        print(json.dumps({"code": code, "params": params}))
        return LIMIT_EXIT

    name = Path(path).name
    try:
        book = CalamineWorkbook.from_path(path)
    except Exception as exc:  # calamine raises its own kinds for damaged or foreign files
        return fail("file.unreadable", path=name, kind="spreadsheet workbook", why=_why(exc))
    names = list(book.sheet_names)
    if sheet and sheet not in names:
        return fail("file.no_sheet", path=name, sheet=sheet, names=", ".join(names))
    for candidate in [sheet] if sheet else names:
        try:
            grid = book.get_sheet_by_name(candidate)
            if grid.height > max_rows + SCAN_ROWS:
                return fail(
                    "file.too_many_rows",
                    file=name,
                    found=f"{grid.height:,}",
                    limit=f"{max_rows:,}",
                )
            # skip_empty_area=False keeps blank leading rows, so row numbers stay the ones
            # the user sees in Excel.
            cells = grid.to_python(skip_empty_area=False)
        except Exception as exc:
            return fail("file.unreadable", path=name, kind=f"sheet '{candidate}'", why=_why(exc))
        rows = [[cell_text(v) for v in row] for row in cells]
        if any(sum(1 for c in r if c) >= 2 for r in rows[:SCAN_ROWS]):
            with open(out, "wb") as handle:
                pickle.dump((candidate, rows, names), handle, protocol=5)
            return 0
    return fail("file.no_table", path=name, names=", ".join([sheet] if sheet else names))


if __name__ == "__main__":
    import resource

    ceiling = int(sys.argv[5]) << 20
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    sys.exit(_child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
