"""Benchmark: how fast the regency's questions are answered on a full demo warehouse.

Each report is a library call on the warehouse opened read-only (as the web and the CLI do),
timed over three runs, against the baseline ``open-and-count``: opening the warehouse and
counting the register (the floor of any answer). ``pledge allocate`` writes, so it runs on a
copy of the warehouse.

Usage: .venv/bin/python benchmarks/bench_reports.py [--data-dir DIR]
(DIR must hold a built warehouse, e.g. after `make demo`; default ./cakupan-data)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cakupan.campaigns import campaign_ranking, event_effects
from cakupan.compliance import compliance_report
from cakupan.coverage import coverage_report
from cakupan.lapsed import lapsed_report
from cakupan.planning import plan
from cakupan.pledges import pledge_allocate
from cakupan.targets import gap_report
from cakupan.warehouse import Warehouse


def timed(path: Path, call: Callable[[Warehouse], Any], *, writes: bool = False) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        with Warehouse(path, read_only=not writes) as wh:
            call(wh)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("cakupan-data"))
    args = parser.parse_args()
    path = args.data_dir / "warehouse.duckdb"
    if not path.exists():
        raise SystemExit(f"No warehouse at {path}: run `make demo` (or pass --data-dir) first")
    reports: dict[str, Callable[[Warehouse], Any]] = {
        "open-and-count (baseline)": lambda wh: wh.scalar("SELECT count(*) FROM register"),
        "coverage --by regency": lambda wh: coverage_report(wh, by="regency"),
        "coverage --by desa": lambda wh: coverage_report(wh, by="desa"),
        "coverage --by segment": lambda wh: coverage_report(wh, by="segment"),
        "gap": lambda wh: gap_report(wh, default_target=0.6),
        "lapsed": lambda wh: lapsed_report(wh),
        "compliance": lambda wh: compliance_report(wh, regency="35.16"),
        "campaign": lambda wh: campaign_ranking(wh),
        "campaign --events": lambda wh: event_effects(wh),
        "coverage --period 2023Q1 --by desa": lambda wh: coverage_report(
            wh, by="desa", period="2023Q1"
        ),
        "plan (HiGHS, every pledge)": lambda wh: plan(wh),
    }
    with Warehouse(path, read_only=True) as wh:
        people = wh.scalar("SELECT count(*) FROM register")
    print(f"warehouse {path} ({people:,} register records); median of 3 runs")
    base = None
    for name, call in reports.items():
        seconds = timed(path, call)
        base = base or seconds
        print(f"{name:36} {seconds:7.3f} s  ({seconds / base:5.1f}x baseline)")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copy(path, copy)
        seconds = timed(copy, lambda wh: pledge_allocate(wh), writes=True)
        name = "pledge allocate (on a copy)"
        print(f"{name:36} {seconds:7.3f} s  ({seconds / base:5.1f}x baseline)")


if __name__ == "__main__":
    main()
