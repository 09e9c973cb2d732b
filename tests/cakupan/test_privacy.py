"""Personal data at rest and on screen: private files, masked NIKs, the export log."""

import json
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.privacy import mask_nik, os_account, read_export_log, secure_dir
from tests.cakupan_cli.test_cli import run

REGISTER = (
    "NIK;NAMA;TANGGAL LAHIR;DESA;KECAMATAN\n"
    "3516125708860003;SITI AMINAH;17-08-1986;Jatipasar;Trowulan\n"
    "35161257088600;BUDI;01-01-1980;Jatipasar;Trowulan\n"
)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def register_file(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_data_folder_and_files_are_private(capsys, tmp_path, register_file):
    data = tmp_path / "data"
    code, _, err = run(capsys, "import", "register", str(register_file), "--data-dir", str(data))
    assert code == 0, err
    assert mode(data) == 0o700
    assert mode(data / "warehouse.duckdb") == 0o600
    assert all(mode(p) & 0o077 == 0 for p in data.rglob("*") if p.is_file())


def test_files_left_readable_are_tightened_with_a_warning(capsys, tmp_path, register_file):
    data = tmp_path / "data"
    run(capsys, "import", "register", str(register_file), "--data-dir", str(data))
    data.chmod(0o755)
    (data / "warehouse.duckdb").chmod(0o644)
    code, _, err = run(capsys, "sources", "--data-dir", str(data))
    assert code == 0
    assert "warning" in err and "warehouse.duckdb" in err
    assert mode(data) == 0o700 and mode(data / "warehouse.duckdb") == 0o600


def test_a_folder_that_is_not_cakupans_is_left_alone(tmp_path):
    other = tmp_path / "home"
    other.mkdir()
    (other / "notes.txt").write_text("x")
    (other / "notes.txt").chmod(0o644)
    assert secure_dir(other) == []
    assert mode(other / "notes.txt") == 0o644


def test_niks_are_masked_unless_asked(capsys, tmp_path, register_file):
    data = str(tmp_path / "data")
    code, out, _ = run(
        capsys, "import", "register", str(register_file), "--json", "--data-dir", data
    )
    assert code == 0
    text = json.dumps(json.loads(out)["findings"])
    assert "35161257088600" not in text and "3516******8600" in text
    code, out, _ = run(
        capsys, "import", "register", str(register_file), "--data-dir", data, "--dry-run"
    )
    assert "35161257088600" not in out
    code, out, _ = run(
        capsys, "import", "register", str(register_file), "--json", "--show-nik", "--dry-run",
        "--data-dir", data,
    )  # fmt: skip
    assert "35161257088600" in json.dumps(json.loads(out)["findings"])


def test_exports_are_logged_with_the_real_account(capsys, tmp_path, register_file, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("LOGNAME", "mallory")
    monkeypatch.setenv("USER", "mallory")
    rejected = tmp_path / "ditolak.xlsx"
    code, _, err = run(
        capsys, "import", "register", str(register_file), "--rejected", str(rejected),
        "--data-dir", str(data),
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        capsys, "sources", "rejected", "1", "--out", str(tmp_path / "lagi.csv"),
        "--data-dir", str(data),
    )  # fmt: skip
    assert code == 0, err
    log = read_export_log(data)
    assert [r.persons for r in log] == [1, 1]
    assert {r.by for r in log} == {os_account()} != {"mallory"}
    assert log[0].file == str(rejected.resolve()) and "register.csv" in log[0].what
    assert mode(data / "audit_log.jsonl") == 0o600
    assert mode(rejected) == 0o600


@given(st.from_regex(r"[0-9]{10,20}", fullmatch=True), st.text(alphabet="abc ,", max_size=5))
def test_mask_keeps_only_the_ends(number, around):
    masked = mask_nik(around + number + around)
    assert number not in masked
    assert masked.count("*") == len(number) - 8
    assert mask_nik(around) == around


def test_every_json_answer_masks_membership_numbers(capsys, demo_settings, demo_warehouse):
    import re

    code, out, err = run(capsys, "lapsed", "--json", "--data-dir", str(demo_settings.data_dir))
    assert code == 0, err
    assert "*" in out  # KPJ numbers of lapsed members, masked
    assert not re.search(r"(?<![0-9a-f])\d{10,}(?![0-9a-f])", out)
