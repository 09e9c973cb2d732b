"""The ecosystems of workers of Inpres 2/2021 (village apparatus and RT/RW heads, teachers,
non-ASN staff, vulnerable workers, farmers and fishers, KUR debtors) as the segment lists
hold them (``data/reports/inpres.toml``, data), and how many persons each holds.

A person on two lists of one ecosystem (a village secretary who also heads an RT) counts
once in it, so each ecosystem is counted from the persons, not summed over its lists.

Example:
    >>> [e.key for e in ecosystems()][:3]
    ['village', 'teachers', 'non_asn']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = ["Ecosystem", "EcosystemCount", "ecosystem_counts", "ecosystems"]


@dataclass(frozen=True)
class Ecosystem:
    key: str
    id: str
    en: str
    segments: tuple[str, ...]


@dataclass(frozen=True)
class EcosystemCount:
    """Distinct persons of one ecosystem's lists, and how many of them are protected."""

    key: str
    lists: tuple[str, ...]  # the segment labels found for it
    persons: int
    active_persons: int


@cache
def ecosystems() -> tuple[Ecosystem, ...]:
    text = resources.files("cakupan.data.reports").joinpath("inpres.toml").read_text("utf-8")
    return tuple(
        Ecosystem(e["key"], e["id"], e["en"], tuple(s.upper() for s in e["segments"]))
        for e in tomllib.loads(text)["ecosystem"]
    )


ECOSYSTEM_SQL = """
    WITH eco AS (SELECT unnest($keys) AS key, unnest($segments) AS segment)
    SELECT e.key, list_sort(list(DISTINCT upper(s.segment))) AS lists,
           count(DISTINCT mp.person_key) AS persons,
           count(DISTINCT mp.person_key) FILTER (WHERE a.person_key IS NOT NULL)
               AS active_persons
    FROM segment_member s
    JOIN eco e ON e.segment = upper(s.segment)
    JOIN member_person mp ON mp.list_key = s.list_key AND mp.member_row = s.row_id
    LEFT JOIN active_person a ON a.person_key = mp.person_key
    GROUP BY e.key ORDER BY e.key"""


def ecosystem_counts(wh: Warehouse) -> tuple[EcosystemCount, ...]:
    """Each ecosystem that has a list loaded, its persons counted once (coverage computed)."""
    pairs = [(e.key, s) for e in ecosystems() for s in e.segments]
    rows = wh.query(
        Sql(ECOSYSTEM_SQL, {"keys": [k for k, _ in pairs], "segments": [s for _, s in pairs]})
    )
    return tuple(
        EcosystemCount(r["key"], tuple(r["lists"]), r["persons"], r["active_persons"]) for r in rows
    )
