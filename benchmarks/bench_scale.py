"""Benchmark: DuckDB against Spark as the province grows (issue #17, docs/scale.md).

For each size, a synthetic Jawa Timur (``cakupan demo --province 35``: people spread over
its 38 regencies, 8,494 desa) is generated, then, each in its own process (for its own peak
memory):

* ``build``: the warehouse built on DuckDB — import of every file, matching (the model
  trained on the data), coverage, figures;
* ``duckdb``: matching and coverage again with that trained model, on DuckDB;
* ``spark``: the same on Spark (local mode, every core), the pairs scored and coverage
  computed there: the time includes moving the tables (Parquet) and starting the JVM.

The baseline is the DuckDB refresh of the same size in the same run; the figures to read
are the ratio and how each grows with the size (the exponent of time ~ size^k between two
sizes). Both must give the same persons and UCJ (checked, printed).

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 300000,1000000,3000000]
       [--spark-memory 8g] [--work DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, shutil, sys, time, datetime as dt
from pathlib import Path
from cakupan.warehouse import Warehouse
from cakupan.spark import Engine
mode, work, memory = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
if mode == "build":
    import pickle
    from cakupan.pipeline import build_warehouse
    files = pickle.loads((work / "files.pickle").read_bytes())
    with Warehouse(work / "warehouse.duckdb") as wh:
        result = build_warehouse(wh, files, regency="35")
    s = result.summary.coverage
else:
    from cakupan.pipeline import refresh
    path = work / f"{mode}.duckdb"
    shutil.copy(work / "warehouse.duckdb", path)
    engine = Engine("spark", "local[*]", memory) if mode == "spark" else Engine()
    with Warehouse(path, engine=engine) as wh:
        s = refresh(wh, regency="35", as_of=dt.date(2023, 3, 31)).coverage
    path.unlink()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
jvm = 0  # the JVM's peak (VmHWM), read while it still runs
if mode == "spark":
    from pyspark import SparkContext
    status = Path(f"/proc/{SparkContext._gateway.proc.pid}/status").read_text()
    jvm = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
print(json.dumps({"seconds": time.perf_counter() - started, "persons": s.active_persons,
                  "ucj": s.ucj, "rss_mib": own / 1024, "child_rss_mib": jvm / 1024}))
"""


def run(mode: str, work: Path, memory: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(work), memory],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="300000,1000000,3000000")
    parser.add_argument("--spark-memory", default="8g")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    import pickle

    from cakupan import synth

    root = Path(tempfile.mkdtemp(prefix="bench-scale-", dir=args.work))
    rows = []
    try:
        for size in sizes:
            work = root / str(size)
            started = time.perf_counter()
            files = synth.generate(work / "files", people=size, seed=35, regency="35")
            generated = time.perf_counter() - started
            (work / "files.pickle").write_bytes(pickle.dumps(files))
            build = run("build", work, args.spark_memory)
            duck = run("duckdb", work, args.spark_memory)
            spark = run("spark", work, args.spark_memory)
            same = duck["persons"] == spark["persons"] and duck["ucj"] == spark["ucj"]
            rows.append((size, generated, build, duck, spark, same))
            print(
                f"{size:>10,} people: generate {generated:6.1f} s | build (DuckDB) "
                f"{build['seconds']:6.1f} s, {build['rss_mib']:6.0f} MiB | refresh DuckDB "
                f"{duck['seconds']:6.1f} s, {duck['rss_mib']:6.0f} MiB | Spark "
                f"{spark['seconds']:6.1f} s, driver {spark['rss_mib']:5.0f} MiB + JVM "
                f"{spark['child_rss_mib']:5.0f} MiB | Spark/DuckDB "
                f"{spark['seconds'] / duck['seconds']:4.1f}x | same persons and UCJ: {same} "
                f"({duck['persons']:,}, {duck['ucj'] * 100:.2f} %)",
                flush=True,
            )
            shutil.rmtree(work / "files", ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\ngrowth (time ~ size^k between consecutive sizes):")
    for (a, _, ba, da, sa, _), (b, _, bb, db, sb, _) in itertools.pairwise(rows):
        scale = math.log(b / a)
        print(
            f"  {a:,} -> {b:,}: build k={math.log(bb['seconds'] / ba['seconds']) / scale:.2f}, "
            f"DuckDB refresh k={math.log(db['seconds'] / da['seconds']) / scale:.2f}, "
            f"Spark refresh k={math.log(sb['seconds'] / sa['seconds']) / scale:.2f}"
        )
    if rows:
        size, _, build, duck, spark, _ = rows[-1]
        for name, value in (("build", build), ("DuckDB refresh", duck), ("Spark", spark)):
            k = 1.0
            if len(rows) > 1:
                first = rows[-2]
                previous = {"build": first[2], "DuckDB refresh": first[3], "Spark": first[4]}
                k = math.log(value["seconds"] / previous[name]["seconds"]) / math.log(
                    size / first[0]
                )
            at = value["seconds"] * (41_000_000 / size) ** k
            print(f"  extrapolated to 41,000,000 people, one machine: {name} ~{at / 60:,.0f} min")
    print(f"\nmeasured {dt.datetime.now():%Y-%m-%d %H:%M}; peak RSS of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
