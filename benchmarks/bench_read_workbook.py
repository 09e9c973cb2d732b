"""Benchmark: reading a register workbook (XLSX, and the same rows as legacy XLS), the way
``cakupan import`` reads it (python-calamine), against the named baseline ``openpyxl``
(``load_workbook(read_only=True, data_only=True)`` and ``iter_rows(values_only=True)``, the
reader Cakupan used before calamine).

Each side runs in its own process, three times; the script prints the median wall time, the
peak memory (RSS; for Cakupan the larger of its process and the child that reads the workbook)
of each and the ratio.

Usage: .venv/bin/python benchmarks/bench_read_workbook.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = """
import json, resource, sys, time
start = time.perf_counter()
import openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = sum(1 for _ in book[book.sheetnames[0]].iter_rows(values_only=True))
book.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CAKUPAN = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from cakupan.ingest.readers import read_file
raw = read_file(Path(sys.argv[1]))
# The workbook is read in a child process: its peak counts too.
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": time.perf_counter() - start, "rows": raw.table.num_rows + 1,
                  "rss_mib": peak / 1024}))
"""


def run(code: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_books(csv_path: Path, xlsx: Path, xls: Path, rows: int) -> None:
    """The register CSV's first ``rows`` rows as an XLSX (openpyxl) and an XLS (xlwt)."""
    import csv

    import openpyxl
    import xlwt

    with csv_path.open(encoding="utf-8") as handle:
        data = [row for _, row in zip(range(rows + 1), csv.reader(handle), strict=False)]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    for row in data:
        sheet.append(row)
    book.save(xlsx)
    old = xlwt.Workbook()
    sheet_xls = old.add_sheet("Data")
    for i, row in enumerate(data[:65_536]):  # an .xls sheet holds 65,536 rows
        for j, value in enumerate(row):
            sheet_xls.write(i, j, value)
    old.save(str(xls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from cakupan import synth

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = synth.generate(root / "files", people=args.rows, seed=2023)
        xlsx, xls = root / "register.xlsx", root / "register.xls"
        write_books(files.register, xlsx, xls, args.rows)
        size = xlsx.stat().st_size / 2**20
        base = [run(BASELINE, xlsx) for _ in range(args.repeat)]
        ours = [run(CAKUPAN, xlsx) for _ in range(args.repeat)]
        old = [run(CAKUPAN, xls) for _ in range(args.repeat)]
    b = statistics.median(r["seconds"] for r in base)
    c = statistics.median(r["seconds"] for r in ours)
    o = statistics.median(r["seconds"] for r in old)
    print(f"register XLSX             {base[0]['rows'] - 1:,} rows, {size:.0f} MiB")
    print(f"baseline openpyxl         {b:6.2f} s  peak {max(r['rss_mib'] for r in base):6.0f} MiB")
    print(f"cakupan read (calamine)   {c:6.2f} s  peak {max(r['rss_mib'] for r in ours):6.0f} MiB")
    print(f"ratio                     {c / b:6.2f} x  (below 1: calamine is faster)")
    print(
        f"cakupan read, legacy XLS  {o:6.2f} s  peak {max(r['rss_mib'] for r in old):6.0f} MiB"
        f"  ({old[0]['rows'] - 1:,} rows: an .xls sheet stops at 65,536)"
    )


if __name__ == "__main__":
    main()
