"""Monthly contributions (*iuran*) by segment: PU, BPU, JAKON and PMI.

Amounts are whole rupiah, rounded half up per program and per share (employer, worker).

Example:
    >>> c = pu_contribution(wage=5_000_000, risk_class=1)
    >>> c.programs["JHT"].employer, c.programs["JHT"].worker
    (185000, 100000)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cakupan.errors import InputError, RuleError
from cakupan.rules.facts import Fact, fact

__all__ = [
    "Contribution",
    "ProgramAmount",
    "bpu_contribution",
    "jakon_contribution",
    "pmi_contribution",
    "pu_contribution",
    "rupiah",
]

SEGMENTS = ("pu", "bpu", "jakon", "pmi")


def rupiah(amount: Decimal) -> int:
    """Round to whole rupiah, half up (``0.5`` → ``1``)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ProgramAmount:
    """One program's contribution, split by who pays."""

    employer: int
    worker: int
    basis: int  # the wage, income or contract value the rate applies to
    sources: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.employer + self.worker


@dataclass(frozen=True)
class Contribution:
    """The contribution of one member (or one construction contract)."""

    segment: str
    period: str  # "month" or "contract"
    on: dt.date
    programs: dict[str, ProgramAmount] = field(default_factory=dict)
    # Notes of the facts used whose figure is not confirmed by a published source.
    unconfirmed: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(p.total for p in self.programs.values())

    @property
    def employer(self) -> int:
        return sum(p.employer for p in self.programs.values())

    @property
    def worker(self) -> int:
        return sum(p.worker for p in self.programs.values())

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form: ``total`` and per program ``total``, ``employer``, ``worker``."""
        return {
            "segment": self.segment,
            "period": self.period,
            "date": self.on.isoformat(),
            "total": self.total,
            "employer": self.employer,
            "worker": self.worker,
            "programs": {
                code: {
                    "total": p.total,
                    "employer": p.employer,
                    "worker": p.worker,
                    "basis": p.basis,
                    "sources": list(p.sources),
                }
                for code, p in self.programs.items()
            },
            "unconfirmed": list(self.unconfirmed),
        }


def _value(f: Fact) -> Decimal:
    if f.value is None:
        raise InputError("rule.no_value", key=f.key)
    return f.value


def _positive(name: str, amount: int) -> Decimal:
    if amount <= 0:
        raise InputError("input.not_positive", name=name)
    return Decimal(amount)


def pu_contribution(*, wage: int, risk_class: int, on: dt.date | None = None) -> Contribution:
    """Wage earners (*Penerima Upah*): JKK by risk class, JKM, JHT and JP on the capped wage.

    >>> pu_contribution(wage=12_000_000, risk_class=3, on=dt.date(2024, 3, 1)).programs["JP"].total
    301269
    """
    day = on or dt.date.today()
    base = _positive("wage", wage)
    if risk_class not in range(1, 6):
        raise InputError("input.risk_class", rc=risk_class)
    jkk, jkm = fact(f"pu.jkk.rate.{risk_class}", on=day), fact("pu.jkm.rate", on=day)
    jht_er, jht_wk = fact("pu.jht.rate.employer", on=day), fact("pu.jht.rate.worker", on=day)
    jp_er, jp_wk = fact("pu.jp.rate.employer", on=day), fact("pu.jp.rate.worker", on=day)
    cap = fact("pu.jp.wage_cap", on=day)
    capped = min(base, _value(cap))
    programs = {
        "JKK": ProgramAmount(rupiah(base * _value(jkk)), 0, wage, (jkk.source,)),
        "JKM": ProgramAmount(rupiah(base * _value(jkm)), 0, wage, (jkm.source,)),
        "JHT": ProgramAmount(
            rupiah(base * _value(jht_er)), rupiah(base * _value(jht_wk)), wage, (jht_er.source,)
        ),
        "JP": ProgramAmount(
            rupiah(capped * _value(jp_er)),
            rupiah(capped * _value(jp_wk)),
            int(capped),
            (jp_er.source, cap.source),
        ),
    }
    return Contribution("pu", "month", day, programs, _unconfirmed(cap))


def bpu_contribution(*, income: int, jht: bool = False, on: dt.date | None = None) -> Contribution:
    """Non-wage earners (*Bukan Penerima Upah*): JKK 1 % of income within its floor and
    ceiling, JKM flat, JHT 2 % when chosen. The worker pays everything.

    >>> bpu_contribution(income=1_000_000, jht=True).total
    36800
    """
    day = on or dt.date.today()
    base = _positive("income", income)
    rate, low, high = (
        fact("bpu.jkk.rate", on=day),
        fact("bpu.jkk.min", on=day),
        fact("bpu.jkk.max", on=day),
    )
    jkk = min(max(base * _value(rate), _value(low)), _value(high))
    flat = fact("bpu.jkm.flat", on=day)
    programs = {
        "JKK": ProgramAmount(0, rupiah(jkk), income, (rate.source,)),
        "JKM": ProgramAmount(0, rupiah(_value(flat)), income, (flat.source,)),
    }
    if jht:
        jht_rate = fact("bpu.jht.rate", on=day)
        programs["JHT"] = ProgramAmount(
            0, rupiah(base * _value(jht_rate)), income, (jht_rate.source,)
        )
    return Contribution("bpu", "month", day, programs)


def _unconfirmed(*used: Fact) -> tuple[str, ...]:
    return tuple(
        f"{f.key} = {f.value} from {f.effective_from.isoformat()}: {f.note}"
        for f in used
        if not f.confirmed
    )


def _banded(prefix: str, value: Decimal, day: dt.date) -> tuple[Decimal, set[str]]:
    """Marginal bands ``<prefix>.band.N.upto`` / ``.rate``: each rate applies to the part of
    ``value`` inside its band (an empty upper bound is the last band)."""
    total, lower, band, sources = Decimal(0), Decimal(0), 1, set()
    while lower < value:
        try:
            upto_fact = fact(f"{prefix}.band.{band}.upto", on=day)
        except RuleError:
            break
        rate = fact(f"{prefix}.band.{band}.rate", on=day)
        upper = upto_fact.value if upto_fact.value is not None else value
        total += (min(value, upper) - lower) * _value(rate)
        sources.add(rate.source)
        lower, band = upper, band + 1
    return total, sources


def jakon_contribution(*, contract_value: int, on: dt.date | None = None) -> Contribution:
    """Construction workers (*Jasa Konstruksi*): JKK **and** JKM on the contract value, each
    by marginal bands, paid once per contract by the contractor (Permenaker 44/2015).

    >>> c = jakon_contribution(contract_value=1_000_000_000)
    >>> c.total, c.programs["JKK"].total, c.programs["JKM"].total
    (1750000, 1540000, 210000)
    """
    day = on or dt.date.today()
    value = _positive("contract value", contract_value)
    programs = {}
    for program in ("JKK", "JKM"):
        amount, sources = _banded(f"jakon.{program.lower()}", value, day)
        programs[program] = ProgramAmount(rupiah(amount), 0, contract_value, tuple(sorted(sources)))
    return Contribution("jakon", "contract", day, programs)


def pmi_contribution(*, months: int = 24, on: dt.date | None = None) -> Contribution:
    """Migrant workers (*Pekerja Migran Indonesia*): before departure, or a 24-month contract.

    >>> pmi_contribution(months=0).total
    37500
    """
    day = on or dt.date.today()
    if months not in (0, 24):
        raise InputError("input.pmi_months")
    f = fact("pmi.pre_departure" if months == 0 else "pmi.contract_24m", on=day)
    programs = {"JKK+JKM": ProgramAmount(0, rupiah(_value(f)), 0, (f.source,))}
    return Contribution("pmi", "contract", day, programs)
