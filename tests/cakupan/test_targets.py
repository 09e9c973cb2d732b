"""Targets, gap and pace on a hand-made history, the arithmetic written out."""

import datetime as dt

import pytest

from cakupan.errors import InputError
from cakupan.results import CoverageOverview
from cakupan.targets import gap_report, pace_needed, record_history, target_set
from cakupan.warehouse import Warehouse


@pytest.fixture
def wh():
    with Warehouse.memory() as w:
        w.execute("""
            CREATE OR REPLACE TABLE coverage_summary AS SELECT '35.16' AS area_code, 2023 AS year,
                3000 AS active_persons, 10000 AS denominator, 0.3 AS ucj;
            CREATE OR REPLACE TABLE meta (key VARCHAR, value VARCHAR);
            INSERT INTO meta VALUES ('as_of', '2023-03-31');
        """)
        yield w


def test_gap_and_pace(wh):
    target_set(wh, year=2023, percent=60, area_code="35.16", by="test")
    r = gap_report(wh, default_target=0.5)
    assert r.target == 0.6 and r.target_source == "target set for the year"
    # 60 % of 10,000 working people = 6,000; 6,000 - 3,000 active = 3,000 to enrol.
    assert (r.target_persons, r.gap_persons) == (6000, 3000)
    # From 31 March: April to December = 9 whole months; 3,000 / 9 = 333.3 -> 334 a month.
    assert (r.months_left, r.monthly_pace_needed) == (9, 334)
    assert r.forecast is None  # one point is no trend


def test_default_target_when_none_is_set(wh):
    r = gap_report(wh, default_target=0.5)
    assert r.target_source == "default setting"
    assert r.gap_persons == 5000 - 3000


def test_forecast_from_history(wh):
    # 2,800 active on 31 Jan, 2,900 on 2 Mar (+100 in 30 days), 3,000 on 31 Mar (+100 in 29).
    for day, active in (("2023-01-31", 2800), ("2023-03-02", 2900), ("2023-03-31", 3000)):
        record_history(
            wh,
            as_of=dt.date.fromisoformat(day),
            summary=_overview(active),
        )
    f = gap_report(wh, default_target=0.6).forecast
    assert f.points == 3
    # Least squares over days 0, 30, 59: slope = 200 / 59 people a day (the end points).
    slope = sum((x - 89 / 3) * (y - 2900) for x, y in ((0, 2800), (30, 2900), (59, 3000))) / sum(
        (x - 89 / 3) ** 2 for x in (0, 30, 59)
    )
    assert f.year_end_active_persons == round(3000 + slope * 275)  # 31 Mar -> 31 Dec
    low, high = f.year_end_range
    assert low == round(3000 + 100 / 30 * 275) and high == round(3000 + 100 / 29 * 275)


def test_pace_edge_cases():
    assert pace_needed(gap_persons=0, as_of=dt.date(2023, 3, 31), year=2023) == (9, 0)
    assert pace_needed(gap_persons=10, as_of=dt.date(2023, 12, 15), year=2023) == (1, 10)


@pytest.mark.parametrize(("percent", "year"), [(0, 2023), (101, 2023), (60, 1990)])
def test_bad_targets(wh, percent, year):
    with pytest.raises(InputError):
        target_set(wh, year=year, percent=percent, area_code="35.16", by="test")


def _overview(active: int) -> CoverageOverview:
    return CoverageOverview(
        area_code="35.16",
        year=2023,
        active_persons=active,
        denominator=10000,
        denominator_source="BPS",
        denominator_year=2023,
        ucj=active / 10000,
        participant_rows=active,
        participants_linked=active,
        register_rows=20000,
        memberships=(),
        method="",
    )
