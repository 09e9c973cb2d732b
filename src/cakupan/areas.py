"""Indonesian administrative areas with their Kemendagri codes.

Every province, regency (kabupaten/kota), kecamatan and desa/kelurahan of Indonesia is
shipped with the package (``data/wilayah``, ODbL). Codes look like ``35`` (province),
``35.16`` (regency), ``35.16.12`` (kecamatan) and ``35.16.12.2001`` (desa; a fourth
segment starting with ``1`` is a kelurahan).

Example:
    >>> from cakupan import areas
    >>> areas.get("35.16.12").name
    'Trowulan'
    >>> areas.find("Kec. TROWULAN", parent="35.16").code
    '35.16.12'
    >>> len(areas.children("35.16"))
    18
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from cakupan._resources import read_csv_columns, read_csv_resource
from cakupan.errors import AreaNotFound

__all__ = [
    "LEVELS",
    "Area",
    "children",
    "display_name",
    "district_code_from_nik",
    "district_exists",
    "find",
    "get",
    "historical_districts",
    "kecamatan_under",
    "level_of",
    "normalise_area_name",
    "subtree",
    "suggest",
]

LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")

# Prefixes people type in front of area names: "Kec. Trowulan", "Desa Jatirejo", "KAB. MOJOKERTO".
_PREFIX = re.compile(
    r"^(?:provinsi|prov|kabupaten|kab|kota|kecamatan|kec|kelurahan|kel|desa|ds|dsn)\b\.?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Area:
    """One administrative area."""

    code: str
    name: str
    level: str
    parent_code: str | None

    @property
    def is_kelurahan(self) -> bool:
        """A desa-level area whose fourth code segment starts with 1 is an urban kelurahan."""
        return self.level == "desa" and self.code.rsplit(".", 1)[-1].startswith("1")


def level_of(code: str) -> str:
    """The level of an area code by its number of segments.

    >>> level_of("35.16.12")
    'kecamatan'
    """
    parts = code.split(".")
    if not 1 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
        raise AreaNotFound("area.bad_code", code=code)
    return LEVELS[len(parts) - 1]


def normalise_area_name(name: str) -> str:
    """Case-, space- and prefix-blind form of an area name.

    >>> normalise_area_name("  Kec.  TROWULAN ")
    'trowulan'
    """
    text = " ".join(str(name).replace("_", " ").split()).strip()
    previous = None
    while previous != text:
        previous = text
        text = _PREFIX.sub("", text).strip()
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, Area]  # provinces, regencies and kecamatan
    by_parent: dict[str, list[Area]]
    villages: _Villages


class _Villages:
    """The 83,000 desa of Indonesia, made into areas a kecamatan at a time when asked for:
    a regency's work needs a few hundred, and making them all cost half a second at every
    start. ``villages.csv`` is sorted by code, so each kecamatan's desa are one run."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        self._rows = rows  # (code, name, district_code)
        self._runs: dict[str, tuple[int, int]] = {}
        for start, row in enumerate(rows):
            first, _ = self._runs.get(row[2], (start, start))
            self._runs[row[2]] = (first, start + 1)
        self._made: dict[str, dict[str, Area]] = {}

    def of(self, district: str) -> dict[str, Area]:
        """The desa of one kecamatan, by code (empty for an unknown kecamatan)."""
        made = self._made.get(district)
        if made is None:
            start, stop = self._runs.get(district, (0, 0))
            made = {r[0]: Area(r[0], r[1], "desa", r[2]) for r in self._rows[start:stop]}
            self._made[district] = made
        return made


@cache
def _index() -> _Index:
    files = (
        ("provinces.csv", None),
        ("regencies.csv", "province_code"),
        ("districts.csv", "regency_code"),
    )
    by_code: dict[str, Area] = {}
    by_parent: dict[str, list[Area]] = {}
    for level, (filename, parent_column) in zip(LEVELS[:3], files, strict=True):
        columns = ("code", "name", parent_column) if parent_column else ("code", "name")
        for row in read_csv_columns("wilayah", filename, columns=columns):
            parent = row[2] if parent_column else None
            area = Area(row[0], row[1], level, parent)
            by_code[area.code] = area
            by_parent.setdefault(parent or "", []).append(area)
    villages = _Villages(
        read_csv_columns("wilayah", "villages.csv", columns=("code", "name", "district_code"))
    )
    return _Index(by_code=by_code, by_parent=by_parent, villages=villages)


def get(code: str) -> Area:
    """The area with a Kemendagri code; raises :class:`AreaNotFound` if there is none."""
    code = code.strip()
    index = _index()
    area = index.by_code.get(code)
    if area is None and code.count(".") == 3:
        area = index.villages.of(code.rsplit(".", 1)[0]).get(code)
    if area is None:
        raise AreaNotFound("area.unknown_code", code=code)
    return area


def children(code: str | None) -> list[Area]:
    """The areas directly under ``code`` (the provinces when ``code`` is None)."""
    index = _index()
    if code is not None and code.count(".") == 2:
        return list(index.villages.of(code).values())
    return list(index.by_parent.get(code or "", []))


def subtree(code: str) -> list[Area]:
    """The area and every area under it down to the desa, each parent before its children
    (a province: its regencies, their kecamatan and desa).

    >>> [a.level for a in subtree("35.16.12")][:2], len(subtree("35.16"))
    (['kecamatan', 'desa'], 323)
    """
    found, pending = [], [get(code)]
    while pending:
        area = pending.pop()
        found.append(area)
        if area.level != "desa":
            pending.extend(reversed(children(area.code)))
    return found


def display_name(code: str) -> str:
    """An area's name as a heading shows it: the register's capitals in title case, a
    province named as one.

    >>> display_name("35.16"), display_name("35"), display_name("34.71")
    ('Kabupaten Mojokerto', 'Provinsi Jawa Timur', 'Kota Yogyakarta')
    """
    area = get(code)
    name = " ".join(
        w if w.isupper() and len(w) <= 3 and w != "DI" else w.capitalize()
        for w in area.name.split()
    )
    return f"Provinsi {name}" if area.level == "provinsi" else name


def kecamatan_under(code: str) -> list[Area]:
    """The kecamatan of a regency, or of every regency of a province.

    >>> len(kecamatan_under("35.16")), len(kecamatan_under("35")) > 600
    (18, True)
    """
    if level_of(code) == "provinsi":
        return [k for r in children(code) for k in children(r.code)]
    return children(code)


def suggest(name: str, candidates: list[Area], n: int = 3) -> list[Area]:
    """The candidates whose names are closest to ``name``, best first."""
    wanted = normalise_area_name(name)
    names = {normalise_area_name(a.name): a for a in candidates}
    return [names[m] for m in difflib.get_close_matches(wanted, list(names), n=n, cutoff=0.6)]


def find(name: str, *, parent: str | None = None, level: str | None = None) -> Area:
    """The area named ``name`` under ``parent`` (at any depth), optionally at ``level``.

    Desa names repeat across kecamatan, so give the closest parent you know. Raises
    :class:`AreaNotFound` when no area matches or several do, with suggestions.
    """
    wanted = normalise_area_name(name)
    level = level or _level_from_prefix(name)
    pool = _descendants(parent, level)
    hits = [a for a in pool if normalise_area_name(a.name) == wanted]
    if hits:
        # "Trowulan" under the regency is the kecamatan, not the desa of the same name.
        shallowest = min(LEVELS.index(a.level) for a in hits)
        hits = [a for a in hits if LEVELS.index(a.level) == shallowest]
    if len(hits) > 1:
        # "Kabupaten Mojokerto" and "Kota Mojokerto" differ only by the prefix.
        full = " ".join(re.sub(r"[^0-9a-z]+", " ", str(name).lower()).split())
        same = [
            a for a in hits if " ".join(re.sub(r"[^0-9a-z]+", " ", a.name.lower()).split()) == full
        ]
        hits = same or hits
    if len(hits) == 1:
        return hits[0]
    if hits:
        where = ", ".join(f"{a.code} ({get(a.parent_code).name})" for a in hits if a.parent_code)
        raise AreaNotFound(
            "area.ambiguous",
            name=name,
            where=where,
        )
    close = ", ".join(a.name for a in suggest(name, pool))
    raise AreaNotFound(
        "area.not_found",
        name=name,
        parent=get(parent).name if parent else "Indonesia",
        close=close,
    )


def _level_from_prefix(name: str) -> str | None:
    first = str(name).strip().lower().split(".")[0].split(" ")[0]
    prefixes = {
        "kec": "kecamatan",
        "kecamatan": "kecamatan",
        "desa": "desa",
        "ds": "desa",
        "kel": "desa",
        "kelurahan": "desa",
        "kab": "kabupaten",
        "kabupaten": "kabupaten",
        "kota": "kabupaten",
    }
    return prefixes.get(first)


def _descendants(parent: str | None, level: str | None) -> list[Area]:
    frontier = children(parent)
    found: list[Area] = []
    while frontier:
        found.extend(a for a in frontier if level is None or a.level == level)
        if level is not None and frontier[0].level == level:
            break
        frontier = [child for a in frontier for child in children(a.code)]
    return found


def district_code_from_nik(nik: str) -> str:
    """The kecamatan code (``PP.RR.SS``) written in the first six digits of a NIK.

    >>> district_code_from_nik("3516125708860003")
    '35.16.12'
    """
    return f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"


@cache
def historical_districts() -> dict[str, dict[str, str]]:
    """Kecamatan codes no longer in use, by code: ``name``, ``regency``, ``valid_until``
    (the year the code changed), ``now`` (its successor when known) and ``source``.

    A NIK keeps the kecamatan code of its first registration for life, so a code that
    existed when the NIK was issued stays valid (Tarakan was 64.73 before Kalimantan Utara
    was formed in 2012; Papua's kecamatan were renumbered in 2022).

    >>> historical_districts()["64.73.01"]["now"]
    '65.71.01'
    """
    return {row["code"]: row for row in read_csv_resource("wilayah", "historical_districts.csv")}


def district_exists(code: str) -> bool:
    """True when ``code`` is a kecamatan code in use today or in the past.

    >>> district_exists("35.16.12"), district_exists("64.73.01"), district_exists("35.16.99")
    (True, True, False)
    """
    area = _index().by_code.get(code)
    if area is not None and area.level == "kecamatan":
        return True
    return code in historical_districts()
