"""Reading the data files shipped inside the package."""

from __future__ import annotations

import csv
import io
from importlib import resources


def read_csv_resource(*parts: str) -> list[dict[str, str]]:
    """Rows of a CSV file under ``cakupan/data`` as dictionaries."""
    text = resources.files("cakupan").joinpath("data", *parts).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))
