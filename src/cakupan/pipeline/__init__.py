"""Building the warehouse: reference data, files, linkage and coverage, atomically.

A build writes a new DuckDB file beside the old one and swaps it in only when every step
succeeded, so a crash mid-run leaves the previous warehouse intact.

Example:
    >>> import tempfile, pathlib
    >>> from cakupan.settings import load_settings
    >>> s = load_settings(data_dir=pathlib.Path(tempfile.mkdtemp()), environ={})
    >>> result = build_demo(s, people=4000, seed=7)
    >>> 0.1 < result.summary["ucj"] < 0.6
    True
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from cakupan import synth
from cakupan.coverage import compute_coverage
from cakupan.linkage import link_exact_nik_sql
from cakupan.pipeline import sql
from cakupan.pipeline.load import (
    SEGMENT_MEMBER_DDL,
    load_csv,
    load_reference,
    register_date_udf,
)
from cakupan.settings import Settings
from cakupan.synth import DemoFiles, Progress
from cakupan.warehouse import Warehouse

__all__ = ["BuildResult", "build_demo", "build_warehouse"]

LIST_SEGMENTS = {
    "kur_": ("KUR", "BANK"),
    "perangkat_desa": ("PERANGKAT_DESA", "JABATAN"),
    "rt_rw": ("RT_RW", "JABATAN"),
    "guru_tpq": ("GURU_TPQ", "JABATAN"),
    "guru_paud": ("GURU_PAUD", "JABATAN"),
}
PARTNERS = {
    "perangkat_desa": "DPMD",
    "rt_rw": "Bagian Pemerintahan",
    "guru_tpq": "FKPQ",
    "guru_paud": "HIMPAUDI",
}


def _silent(step: str, done: int, total: int) -> None:
    return None


@dataclass
class BuildResult:
    """What a build produced."""

    files: DemoFiles
    summary: dict[str, Any]


def build_warehouse(
    wh: Warehouse, files: DemoFiles, *, regency: str, progress: Progress = _silent
) -> dict[str, Any]:
    """Load the files into ``wh``, link them and compute coverage."""
    steps = 6
    progress("reference data", 0, steps)
    register_date_udf(wh)
    load_reference(wh, regency=regency)
    progress("register", 1, steps)
    load_csv(wh, "raw_register", files.register, sql.load_register_sql())
    progress("participants", 2, steps)
    load_csv(wh, "raw_participants", files.participants, sql.load_participants_sql(), delimiter=";")
    progress("lists and companies", 3, steps)
    wh.execute(SEGMENT_MEMBER_DDL)
    for path in files.lists:
        prefix = next(p for p in LIST_SEGMENTS if path.stem.startswith(p))
        segment, detail = LIST_SEGMENTS[prefix]
        partner = PARTNERS.get(path.stem, path.stem.removeprefix("kur_").upper())
        load_csv(
            wh,
            "raw_list",
            path,
            sql.load_segment_list_sql(
                list_key=path.stem, segment=segment, partner=partner, detail_column=detail
            ),
        )
    load_csv(wh, "raw_companies", files.companies, sql.load_companies_sql())
    load_csv(
        wh,
        "raw_company_registration",
        files.company_registration,
        sql.load_company_registration_sql(),
    )
    load_csv(wh, "raw_denominator", files.denominator, sql.load_denominator_sql())
    progress("linking", 4, steps)
    wh.execute(link_exact_nik_sql())
    progress("coverage", 5, steps)
    summary = compute_coverage(wh, regency=regency, as_of=files.as_of)
    wh.execute("CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    meta = {
        "dataset": "demo",
        "seed": str(files.seed),
        "people": str(files.people),
        "as_of": files.as_of.isoformat(),
        "regency": regency,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    wh.execute(
        "INSERT INTO meta VALUES " + ", ".join(["(?, ?)"] * len(meta)),
        [x for kv in meta.items() for x in kv],
    )
    progress("done", steps, steps)
    return summary


def build_demo(
    settings: Settings,
    *,
    people: int = 1_120_000,
    seed: int = 2023,
    progress: Progress = _silent,
    files_progress: Progress = _silent,
) -> BuildResult:
    """Generate the synthetic regency and build the warehouse from its files."""
    files = synth.generate(
        settings.data_dir / "demo-files",
        people=people,
        seed=seed,
        regency=settings.regency_code,
        progress=files_progress,
    )
    target = settings.warehouse_path
    building = target.with_name(target.name + ".building")
    building.unlink(missing_ok=True)
    with Warehouse(building, threads=settings.threads, memory_limit=settings.memory_limit) as wh:
        summary = build_warehouse(wh, files, regency=settings.regency_code, progress=progress)
    os.replace(building, target)
    return BuildResult(files=files, summary=summary)


__all__ += ["sql"]
