"""Benefits (*manfaat*, *santunan*) a family receives, from the facts in force.

Example:
    >>> jkk_death_benefit(wage=1_000_000).components
    {'wage_lump_sum': 48000000, 'funeral': 10000000, 'periodic': 12000000}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cakupan.errors import InputError
from cakupan.rules.facts import fact

__all__ = ["Benefit", "jkk_death_benefit", "jkm_benefit"]


@dataclass(frozen=True)
class Benefit:
    """A benefit as named parts that add up to ``total``; ``conditional`` parts are extra."""

    name: str
    on: dt.date
    components: dict[str, int]
    sources: tuple[str, ...]
    conditional: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.components.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "benefit": self.name,
            "date": self.on.isoformat(),
            "total": self.total,
            "components": dict(self.components),
            "conditional": dict(self.conditional),
            "sources": list(self.sources),
        }


def _amount(key: str, day: dt.date) -> tuple[int, str]:
    f = fact(key, on=day)
    return int(f.value or 0), f.source


def jkm_benefit(*, on: dt.date | None = None) -> Benefit:
    """JKM (death not caused by work): lump sum, periodic and funeral benefits.

    >>> jkm_benefit().total
    42000000
    """
    day = on or dt.date.today()
    lump, s1 = _amount("jkm.lump_sum", day)
    periodic, s2 = _amount("jkm.periodic", day)
    funeral, s3 = _amount("jkm.funeral", day)
    scholarship, s4 = _amount("benefit.scholarship.max", day)
    return Benefit(
        "jkm",
        day,
        {"lump_sum": lump, "periodic": periodic, "funeral": funeral},
        tuple(sorted({s1, s2, s3, s4})),
        {"scholarship_max_after_3_years": scholarship},
    )


def jkk_death_benefit(*, wage: int, on: dt.date | None = None) -> Benefit:
    """JKK death (death from a work accident): 48 × monthly wage, funeral and periodic.

    >>> jkk_death_benefit(wage=1_000_000).total
    70000000
    """
    if wage <= 0:
        raise InputError("input.not_positive", name="wage")
    day = on or dt.date.today()
    multiple, s1 = _amount("jkk.death.wage_multiple", day)
    funeral, s2 = _amount("jkk.death.funeral", day)
    periodic, s3 = _amount("jkk.death.periodic", day)
    scholarship, s4 = _amount("benefit.scholarship.max", day)
    return Benefit(
        "jkk-death",
        day,
        {"wage_lump_sum": multiple * wage, "funeral": funeral, "periodic": periodic},
        tuple(sorted({s1, s2, s3, s4})),
        {"scholarship_max": scholarship},
    )
