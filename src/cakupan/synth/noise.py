"""How lists typed by many hands differ from the register: the damage is drawn at rates
seen in office files (Excel-mangled NIKs, titles, spelling variants, typos, date styles).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from cakupan.identity.dates import EXCEL_EPOCH

_MUHAMMAD_FORMS = ("MOCH.", "M.", "MOCHAMMAD", "MUHAMAD", "MOH.", "MOCHAMAD", "MOHAMMAD")
_OLD = (("U", "OE"), ("J", "DJ"), ("C", "TJ"))
_PRE = ("H.", "HJ.", "DRS.", "IR.")
_POST = (", S.Pd", ", S.Pd.I", ", S.Ag", ", A.Md", ", S.E.", ", M.Pd")
_NEIGHBOUR_KEYS = "QWERTYUIOPASDFGHJKLZXCVBNM"


@dataclass(frozen=True)
class NikNoise:
    """Probabilities of each kind of NIK damage in one list."""

    missing: float = 0.0
    scientific: float = 0.0
    precision_lost: float = 0.0
    typo: float = 0.0
    apostrophe: float = 0.0
    spaced: float = 0.0


def damage_nik(rng: np.random.Generator, nik: str, noise: NikNoise) -> str:
    """The NIK as it might appear in a file with that noise profile."""
    u = rng.random()
    edges = np.cumsum(
        [
            noise.missing,
            noise.scientific,
            noise.precision_lost,
            noise.typo,
            noise.apostrophe,
            noise.spaced,
        ]
    )
    kind = int(np.searchsorted(edges, u, side="right"))
    if kind == 0:
        return ""
    if kind == 1:
        return f"{float(nik):.4E}".replace("E+", "E+")
    if kind == 2:
        return nik[:15] + "0"
    if kind == 3:
        pos = int(rng.integers(0, 15))
        if rng.random() < 0.5 and nik[pos] != nik[pos + 1]:
            return nik[:pos] + nik[pos + 1] + nik[pos] + nik[pos + 2 :]
        digit = str((int(nik[pos]) + int(rng.integers(1, 10))) % 10)
        return nik[:pos] + digit + nik[pos + 1 :]
    if kind == 4:
        return "'" + nik
    if kind == 5:
        return f"{nik[:6]} {nik[6:12]} {nik[12:]}"
    return nik


def damage_name(
    rng: np.random.Generator, name: str, *, rate: float, age: int, teacher: bool = False
) -> str:
    """A spelling of ``name`` as another office might type it."""
    parts = name.split()
    if rng.random() < rate and parts[0] in ("MUHAMMAD", "MOCHAMAD"):
        parts[0] = _MUHAMMAD_FORMS[int(rng.integers(0, len(_MUHAMMAD_FORMS)))]
    if rng.random() < rate * 0.5:
        i = int(rng.integers(0, len(parts)))
        for new, old in _OLD:
            if new in parts[i]:
                parts[i] = parts[i].replace(new, old, 1)
                break
    if len(parts) > 1 and rng.random() < rate * 0.4:
        parts.pop()
    if rng.random() < rate * 0.4:
        i = int(rng.integers(0, len(parts)))
        word = parts[i]
        if len(word) > 3:
            j = int(rng.integers(1, len(word)))
            parts[i] = word[:j] + _NEIGHBOUR_KEYS[int(rng.integers(0, 26))] + word[j + 1 :]
    text = " ".join(parts)
    if age >= 45 and rng.random() < rate * 0.8:
        text = _PRE[int(rng.integers(0, 2))] + " " + text
    if teacher and rng.random() < 0.4:
        text += _POST[int(rng.integers(0, len(_POST)))]
    if rng.random() < rate:
        text = text.title()
    return text


def format_date(rng: np.random.Generator, day: dt.date, styles: tuple[str, ...]) -> str:
    """A date in one of the ``styles``: dmy (31/01/1986), iso, dash (31-01-1986), serial,
    named (31 Januari 1986)."""
    style = styles[int(rng.integers(0, len(styles)))]
    if style == "iso":
        return day.isoformat()
    if style == "dash":
        return day.strftime("%d-%m-%Y")
    if style == "serial":
        return str((day - EXCEL_EPOCH).days)
    if style == "named":
        months = [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ]
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return day.strftime("%d/%m/%Y")
