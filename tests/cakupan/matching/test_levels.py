"""Each comparison level of the model, on small inline pairs."""

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.identity.names import name_tokens
from cakupan.matching.model import MACROS_SQL, level_case_sql


def level(name: str, left: dict, right: dict) -> str:
    case, labels = level_case_sql(name)
    blank = dict.fromkeys(
        ("address_words", "rt", "rw", "sex", "birth_place", "nik_digits", "nik_kecamatan")
    )
    left, right = blank | left, blank | right
    columns = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    types = {"birth_date": "DATE", "name_tokens": "VARCHAR[]", "address_words": "VARCHAR[]",
             "rt": "INTEGER", "rw": "INTEGER"}  # fmt: skip
    select = ", ".join(
        f"CAST($p{i} AS {types.get(k[:-2], 'VARCHAR')}) AS {k}" for i, k in enumerate(columns)
    )
    con = duckdb.connect()
    con.execute(MACROS_SQL)
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


BORN = dt.date(1986, 8, 17)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("3516125708860003", "3516125708860003", "Exact match on nik_digits"),
        # 0003 and 0004: what two people born the same day in one kecamatan differ by
        ("3516125708860003", "3516125708860004", "one typo in the serial's last digit"),
        ("3516125708860003", "3516125708860083", "one typo in the serial"),
        ("3516125708860003", "3516125708860030", "one typo in the serial"),  # transposed
        ("3516125708860003", "3516125780860003", "one typo in the birth-date digits"),
        ("3516121708860003", "3516125708860003", "the sex digit differs"),  # 17 and 57
        ("3516125708860003", "3516215708860003", "one typo in the kecamatan digits"),
        ("3516125708860003", "3526125708860003", "one typo in the province or regency digits"),
        ("3516125708860003", "3516011501680002", "All other comparisons"),
        (None, "3516011501680002", "nik_digits is NULL"),
    ],
)
def test_nik_levels(a, b, expected):
    assert (
        level("nik", {"nik_digits": a, "birth_date": BORN}, {"nik_digits": b, "birth_date": BORN})
        == expected
    )


def test_nik_differing_as_the_birth_dates_do():
    # Two people born a year apart: the NIK's year digits differ because the dates do.
    left = {"nik_digits": "3516125708860003", "birth_date": dt.date(1986, 8, 17)}
    right = {"nik_digits": "3516125708870003", "birth_date": dt.date(1987, 8, 17)}
    assert level("nik", left, right) == "differ only as the birth dates do"


NIK_12 = "3516125708860003"  # issued in kecamatan 35.16.12


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            ("35.16.12.2007", "35.16.12", None),
            ("35.16.12.2007", "35.16.12", None),
            "Exact match on desa_code",
        ),
        (
            ("35.16.12.2007", "35.16.12", None),
            ("35.16.12.2001", "35.16.12", None),
            "Exact match on kecamatan_code",
        ),
        (
            ("35.16.12.2007", "35.16.12", None),
            ("35.16.01.2001", "35.16.01", None),
            "All other comparisons",
        ),
        ((None, None, None), ("35.16.01.2001", "35.16.01", None), "area unknown"),
        # No address, but a NIK from kecamatan 35.16.12, against an address there without NIK
        (
            (None, None, NIK_12),
            ("35.16.12.2001", "35.16.12", None),
            "address in the other's NIK kecamatan",
        ),
        ((None, None, NIK_12), ("35.16.01.2001", "35.16.01", None), "All other comparisons"),
        # Both have NIKs: the NIK comparison already weighs the region digits
        ((None, None, NIK_12), ("35.16.12.2001", "35.16.12", "3516011501680002"), "area unknown"),
    ],
)
def test_area_levels(a, b, expected):
    def side(desa, kecamatan, nik):
        return {
            "desa_code": desa,
            "kecamatan_code": kecamatan,
            "nik_digits": nik,
            "nik_kecamatan": f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}" if nik else None,
        }

    assert level("area", side(*a), side(*b)) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((["KRAJAN"], 1, 2), (["KRAJAN", "TENGAH"], 1, 2), "same desa, dusun, RT and RW"),
        ((["KRAJAN"], 1, 2), (["KRAJAN"], 3, 2), "same desa and dusun"),
        ((["KRAJAN"], 1, 2), (["BEJIJONG"], 1, 2), "Exact match on desa_code"),
        ((None, 1, 2), (["KRAJAN"], 1, 2), "Exact match on desa_code"),
    ],
)
def test_address_refines_the_desa(a, b, expected):
    def side(words, rt, rw):
        return {
            "desa_code": "35.16.12.2008",
            "kecamatan_code": "35.16.12",
            "address_words": words,
            "rt": rt,
            "rw": rw,
        }

    assert level("area", side(*a), side(*b)) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"sex": "L"}, {"sex": "L"}, "Exact match on sex"),
        ({"sex": "L"}, {"sex": "P"}, "All other comparisons"),
        (
            {"sex": "L", "nik_digits": "1" * 16},
            {"sex": "P", "nik_digits": "2" * 16},
            "sex unknown or in both NIKs",
        ),
        ({"sex": None}, {"sex": "P"}, "sex unknown or in both NIKs"),
    ],
)
def test_sex_levels(a, b, expected):
    assert level("sex", a, b) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("MOJOKERTO", "MOJOKERTO", "Exact match on birth_place"),
        ("MOJOKERTO", "MOJOKRTO", "Jaro-Winkler distance of birth_place >= 0.88"),
        ("MOJOKERTO", "JOMBANG", "All other comparisons"),
    ],
)
def test_birth_place_levels(a, b, expected):
    assert level("birth_place", {"birth_place": a}, {"birth_place": b}) == expected


def test_the_settings_pass_splinks_validation(caplog):
    """new_linker skips Splink's settings validation (it only logs, and costs 0.1 s per
    linker): here it runs, over the columns build_match_records makes, and finds nothing."""
    from splink import Linker

    from cakupan.matching.features import build_match_records
    from cakupan.matching.model import _settings
    from cakupan.warehouse import Warehouse

    with Warehouse.memory() as wh, caplog.at_level("WARNING"):
        build_match_records(wh)
        wh.execute(MACROS_SQL)
        Linker(wh.splink_api().register("match_record"), _settings(), validate_settings=True)
    assert not [r for r in caplog.records if r.name.startswith("splink")], caplog.text


def _one_edit_away(day: dt.date) -> list[dt.date]:
    """Every valid date one digit or one swap of neighbours away (as YYYYMMDD)."""
    text, found = day.strftime("%Y%m%d"), []
    edits = [text[:i] + c + text[i + 1 :] for i in range(8) for c in "0123456789"]
    edits += [text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(7)]
    for edit in edits:
        try:
            found.append(dt.datetime.strptime(edit, "%Y%m%d").date())
        except ValueError:
            continue
    return [d for d in found if d != day]


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), max_size=30),
)
@settings(max_examples=40, deadline=None)
def test_one_digit_off_is_the_edit_distance_with_its_cheap_test_first(day, others):
    """The level tests year, month or day in common before the edit distance: no pair one
    edit apart is missed, none further apart is caught."""
    import pyarrow as pa

    near = _one_edit_away(day)
    pairs = [(day, d) for d in near + [o for o in others if o != day]]
    con = duckdb.connect()
    con.register("p", pa.table({"l": [a for a, _ in pairs], "r": [b for _, b in pairs]}))
    case, labels = level_case_sql("birth_date")
    rows = con.execute(
        f"SELECT r, {case} AS lv FROM (SELECT l AS birth_date_l, r AS birth_date_r, r FROM p)"
    ).fetchall()
    for other, value in rows:
        label = labels[value]
        if label in ("day and month swapped", "one year off"):  # levels before it
            continue
        assert (label == "one digit off") == (other in near), (day, other, label)
