"""Building the warehouse: every file through the importer, then linkage and coverage.

``build_demo`` writes a new DuckDB file beside the old one and swaps it in only when every
step succeeded, so a crash mid-run leaves the previous warehouse intact. ``refresh`` recomputes
linkage and coverage from the current snapshots after any import.

Example (a build is tested in ``tests/cakupan/pipeline/test_build.py``, once per run):
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:
    ...     refresh(wh, regency="35.16") is None  # nothing imported yet
    True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cakupan import synth
from cakupan.coverage import compute_coverage
from cakupan.errors import CakupanError, InputError
from cakupan.exchange import link_status_answers
from cakupan.ingest import ImportReport, import_file, read_source, source_type
from cakupan.ingest.rawtable import RawTable
from cakupan.matching import MatchOptions, MatchSummary, match_records
from cakupan.matching.review import review_decide
from cakupan.pipeline.views import ready_for_coverage
from cakupan.pledges import pledge_allocate, pledges_sync_imported
from cakupan.privacy import secure_dir
from cakupan.publish import publish
from cakupan.reference import ensure_reference
from cakupan.results import Refresh
from cakupan.settings import Settings
from cakupan.synth import DemoFiles, Progress
from cakupan.targets import record_history
from cakupan.warehouse import Warehouse
from cakupan.writer import write_turn

__all__ = [
    "BuildResult",
    "build_demo",
    "build_warehouse",
    "decide_and_refresh",
    "decisions_apply",
    "demo_imports",
    "import_and_refresh",
    "mark_real",
    "province_check",
    "refresh",
]

# Segment label and partner of each demo list, by file stem.
DEMO_LISTS = {
    "perangkat_desa": ("PERANGKAT_DESA", "DPMD"),
    "rt_rw": ("RT_RW", "Bagian Pemerintahan"),
    "guru_tpq": ("GURU_TPQ", "FKPQ"),
    "guru_paud": ("GURU_PAUD", "HIMPAUDI"),
}


def _silent(step: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    files: DemoFiles
    summary: Refresh
    reports: list[ImportReport] = field(default_factory=list)


def demo_imports(files: DemoFiles) -> list[tuple[Path, str, dict[str, str]]]:
    """(file, source type, options) of every demo file, in loading order."""
    imports: list[tuple[Path, str, dict[str, str]]] = [
        (files.register, "register", {}),
        (files.participants, "participants", {}),
    ]
    for path in files.lists:
        if path.stem.startswith("kur_"):
            segment, partner = "KUR", path.stem.removeprefix("kur_").upper()
        else:
            segment, partner = DEMO_LISTS[path.stem]
        imports.append((path, "segment", {"segment": segment, "partner": partner}))
    imports += [
        (files.companies, "companies", {}),
        (files.company_registration, "company-registration", {}),
        (files.denominator, "denominator", {}),
    ]
    kinds = {"santunan": "payouts", "kartu_peserta": "cards", "kegiatan_sosialisasi": "events"}
    imports += [(path, kinds[path.stem], {}) for path in files.activity]
    if files.pledges:
        imports.append((files.pledges, "pledges", {}))
    return imports


def refresh(
    wh: Warehouse,
    *,
    regency: str,
    as_of: dt.date | None = None,
    dataset: str | None = None,
    matching: MatchOptions | None = None,
) -> Refresh | None:
    """Match the current snapshots and recompute coverage; None until the register,
    participants and a denominator are all loaded. Every table it writes commits together
    (or with the caller's transaction)."""
    with wh.transaction():
        return _refresh(wh, regency=regency, as_of=as_of, dataset=dataset, matching=matching)


def _refresh(
    wh: Warehouse,
    *,
    regency: str,
    as_of: dt.date | None,
    dataset: str | None,
    matching: MatchOptions | None,
) -> Refresh | None:
    if not ready_for_coverage(wh):
        return None
    day = (
        as_of
        or wh.scalar("SELECT max(as_of) FROM current_src_participants")
        or wh.scalar("SELECT max(as_of) FROM current_src_participant_status")
        or dt.date.today()
    )
    matched: MatchSummary = match_records(wh, matching)
    link_status_answers(wh)  # persons a status answer on keyed hashes says are members
    summary = compute_coverage(wh, regency=regency, as_of=day)
    record_history(wh, as_of=day, summary=summary)
    pledges_sync_imported(wh, regency=regency)
    meta = {
        "as_of": day.isoformat(),
        "regency": regency,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if dataset:
        meta["dataset"] = dataset
    elif not wh.scalar("SELECT count(*) FROM meta WHERE key = 'dataset'"):
        meta["dataset"] = "imported"
    for key, value in meta.items():
        wh.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
    return Refresh(coverage=summary, matching=matched)


def import_and_refresh(
    wh: Warehouse, path: Path, type_name: str, *, regency: str, **options: Any
) -> ImportReport:
    """Import one file (see :func:`cakupan.ingest.import_file`), then recompute linkage and
    coverage when something new was stored; the summary is put on ``report.coverage``.

    A file imported this way is real data: a demo warehouse it lands in stops being a demo
    (the dashboard's anonymous access for demos ends)."""
    # One unit: the snapshot, the re-linking and every figure commit together, so that a
    # crash anywhere leaves the warehouse as it was before and the same command, run again,
    # does the whole import (it is not "already imported" until all of it committed).
    with wh.transaction():
        report = import_file(wh, path, type_name, regency=regency, **options)
        if report.snapshot_id is not None:
            mark_real(wh)
            report = dataclasses.replace(report, coverage=refresh(wh, regency=regency))
    return report


def mark_real(wh: Warehouse) -> None:
    """Record that the warehouse holds real data (``meta.dataset = 'imported'``); a warehouse
    without figures yet gets it with its first refresh."""
    if wh.scalar("SELECT count(*) FROM meta"):
        wh.execute("INSERT OR REPLACE INTO meta VALUES ('dataset', 'imported')")


def decide_and_refresh(
    wh: Warehouse, ids: list[str], *, decision: str, by: str, regency: str
) -> tuple[int, Refresh | None]:
    """Record review decisions, then match and recompute coverage with them."""
    with wh.transaction():  # the decisions and the figures they change, together
        count = review_decide(wh, ids, decision=decision, by=by)
        return count, refresh(wh, regency=regency)


def decisions_apply(
    wh: Warehouse, decisions: list[tuple[str, str, str]], *, regency: str
) -> tuple[int, Refresh | None]:
    """Record many review decisions ``(pair id, decision, by)`` — those made in the web
    since the last re-match — then match and recompute coverage once. A pair no longer
    decidable (a re-match since the page was read) is skipped; returns how many counted."""
    with wh.transaction():
        count = sum(
            review_decide(wh, [pair], decision=decision, by=by, skip_unknown=True)
            for pair, decision, by in decisions
        )
        return count, refresh(wh, regency=regency)


def build_warehouse(
    wh: Warehouse,
    files: DemoFiles,
    *,
    regency: str,
    progress: Progress = _silent,
    matching: MatchOptions | None = None,
) -> BuildResult:
    """Import every demo file into ``wh``, link them and compute coverage.

    ``wh`` is a new file that replaces a warehouse only once the build is complete
    (:func:`build_demo`): it is checkpointed once, at the end."""
    with wh.checkpoint_at_end():
        return _build(wh, files, regency=regency, progress=progress, matching=matching)


def _build(
    wh: Warehouse,
    files: DemoFiles,
    *,
    regency: str,
    progress: Progress,
    matching: MatchOptions | None,
) -> BuildResult:
    imports = demo_imports(files)
    total = len(imports) + 1
    reports = []
    # The next file is read while this one is validated and stored: reading is mostly
    # Arrow's parser and the workbook reader's child process, validation mostly DuckDB, so
    # the two overlap on two cores (measured: 0.5–1 s of the demo's 12 s of import).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cakupan-read") as reader:
        pending = reader.submit(_read, imports[0])
        ensure_reference(wh, regency=regency)  # the areas, while the first file is read
        for done, (path, type_name, options) in enumerate(imports):
            raw = pending.result()
            if done + 1 < len(imports):
                pending = reader.submit(_read, imports[done + 1])
            progress(f"import {path.name}", done, total)
            reports.append(
                import_file(
                    wh,
                    path,
                    type_name,
                    as_of=files.as_of,
                    regency=regency,
                    imported_by="demo",
                    segment=options.get("segment"),
                    partner=options.get("partner"),
                    raw=raw,
                )
            )
    progress("matching and coverage", len(imports), total)
    # No transaction here: a build writes a new file that replaces the warehouse only once
    # complete, and one transaction over every table would cost a fifth more time and memory.
    summary = _refresh(wh, regency=regency, as_of=files.as_of, dataset="demo", matching=matching)
    if summary is None:
        raise CakupanError("demo.incomplete")
    for key, value in (("seed", files.seed), ("people", files.people)):
        wh.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, str(value)])
    if files.pledges:
        pledge_allocate(wh)
    progress("done", total, total)
    return BuildResult(files=files, summary=summary, reports=reports)


def _read(planned: tuple[Path, str, dict[str, str]]) -> RawTable:
    path, type_name, _ = planned
    return read_source(path, source_type(type_name))


def province_check(code: str) -> str:
    """``code`` when it is a province's (``35``), else a clear error."""
    from cakupan import areas

    if areas.level_of(code) != "provinsi" or not areas.children(code):
        raise InputError("demo.not_a_province", code=code)
    return code


def build_demo(
    settings: Settings,
    *,
    people: int = 1_120_000,
    seed: int = 2023,
    progress: Progress = _silent,
    files_progress: Progress = _silent,
) -> BuildResult:
    """Generate the synthetic regency and build a fresh warehouse from its files, then
    publish it for the web app; the build holds the write turn throughout."""
    secure_dir(settings.data_dir)
    with write_turn(settings.data_dir, what=f"demo build ({people:,} people)"):
        return _build_demo(
            settings, people=people, seed=seed, progress=progress, files_progress=files_progress
        )


def _build_demo(
    settings: Settings,
    *,
    people: int,
    seed: int,
    progress: Progress,
    files_progress: Progress,
) -> BuildResult:
    files = synth.generate(
        settings.data_dir / "demo-files",
        people=people,
        seed=seed,
        regency=settings.regency_code,
        progress=files_progress,
    )
    secure_dir(settings.data_dir, warn=False)  # whatever the umask, the files are private
    target = settings.warehouse_path
    building = target.with_name(target.name + ".building")
    building.unlink(missing_ok=True)
    try:
        with Warehouse(
            building,
            threads=settings.threads,
            memory_limit=settings.memory_limit,
            engine=settings.compute_engine,
        ) as wh:
            result = build_warehouse(wh, files, regency=settings.regency_code, progress=progress)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    os.replace(building, target)
    with Warehouse(target, read_only=True) as wh:
        publish(
            wh,
            data_dir=settings.data_dir,
            regency=settings.regency_code,
            default_target=settings.ucj_target,
        )
    return result
