"""Register files from OpenSID, OpenDK and SIAK, imported as the systems write them."""

from __future__ import annotations

import pytest

from cakupan.errors import InputError
from cakupan.ingest import import_file, register_by_desa
from cakupan.ingest.layouts import detect_layout, layouts
from cakupan.ingest.readers import read_file

from .real_layouts import (
    OPENSID_COLUMNS,
    RESIDENTS,
    ods,
    opendk_sync,
    opensid_export,
    opensid_unknown_occupation,
    siak_xls,
)

LIVING = sum(1 for r in RESIDENTS if r.status == 1)
# Living residents whose Dukcapil occupation counts as working: petani, wiraswasta, PNS.
WORKERS = 3


def _register(wh):
    return {r["name"]: r for r in wh.query("SELECT * FROM register")}


def _codes(report):
    return sorted({f.code for f in report.findings})


def test_every_layout_is_declared_with_its_source():
    names = {lay.name for lay in layouts()}
    assert names >= {"opensid", "opendk", "siak"}
    for lay in layouts():
        assert "github.com/OpenSID" in lay.source
        assert lay.signature and set(lay.columns.values()) >= {"nik", "name"}


def test_opensid_numeric_export_without_desa_column(wh, tmp_path):
    path = opensid_export(tmp_path / "penduduk.xlsx", extra=opensid_unknown_occupation())
    with pytest.raises(InputError) as info:
        import_file(wh, path, "register")
    assert info.value.code == "import.desa_required"
    assert "OpenSID" in info.value.message

    report = import_file(wh, path, "register", desa="3516122010")
    assert report.layout == "opensid" and report.desa == "35.16.12.2010"
    # Every row accounted for: 9 read, none rejected, 2 set aside (MATI, PINDAH).
    assert (report.rows_read, report.accepted, report.rejected) == (9, 9, 0)
    assert report.set_aside == 2
    totals = report.totals()
    assert totals["resident.not_living"]["count"] == 2
    assert totals["occupation.unknown"] == {"severity": "warning", "count": 2}
    assert totals["nik.temporary"] == {"severity": "warning", "count": 1}
    people = _register(wh)
    assert len(people) == LIVING + 2  # the living, and the two of unknown occupation
    assert "H. ABDUL KARIM" not in people and "AGUS SALIM" not in people
    assert sum(p["is_worker"] for p in people.values()) == WORKERS
    assert people["SUPARMAN"]["occupation"] == "PETANI/PEKEBUN"
    assert people["SUPARMAN"]["sex"] == "L" and people["SITI AMINAH"]["sex"] == "P"
    assert people["RINA WATI"]["nik"] is None  # temporary NIK: kept, matched without NIK
    assert people["JOKO SANTOSO"]["occupation"] == "95"
    assert not people["JOKO SANTOSO"]["is_worker"]
    stored = wh.query(
        "SELECT dusun, religion, relation, marital_status, status_dasar FROM src_register "
        "WHERE name = 'MOCH. RIDWAN'"
    )[0]
    assert stored == {
        "dusun": "BEJIJONG",
        "religion": "ISLAM",
        "relation": "KEPALA KELUARGA",
        "marital_status": "KAWIN",
        "status_dasar": "HIDUP",
    }
    # The dead and the moved-away are in the snapshot, not lost.
    assert wh.scalar("SELECT count(*) FROM src_register WHERE status_dasar <> 'HIDUP'") == 2


def test_opensid_label_export_and_its_status_quirk(wh, tmp_path):
    path = opensid_export(tmp_path / "penduduk_huruf.xlsx", labels=True)
    report = import_file(wh, path, "register", desa="Jatipasar")
    assert report.layout == "opensid" and report.rejected == 0
    assert "occupation.unknown" not in report.totals()
    # ekspor_huruf writes HIDUP as TETAP, MATI as TIDAK TETAP and PINDAH as nothing.
    assert report.set_aside == 1
    people = _register(wh)
    # The moved-away sailor's status is blank in this export: he counts as living.
    assert sum(p["is_worker"] for p in people.values()) == WORKERS + 1
    assert people["RINA WATI"]["occupation"] == "PEGAWAI NEGERI SIPIL (PNS)"


def test_two_villages_both_present_and_a_new_file_replaces_only_its_own(wh, tmp_path):
    import datetime as dt

    first = opensid_export(tmp_path / "bejijong.xlsx")
    second = opensid_export(tmp_path / "jatipasar.xlsx", labels=True)
    import_file(wh, first, "register", desa="35.16.12.2008", as_of=dt.date(2023, 1, 1))
    import_file(wh, second, "register", desa="35.16.12.2010", as_of=dt.date(2023, 1, 1))
    by_desa = {r["desa"]: r for r in register_by_desa(wh, regency="35.16")}
    assert len(by_desa) == 304
    assert by_desa["35.16.12.2008"]["residents"] == LIVING
    assert by_desa["35.16.12.2010"]["residents"] == LIVING + 1  # PINDAH is blank in "huruf"
    assert by_desa["35.16.12.2008"]["set_aside"] == 2
    assert by_desa["35.16.12.2001"]["snapshot_id"] is None
    # A newer file of Bejijong with one resident fewer replaces Bejijong only.
    header = read_file(first).headers
    assert header == list(OPENSID_COLUMNS)
    smaller = opensid_export(tmp_path / "bejijong2.xlsx")
    book_rows = read_file(smaller).table.num_rows
    import openpyxl

    book = openpyxl.load_workbook(smaller)
    book.active.delete_rows(2)
    book.save(smaller)
    import_file(wh, smaller, "register", desa="3516122008", as_of=dt.date(2023, 6, 1))
    after = {r["desa"]: r for r in register_by_desa(wh, regency="35.16")}
    assert after["35.16.12.2008"]["residents"] == LIVING - 1
    assert after["35.16.12.2010"]["residents"] == LIVING + 1
    assert book_rows == len(RESIDENTS)


def test_desa_given_and_a_row_of_another_desa(wh, tmp_path):
    path = opendk_sync(tmp_path / "penduduk_opendk.xlsx", desa="3516122008")
    report = import_file(wh, path, "register", desa="35.16.12.2010")
    assert report.rejected == len(RESIDENTS)
    assert _codes(report).count("desa.not_given") == 1
    with pytest.raises(InputError) as info:
        import_file(wh, path, "register", desa="Atlantis")
    assert info.value.code == "import.bad_desa"


def test_opendk_sync_with_undotted_desa_codes(wh, tmp_path):
    path = opendk_sync(tmp_path / "penduduk_26_11_2026_opendk.xlsx")
    report = import_file(wh, path, "register")
    assert report.layout == "opendk"
    assert (report.accepted, report.rejected, report.set_aside) == (7, 0, 2)
    people = _register(wh)
    assert {p["desa_code"] for p in people.values()} == {"35.16.12.2008"}
    assert sum(p["is_worker"] for p in people.values()) == WORKERS


def test_siak_old_xls(wh, tmp_path):
    path = siak_xls(tmp_path / "format_siak.xls")
    report = import_file(wh, path, "register")
    assert report.file_format == "xls" and report.layout == "siak"
    assert (report.accepted, report.rejected, report.set_aside) == (7, 0, 2)
    people = _register(wh)
    assert {p["desa_code"] for p in people.values()} == {"35.16.12.2010"}
    assert sum(p["is_worker"] for p in people.values()) == WORKERS
    assert people["DEWI LESTARI"]["birth_date"].isoformat() == "2006-05-05"
    assert wh.scalar("SELECT count(*) FROM src_register WHERE relation = 'ORANGTUA'") == 2


def test_ods_workbook(wh, tmp_path):
    header = ["NIK", "NAMA", "JENIS KELAMIN", "TANGGAL LAHIR", "DESA", "KECAMATAN", "PEKERJAAN"]
    rows = [["3516120203750001", "SUPARMAN", "1", "02/03/1975", "Jatipasar", "Trowulan", "9"]]
    report = import_file(wh, ods(tmp_path / "data.ods", header, rows), "register")
    assert report.file_format == "ods" and report.accepted == 1
    assert _register(wh)["SUPARMAN"]["is_worker"]


def test_headers_alone_choose_the_layout():
    assert detect_layout(list(OPENSID_COLUMNS), "register").name == "opensid"
    assert detect_layout(list(OPENSID_COLUMNS), "segment") is None
    assert detect_layout(["NIK", "NAMA", "DESA"], "register") is None


def test_generic_register_without_desa_column_asks_for_it(wh, tmp_path):
    path = tmp_path / "warga.csv"
    path.write_text("NIK;NAMA;PEKERJAAN\n3516120203750001;SUPARMAN;Petani\n")
    with pytest.raises(InputError) as info:
        import_file(wh, path, "register")
    assert info.value.code == "import.desa_required"
    report = import_file(wh, path, "register", desa="Jatipasar")
    assert report.accepted == 1 and _register(wh)["SUPARMAN"]["is_worker"]


def test_opensid_import_template_with_its_code_sheet(wh, tmp_path):
    """FormatImporExcel.xlsm: the same 43 columns on "Data Penduduk", codes on "Kode Data"."""
    import openpyxl

    exported = opensid_export(tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(exported)
    book.active.title = "Data Penduduk"
    codes = book.create_sheet("Kode Data")
    codes.append(["sex", "id", "agama_id", "id", "pekerjaan_id", "id"])
    codes.append(["LAKI-LAKI", 1, "ISLAM", 1, "BELUM/TIDAK BEKERJA", 1])
    template = tmp_path / "FormatImporExcel.xlsm"
    book.save(template)
    report = import_file(wh, template, "register", desa="35.16.12.2010")
    assert report.sheet == "Data Penduduk" and report.layout == "opensid"
    assert (report.accepted, report.rejected) == (len(RESIDENTS), 0)
