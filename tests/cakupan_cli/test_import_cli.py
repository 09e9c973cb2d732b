"""``cakupan import`` and ``cakupan sources`` as a user runs them."""

import json

import pytest

from tests.cakupan_cli.test_cli import run

REGISTER = (
    "NIK;NAMA_LENGKAP;TANGGAL_LAHIR;KODE_DESA;PEKERJAAN\n"
    "3516125708860003;SITI AMINAH;17-08-1986;35.16.12.2007;PETANI/PEKEBUN\n"
    "3.5161E+15;BUDI;01-01-1980;35.16.12.2007;WIRASWASTA\n"
)


@pytest.fixture
def register_file(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_json_report(capsys, tmp_path, register_file):
    code, out, err = run(
        capsys,
        "import",
        "register",
        str(register_file),
        "--json",
        "--data-dir",
        str(tmp_path / "data"),
        "--lang",
        "en",
    )
    assert code == 0, err
    report = json.loads(out)
    assert (report["rows_read"], report["accepted"], report["rejected"]) == (2, 1, 1)
    finding = report["findings"][0]
    assert {k: finding[k] for k in ("row", "column", "code", "severity", "value")} == {
        "row": 3,
        "column": "NIK",
        "code": "nik.scientific_notation",
        "severity": "error",
        "value": "3.5161E+15",
    }
    assert "scientific notation" in finding["message"]
    assert report["snapshot_id"] == 1


def test_same_file_twice_and_sources(capsys, tmp_path, register_file):
    data = str(tmp_path / "data")
    run(capsys, "import", "register", str(register_file), "--data-dir", data)
    code, out, _ = run(capsys, "import", "register", str(register_file), "--data-dir", data)
    assert code == 0 and "snapshot 1" in out
    code, out, _ = run(capsys, "sources", "--json", "--data-dir", data)
    snapshots = json.loads(out)["snapshots"]
    assert len(snapshots) == 1 and snapshots[0]["source_type"] == "register"
    out_file = tmp_path / "ditolak.xlsx"
    code, out, err = run(
        capsys, "sources", "rejected", "1", "--out", str(out_file), "--data-dir", data
    )
    assert code == 0, err
    assert out_file.exists()


def test_dry_run_stores_nothing_and_writes_rejected(capsys, tmp_path, register_file):
    data = tmp_path / "data"
    rejected = tmp_path / "rejected.csv"
    code, _out, _ = run(
        capsys,
        "import",
        "register",
        str(register_file),
        "--dry-run",
        "--rejected",
        str(rejected),
        "--data-dir",
        str(data),
    )
    assert code == 0
    assert not (data / "warehouse.duckdb").exists()
    assert rejected.read_text(encoding="utf-8-sig").splitlines()[0].startswith("row,reason,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "register", "/no/such/file.csv"], "No file at"),
        (["import", "registers", "x.csv"], "Invalid value"),
        (["import", "segment", "{file}"], "--segment"),
        (["import", "participants", "{file}"], "no column for kpj"),
        (["import", "register", "{file}", "--map", "NIK"], "--map must look like"),
        (["import", "register", "{file}", "--map", "FOO=nik"], "has no header 'FOO'"),
        (["import", "register", "{file}", "--sheet", "Data"], "--sheet only applies"),
        (["sources", "rejected", "99", "--out", "x.csv", "--data-dir", "{dir}"], "No warehouse"),
    ],
)
def test_errors_are_one_line(capsys, tmp_path, register_file, args, message):
    (tmp_path / "d").mkdir()
    run(capsys, "import", "denominator", str(register_file), "--dry-run")  # no side effects
    args = [a.format(file=register_file, dir=tmp_path / "d") for a in args]
    if "--data-dir" not in args:
        args += ["--data-dir", str(tmp_path / "d")]
    code, _out, err = run(capsys, *args)
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and message in err, err


def test_opensid_village_by_village(capsys, tmp_path):
    from tests.cakupan.ingest.real_layouts import opensid_export

    data = str(tmp_path / "data")
    path = opensid_export(tmp_path / "penduduk.xlsx")
    code, out, err = run(capsys, "import", "register", str(path), "--data-dir", data)
    assert code != 0 and "--desa" in err and "Traceback" not in err
    code, out, err = run(
        capsys, "import", "register", str(path), "--desa", "Jatipasar", "--data-dir", data
    )
    assert code == 0, err
    assert "opensid" in out and "35.16.12.2010" in out
    assert "2 penduduk yang meninggal, pindah atau hilang" in out
    code, out, err = run(capsys, "sources", "desa", "--json", "--data-dir", data)
    rows = {r["desa"]: r for r in json.loads(out)["desa"]}
    assert rows["35.16.12.2010"]["residents"] == 5 and rows["35.16.12.2010"]["set_aside"] == 2
    code, out, err = run(capsys, "sources", "desa", "--missing", "--data-dir", data)
    assert code == 0 and "1 of 304" not in out and "Jatipasar" not in out


def test_match_a_list_without_nik(capsys, tmp_path):
    people = tmp_path / "peserta.csv"
    people.write_text(
        "KPJ,NIK,NAMA,TGL LAHIR,STATUS,SEGMEN\n"
        + "".join(
            f"{11000000 + i},35161257088{60000 + i},SITI AMINAH {chr(65 + i % 26)}{i},"
            f"17-08-19{60 + i % 40},AKTIF,BPU\n"
            for i in range(300)
        ),
        encoding="utf-8",
    )
    plain = tmp_path / "guru.csv"
    plain.write_text(
        "NAMA,TTL\n"
        + "".join(
            f"SITI AMINAH {chr(65 + i % 26)}{i},MOJOKERTO 17-08-19{60 + i % 40}\n"
            for i in range(0, 300, 3)
        ),
        encoding="utf-8",
    )
    out_csv = tmp_path / "hasil.csv"
    code, out, err = run(
        capsys, "match", str(plain), "--against", str(people), "--out", str(out_csv), "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert "nik" not in result["fields"] and "name" in result["fields"]
    assert result["list_rows"] == 100
    assert result["methods"].get("probabilistic", 0) >= 90


def test_errors_speak_indonesian_by_default(capsys, monkeypatch):
    monkeypatch.delenv("CAKUPAN_LANGUAGE")
    code, _out, err = run(capsys, "import", "register", "/no/such/file.csv")
    assert code == 1
    assert err.strip() == "cakupan: Tidak ada berkas di /no/such/file.csv. [file.not_found]"
