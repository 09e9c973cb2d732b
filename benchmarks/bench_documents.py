"""Benchmark: how long the documents a regency signs take to make, on the full demo.

Each document is made as the CLI and the web make it (one library call on the current
publication, written to a file), median of three runs, against the baseline
``read-figures``: reading the published dashboard figures (what every report starts from).

Usage: .venv/bin/python benchmarks/bench_documents.py [--data-dir DIR]
(DIR must hold a built demo, e.g. after `make demo`; default ./cakupan-data)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cakupan.publish import dashboard_read, require_publication
from cakupan.reports import Period
from cakupan.reports.documents import inpres_write, kur_write
from cakupan.reports.render import quarterly_write
from cakupan.scope import Scope


def timed(call: Callable[[], Any]) -> tuple[float, float]:
    """The first run (what the first download after a start waits) and the median of
    three more."""
    runs = []
    for _ in range(4):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return runs[0], statistics.median(runs[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("cakupan-data"))
    args = parser.parse_args()
    os.umask(0o077)  # as the CLI: documents with persons are private files
    publication = require_publication(args.data_dir)
    dashboard = dashboard_read(publication)
    period = Period.of(dt.date.fromisoformat(dashboard.gap.as_of[:10]))
    regency = Scope.whole_regency("bench")
    out = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    biggest = max(
        (r for r in dashboard.segments if r.segment == "KUR" and r.list_key),
        key=lambda r: (r.persons or 0) - r.active_persons,
    )
    bank = (biggest.partner or "").upper()
    unprotected = (biggest.persons or 0) - biggest.active_persons
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("read-figures (baseline)", lambda: dashboard_read(publication)),
        ("quarterly PDF", lambda: quarterly_write(
            publication, out / "q.pdf", scope=regency, period=period)),
        ("quarterly PDF, English", lambda: quarterly_write(
            publication, out / "q-en.pdf", scope=regency, period=period, language="en")),
        ("quarterly XLSX", lambda: quarterly_write(
            publication, out / "q.xlsx", scope=regency, period=period)),
        ("KUR PDF, every bank", lambda: kur_write(
            publication, out / "k.pdf", scope=regency, period=period, data_dir=out)),
        (f"KUR PDF, {bank} with its {unprotected:,} unprotected debtors", lambda: kur_write(
            publication, out / "kb.pdf", scope=regency, period=period, data_dir=out,
            bank=bank)),
        ("Inpres 2/2021 PDF", lambda: inpres_write(
            publication, out / "i.pdf", scope=regency, year=period.year)),
    ]  # fmt: skip
    results = [(name, *timed(call)) for name, call in cases]
    base = results[0][2]
    print(f"{'document':<58} {'first s':>8} {'median s':>9} {'× baseline':>11}")
    for name, first, median in results:
        print(f"{name:<58} {first:8.3f} {median:9.3f} {median / base:11.1f}")


if __name__ == "__main__":
    main()
