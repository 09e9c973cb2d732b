"""BPJS Ketenagakerjaan contributions (*iuran*) and benefits (*manfaat*, *santunan*).

Every rate, cap and amount is a :class:`~cakupan.rules.facts.Fact` read from
``data/rules/facts.csv`` with the regulation it comes from and the date it took effect;
the calculators are pure functions of those facts.

Example:
    >>> from cakupan.rules import bpu_contribution, jkm_benefit
    >>> bpu_contribution(income=1_000_000).total
    16800
    >>> jkm_benefit().total
    42000000
"""

from cakupan.rules.benefits import Benefit, jkk_death_benefit, jkm_benefit
from cakupan.rules.contributions import (
    Contribution,
    ProgramAmount,
    bpu_contribution,
    jakon_contribution,
    pmi_contribution,
    pu_contribution,
)
from cakupan.rules.facts import Fact, fact, facts, umk

__all__ = [
    "Benefit",
    "Contribution",
    "Fact",
    "ProgramAmount",
    "bpu_contribution",
    "fact",
    "facts",
    "jakon_contribution",
    "jkk_death_benefit",
    "jkm_benefit",
    "pmi_contribution",
    "pu_contribution",
    "umk",
]
