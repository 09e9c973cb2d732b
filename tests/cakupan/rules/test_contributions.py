"""Contribution figures worked out by hand from DESIGN.md's table."""

import datetime as dt

import pytest

from cakupan.errors import InputError, RuleError
from cakupan.rules import (
    bpu_contribution,
    jakon_contribution,
    pmi_contribution,
    pu_contribution,
)


def test_bpu_minimum_and_with_jht():
    assert bpu_contribution(income=1_000_000).total == 10_000 + 6_800
    assert bpu_contribution(income=1_000_000, jht=True).total == 10_000 + 6_800 + 20_000


def test_bpu_jkk_floor_and_ceiling():
    assert bpu_contribution(income=500_000).programs["JKK"].total == 10_000  # floor
    assert bpu_contribution(income=2_500_000).programs["JKK"].total == 25_000  # 1 %
    assert bpu_contribution(income=50_000_000).programs["JKK"].total == 207_000  # ceiling


def test_pu_by_share_and_program():
    # wage 5,000,000, risk class 2, 1 Jan 2024 (JP cap 9,559,600 does not bite)
    c = pu_contribution(wage=5_000_000, risk_class=2, on=dt.date(2024, 1, 1))
    assert c.programs["JKK"].employer == 27_000  # 0.54 %
    assert c.programs["JKM"].employer == 15_000  # 0.30 %
    assert (c.programs["JHT"].employer, c.programs["JHT"].worker) == (185_000, 100_000)
    assert (c.programs["JP"].employer, c.programs["JP"].worker) == (100_000, 50_000)
    assert c.total == 27_000 + 15_000 + 285_000 + 150_000
    assert c.employer == 27_000 + 15_000 + 185_000 + 100_000


def test_jp_cap_changes_on_1_march_2024():
    before = pu_contribution(wage=12_000_000, risk_class=1, on=dt.date(2024, 2, 29))
    after = pu_contribution(wage=12_000_000, risk_class=1, on=dt.date(2024, 3, 1))
    assert before.programs["JP"].basis == 9_559_600
    assert (before.programs["JP"].employer, before.programs["JP"].worker) == (191_192, 95_596)
    assert after.programs["JP"].basis == 10_042_300
    # 2 % of 10,042,300 = 200,846; 1 % = 100,423
    assert (after.programs["JP"].employer, after.programs["JP"].worker) == (200_846, 100_423)


def test_round_half_up_per_share():
    # 0.24 % of 1,234,625 = 2,963.1; 0.3 % = 3,703.875 -> 3,704; 3.7 % = 45,681.125
    c = pu_contribution(wage=1_234_625, risk_class=1, on=dt.date(2023, 6, 1))
    assert c.programs["JKK"].employer == 2_963
    assert c.programs["JKM"].employer == 3_704
    assert c.programs["JHT"].employer == 45_681
    # 1 % of 1,234,650 = 12,346.5 -> 12,347 (half up, not banker's rounding)
    assert pu_contribution(wage=1_234_650, risk_class=1).programs["JP"].worker == 12_347


@pytest.mark.parametrize(
    ("value", "jkk", "jkm"),
    [
        (50_000_000, 105_000, 15_000),  # 0.21 % and 0.03 % of 50 M
        (100_000_000, 210_000, 30_000),  # Rp240,000 in all: 0.24 %
        (500_000_000, 210_000 + 680_000, 30_000 + 80_000),  # + 0.17 % / 0.02 % of 400 M
        (1_000_000_000, 890_000 + 650_000, 110_000 + 100_000),  # + 0.13 % / 0.02 % of 500 M
        (5_000_000_000, 1_540_000 + 4_400_000, 210_000 + 400_000),  # + 0.11 % / 0.01 % of 4 B
        (6_000_000_000, 5_940_000 + 900_000, 610_000 + 100_000),  # + 0.09 % / 0.01 % of 1 B
    ],
)
def test_jakon_marginal_bands(value, jkk, jkm):
    c = jakon_contribution(contract_value=value)
    assert (c.programs["JKK"].total, c.programs["JKM"].total, c.total) == (jkk, jkm, jkk + jkm)


@pytest.mark.parametrize(
    ("day", "cap", "confirmed"),
    [
        (dt.date(2015, 7, 1), 7_000_000, True),
        (dt.date(2016, 2, 29), 7_000_000, True),
        (dt.date(2016, 3, 1), 7_335_300, True),
        (dt.date(2019, 12, 31), 8_512_400, True),
        (dt.date(2021, 6, 1), 8_754_600, False),
        (dt.date(2023, 3, 1), 9_559_600, True),
        (dt.date(2025, 3, 1), 10_547_400, False),
        (dt.date(2026, 6, 1), 10_547_400, False),
    ],
)
def test_jp_wage_cap_history(day, cap, confirmed):
    c = pu_contribution(wage=50_000_000, risk_class=1, on=day)
    assert c.programs["JP"].basis == cap
    assert (c.unconfirmed == ()) is confirmed


def test_pmi_amounts():
    assert pmi_contribution(months=0).total == 37_500
    assert pmi_contribution(months=24).total == 332_500


def test_bad_inputs():
    with pytest.raises(InputError):
        pu_contribution(wage=0, risk_class=1)
    with pytest.raises(InputError):
        pu_contribution(wage=1_000_000, risk_class=6)
    with pytest.raises(RuleError):
        pu_contribution(wage=1_000_000, risk_class=1, on=dt.date(2000, 1, 1))
