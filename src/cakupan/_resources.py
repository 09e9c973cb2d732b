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
    """Rows of a CSV file under ``cakupan/data`` as tuples of the named ``columns``, every
    value a string: the fast path for large tables (Arrow's parser reads the 83,000 desa of
    Indonesia in a fifth of the time Python's csv module takes)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    data = resources.files("cakupan").joinpath("data", *parts).read_bytes()
    table = pacsv.read_csv(
        io.BytesIO(data),
        convert_options=pacsv.ConvertOptions(
            include_columns=list(columns),
            column_types=dict.fromkeys(columns, pa.string()),
            strings_can_be_null=False,
        ),
    )
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))
