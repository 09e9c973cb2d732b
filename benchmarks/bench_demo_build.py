"""Benchmark: building the demo warehouse from its files (every file through the importer,
then linkage and coverage), against DuckDB's own read_csv.

Baseline (named ``duckdb-read_csv``): DuckDB reading the same CSV files into tables, all text,
with no cleaning, validation, linkage or coverage — the floor any loader has to pay. (The demo
also has two XLSX lists and a Windows-1252 CSV, which DuckDB's reader does not take; they
are left out of the baseline, which makes it the more favourable to DuckDB.)

Usage: .venv/bin/python benchmarks/bench_demo_build.py [--people N] [--seed S]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bench_build_stages import baseline

from cakupan import synth
from cakupan.pipeline import build_warehouse
from cakupan.warehouse import Warehouse


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_120_000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        files = synth.generate(root / "files", people=args.people, seed=args.seed)
        t_generate = time.perf_counter() - t0

        t_baseline = baseline(files, root)  # the same baseline as bench_build_stages

        t0 = time.perf_counter()
        with Warehouse(root / "warehouse.duckdb") as wh:
            summary = build_warehouse(wh, files, regency="35.16").summary.coverage
        t_build = time.perf_counter() - t0

    print(f"people in register        {args.people:>12,}")
    print(f"participant rows          {summary.participant_rows:>12,}")
    print(f"generate files            {t_generate:>10.1f} s")
    print(f"baseline duckdb-read_csv  {t_baseline:>10.1f} s")
    print(f"cakupan build_warehouse   {t_build:>10.1f} s  ({t_build / t_baseline:.1f}x baseline)")
    print(f"UCJ                       {(summary.ucj or 0) * 100:>10.2f} %")
    print(f"peak RSS                  {peak_rss_mib():>10.0f} MiB")


if __name__ == "__main__":
    main()
