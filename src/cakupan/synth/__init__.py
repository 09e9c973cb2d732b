"""A realistic synthetic regency for demos, tests and benchmarks, deterministic by seed.

It draws a population register over the real desa of a regency, BPJS Ketenagakerjaan
members (PU, BPU, JAKON; active and lapsed) giving coverage near 30 %, partner lists
(KUR debtors of several banks, village apparatus, RT/RW heads, TPQ and PAUD teachers)
and companies, and writes them as the files offices exchange, with their messiness.
The truth (which row is which register person, -1 for none) is written beside them for
benchmarks.

Example:
    >>> import tempfile, pathlib
    >>> files = generate(pathlib.Path(tempfile.mkdtemp()), people=3000, seed=1)
    >>> sorted(p.name for p in files.lists)[:2]
    ['guru_paud.csv', 'guru_tpq.csv']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cakupan.errors import CakupanError
from cakupan.rules.facts import umk
from cakupan.synth.lists import generate_lists, sponsored_teachers
from cakupan.synth.membership import generate_members
from cakupan.synth.population import generate_register
from cakupan.synth.writers import (
    write_activity,
    write_companies,
    write_denominator,
    write_lists,
    write_participants,
    write_pledges,
    write_register,
)

__all__ = ["DEFAULT_AS_OF", "DemoFiles", "Progress", "generate"]

DEFAULT_AS_OF = dt.date(2023, 3, 31)
Progress = Callable[[str, int, int], None]


def _silent(step: str, done: int, total: int) -> None:
    return None


@dataclass
class DemoFiles:
    """Paths of the files a demo wrote."""

    register: Path
    participants: Path
    companies: Path
    company_registration: Path
    denominator: Path
    truth: Path
    lists: list[Path] = field(default_factory=list)
    activity: list[Path] = field(default_factory=list)  # payouts, cards, events
    pledges: Path | None = None
    people: int = 0
    seed: int = 0
    as_of: dt.date = DEFAULT_AS_OF


def _wage(code: str, as_of: dt.date) -> int:
    """The UMK wages are drawn around: the regency's, else (a province, or a regency whose
    UMK is not in the facts) Kabupaten Mojokerto's."""
    try:
        return int(umk(code, on=as_of).value or 0)
    except CakupanError:
        return int(umk("35.16", on=as_of).value or 0)


def generate(
    out_dir: Path,
    *,
    people: int = 1_120_000,
    seed: int = 2023,
    regency: str = "35.16",
    as_of: dt.date = DEFAULT_AS_OF,
    progress: Progress = _silent,
) -> DemoFiles:
    """Draw the synthetic regency (or province: ``regency="35"`` spreads the people over
    every desa of Jawa Timur's 38 regencies and cities) and write its files under
    ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    steps = 6
    progress("register", 0, steps)
    reg = generate_register(rng, people, regency=regency, as_of=as_of)
    progress("lists", 1, steps)
    lists = generate_lists(rng, reg)
    sponsored = sponsored_teachers(rng, lists, people)
    progress("members", 2, steps)
    members, companies = generate_members(rng, reg, sponsored=sponsored, umk=_wage(regency, as_of))
    progress("write register", 3, steps)
    truth_rows: list[tuple[str, int, int]] = []
    register_path = write_register(rng, out_dir / "register_penduduk.csv", reg)
    progress("write members", 4, steps)
    participants_path = write_participants(
        rng, out_dir / "peserta_bpjstk.csv", reg, members, companies, as_of, truth_rows
    )
    progress("write lists", 5, steps)
    list_paths = write_lists(rng, out_dir / "daftar", reg, lists, truth_rows)
    companies_path, registration_path = write_companies(out_dir, reg, companies)
    denominator_path = write_denominator(out_dir / "penduduk_bekerja.csv", reg, regency, as_of)
    activity_paths = write_activity(rng, out_dir, reg, members, as_of)
    truth_path = out_dir / "truth.csv"
    with truth_path.open("w", encoding="utf-8") as handle:
        handle.write("file,row,person\n")
        handle.writelines(f"{f},{r},{p}\n" for f, r, p in truth_rows)
    progress("done", steps, steps)
    return DemoFiles(
        register=register_path,
        participants=participants_path,
        companies=companies_path,
        company_registration=registration_path,
        denominator=denominator_path,
        truth=truth_path,
        lists=list_paths,
        activity=activity_paths,
        pledges=write_pledges(out_dir),
        people=people,
        seed=seed,
        as_of=as_of,
    )
