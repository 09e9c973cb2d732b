"""Hostile files: each refused within seconds and within the memory ceiling, one clear error
or finding naming the file and the limit, never a traceback."""

from __future__ import annotations

import contextlib
import csv
import io
import time
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cakupan.errors import InputError
from cakupan.ingest import import_file
from cakupan.ingest.limits import Limits
from cakupan.ingest.readers import read_file

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/></Relationships>'
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(path, cells: dict[str, str], *, dimension: str = "A1", padding: int = 0):
    """A hand-made XLSX: ``cells`` by reference, any declared dimension, ``padding`` bytes of
    whitespace inside the sheet (they compress to nearly nothing)."""
    rows: dict[int, list[str]] = {}
    for ref, text in cells.items():
        number = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(number, []).append(_cell(ref, text))
    data = "".join(f'<row r="{n}">{"".join(c)}</row>' for n, c in sorted(rows.items()))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{data}'
        f"</sheetData>{' ' * padding}</worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def refused(path, code, limits=None, seconds=20.0):
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_file(path, limits=limits or Limits())
    assert info.value.code == code, info.value.message
    assert path.name in info.value.message
    assert time.perf_counter() - started < seconds
    return info.value


def test_cells_far_apart_stay_within_the_memory_ceiling(tmp_path):
    """2 KB declaring A1 and XFD1048576: calamine would ask for 500 GB and abort."""
    path = xlsx(
        tmp_path / "jauh.xlsx",
        {"A1": "NAMA", "B1": "NIK", "A2": "SITI", "XFD1048576": "x"},
        dimension="A1:XFD1048576",
    )
    error = refused(path, "file.reader_memory", Limits(reader_memory_mib=1024))
    assert "reader_memory_mib" in error.message


def test_a_declared_dimension_is_not_trusted(tmp_path):
    path = xlsx(tmp_path / "dim.xlsx", {"A1": "NAMA", "B1": "NIK", "A2": "SITI", "B2": "1"},
                dimension="A1:XFD1048576")  # fmt: skip
    raw = read_file(path)
    assert raw.headers == ["NAMA", "NIK"] and raw.table.num_rows == 1


def test_a_compression_bomb_is_refused_before_reading(tmp_path):
    path = xlsx(tmp_path / "bom.xlsx", {"A1": "NAMA", "B1": "NIK"}, padding=30 << 20)
    assert path.stat().st_size < 200_000
    refused(path, "file.compression_bomb", seconds=5)
    refused(path, "file.unpacks_too_large", Limits(max_unpacked_mib=10, max_ratio=10**6))


def test_parquet_rows_are_counted_before_loading(tmp_path):
    path = tmp_path / "banyak.parquet"
    pq.write_table(pa.table({"NAMA": ["SITI"] * 5000, "NIK": ["1"] * 5000}), path)
    refused(path, "file.too_many_rows", Limits(max_rows=1000), seconds=5)
    assert read_file(path).table.num_rows == 5000


def test_csv_with_a_huge_field_or_too_many_columns(tmp_path):
    wide = tmp_path / "lebar.csv"
    wide.write_text(",".join(f"K{i}" for i in range(100_000)) + "\n" + "1," * 99_999 + "1\n")
    refused(wide, "file.too_many_columns", seconds=10)
    huge = tmp_path / "besar.csv"
    huge.write_text("NAMA,NIK\n" + "A" * (50 << 20) + ",1\n")
    refused(huge, "file.cell_too_long", seconds=20)


def test_a_long_cell_further_down_is_a_finding(wh, tmp_path):
    path = tmp_path / "daftar.csv"
    rows = [f"SITI {i};3516125708860003" for i in range(20_000)]
    path.write_text("NAMA;NIK\n" + "\n".join(rows) + "\n" + "B" * 5000 + ";1\n")
    report = import_file(wh, path, "segment", segment="X", limits=Limits(max_cell_chars=1000))
    assert report.rejected == 1
    finding = next(f for f in report.findings if f.code == "cell.too_long")
    assert finding.row == 20_002 and finding.severity == "error"
    assert "1000" in finding.message("en")


def test_nul_and_control_characters_are_stripped_with_a_finding(wh, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"NAMA;NIK\nSI\x00TI AMINAH;3516125708860003\nBUDI\x07;3516125708860004\n")
    report = import_file(wh, path, "segment", segment="X")
    assert [f.row for f in report.findings if f.code == "text.control_characters"] == [2, 3]
    names = [r["name"] for r in wh.query("SELECT name FROM src_segment ORDER BY row_number")]
    assert names == ["SITI AMINAH", "BUDI"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_unicode_files_with_or_without_their_mark(wh, tmp_path, encoding):
    path = tmp_path / "guru.csv"
    path.write_bytes("NAMA;NIK\nSITI ÄMINAH;3516125708860003\n".encode(encoding))
    report = import_file(wh, path, "segment", segment="X")
    assert report.accepted == 1 and not report.findings
    assert wh.scalar("SELECT name FROM src_segment") == "SITI ÄMINAH"


def test_mixed_encodings_keep_utf8_names_and_flag_the_other_lines(wh, tmp_path):
    path = tmp_path / "campur.csv"
    path.write_bytes(
        "NAMA;NIK\nSITI ÄMINAH;3516125708860003\n".encode()
        + "JOSÉ;3516125708860004\n".encode("cp1252")
    )
    report = import_file(wh, path, "segment", segment="X")
    names = [r["name"] for r in wh.query("SELECT name FROM src_segment ORDER BY row_number")]
    assert names == ["SITI ÄMINAH", "JOSÉ"]
    assert [(f.row, f.code) for f in report.findings] == [(3, "encoding.mixed")]


@st.composite
def hostile_workbooks(draw):
    cells = {"A1": "NAMA", "B1": "NIK"}
    for _ in range(draw(st.integers(0, 6))):
        column = draw(st.sampled_from(["A", "B", "C", "Z", "AA", "ZZ", "XFD"]))
        row = draw(st.sampled_from([2, 3, 50, 1000, 65536, 1048576]))
        cells[f"{column}{row}"] = draw(st.text(alphabet="abc019", min_size=1, max_size=5))
    return cells, draw(st.sampled_from(["A1", "A1:XFD1048576", "A1:B2", "ZZ9"]))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=hostile_workbooks())
def test_generated_hostile_workbooks_only_give_input_errors(tmp_path, case):
    cells, dimension = case
    path = xlsx(tmp_path / "f.xlsx", cells, dimension=dimension)
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        read_file(path, limits=Limits(reader_memory_mib=768))
    assert time.perf_counter() - started < 30


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=8), min_size=1, max_size=20),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-32"]),
)
def test_generated_csvs_only_give_input_errors(tmp_path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / "f.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    with contextlib.suppress(InputError):
        read_file(path, limits=Limits(max_columns=6, max_cell_chars=20))


def test_xml_entity_bombs_are_not_expanded(tmp_path):
    """A "billion laughs" sheet: calamine does not expand entities; openpyxl (used to write
    exports, and by anyone reading one back) parses through defusedxml."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    laughs = (
        '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    path = xlsx(tmp_path / "tawa.xlsx", {"A1": "NAMA", "B1": "NIK", "A2": "&i;", "B2": "1"})
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("?>", "?>" + laughs, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    started = time.perf_counter()
    try:
        raw = read_file(path, limits=Limits(reader_memory_mib=768))
    except InputError:
        pass
    else:
        assert all(len(c) < 100 for c in raw.table.column("c0").to_pylist())
    assert time.perf_counter() - started < 10
