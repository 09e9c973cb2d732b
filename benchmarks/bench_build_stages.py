"""Benchmark: where the demo's warehouse build spends its time, stage by stage.

The build is what `cakupan demo` does after writing the files: import every demo file, match,
link status answers, compute coverage, record history, allocate pledges, publish the figures
for the web app. Each stage's library function is wrapped with a timer (nothing in the
library changes); peak RSS is the process's.

Baseline (named ``duckdb-read_csv``, as in bench_demo_build.py): DuckDB's own ``read_csv`` of
the same CSV files into a DuckDB file, all text, no cleaning or linkage: the floor any loader
pays. The goal of issue #17 is the build (import → published figures) in ≤ 30 s and
≤ 4 GiB on the 2-core machine.

Usage: .venv/bin/python benchmarks/bench_build_stages.py [--people N] [--seed S]
"""

from __future__ import annotations

import argparse
import functools
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

import cakupan.matching.engine as engine
import cakupan.pipeline as pipeline
from cakupan import synth
from cakupan.warehouse import Warehouse

SPENT: dict[str, float] = defaultdict(float)


def timed(module: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - started

    setattr(module, name, wrapper)


STAGES = [
    (pipeline, "import_file", "import files"),
    (engine, "build_match_records", "matching: features"),
    (engine, "_predict", "matching: model (train/predict)"),
    (engine, "_decide", "matching: decide"),
    (engine, "_persons", "matching: persons"),
    (pipeline, "match_records", "matching (all)"),
    (pipeline, "link_status_answers", "status answers"),
    (pipeline, "compute_coverage", "coverage"),
    (pipeline, "record_history", "history"),
    (pipeline, "pledges_sync_imported", "pledges sync"),
    (pipeline, "pledge_allocate", "pledge allocation"),
]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline(files: synth.DemoFiles, root: Path) -> float:
    started = time.perf_counter()
    con = duckdb.connect(str(root / "baseline.duckdb"))
    csv_files = [
        p
        for p in [files.register, files.participants, *files.lists]
        if p.suffix == ".csv" and p.stem != "guru_tpq"  # Windows-1252: DuckDB refuses it
    ]
    for i, path in enumerate(csv_files):
        con.execute(
            f"CREATE TABLE t{i} AS SELECT * FROM read_csv(?, all_varchar = true)", [str(path)]
        )
    con.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_120_000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    for module, name, label in STAGES:
        timed(module, name, label)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        files = synth.generate(root / "files", people=args.people, seed=args.seed)
        t_generate = time.perf_counter() - started
        t_baseline = baseline(files, root)
        started = time.perf_counter()
        with Warehouse(root / "warehouse.duckdb") as wh:
            result = pipeline.build_warehouse(wh, files, regency="35.16")
        t_build = time.perf_counter() - started
        started = time.perf_counter()
        with Warehouse(root / "warehouse.duckdb", read_only=True) as wh:
            pipeline.publish(wh, data_dir=root, regency="35.16", default_target=0.6)
        t_publish = time.perf_counter() - started
    summary = result.summary.coverage
    total = t_build + t_publish
    print(f"people in register            {args.people:>12,}")
    print(f"participant rows              {summary.participant_rows:>12,}")
    print(f"generate files (not counted)  {t_generate:>10.1f} s")
    print(f"baseline duckdb-read_csv      {t_baseline:>10.1f} s")
    for _, _, label in STAGES:
        print(f"  {label:<28}{SPENT[label]:>10.1f} s")
    print(f"  {'publish':<28}{t_publish:>10.1f} s")
    print(f"build + publish               {total:>10.1f} s  ({total / t_baseline:.1f}x baseline)")
    print(f"UCJ                           {(summary.ucj or 0) * 100:>10.2f} %")
    print(f"peak RSS                      {peak_rss_mib():>10.0f} MiB")


if __name__ == "__main__":
    main()
