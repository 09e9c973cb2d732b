"""Code lists of Dukcapil and OpenSID (sex, religion, family relation, marital status, status
dasar, the 89 occupations), shipped as data in ``data/codes``.

A value is recognised by its number (``9``, ``"09"``, ``9.0`` from a spreadsheet), its label
(``PETANI/PEKEBUN``, ``Petani / Pekebun``), a label's parenthesised short form (``PNS``) or an
alias seen in real files.

Example:
    >>> code_list("pekerjaan").resolve("9").label
    'PETANI/PEKEBUN'
    >>> code_list("pekerjaan").resolve("pegawai negeri sipil").attrs["scheme"]
    'taspen'
    >>> code_list("sex").resolve("Perempuan").value
    'P'
    >>> code_list("status_dasar").resolve("Pindah Dalam Negeri").attrs["living"]
    'false'
    >>> code_list("pekerjaan").resolve("ASTRONOT") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cakupan._resources import read_csv_resource

__all__ = ["CODE_LISTS", "Code", "CodeList", "code_key", "code_list"]

# The lists shipped; ``data/codes/README.md`` cites the source of each.
CODE_LISTS = ("sex", "agama", "hubungan", "kawin", "status_dasar", "pekerjaan")
_NUMBER = re.compile(r"^0*(\d+)(?:\.0+)?$")


def code_key(text: str) -> str:
    """Case-, space- and slash-spacing-blind form of a code or label.

    >>> code_key(" Belum / Tidak  Bekerja ") == code_key("BELUM/TIDAK BEKERJA")
    True
    >>> code_key("09.0")
    '9'
    """
    key = " ".join(str(text).upper().replace("_", " ").split())
    key = re.sub(r"\s*/\s*", "/", key)
    number = _NUMBER.match(key)
    return number.group(1) if number else key


@dataclass(frozen=True)
class Code:
    """One entry of a code list."""

    code: str
    label: str
    value: str  # what Cakupan stores
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CodeList:
    """A code list with every spelling that resolves to each entry."""

    name: str
    entries: tuple[Code, ...]
    lookup: dict[str, Code] = field(hash=False, compare=False)

    def resolve(self, raw: str) -> Code | None:
        """The entry ``raw`` names, or None."""
        return self.lookup.get(code_key(raw))

    def values_where(self, attribute: str, wanted: str) -> list[str]:
        """Stored values of the entries whose ``attribute`` is ``wanted``."""
        return [c.value for c in self.entries if c.attrs.get(attribute) == wanted]


def _spellings(row: dict[str, str]) -> list[str]:
    label = row["label"]
    found = [row["code"], label, row.get("value") or label]
    short = re.fullmatch(r"(.*?)\s*\(([^)]+)\)\s*", label)
    if short:  # "PEGAWAI NEGERI SIPIL (PNS)" is also written without, or as, its short form
        found += [short.group(1), short.group(2)]
    found += [a for a in (row.get("aliases") or "").split("|") if a.strip()]
    return found


@cache
def code_list(name: str) -> CodeList:
    """The code list ``name`` (one of :data:`CODE_LISTS`)."""
    if name not in CODE_LISTS:
        raise KeyError(f"no code list '{name}'; the lists are {', '.join(CODE_LISTS)}")
    entries: list[Code] = []
    lookup: dict[str, Code] = {}
    for row in read_csv_resource("codes", f"{name}.csv"):
        extra = {k: v for k, v in row.items() if k not in ("code", "label", "value", "aliases")}
        entry = Code(row["code"], row["label"], row.get("value") or row["label"], extra)
        entries.append(entry)
        for spelling in _spellings(row):
            lookup.setdefault(code_key(spelling), entry)  # the first entry keeps a spelling
    return CodeList(name, tuple(entries), lookup)
