"""Benchmark: importing a 1.2-million-row population register CSV, validation included,
against DuckDB's own ``read_csv`` of the same file (the named baseline ``duckdb-read_csv``).

Each side runs in its own process, three times; the script prints the median wall time and
the peak memory (RSS) of each, and the ratio.

Usage: .venv/bin/python benchmarks/bench_import_register.py [--people N] [--repeat K]
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
import duckdb, json, resource, sys, time
start = time.perf_counter()
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE register AS SELECT * FROM read_csv(?)", [sys.argv[1]])
rows = con.execute("SELECT count(*) FROM register").fetchone()[0]
con.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CAKUPAN = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from cakupan.ingest import import_file
from cakupan.warehouse import Warehouse
with Warehouse(Path(sys.argv[2])) as wh:
    report = import_file(wh, Path(sys.argv[1]), "register")
print(json.dumps({"seconds": time.perf_counter() - start, "rows": report.rows_read,
                  "accepted": report.accepted, "rejected": report.rejected,
                  "findings": len(report.findings),
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, csv_path: Path, db: Path) -> dict[str, float]:
    db.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", code, str(csv_path), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _runs(results: list[dict[str, float]]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from cakupan import synth

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = synth.generate(root / "files", people=args.people, seed=2023)
        size = files.register.stat().st_size / 2**20
        base = [run(BASELINE, files.register, root / "b.duckdb") for _ in range(args.repeat)]
        ours = [run(CAKUPAN, files.register, root / "c.duckdb") for _ in range(args.repeat)]
    b = statistics.median(r["seconds"] for r in base)
    c = statistics.median(r["seconds"] for r in ours)
    print(f"register CSV              {args.people:,} rows, {size:.0f} MiB")
    print(
        f"baseline duckdb-read_csv  {b:6.2f} s  peak {max(r['rss_mib'] for r in base):6.0f} MiB"
        f"  (runs: {_runs(base)})"
    )
    print(
        f"cakupan import register   {c:6.2f} s  peak {max(r['rss_mib'] for r in ours):6.0f} MiB"
        f"  (runs: {_runs(ours)})"
    )
    print(f"ratio                     {c / b:6.2f} x  (target <= 3x)")
    print(
        f"rows read / accepted      {ours[0]['rows']:,} / {ours[0]['accepted']:,}"
        f"  findings {ours[0]['findings']:,}"
    )


if __name__ == "__main__":
    main()
