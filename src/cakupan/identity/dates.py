"""Dates as offices type them: ISO, day-first with ``/`` ``-`` ``.``, Excel serial numbers and
Indonesian (or English) month names.

Example:
    >>> parse_date("31/01/1986"), parse_date("1986-01-31"), parse_date(31443)
    (datetime.date(1986, 1, 31), datetime.date(1986, 1, 31), datetime.date(1986, 1, 31))
    >>> parse_date("14 Agustus 2023").isoformat()
    '2023-08-14'
"""

from __future__ import annotations

import datetime as dt
import re

from cakupan.errors import DateParseError

__all__ = ["EXCEL_EPOCH", "MAX_YEAR", "MIN_YEAR", "MONTHS", "parse_date"]

# Excel's day 0 is 1899-12-30 once its fictitious 29 Feb 1900 is accounted for.
EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1900, 2100

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari jan january",
        "februari feb pebruari peb february",
        "maret mar march",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "agustus agt agu ags agust aug august",
        "september sep sept",
        "oktober okt oct october",
        "november nov nop nopember",
        "desember des dec december",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s.*)?$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})$")


def _build(raw: object, year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError("date.out_of_range", value=raw, year=year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateParseError("date.impossible", value=raw) from None


def _year(two_or_four: str, pivot_year: int) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 2:
        year += 2000 if 2000 + year <= pivot_year else 1900
    return year


def _from_serial(raw: object, serial: float) -> dt.date:
    if not 1 <= serial < 73051:  # up to 31 Dec 2099
        raise DateParseError("date.unreadable", value=raw)
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(raw: object, *, pivot_year: int | None = None) -> dt.date:
    """Read a date; raise :class:`DateParseError` (``date.missing``, ``date.unreadable``,
    ``date.impossible`` or ``date.out_of_range``).

    Two-digit years are taken in the 2000s unless that lies after ``pivot_year``
    (default: this year). Day-first is assumed, as written in Indonesia.

    >>> parse_date("31/02/1986")
    Traceback (most recent call last):
    ...
    cakupan.errors.DateParseError: Date '31/02/1986' does not exist.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise DateParseError("date.missing")
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        raise DateParseError("date.unreadable", value=raw)
    if isinstance(raw, int | float):
        if raw != raw:
            raise DateParseError("date.missing")
        return _from_serial(raw, float(raw))
    pivot = pivot_year or dt.date.today().year
    text = " ".join(str(raw).strip().lower().split())
    if re.fullmatch(r"\d{1,5}(\.\d+)?", text):
        return _from_serial(raw, float(text))
    if re.fullmatch(r"\d{8}", text):
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
        if MIN_YEAR <= year <= MAX_YEAR:
            return _build(raw, year, month, day)
        return _build(raw, int(text[4:]), int(text[2:4]), int(text[:2]))
    if m := _ISO.match(text):
        return _build(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.match(text):
        return _build(raw, _year(m[3], pivot), int(m[2]), int(m[1]))
    if (m := _NAMED.match(text)) and m[2] in MONTHS:
        return _build(raw, _year(m[3], pivot), MONTHS[m[2]], int(m[1]))
    raise DateParseError(
        "date.unreadable",
        value=raw,
    )
