"""Facts with a source and an effective date: the rates, caps, amounts and UMK.

Example:
    >>> import datetime as dt
    >>> fact("pu.jp.wage_cap", on=dt.date(2024, 2, 29)).value
    Decimal('9559600')
    >>> fact("pu.jp.wage_cap", on=dt.date(2024, 3, 1)).value
    Decimal('10042300')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from cakupan._resources import read_csv_resource
from cakupan.errors import RuleError

__all__ = ["Fact", "fact", "facts", "umk"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One rate, cap or amount, in force from ``effective_from`` until the next one."""

    key: str
    value: Decimal | None
    effective_from: dt.date
    unit: str
    source: str
    note: str
    # False for a figure computed by the regulation's formula or carried forward because its
    # announcement could not be found; shown to the user wherever it is used.
    confirmed: bool = True


@cache
def facts() -> tuple[Fact, ...]:
    """Every fact shipped with the package, oldest first within a key."""
    rows = [
        Fact(
            key=row["key"],
            value=Decimal(row["value"]) if row["value"] else None,
            effective_from=dt.date.fromisoformat(row["effective_from"]),
            unit=row["unit"],
            source=row["source"],
            note=row["note"],
            confirmed=row.get("confirmed", "true") != "false",
        )
        for row in read_csv_resource("rules", "facts.csv")
    ]
    return tuple(sorted(rows, key=lambda f: (f.key, f.effective_from)))


def fact(key: str, *, on: dt.date | None = None) -> Fact:
    """The fact ``key`` in force on date ``on`` (default: today).

    Raises :class:`RuleError` when the key is unknown or nothing was in force yet.
    """
    day = on or dt.date.today()
    history = [f for f in facts() if f.key == key]
    if not history:
        raise RuleError("rule.unknown", key=key)
    in_force = [f for f in history if f.effective_from <= day]
    if not in_force:
        raise RuleError(
            "rule.not_in_force",
            key=key,
            start=history[0].effective_from.isoformat(),
            day=day.isoformat(),
        )
    return in_force[-1]


def umk(regency_code: str, *, on: dt.date | None = None) -> Fact:
    """The UMK (minimum monthly wage) of a regency in force on a date.

    >>> int(umk("35.16", on=dt.date(2023, 6, 1)).value)
    4504787
    """
    return fact(f"umk.{regency_code}", on=on)
