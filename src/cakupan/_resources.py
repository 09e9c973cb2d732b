"""Reading the data files shipped inside the package."""

from __future__ import annotations

import csv
import io
from importlib import resources


def _lines(*parts: str) -> io.StringIO:
    text = resources.files("cakupan").joinpath("data", *parts).read_text(encoding="utf-8")
    return io.StringIO(text, newline="")


def read_csv_resource(*parts: str) -> list[dict[str, str]]:
    """Rows of a CSV file under ``cakupan/data`` as dictionaries."""
    return list(csv.DictReader(_lines(*parts)))


def read_csv_columns(*parts: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Rows of a CSV file under ``cakupan/data`` as tuples of the named ``columns``: the
    fast path for large tables (the 83,000 desa of Indonesia load in about half the time
    dictionaries take)."""
    reader = csv.reader(_lines(*parts))
    header = next(reader)
    index = [header.index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in reader]
