"""Report periods (quarters) and dates written as an Indonesian office writes them.

Example:
    >>> p = parse_period("2023Q1")
    >>> p.start, p.end, p.label("id"), p.label("en")
    (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31), 'Triwulan I 2023', 'Q1 2023')
    >>> format_date(p.end, "id"), format_date(p.end, "en")
    ('31 Maret 2023', '31 March 2023')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cakupan.errors import InputError

__all__ = ["Period", "format_date", "parse_period"]

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """One quarter of a year."""

    year: int
    quarter: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        following = dt.date(self.year + (self.quarter == 4), (3 * self.quarter) % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def label(self, language: str) -> str:
        if language == "en":
            return f"Q{self.quarter} {self.year}"
        return f"Triwulan {_ROMAN[self.quarter - 1]} {self.year}"

    @property
    def label_id(self) -> str:
        return self.label("id")

    @property
    def label_en(self) -> str:
        return self.label("en")

    def previous(self) -> Period:
        return (
            Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)
        )

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)


def parse_period(text: str) -> Period:
    """``2023Q1``, ``2023-Q1`` or ``Q1-2023`` (upper or lower case) as a :class:`Period`."""
    cleaned = text.strip().upper().replace(" ", "")
    found = re.fullmatch(r"(\d{4})-?Q([1-4])", cleaned) or re.fullmatch(
        r"Q([1-4])-?(\d{4})", cleaned
    )
    if found is None:
        raise InputError("report.bad_period", period=text)
    a, b = found.groups()
    year, quarter = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
    if not 2000 <= year <= 2100:
        raise InputError("report.bad_period", period=text)
    return Period(year, quarter)


def format_date(day: dt.date | str | None, language: str) -> str:
    """``31 Maret 2023`` (or ``31 March 2023``); ``–`` when unknown."""
    if day is None or day == "":
        return "–"
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {MONTHS.get(language, MONTHS['id'])[day.month - 1]} {day.year}"
