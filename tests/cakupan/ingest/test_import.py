"""Validation findings and storage, on small files made the way offices make them."""

import datetime as dt

import pytest

from cakupan.errors import InputError
from cakupan.ingest import import_file, list_snapshots, rejected_report, write_rejected


def _codes(report):
    return {(f.row, f.code) for f in report.findings}


def test_village_xlsx(wh, village_xlsx):
    r = import_file(wh, village_xlsx, "segment", segment="perangkat desa")
    assert r.segment == "PERANGKAT_DESA"
    assert (r.rows_read, r.accepted, r.rejected) == (4, 4, 0)
    assert r.skipped == [(9, "total row")]
    codes = _codes(r)
    assert (6, "nik.precision_lost") in codes  # typed into a Number cell
    assert (8, "date.impossible") in codes  # 31/02/1990
    assert (8, "desa.not_found") in codes
    desa = next(f for f in r.findings if f.code == "desa.not_found")
    assert "Jabon" in desa.message("en")  # the closest name is suggested
    rows = wh.query("SELECT row_number, nik, birth_date, desa FROM src_segment ORDER BY 1")
    assert rows[0]["birth_date"] == dt.date(1970, 1, 1)
    assert rows[1]["birth_date"] == dt.date(1985, 2, 1)  # "1 Februari 1985"
    assert rows[2]["birth_date"] == dt.date(1990, 3, 3)  # Excel serial 32935
    assert rows[2]["nik"] == "3516180303900002"  # the leading apostrophe is gone
    assert rows[1]["nik"] is None  # kept in the list, without the destroyed NIK


REGISTER = """NIK;NAMA_LENGKAP;TANGGAL_LAHIR;KODE_DESA;PEKERJAAN
3516125708860003;SITI AMINAH;17-08-1986;35.16.12.2007;PETANI/PEKEBUN
3.5161E+15;BUDI;01-01-1980;35.16.12.2007;WIRASWASTA
351612570886;ANI;01-01-1980;35.16.12.2007;WIRASWASTA
3599125708860003;CITRA;17-08-1986;35.16.12.2007;WIRASWASTA
3516121708860004;DEDI;18-08-1986;35.16.12.2007;WIRASWASTA
3516121708860005;EKO;17-08-1986;Desa Antah;WIRASWASTA
3516121708860006;;17-08-1986;35.16.12.2007;WIRASWASTA
3516121708860007;FAJAR;17-08-1986;35.16.12.2007;SOPIR
3516121708860007;FAJAR;17-08-1986;35.16.12.2007;SOPIR
3516121708860008;GITA;17-08-1986;35.16.12.2007;SOPIR
3516121708860008;HADI;17-08-1986;35.16.12.2007;SOPIR
35161217O8860009;IWAN;17-08-1986;35.16.12.2007;SOPIR
"""


def test_register_findings(wh, tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    r = import_file(wh, path, "register", as_of=dt.date(2023, 3, 31))
    assert r.rows_read == 12 == r.accepted + r.rejected
    codes = _codes(r)
    expected_errors = {
        (3, "nik.scientific_notation"),
        (4, "nik.length"),
        (5, "nik.region_unknown"),
        (7, "desa.not_found"),
        (8, "value.missing"),
        (10, "row.duplicate"),
        (13, "nik.non_digit"),
    }
    assert expected_errors <= codes
    assert (6, "nik.birth_date_mismatch") in codes  # a warning: the row is kept
    assert {(11, "nik.duplicate_other_name"), (12, "nik.duplicate_other_name")} <= codes
    rejected = {f.row for f in r.findings if f.severity == "error"}
    assert rejected == {3, 4, 5, 7, 8, 10, 13}
    assert r.rejected == len(rejected)
    duplicate = next(f for f in r.findings if f.code == "row.duplicate")
    assert duplicate.params["first"] == 9
    assert wh.scalar("SELECT count(*) FROM src_register") == r.accepted
    # The English and Indonesian messages both name the problem.
    sci = next(f for f in r.findings if f.code == "nik.scientific_notation")
    assert "scientific notation" in sci.message("en") and "notasi ilmiah" in sci.message("id")


def test_csv_where_excel_zeroed_every_last_digit(wh, tmp_path):
    rows = [f"35161217088600{i:02d}" for i in range(1, 40)]
    damaged = [nik[:15] + "0" for nik in rows]
    path = tmp_path / "peserta.csv"
    path.write_text(
        "KPJ,NIK,NAMA,STATUS,SEGMEN\n"
        + "".join(f"{11000000 + i},{nik},ORANG {i},AKTIF,BPU\n" for i, nik in enumerate(damaged))
    )
    r = import_file(wh, path, "participants", dry_run=True)
    assert sum(f.code == "nik.precision_lost" for f in r.findings) == len(rows)
    assert r.rejected == 0  # the NIK is optional for participants: rows kept, flagged


def test_enums_months_and_required(wh, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text(
        "NO KPJ;NIK;NAMA PESERTA;SEGMEN;STATUS KEPESERTAAN;BLTH IURAN TERAKHIR\n"
        "11000001;3516125708860003;SITI;Bukan Penerima Upah;Aktif;Feb 2023\n"
        "11000002;;BUDI;PU;non aktif;2022-11\n"
        "11000003;;CITRA;XYZ;AKTIF;2023-01\n"
        ";;DEDI;BPU;AKTIF;2023-01\n"
        "3.5E+10;;EKO;BPU;AKTIF;bulan lalu\n"
    )
    r = import_file(wh, path, "participants")
    codes = _codes(r)
    assert {(4, "value.not_allowed"), (5, "value.missing"), (6, "kpj.scientific_notation")} <= codes
    assert (6, "month.unreadable") in codes
    rows = wh.query(
        "SELECT kpj, segment, status, last_paid_month FROM src_participants ORDER BY kpj"
    )
    assert rows[0] == {
        "kpj": "11000001",
        "segment": "BPU",
        "status": "active",
        "last_paid_month": dt.date(2023, 2, 1),
    }
    assert rows[1]["status"] == "inactive"


def test_ttl_split_and_map_override(wh, tmp_path):
    path = tmp_path / "rt.csv"
    path.write_text(
        "NAMA KETUA;NOMOR;TTL;DESA\nSLAMET;3516125708860003;MOJOKERTO, 17-08-1986;Trowulan\n"
    )
    with pytest.raises(InputError) as info:
        import_file(wh, path, "segment", segment="RT_RW")
    assert info.value.code == "header.missing_required"
    assert "NAMA KETUA" in str(info.value)
    r = import_file(
        wh, path, "segment", segment="RT_RW", overrides={"NAMA KETUA": "name", "NOMOR": "nik"}
    )
    assert r.accepted == 1 and not r.findings
    row = wh.query("SELECT name, nik, birth_place, birth_date, desa FROM src_segment")[0]
    assert row == {
        "name": "SLAMET",
        "nik": "3516125708860003",
        "birth_place": "MOJOKERTO",
        "birth_date": dt.date(1986, 8, 17),
        "desa": "35.16.12.2007",
    }


def test_idempotent_versioned_and_superseded(wh, tmp_path):
    one = tmp_path / "d1.csv"
    one.write_text("KODE WILAYAH,TAHUN,PENDUDUK BEKERJA,SUMBER\n35.16,2023,600000,BPS\n")
    two = tmp_path / "d2.csv"
    two.write_text("KODE WILAYAH,TAHUN,PENDUDUK BEKERJA,SUMBER\n35.16,2023,610000,BPS rev\n")
    first = import_file(wh, one, "denominator", as_of=dt.date(2023, 8, 1))
    again = import_file(wh, one, "denominator", as_of=dt.date(2023, 8, 1))
    assert again.duplicate_of == first.snapshot_id and again.snapshot_id is None
    second = import_file(wh, two, "denominator", as_of=dt.date(2023, 9, 1))
    snapshots = list_snapshots(wh)
    assert [s["id"] for s in snapshots] == [second.snapshot_id, first.snapshot_id]
    assert [s["current"] for s in snapshots] == [True, False]
    assert wh.scalar("SELECT figure FROM current_src_denominator") == 610000
    assert wh.scalar("SELECT count(*) FROM src_denominator") == 2  # history stays


def test_atomic_failure_leaves_nothing(wh, tmp_path, monkeypatch):
    import sys

    package = sys.modules["cakupan.ingest"]
    path = tmp_path / "d.csv"
    path.write_text("KODE WILAYAH,TAHUN,PENDUDUK BEKERJA,SUMBER\n35.16,2023,600000,BPS\n")
    import_file(wh, path, "denominator")
    path.write_text("KODE WILAYAH,TAHUN,PENDUDUK BEKERJA,SUMBER\n35.16,2024,700000,BPS\n")
    real_store = package.store

    def store_then_crash(*args, **kwargs):
        real_store(*args, **kwargs)  # rows are in, then the process dies
        raise RuntimeError("disk full")

    monkeypatch.setattr(package, "store", store_then_crash)
    with pytest.raises(RuntimeError):
        import_file(wh, path, "denominator")
    assert wh.scalar("SELECT count(*) FROM snapshot") == 1
    assert wh.scalar("SELECT count(*) FROM src_denominator") == 1
    assert wh.scalar("SELECT count(*) FROM import_finding") == 0


def test_rejected_rows_download(wh, tmp_path):
    import openpyxl

    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    r = import_file(wh, path, "register")
    csv_path = write_rejected(r, tmp_path / "rejected.csv", language="en")
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("row,reason,NIK,NAMA_LENGKAP")
    assert len(lines) == 1 + r.rejected
    assert "scientific notation" in lines[1]
    later = rejected_report(wh, r.snapshot_id)  # downloaded again later, from the warehouse
    xlsx = write_rejected(later, tmp_path / "rejected.xlsx")
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet.max_row == 1 + r.rejected
    assert sheet.cell(1, 2).value == "reason"
    assert "notasi ilmiah" in sheet.cell(2, 2).value


def test_list_without_a_nik_column(wh, tmp_path):
    path = tmp_path / "guru.csv"
    path.write_text("NAMA;TGL LAHIR;DESA;KECAMATAN\nSITI AMINAH;17-08-1986;Jabon;Mojoanyar\n")
    r = import_file(wh, path, "segment", segment="GURU_PAUD")
    assert (r.rows_read, r.accepted) == (1, 1)
    row = wh.query("SELECT name, nik, nik_raw FROM src_segment")[0]
    assert row == {"name": "SITI AMINAH", "nik": None, "nik_raw": None}


def test_a_hundred_imports_into_one_warehouse(wh, tmp_path):
    """Record ids are 64-bit: snapshot 22 used to overflow 32-bit arithmetic for good."""
    for i in range(100):
        path = tmp_path / f"daftar_{i}.csv"
        path.write_text(f"NAMA;NIK\nSITI AMINAH {i};3516125708860003\n", encoding="utf-8")
        report = import_file(wh, path, "segment", segment=f"LIST_{i}")
        assert report.snapshot_id == i + 1 and report.accepted == 1
    ids = [r["record_id"] for r in wh.query("SELECT record_id FROM src_segment ORDER BY 1")]
    assert len(set(ids)) == 100 and ids[-1] == 100 * 100_000_000 + 2
