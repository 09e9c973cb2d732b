import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.coverage import parse_period
from cakupan.errors import InputError


@given(st.integers(2000, 2099), st.integers(1, 4))
def test_quarters_are_three_whole_months(year, quarter):
    start, end = parse_period(f"{year}Q{quarter}")
    assert start == dt.date(year, 3 * quarter - 2, 1)
    assert (end + dt.timedelta(days=1)).day == 1
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == 2


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_months(year, month):
    start, end = parse_period(f"{year}-{month:02d}")
    assert start == dt.date(year, month, 1) and end.month == month
    assert (end + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize("text", ["2023Q5", "2023-13", "Q1", "kemarin", ""])
def test_bad_periods(text):
    with pytest.raises(InputError):
        parse_period(text)
