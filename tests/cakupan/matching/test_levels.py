"""Each comparison level of the model, on small inline pairs."""

import datetime as dt

import duckdb
import pytest

from cakupan.identity.names import name_tokens
from cakupan.matching.model import level_case_sql


def level(name: str, left: dict, right: dict) -> str:
    case, labels = level_case_sql(name)
    columns = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    types = {"birth_date": "DATE", "name_tokens": "VARCHAR[]"}
    select = ", ".join(
        f"CAST($p{i} AS {types.get(k[:-2], 'VARCHAR')}) AS {k}" for i, k in enumerate(columns)
    )
    con = duckdb.connect()
    value = con.execute(
        f"SELECT {case} FROM (SELECT {select})",
        {f"p{i}": v for i, v in enumerate(columns.values())},
    ).fetchone()[0]
    return labels[value]


def names(raw: str) -> dict:
    tokens = name_tokens(raw)
    return {"name_norm": " ".join(tokens) or None, "name_tokens": tokens or None}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("H. MOCH. SOEPRAPTO", "Muhammad Suprapto", "Exact match on name_norm"),
        ("SANTOSO BUDI", "Budi Santoso", "same parts, reordered"),
        ("SITI AMINAH", "SITI AMINAAH", "Jaro-Winkler distance of name_norm >= 0.92"),
        ("SITI NUR AMINAH", "SITI AMINAH", "one name inside the other"),
        ("SUGENG RIYADI", "SUGENG RAHAYU", "Jaro-Winkler distance of name_norm >= 0.8"),
        ("AGUS", "DEWI LESTARI", "All other comparisons"),
        ("", "DEWI", "name_norm is NULL"),
    ],
)
def test_name_levels(a, b, expected):
    assert level("name", names(a), names(b)) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dt.date(1986, 8, 17), dt.date(1986, 8, 17), "Exact match on birth_date"),
        (dt.date(1986, 8, 5), dt.date(1986, 5, 8), "day and month swapped"),
        (dt.date(1986, 8, 17), dt.date(1987, 8, 17), "one year off"),
        (dt.date(1986, 8, 17), dt.date(1986, 8, 19), "one digit off"),
        (dt.date(1986, 8, 17), dt.date(1990, 1, 2), "All other comparisons"),
        (None, dt.date(1990, 1, 2), "birth_date is NULL"),
    ],
)
def test_birth_date_levels(a, b, expected):
    assert level("birth_date", {"birth_date": a}, {"birth_date": b}) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("3516125708860003", "3516125708860003", "Exact match on nik_digits"),
        ("3516125708860003", "3516125708860008", "one typo in the serial"),
        ("3516125708860003", "3516125780860003", "one typo in the birth-date digits"),
        ("3516125708860003", "3516215708860003", "one typo in the region digits"),
        ("3516125708860003", "3516011501680002", "All other comparisons"),
        (None, "3516011501680002", "nik_digits is NULL"),
    ],
)
def test_nik_levels(a, b, expected):
    assert level("nik", {"nik_digits": a}, {"nik_digits": b}) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("35.16.12.2007", "35.16.12"), ("35.16.12.2007", "35.16.12"), "Exact match on desa_code"),
        (
            ("35.16.12.2007", "35.16.12"),
            ("35.16.12.2001", "35.16.12"),
            "Exact match on kecamatan_code",
        ),
        (("35.16.12.2007", "35.16.12"), ("35.16.01.2001", "35.16.01"), "All other comparisons"),
        ((None, None), ("35.16.01.2001", "35.16.01"), "area unknown"),
    ],
)
def test_area_levels(a, b, expected):
    left = {"desa_code": a[0], "kecamatan_code": a[1]}
    right = {"desa_code": b[0], "kecamatan_code": b[1]}
    assert level("area", left, right) == expected
