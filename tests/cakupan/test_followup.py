"""Work lists on paper and back: the follow-up workbook and its reading."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.errors import InputError
from cakupan.followup import OUTCOMES, outcome_code, read_followup, write_followup


@dataclass(frozen=True)
class Person:
    person_key: str
    nik: str
    name: str


PEOPLE = [
    Person("R1", "3516010101900001", "SITI"),
    Person("R2", "3516010101900002", '=HYPERLINK("http://x","klik")'),
    Person("R3", "3516010101900003", "BUDI"),
    Person("R4", "3516010101900004", "AGUS"),
]


def _written(tmp_path):
    path = tmp_path / "daftar.xlsx"
    write_followup(path, PEOPLE, columns=("person_key", "nik", "name"),
                   exported_at="2026-11-20T03:00:00+00:00", scope="35.16.05.2010")  # fmt: skip
    return path


def test_the_workbook_offers_a_dropdown_and_holds_no_formula(tmp_path):
    path = _written(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    book = openpyxl.load_workbook(path)
    sheet = book["daftar kerja"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["person_key", "nik", "name"] and header[3] == "outcome"
    rules = sheet.data_validations.dataValidation
    dropdown = next(r for r in rules if r.type == "list")
    assert "menolak" in dropdown.formula1 and str(dropdown.sqref) == "D2:D5"
    assert sheet["C3"].data_type == "s" and sheet["C3"].value.startswith("=")  # text, not run
    assert book["tentang"]["B2"].value == "2026-11-20T03:00:00+00:00"


def test_a_filled_file_reads_back_row_by_row(tmp_path):
    path = _written(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["daftar kerja"]
    sheet["D2"], sheet["E2"], sheet["F2"], sheet["G2"] = (
        "terdaftar", dt.date(2026, 11, 21), "23051234567", "APBDes",
    )  # fmt: skip
    sheet["D3"], sheet["E3"] = "menolak", "kemarin"  # a date nobody can read
    sheet["D4"], sheet["E4"] = "dipukul", "21/11/2026"  # not an outcome
    book.save(path)
    filled = read_followup(path, language="en")
    assert filled.exported_at == "2026-11-20T03:00:00+00:00" and filled.empty_rows == 1
    (row,) = filled.rows
    visit = row.visit
    assert (row.row_number, row.person_key, visit.outcome, visit.visited_on, visit.kpj) == (
        2, "R1", "registered", dt.date(2026, 11, 21), "23051234567",
    )  # fmt: skip
    found = {(f.row_number, f.column, f.code) for f in filled.findings}
    assert found == {(3, "visited_on", "followup.bad_date"), (4, "outcome", "followup.bad_outcome")}
    assert all(f.message and "[" not in f.message for f in filled.findings)


def test_another_file_is_refused_with_what_is_missing(tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text("nik,nama\n3516010101900001,SITI\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_followup(path)
    assert caught.value.code == "followup.not_ours" and "outcome" in caught.value.message


@given(st.sampled_from(list(OUTCOMES)), st.sampled_from([0, 1, 2]), st.booleans())
def test_every_outcome_is_read_by_code_or_label(code, form, upper):
    text = code if form == 0 else OUTCOMES[code][form - 1]
    assert outcome_code(f"  {text.upper() if upper else text} ") == code


KNOWN = {c.replace("_", " ") for c in OUTCOMES} | {x for pair in OUTCOMES.values() for x in pair}


@given(st.text(max_size=30))
def test_anything_else_is_no_outcome(text):
    normal = " ".join(text.strip().lower().replace("_", " ").split())
    assert (outcome_code(text) is not None) == (normal in KNOWN)
