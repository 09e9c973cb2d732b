"""Benchmark: matching accuracy and speed, with known truth, against three baselines.

Part A (accuracy, on the partner lists of a synthetic regency): every list file is matched
against the participant extract, and the pairs found are scored against the truth the
generator wrote (precision, recall, F1 over true pairs), side by side in one run with:

* ``exact-nik``: pairs sharing a valid NIK;
* ``splink-generic``: Splink with a generic configuration (name Jaro-Winkler, exact birth
  date, exact NIK; prior from NIK, u by random sampling, m by EM), threshold 0.9;
* ``recordlinkage``: the Python Record Linkage Toolkit's standard approach (blocking on birth
  date and on NIK, Jaro-Winkler name ≥ 0.85, exact birth date, exact NIK, ECM classifier);
* ``cakupan``: ``cakupan.matching.match_files`` (its own model), at its default threshold.

Each method runs in its own process (so that one's memory and threads do not slow the next),
and its time includes reading both files through the same importer.

Part A without NIK (``--no-nik``, or always after part A): the same lists with the NIK column
removed (a teachers' association's hand-typed list), matched against the same participant
extract by ``cakupan`` and by ``splink-generic-nonik`` (the generic configuration on the same
columns: name Jaro-Winkler and exact birth date, blocking on birth date; prior from pairs
sharing name and birth date at recall 0.7; EM blocked on birth date and on name).

Part B (regency scale): a whole warehouse (register, participants, lists) matched end to end
(features, exact NIK, training, scoring, persons) in a separate process: time and peak memory.

Usage: .venv/bin/python benchmarks/bench_matching.py [--people N] [--scale-people M]
(needs the ``bench`` extra: ``make bench`` installs it)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from cakupan import synth
from cakupan.ingest import import_file
from cakupan.matching import match_files
from cakupan.warehouse import Warehouse

Pairs = set[tuple[int, int]]


def truth_pairs(files: synth.DemoFiles, list_path: Path) -> Pairs:
    persons: dict[str, dict[int, int]] = defaultdict(dict)
    for line in files.truth.read_text(encoding="utf-8").splitlines()[1:]:
        name, row, person = line.split(",")
        persons[name.split("/")[-1]][int(row)] = int(person)
    by_person: dict[int, list[int]] = defaultdict(list)
    for row, person in persons[files.participants.name].items():
        if person >= 0:
            by_person[person].append(row)
    return {
        (row, p)
        for row, person in persons[list_path.name].items()
        for p in by_person.get(person, [])
    }


def load(list_path: Path, participants: Path) -> tuple[object, object, float]:
    """Both files through the importer, as pandas frames indexed by data row."""
    started = time.perf_counter()
    with Warehouse.memory() as wh:
        import_file(wh, list_path, "segment", segment="LIST")
        import_file(wh, participants, "participants")
        # Both are plain CSV files with the header on line 1: data row = line - 2. Rows the
        # importer rejected (exact duplicates) are simply absent for every method.
        query = (
            "SELECT row_number - 2 AS idx, upper(name) AS name, "
            "CAST(birth_date AS VARCHAR) AS birth_date, nik FROM {t}"
        )
        left = wh._con.sql(query.format(t="src_segment")).df().set_index("idx")
        right = wh._con.sql(query.format(t="src_participants")).df().set_index("idx")
    return left, right, time.perf_counter() - started


def exact_nik(left, right) -> Pairs:
    # Rows without a valid NIK first: pandas would join their empty keys to each other.
    merged = (
        left[left["nik"].notna()]
        .reset_index()
        .merge(right[right["nik"].notna()].reset_index(), on="nik", suffixes=("_l", "_r"))
    )
    return set(zip(merged["idx_l"], merged["idx_r"], strict=True))


def splink_generic(left, right, *, nik: bool = True) -> Pairs:
    """The generic configuration; without ``nik``, on name and birth date only."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    comparisons = [cl.JaroWinklerAtThresholds("name", [0.9, 0.7]), cl.ExactMatch("birth_date")]
    blocks = [block_on("birth_date")]
    if nik:
        comparisons.append(cl.ExactMatch("nik"))
        blocks.append(block_on("nik"))
    else:
        left, right = left.drop(columns="nik"), right.drop(columns="nik")
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="idx",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocks,
    )
    api = DuckDBAPI()
    frames = [
        api.register(left.reset_index(), table_name="l"),
        api.register(right.reset_index(), table_name="r"),
    ]
    linker = Linker(frames, settings, log_level="ERROR")
    prior_rule = block_on("nik") if nik else block_on("name", "birth_date")
    linker.training.estimate_probability_two_random_records_match([prior_rule], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("nik") if nik else block_on("name")
    )
    predictions = linker.inference.predict(threshold_match_probability=0.9).as_duckdbpyrelation()
    rows = predictions.project("source_dataset_l, idx_l, source_dataset_r, idx_r").fetchall()
    return {(a, b) if src == "l" else (b, a) for src, a, _s, b in rows}


def recordlinkage_standard(left, right) -> Pairs:
    import recordlinkage as rl

    indexer = rl.Index()
    indexer.block("birth_date")
    indexer.block("nik")
    candidates = indexer.index(left, right)
    compare = rl.Compare()
    compare.string("name", "name", method="jarowinkler", threshold=0.85, label="name")
    compare.exact("birth_date", "birth_date", label="birth_date")
    compare.exact("nik", "nik", label="nik")
    features = compare.compute(candidates, left, right)
    matches = rl.ECMClassifier().fit_predict(features)
    return {(int(a), int(b)) for a, b in matches}


def cakupan_pairs(list_path: Path, participants: Path) -> Pairs:
    result = match_files(list_path, participants)
    return {
        (r["list_row"], r["participant_row"])
        for r in result.rows
        if r["method"] in ("nik", "probabilistic")
    }


def scores(found: Pairs, truth: Pairs) -> dict[str, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": len(found - truth),
        "fn": len(truth - found),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


SCALE = """
import json, resource, sys, time
from pathlib import Path
from cakupan.matching import MatchOptions, match_records
from cakupan.warehouse import Warehouse
from cakupan.settings import load_settings
limit = load_settings().memory_limit  # the installation's default, as the CLI uses it
with Warehouse(Path(sys.argv[1]), memory_limit=limit) as wh:
    start = time.perf_counter()
    summary = match_records(wh, MatchOptions(retrain=True))
    seconds = time.perf_counter() - start
    sizes = {r["source"]: r["n"] for r in wh.query(
        "SELECT source, count(*) AS n FROM match_record GROUP BY source")}
print(json.dumps({"seconds": seconds, "sizes": sizes, "queries": summary.queries,
                  "exact": summary.exact_links, "model": summary.probabilistic_links,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def combined_list(files: synth.DemoFiles, out: Path, *, nik: bool = True) -> tuple[Path, Pairs]:
    """All partner lists in one CSV (each read by the importer first, raw NIKs kept, or no
    NIK column at all), with the true (list row, participant row) pairs."""
    truth: Pairs = set()
    rows: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for list_path in files.lists:
        pairs = truth_pairs(files, list_path)
        with Warehouse.memory() as wh:
            report = import_file(wh, list_path, "segment", segment="LIST")
            cells = wh.query(
                "SELECT row_number, name, nik_raw, CAST(birth_date AS VARCHAR) AS birth, desa, "
                "kecamatan FROM src_segment ORDER BY row_number"
            )
        rejected = {f.row for f in report.findings if f.severity == "error"}
        numbers = sorted({c["row_number"] for c in cells} | rejected)
        file_index = {n: i for i, n in enumerate(numbers)}  # the truth's 0-based data rows
        # A row typed twice reads the same as its first copy once normalised: keep one, so
        # that the importer's duplicate check does not shift the rows of the combined file.
        index_of: dict[int, int] = {}
        for c in cells:
            row = [
                c["name"] or "",
                c["nik_raw"] or "",
                c["birth"] or "",
                c["desa"] or "",
                c["kecamatan"] or "",
            ]
            if tuple(row) in seen:
                continue
            seen.add(tuple(row))
            index_of[file_index[c["row_number"]]] = len(rows)
            rows.append(row)
        truth |= {(index_of[a], b) for a, b in pairs if a in index_of}
    with out.open("w", encoding="utf-8", newline="") as handle:
        import csv

        writer = csv.writer(handle)
        keep = [0, 1, 2, 3, 4] if nik else [0, 2, 3, 4]
        header = ["NAMA", "NIK", "TGL LAHIR", "DESA", "KECAMATAN"]
        writer.writerow([header[i] for i in keep])
        writer.writerows([row[i] for i in keep] for row in rows)
    return out, truth


METHODS = ("exact-nik", "splink-generic", "recordlinkage", "cakupan")
NO_NIK_METHODS = ("splink-generic-nonik", "cakupan")


def run_method(name: str, list_path: Path, participants: Path, out: Path) -> None:
    """One method in this (fresh) process: its pairs and seconds, importing included."""
    started = time.perf_counter()
    if name == "cakupan":
        found = cakupan_pairs(list_path, participants)
    else:
        left, right, _ = load(list_path, participants)
        run = {
            "exact-nik": exact_nik,
            "splink-generic": splink_generic,
            "splink-generic-nonik": lambda left, right: splink_generic(left, right, nik=False),
        }.get(name, recordlinkage_standard)
        found = run(left, right)
    seconds = time.perf_counter() - started
    pairs = sorted([int(a), int(b)] for a, b in found)
    out.write_text(json.dumps({"seconds": seconds, "pairs": pairs}))


def part_a(root: Path, people: int, *, nik: bool = True) -> None:
    files = synth.generate(root / "a", people=people, seed=2023)
    name = "all_lists.csv" if nik else "all_lists_no_nik.csv"
    list_path, truth = combined_list(files, root / name, nik=nik)
    with Warehouse.memory() as wh:
        rows = import_file(wh, list_path, "segment", segment="LIST").rows_read
        members = import_file(wh, files.participants, "participants").rows_read
    print(
        f"Part A{'' if nik else ' without NIK'}: {rows:,} rows of {len(files.lists)} partner "
        f"lists{'' if nik else ' (NIK column removed)'} against "
        f"{members:,} participants ({people:,} people in the regency); each method runs in "
        "its own process, and its time includes reading both files through the importer"
    )
    print(
        f"{'method':16} {'precision':>9} {'recall':>7} {'F1':>7} {'TP':>7} {'FP':>6} "
        f"{'FN':>6} {'seconds':>8}"
    )
    for name in METHODS if nik else NO_NIK_METHODS:
        out = root / f"{name}.json"
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--method",
                name,
                str(list_path),
                str(files.participants),
                str(out),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        result = json.loads(out.read_text())
        found = {(int(a), int(b)) for a, b in result["pairs"]}
        s = scores(found, truth)
        print(
            f"{name:16} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f} "
            f"{s['tp']:7} {s['fp']:6} {s['fn']:6} {result['seconds']:8.1f}"
        )


def warehouse_scores(path: Path, truth_csv: Path) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of the links to the register, per source, against the truth."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    con.execute(f"CREATE TEMP TABLE truth AS SELECT * FROM read_csv('{truth_csv}')")
    register = con.execute("SELECT id FROM snapshot WHERE source_type = 'register'").fetchone()[0]
    rows = con.execute(f"""
        WITH rec AS (
            SELECT s.file_name, s.source_type, rp.register_row,
                   row_number() OVER (PARTITION BY s.id ORDER BY rp.unique_id) - 1 AS idx
            FROM record_person rp JOIN snapshot s ON s.id = rp.unique_id // 100000000
            WHERE rp.source <> 'register'),
        j AS (
            SELECT r.source_type, t.person, r.register_row,
                   {register} * 100000000 + t.person + 2 AS true_row
            FROM rec r JOIN truth t
              ON split_part(t.file, '/', -1) = r.file_name AND t.row = r.idx)
        SELECT source_type,
               count(*) FILTER (WHERE person >= 0 AND register_row = true_row) AS tp,
               count(*) FILTER (WHERE register_row IS NOT NULL
                                AND NOT (person >= 0 AND register_row = true_row)) AS fp,
               count(*) FILTER (WHERE person >= 0 AND register_row IS NULL) AS fn
        FROM j GROUP BY source_type""").fetchall()
    out = {}
    for source, tp, fp, fn in rows:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[source] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out


def part_b(root: Path, people: int) -> None:
    from cakupan.pipeline import build_warehouse

    files = synth.generate(root / "b", people=people, seed=2023)
    path = root / "scale.duckdb"
    with Warehouse(path) as wh:
        build_warehouse(wh, files, regency="35.16")
    done = subprocess.run(
        [sys.executable, "-c", SCALE, str(path)], capture_output=True, text=True, check=True
    )
    r = json.loads(done.stdout.strip().splitlines()[-1])
    sizes = r["sizes"]
    print(
        f"Part B: register {sizes.get('register', 0):,}, participants "
        f"{sizes.get('participants', 0):,}, list rows {sizes.get('segment', 0):,}; "
        f"{r['queries']:,} left for the model after exact NIK"
    )
    print(
        f"  matched end to end (training included) in {r['seconds']:.1f} s, "
        f"peak {r['rss_mib']:,.0f} MiB (targets: 60 s, 8 GiB); "
        f"{r['exact']:,} NIK links, {r['model']:,} model links"
    )
    for source, sc in warehouse_scores(path, files.truth).items():
        print(
            f"Part B accuracy ({source} to the register): precision {sc['precision']:.4f}, "
            f"recall {sc['recall']:.4f}, F1 {sc['f1']:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=300_000, help="regency of part A")
    parser.add_argument("--scale-people", type=int, default=1_120_000, help="part B")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-lists", action="store_true")
    parser.add_argument("--skip-no-nik", action="store_true", help="skip part A without NIK")
    parser.add_argument("--no-nik", action="store_true", help="only part A without NIK")
    parser.add_argument(
        "--method", choices=sorted({*METHODS, *NO_NIK_METHODS}), help=argparse.SUPPRESS
    )
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.method:  # a child process of part A
        run_method(args.method, *args.files)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.no_nik:
            part_a(Path(tmp), args.people, nik=False)
            return
        if not args.skip_lists:
            part_a(Path(tmp), args.people)
        if not args.skip_no_nik:
            part_a(Path(tmp), args.people, nik=False)
        if not args.skip_scale:
            part_b(Path(tmp), args.scale_people)


if __name__ == "__main__":
    main()
