import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cakupan.warehouse import Warehouse


@pytest.fixture
def wh():
    with Warehouse.memory() as w:
        yield w


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def village_xlsx(tmp_path):
    """A village apparatus list as a desa office makes it: title rows, a JUMLAH row, NIKs as
    numbers, dates as real dates, as text with Indonesian months and as Excel serials."""
    return write_xlsx(
        tmp_path / "perangkat.xlsx",
        {
            "Petunjuk": [["Isi data pada sheet DATA"]],
            "DATA": [
                ["DAFTAR PERANGKAT DESA"],
                ["DESA JABON KECAMATAN MOJOANYAR TAHUN 2023"],
                [],
                ["NO", "NAMA", "NO. KTP", "TGL LAHIR", "DESA", "KEC", "JABATAN"],
                [
                    1,
                    "H. MOCH. SOEPRAPTO",
                    "3516180101700001",
                    dt.datetime(1970, 1, 1),
                    "Jabon",
                    "Mojoanyar",
                    "KEPALA DESA",
                ],
                [
                    2,
                    "SITI AMINAH",
                    3516184102850000,
                    "1 Februari 1985",
                    "JABON",
                    "MOJOANYAR",
                    "SEKRETARIS DESA",
                ],
                [3, "BUDI", "'3516180303900002", 32935, "Jabon", "Mojoanyar", "KASI"],
                [4, "JOKO", "3516180303900003", "31/02/1990", "Jabn", "Mojoanyar", "KAUR"],
                ["JUMLAH", None, 4],
            ],
        },
    )
