"""Synthetic segment lists from partners: KUR debtors of several banks, village apparatus,
RT/RW heads, TPQ and PAUD teachers. Each list is a selection of register persons."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cakupan.synth import pools
from cakupan.synth.population import OCCUPATIONS, Register


@dataclass
class SegmentList:
    """One partner's list: who is in it and what the partner knows of them."""

    key: str  # file stem, e.g. "kur_bri"
    segment: str  # KUR, PERANGKAT_DESA, RT_RW, GURU_TPQ, GURU_PAUD
    partner: str
    person: np.ndarray
    detail: list[str] = field(default_factory=list)  # bank, position...
    extra: dict[str, list[str]] = field(default_factory=dict)


def _pick(rng: np.random.Generator, pool: np.ndarray, n: int) -> np.ndarray:
    n = min(n, len(pool))
    return rng.choice(pool, size=n, replace=False) if n else pool[:0]


def generate_lists(rng: np.random.Generator, reg: Register) -> list[SegmentList]:
    """Every partner list of the demo, sized in proportion to the register."""
    n = len(reg)
    age = reg.age
    out: list[SegmentList] = []

    kur_jobs = [
        OCCUPATIONS.index(o)
        for o in (
            "WIRASWASTA",
            "PEDAGANG",
            "PETANI/PEKEBUN",
            "PETERNAK",
            "PENJAHIT",
            "BURUH HARIAN LEPAS",
        )
    ]
    eligible = np.flatnonzero(np.isin(reg.occupation, kur_jobs) & (age >= 21) & (age <= 60))
    debtors = _pick(rng, eligible, int(n * 0.03))
    weights = np.array([w for _, w in pools.KUR_BANKS])
    bank = rng.choice(len(weights), size=len(debtors), p=weights / weights.sum())
    for b, (name, _) in enumerate(pools.KUR_BANKS):
        chosen = debtors[bank == b]
        plafon = (rng.integers(10, 101, size=len(chosen)) * 1_000_000).astype(str).tolist()
        akad = [
            f"{int(d):02d}/{int(m):02d}/2022"
            for d, m in zip(
                rng.integers(1, 29, len(chosen)), rng.integers(1, 13, len(chosen)), strict=True
            )
        ]
        key = "kur_" + name.lower().replace("bank ", "").replace(" ", "_")
        out.append(
            SegmentList(
                key, "KUR", name, chosen, [name] * len(chosen), {"PLAFON": plafon, "TGL AKAD": akad}
            )
        )

    by_desa = [np.flatnonzero(reg.desa_idx == d) for d in range(len(reg.desa_codes))]
    apparatus, positions = [], []
    rt_rw, rt_titles = [], []
    perangkat_job = OCCUPATIONS.index("PERANGKAT DESA")
    for members in by_desa:
        adults = members[(age[members] >= 25) & (age[members] <= 60)]
        preferred = adults[reg.occupation[adults] == perangkat_job]
        titles = [p for p, k in pools.VILLAGE_POSITIONS for _ in range(k)]
        chosen = np.r_[_pick(rng, preferred, len(titles)), _pick(rng, adults, len(titles))]
        chosen = np.unique(chosen)[: len(titles)]
        apparatus.extend(chosen.tolist())
        positions.extend(titles[: len(chosen)])
        n_rt = max(1, len(members) // 230)
        n_rw = max(1, n_rt // 4)
        men = members[(age[members] >= 30) & (age[members] <= 70) & ~reg.sex_female[members]]
        heads = _pick(rng, np.setdiff1d(men, chosen), n_rt + n_rw)
        rt_rw.extend(heads.tolist())
        rt_titles.extend(
            [f"KETUA RT {i + 1:03d}" for i in range(min(n_rt, len(heads)))]
            + [f"KETUA RW {i + 1:03d}" for i in range(len(heads) - min(n_rt, len(heads)))]
        )
    out.append(
        SegmentList("perangkat_desa", "PERANGKAT_DESA", "DPMD", np.array(apparatus), positions)
    )
    out.append(SegmentList("rt_rw", "RT_RW", "Bagian Pemerintahan", np.array(rt_rw), rt_titles))

    adults = np.flatnonzero((age >= 20) & (age <= 65))
    tpq = _pick(rng, adults, int(n * 0.008))
    out.append(SegmentList("guru_tpq", "GURU_TPQ", "FKPQ", tpq, ["GURU TPQ"] * len(tpq)))
    women = np.flatnonzero((age >= 20) & (age <= 55) & reg.sex_female)
    paud = _pick(rng, np.setdiff1d(women, tpq), int(n * 0.0035))
    out.append(SegmentList("guru_paud", "GURU_PAUD", "HIMPAUDI", paud, ["GURU PAUD"] * len(paud)))
    return out


def sponsored_teachers(
    rng: np.random.Generator, lists: list[SegmentList], n_people: int
) -> np.ndarray:
    """The TPQ teachers a hospital pays for (1,000 at the regency's full size), and the
    PAUD teachers whose foundations enrolled them (about one in six)."""
    tpq = next(lst for lst in lists if lst.segment == "GURU_TPQ")
    paud = next(lst for lst in lists if lst.segment == "GURU_PAUD")
    return np.concatenate(
        [
            _pick(rng, tpq.person, round(1000 * n_people / 1_120_000)),
            _pick(rng, paud.person, len(paud.person) // 6),
        ]
    )
