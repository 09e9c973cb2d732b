"""Reading spreadsheet workbooks (XLSX, XLSM, legacy XLS, ODS) with calamine, in a child
process held to a memory ceiling and a time limit.

calamine builds a sheet as one dense grid: a hostile XLSX of 2 KB with one cell at A1 and one
at XFD1048576 asks it for 500 GB, and the Rust allocator then aborts the whole process — not
an exception Python could catch. So the reading happens in a child process whose address
space is limited (``RLIMIT_AS``): the worst a workbook can do is end that child, and the
import ends with one clear error naming the limit.

The child writes every cell as text (``"<digits>.0"`` for a number typed into a cell, so that
a NIK Excel stored as a number can be told from a NIK typed as text) and the sheet it chose.

Example (the child at work)::

    name, rows, names = read_sheet_rows(Path("penduduk.xlsx"), None, Limits())
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from cakupan.errors import InputError
from cakupan.ingest import _workbook_child
from cakupan.ingest._workbook_child import LIMIT_EXIT, cell_text
from cakupan.ingest.limits import Limits

__all__ = ["cell_text", "read_sheet_rows"]

# The child runs as a plain script (python -I): it imports calamine and nothing of Cakupan,
# so that it starts in a fraction of a second.
_CHILD = Path(_workbook_child.__file__)


def read_sheet_rows(
    path: Path, sheet: str | None, limits: Limits
) -> tuple[str, list[list[str]], list[str]]:
    """(chosen sheet, its rows as text, every sheet name): the first sheet holding a table,
    unless ``sheet`` names one; read in a child process within ``limits``."""
    with tempfile.TemporaryDirectory(prefix="cakupan-read-") as folder:
        out = Path(folder) / "rows.pickle"
        command = [
            sys.executable,
            "-I",
            str(_CHILD),
            str(path),
            sheet or "",
            str(out),
            str(limits.max_rows),
            str(limits.reader_memory_mib),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=limits.reader_seconds,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                "file.read_timeout",
                file=path.name,
                limit=limits.reader_seconds,
            ) from None
        if done.returncode == LIMIT_EXIT:
            answer = json.loads(done.stdout.strip().splitlines()[-1])
            raise InputError(answer["code"], **answer["params"])
        if done.returncode != 0:
            raise InputError(
                "file.reader_memory",
                file=path.name,
                limit=f"{limits.reader_memory_mib:,}",
            )
        with out.open("rb") as handle:  # written just now by our own child process
            chosen, rows, names = pickle.load(handle)
    return chosen, rows, names
