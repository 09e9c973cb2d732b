"""The synthetic population register (Dukcapil / OpenSID style), vectorised with NumPy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from cakupan import areas
from cakupan.synth import pools

# Share of the population in each five-year age group 0-4 ... 70-74, 75+ (Indonesia, 2020s).
AGE_GROUP_WEIGHTS = np.array(
    [7.5, 7.8, 7.9, 7.9, 7.8, 7.7, 7.6, 7.5, 7.3, 6.9, 6.2, 5.3, 4.3, 3.2, 2.1, 2.0]
)


@dataclass
class Register:
    """Column arrays of the register; index = person id (the truth for benchmarks)."""

    desa_codes: list[str]  # the regency's desa, indexed by desa_idx
    desa_kecamatan: np.ndarray  # kecamatan index of each desa
    kecamatan_codes: list[str]
    desa_idx: np.ndarray
    sex_female: np.ndarray
    birth: np.ndarray  # datetime64[D]
    age: np.ndarray
    occupation: np.ndarray  # index into OCCUPATIONS
    worker: np.ndarray  # bool
    nik: list[str]
    kk: list[str]
    first: np.ndarray
    second: np.ndarray
    third: np.ndarray
    rt: np.ndarray
    rw: np.ndarray
    dusun: np.ndarray
    birth_place: np.ndarray

    def __len__(self) -> int:
        return len(self.desa_idx)

    def name(self, i: int) -> str:
        pool = pools.FEMALE_FIRST if self.sex_female[i] else pools.MALE_FIRST
        parts = [pool[self.first[i]]]
        if self.second[i] >= 0:
            parts.append(pools.SECOND[self.second[i]])
        if self.third[i] >= 0:
            parts.append(pools.SECOND[self.third[i]])
        return " ".join(parts)


OCCUPATIONS = [o[0] for o in pools.WORKING_OCCUPATIONS] + sorted(set(pools.NOT_WORKING.values()))
N_WORKING = len(pools.WORKING_OCCUPATIONS)


def _zipf_choice(rng: np.random.Generator, n_items: int, size: int, a: float = 0.9) -> np.ndarray:
    weights = 1.0 / np.arange(1, n_items + 1) ** a
    return rng.choice(n_items, size=size, p=weights / weights.sum())


def _occupations(
    rng: np.random.Generator,
    age: np.ndarray,
    female: np.ndarray,
    kec_of_person: np.ndarray,
    n_kecamatan: int,
) -> np.ndarray:
    n = len(age)
    idx = {label: OCCUPATIONS.index(label) for label in set(pools.NOT_WORKING.values())}
    occ = np.full(n, idx[pools.NOT_WORKING["child"]], dtype=np.int16)
    u = rng.random(n)
    # Probability of working by age and sex (Sakernas-like participation rates).
    p_work = np.zeros(n)
    p_work[(age >= 15) & (age < 18)] = 0.12
    p_work[(age >= 18) & (age < 23)] = np.where(female[(age >= 18) & (age < 23)], 0.5, 0.65)
    adult = (age >= 23) & (age < 60)
    p_work[adult] = np.where(female[adult], 0.68, 0.97)
    old = (age >= 60) & (age < 70)
    p_work[old] = np.where(female[old], 0.4, 0.7)
    p_work[age >= 70] = 0.22
    working = u < p_work
    occ[(age >= 5) & (age < 23) & ~working] = idx[pools.NOT_WORKING["student"]]
    home = (age >= 23) & ~working & female
    occ[home] = idx[pools.NOT_WORKING["home"]]
    occ[(age >= 58) & ~working & ~female & (rng.random(n) < 0.3)] = idx[
        pools.NOT_WORKING["retired"]
    ]
    base = np.array([o[1] for o in pools.WORKING_OCCUPATIONS])
    industrial = np.array(
        [o[0] in ("KARYAWAN SWASTA", "INDUSTRI") for o in pools.WORKING_OCCUPATIONS]
    )
    farming = np.array(["TANI" in o[0] or "PETERNAK" in o[0] for o in pools.WORKING_OCCUPATIONS])
    factor = rng.lognormal(0.0, 0.45, size=n_kecamatan)
    for k in range(n_kecamatan):
        members = np.flatnonzero(working & (kec_of_person == k))
        w = base.copy()
        w[industrial] *= factor[k]
        w[farming] /= factor[k]
        occ[members] = rng.choice(N_WORKING, size=len(members), p=w / w.sum())
    return occ


def _unique_serials(prefix: np.ndarray, dob: np.ndarray) -> np.ndarray:
    key = prefix.astype(np.int64) * 1_000_000 + dob.astype(np.int64)
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_key)) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(key)]))
    rank = np.empty(len(key), dtype=np.int64)
    rank[order] = np.arange(len(key)) - group_start
    return rank + 1


def generate_register(
    rng: np.random.Generator, n: int, *, regency: str, as_of: dt.date
) -> Register:
    """Draw ``n`` residents over the real desa of ``regency`` (or of every regency of a
    province, when given a province's code: ``35``)."""
    kecamatan = areas.kecamatan_under(regency)
    desa = [d for k in kecamatan for d in areas.children(k.code)]
    kec_codes = [k.code for k in kecamatan]
    desa_kec = np.array([kec_codes.index(d.parent_code or "") for d in desa])
    weights = rng.lognormal(0.0, 0.45, size=len(desa)) * np.array(
        [1.6 if d.is_kelurahan else 1.0 for d in desa]
    )
    counts = rng.multinomial(n, weights / weights.sum())
    desa_idx = np.repeat(np.arange(len(desa)), counts)
    kec_of_person = desa_kec[desa_idx]

    group = rng.choice(
        len(AGE_GROUP_WEIGHTS), size=n, p=AGE_GROUP_WEIGHTS / AGE_GROUP_WEIGHTS.sum()
    )
    age_days = (group * 5 + rng.random(n) * np.where(group == 15, 15, 5)) * 365.25
    birth = np.datetime64(as_of, "D") - age_days.astype("timedelta64[D]")
    age = (age_days // 365.25).astype(np.int16)
    female = rng.random(n) < 0.5
    occ = _occupations(rng, age, female, kec_of_person, len(kecamatan))

    own_prefix = np.array([int(k.code.replace(".", "")) for k in kecamatan])[kec_of_person]
    moved = rng.random(n) < 0.04
    outside = np.array([int(c) for c in pools.OUTSIDE_DISTRICTS])
    prefix = np.where(moved, rng.choice(outside, size=n), own_prefix)
    years = birth.astype("datetime64[Y]").astype(int) + 1970
    months = birth.astype("datetime64[M]").astype(int) % 12 + 1
    days = (birth - birth.astype("datetime64[M]")).astype(int) + 1
    dob = (days + 40 * female) * 10_000 + months * 100 + years % 100
    serial = _unique_serials(prefix, dob)
    nik = [
        f"{p:06d}{d:06d}{s:04d}"
        for p, d, s in zip(prefix.tolist(), dob.tolist(), serial.tolist(), strict=True)
    ]

    # Households: about 3.6 people, inside one desa, sharing KK, dusun, RT and RW.
    hh_in_desa = (rng.random(n) * np.maximum(1, counts[desa_idx] / 3.6)).astype(np.int64)
    hh_key = desa_idx.astype(np.int64) * 100_000 + hh_in_desa
    uniq, hh = np.unique(hh_key, return_inverse=True)
    hh_rt = rng.integers(1, 16, size=len(uniq))
    hh_rw = rng.integers(1, 6, size=len(uniq))
    hh_dusun = rng.integers(0, len(pools.DUSUN), size=len(uniq))
    kk_issued = (
        rng.integers(1, 29, size=len(uniq)) * 10_000
        + rng.integers(1, 13, size=len(uniq)) * 100
        + rng.integers(5, 23, size=len(uniq))
    )
    first_member = np.zeros(len(uniq), dtype=np.int64)
    first_member[hh[::-1]] = np.arange(n)[::-1]
    kk_prefix = own_prefix[first_member]
    kk_numbers = [
        f"{p:06d}{d:06d}{i % 10000:04d}"
        for i, (p, d) in enumerate(zip(kk_prefix.tolist(), kk_issued.tolist(), strict=True))
    ]
    kk = [kk_numbers[h] for h in hh.tolist()]

    male_first = _zipf_choice(rng, len(pools.MALE_FIRST), n)
    female_first = _zipf_choice(rng, len(pools.FEMALE_FIRST), n)
    first = np.where(female, female_first, male_first)
    second = np.where(rng.random(n) < 0.68, _zipf_choice(rng, len(pools.SECOND), n, 0.6), -1)
    third = np.where(
        (second >= 0) & (rng.random(n) < 0.12), _zipf_choice(rng, len(pools.SECOND), n, 0.6), -1
    )
    places = np.array([w for _, w in pools.BIRTH_PLACES])
    birth_place = rng.choice(len(places), size=n, p=places / places.sum())
    return Register(
        desa_codes=[d.code for d in desa],
        desa_kecamatan=desa_kec,
        kecamatan_codes=[k.code for k in kecamatan],
        desa_idx=desa_idx,
        sex_female=female,
        birth=birth,
        age=age,
        occupation=occ,
        worker=occ < N_WORKING,
        nik=nik,
        kk=kk,
        first=first,
        second=second,
        third=third,
        rt=hh_rt[hh],
        rw=hh_rw[hh],
        dusun=hh_dusun[hh],
        birth_place=birth_place,
    )
