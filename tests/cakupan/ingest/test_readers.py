import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cakupan.errors import InputError
from cakupan.ingest.readers import read_file


def _cells(raw, column):
    return raw.table.column(f"c{raw.headers.index(column)}").to_pylist()


def test_xlsx_with_title_rows_sheets_and_total(village_xlsx):
    raw = read_file(village_xlsx)
    assert raw.sheet == "DATA"  # the first sheet holding a table
    assert raw.header_row == 4
    assert raw.headers[:3] == ["NO", "NAMA", "NO. KTP"]
    assert raw.table.column("row_number").to_pylist() == [5, 6, 7, 8]
    assert raw.skipped == [(9, "total row")]
    niks = _cells(raw, "NO. KTP")
    assert niks[1] == "3516184102850000.0"  # a number cell stays recognisable
    assert _cells(raw, "TGL LAHIR")[0] == "1970-01-01"


def test_xlsx_missing_sheet_lists_the_sheets(village_xlsx):
    with pytest.raises(InputError) as info:
        read_file(village_xlsx, sheet="Sheet9")
    assert "Petunjuk, DATA" in str(info.value)


def test_windows_1252_semicolon_csv(tmp_path):
    path = tmp_path / "tpq.csv"
    text = (
        "DAFTAR GURU TPQ;;;\r\nNAMA GURU;NIK;DESA;KEC\r\n"
        "NUR\u2019AINI;3516125708860003;Jabon;Mojoanyar\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    raw = read_file(path)
    assert raw.encoding == "cp1252" and raw.delimiter == ";"
    assert _cells(raw, "NAMA GURU") == ["NUR\u2019AINI"]
    assert raw.table.column("row_number").to_pylist() == [3]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_and_bom(tmp_path, delimiter):
    path = tmp_path / "x.csv"
    body = delimiter.join(["NAMA", "NIK"]) + "\n" + delimiter.join(["Ani", "1"]) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    raw = read_file(path)
    assert raw.headers == ["NAMA", "NIK"] and raw.delimiter == delimiter


def test_blank_lines_keep_true_row_numbers_and_bad_rows_are_kept(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("NAMA,NIK\nAni,1\n\nBudi,2\nCitra,3,extra\nDewi,4\n")
    raw = read_file(path)
    assert _cells(raw, "NAMA") == ["Ani", "Budi", "Dewi"]
    assert raw.table.column("row_number").to_pylist() == [2, 4, 6]
    assert raw.malformed == [(5, "Citra,3,extra")]


def test_parquet(tmp_path):
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"NAMA": ["Ani"], "NIK": [3516125708860003]}), path)
    raw = read_file(path)
    assert raw.headers == ["NAMA", "NIK"]
    assert _cells(raw, "NIK") == ["3516125708860003.0"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", "file.empty"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "file.unreadable"),
        ("damaged.ods", b"PK\x03\x04garbage", "file.unreadable"),
        ("bad.xlsx", b"PK\x03\x04garbage", "file.unreadable"),
    ],
)
def test_unreadable_files(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert info.value.code == code


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_file(tmp_path / "nope.csv")
    assert info.value.code == "file.not_found"


def test_line_breaks_inside_quoted_cells(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('NAMA,ALAMAT\nAni,"DSN KRAJAN\nRT 1"\nBudi,PUNDEN\n')
    raw = read_file(path)
    assert _cells(raw, "ALAMAT") == ["DSN KRAJAN\nRT 1", "PUNDEN"]
    assert raw.table.column("row_number").to_pylist() == [2, 4]


def test_short_row_with_undecodable_bytes_is_reported_not_lost(tmp_path):
    path = tmp_path / "daftar.csv"
    # 20,000 clean rows (past any sample of the file's head), then a Windows-1252 "ø" (0xF8)
    # in a whole row and in a row with a field too few.
    clean = b"".join(b"SITI;3516125708860003;JABON\n" for _ in range(20_000))
    path.write_bytes(b"NAMA;NIK;DESA\n" + clean + b"S\xf8RI;3516;JABON\nB\xf8DI;3516\n")
    raw = read_file(path)
    assert [m[0] for m in raw.malformed] == [20_003]
    assert raw.table.num_rows == 20_001
    assert raw.table.column(0)[-1].as_py() == "SøRI"
