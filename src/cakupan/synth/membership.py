"""Synthetic BPJS Ketenagakerjaan members and companies, drawn from the register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from cakupan.synth import pools
from cakupan.synth.population import N_WORKING, Register

SEGMENTS = ("PU", "BPU", "JAKON")
# How much more likely someone was ever a member than is active now, by segment.
EVER_FACTOR = {"PU": 1.7, "BPU": 3.7, "JAKON": 2.1}


@dataclass
class Members:
    """One row per membership (KPJ). ``person`` is the register index, -1 for outsiders."""

    person: np.ndarray
    segment: np.ndarray  # index into SEGMENTS
    active: np.ndarray
    kpj: np.ndarray
    company: np.ndarray  # index into Companies, -1 when not PU
    months_since_paid: np.ndarray
    outsider_nik: dict[int, str]  # row -> NIK of members living outside the regency
    outsider_birth: dict[int, dt.date]


@dataclass
class Companies:
    npp: list[str]  # "" for companies that never registered (PWBD)
    name: list[str]
    desa_idx: np.ndarray
    sector: np.ndarray
    declared_workers: np.ndarray
    registered_workers: np.ndarray
    declared_wage: np.ndarray
    reported_wage: np.ndarray
    programs: list[str]


def _company_names(rng: np.random.Generator, n: int) -> list[str]:
    forms = ("PT", "PT", "CV", "UD", "KOPERASI")
    words = (
        "SUMBER",
        "JAYA",
        "MAKMUR",
        "ABADI",
        "SENTOSA",
        "MAJAPAHIT",
        "BRANTAS",
        "TIRTA",
        "KARYA",
        "MULIA",
        "SEJAHTERA",
        "PRIMA",
        "INDAH",
        "BARU",
        "NGORO",
        "PACET",
    )
    return [
        f"{forms[int(rng.integers(0, 5))]} {words[int(rng.integers(0, 16))]} "
        f"{words[int(rng.integers(0, 16))]} {i + 1}"
        for i in range(n)
    ]


def generate_members(
    rng: np.random.Generator, reg: Register, *, sponsored: np.ndarray, umk: int
) -> tuple[Members, Companies]:
    """Members of the register's workers (plus commuters from outside) and their employers."""
    occ_segment = np.array([SEGMENTS.index(o[2]) for o in pools.WORKING_OCCUPATIONS])
    occ_active = np.array([o[3] for o in pools.WORKING_OCCUPATIONS])
    workers = np.flatnonzero(reg.worker)
    occ = reg.occupation[workers]
    desa_effect = rng.lognormal(0.0, 0.35, size=len(reg.desa_codes))[reg.desa_idx[workers]]
    p_active = np.clip(occ_active[occ] * desa_effect, 0, 0.95)
    segment = occ_segment[occ]
    ever_factor = np.array([EVER_FACTOR[s] for s in SEGMENTS])[segment]
    p_ever = np.clip(p_active * ever_factor, 0, 0.98)
    ever = rng.random(len(workers)) < p_ever
    active = ever & (rng.random(len(workers)) < p_active / np.maximum(p_ever, 1e-9))

    person = workers[ever]
    seg = segment[ever]
    act = active[ever]
    # Sponsored people (e.g. TPQ teachers paid by a hospital) are active BPU members.
    extra = np.setdiff1d(sponsored, person)
    person = np.r_[person, extra]
    seg = np.r_[seg, np.full(len(extra), SEGMENTS.index("BPU"))]
    act = np.r_[act, np.ones(len(extra), dtype=bool)]
    # A few people hold a second, BPU, membership.
    second = rng.choice(person, size=int(len(person) * 0.015), replace=False)
    person = np.r_[person, second]
    seg = np.r_[seg, np.full(len(second), SEGMENTS.index("BPU"))]
    act = np.r_[act, rng.random(len(second)) < 0.3]

    n_out = int((seg == 0).sum() * 0.10)
    outsider_rows = np.arange(len(person), len(person) + n_out)
    person = np.r_[person, np.full(n_out, -1)]
    seg = np.r_[seg, np.zeros(n_out, dtype=seg.dtype)]
    act = np.r_[act, rng.random(n_out) < 0.85]
    outsider_nik: dict[int, str] = {}
    outsider_birth: dict[int, dt.date] = {}
    prefixes = pools.OUTSIDE_DISTRICTS
    for k, row in enumerate(outsider_rows.tolist()):
        born = dt.date(1968, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 35)))
        female = rng.random() < 0.4
        outsider_birth[row] = born
        dd = born.day + (40 if female else 0)
        outsider_nik[row] = (
            f"{prefixes[int(rng.integers(0, len(prefixes)))]}{dd:02d}{born.month:02d}"
            f"{born.year % 100:02d}{7000 + k % 2999:04d}"
        )

    n = len(person)
    kpj = 20_000_000_000 + rng.permutation(n).astype(np.int64) * 53 + rng.integers(0, 53, size=n)
    months = np.where(act, rng.integers(0, 2, size=n), rng.integers(2, 49, size=n))

    pu_rows = np.flatnonzero(seg == 0)
    n_comp = max(10, len(pu_rows) // 70)
    size = rng.pareto(1.3, size=n_comp) + 1
    company = np.full(n, -1)
    company[pu_rows] = rng.choice(n_comp, size=len(pu_rows), p=size / size.sum())
    registered = np.bincount(company[pu_rows][act[pu_rows]], minlength=n_comp)
    under = rng.random(n_comp) < 0.35
    declared = np.where(under, np.ceil(registered * rng.uniform(1.1, 1.8, n_comp)) + 1, registered)
    declared_wage = (umk * rng.uniform(1.0, 1.5, n_comp) // 1000 * 1000).astype(np.int64)
    low = rng.random(n_comp) < 0.2
    reported_wage = np.where(
        low, (umk * rng.uniform(0.6, 0.98, n_comp)) // 1000 * 1000, declared_wage
    )
    programs = ["JKK,JKM,JHT" if rng.random() < 0.15 else "JKK,JKM,JHT,JP" for _ in range(n_comp)]
    n_pwbd = max(2, n_comp // 8)
    total = n_comp + n_pwbd
    npp = [f"{21000000 + i * 7 + 3}" for i in range(n_comp)] + [""] * n_pwbd
    sector = rng.choice(len(pools.SECTORS), size=total, p=np.array([s[2] for s in pools.SECTORS]))
    companies = Companies(
        npp=npp,
        name=_company_names(rng, total),
        desa_idx=rng.integers(0, len(reg.desa_codes), size=total),
        sector=sector,
        declared_workers=np.r_[declared, rng.integers(5, 60, size=n_pwbd)].astype(np.int64),
        registered_workers=np.r_[registered, np.zeros(n_pwbd, dtype=np.int64)],
        declared_wage=np.r_[declared_wage, (umk * rng.uniform(0.9, 1.2, n_pwbd)).astype(np.int64)],
        reported_wage=np.r_[reported_wage, np.zeros(n_pwbd)].astype(np.int64),
        programs=programs + [""] * n_pwbd,
    )
    members = Members(
        person=person,
        segment=seg,
        active=act,
        kpj=kpj,
        company=company,
        months_since_paid=months,
        outsider_nik=outsider_nik,
        outsider_birth=outsider_birth,
    )
    return members, companies


__all__ = ["N_WORKING", "SEGMENTS", "Companies", "Members", "generate_members"]
