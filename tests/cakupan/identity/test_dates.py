import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.errors import DateParseError
from cakupan.identity.dates import EXCEL_EPOCH, parse_date

BIRTH = dt.date(1986, 1, 31)


@pytest.mark.parametrize(
    "raw",
    [
        "31/01/1986",
        "1986-01-31",
        "31-01-1986",
        "31.01.1986",
        "31443",
        31443,
        31443.0,
        "31 Januari 1986",
        "31 Jan 1986",
        "31-Jan-1986",
        "19860131",
        "1986-01-31 00:00:00",
        dt.datetime(1986, 1, 31, 8, 0),
        BIRTH,
        " 31/1/1986 ",
    ],
)
def test_reads_office_styles(raw):
    assert parse_date(raw) == BIRTH


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14 April 2023", dt.date(2023, 4, 14)),
        ("14 Agt 2023", dt.date(2023, 8, 14)),
        ("1 Mei 2023", dt.date(2023, 5, 1)),
        ("17 Agustus 1945", dt.date(1945, 8, 17)),
        ("5 Nop 2022", dt.date(2022, 11, 5)),
        ("2 Pebruari 2021", dt.date(2021, 2, 2)),
        ("31/01/86", dt.date(1986, 1, 31)),
        ("01/02/05", dt.date(2005, 2, 1)),
    ],
)
def test_indonesian_months_and_short_years(raw, expected):
    assert parse_date(raw, pivot_year=2023) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31/02/1986", "date.impossible"),
        ("29-02-2023", "date.impossible"),
        ("1986-13-01", "date.impossible"),
        ("", "date.missing"),
        (None, "date.missing"),
        ("kemarin", "date.unreadable"),
        ("14 Foo 2023", "date.unreadable"),
        ("01/01/1850", "date.out_of_range"),
        (0, "date.unreadable"),
        (True, "date.unreadable"),
    ],
)
def test_rejects_with_code(raw, code):
    with pytest.raises(DateParseError) as info:
        parse_date(raw)
    assert info.value.code == code


_dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 12, 31))


@given(_dates, st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d"]))
def test_round_trip(day, style):
    assert parse_date(day.strftime(style)) == day


@given(_dates)
def test_excel_serial_round_trip(day):
    assert parse_date((day - EXCEL_EPOCH).days) == day


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_only_date_errors(raw):
    with contextlib.suppress(DateParseError):
        parse_date(raw)
