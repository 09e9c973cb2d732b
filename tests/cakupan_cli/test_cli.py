"""The command line: acceptance figures, one-line errors, no tracebacks."""

import json
import subprocess
import sys

import pytest

from cakupan_cli import main


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_bpu(capsys):
    assert (
        run_json(capsys, "calc", "contribution", "--segment", "bpu", "--income", "1000000")["total"]
        == 16800
    )
    data = run_json(
        capsys, "calc", "contribution", "--segment", "bpu", "--income", "1000000", "--jht"
    )
    assert data["total"] == 36800
    assert data["programs"]["JHT"]["total"] == 20000


def test_pu_shares(capsys):
    data = run_json(
        capsys,
        "calc",
        "contribution",
        "--segment",
        "pu",
        "--wage",
        "12000000",
        "--risk-class",
        "5",
        "--date",
        "2024-03-01",
    )
    jp = data["programs"]["JP"]
    assert (jp["employer"], jp["worker"], jp["total"]) == (200846, 100423, 301269)
    assert data["programs"]["JKK"]["employer"] == 208800  # 1.74 %
    assert data["total"] == sum(p["total"] for p in data["programs"].values())


def test_jakon_and_benefits(capsys):
    jakon = ("calc", "contribution", "--segment", "jakon", "--contract-value")
    assert run_json(capsys, *jakon, "100000000")["total"] == 240000
    data = run_json(capsys, *jakon, "1000000000")
    assert data["total"] == 1750000
    assert {k: v["total"] for k, v in data["programs"].items()} == {"JKK": 1540000, "JKM": 210000}
    assert run_json(capsys, "calc", "benefit", "jkm")["total"] == 42000000
    data = run_json(capsys, "calc", "benefit", "jkk-death", "--wage", "1000000")
    assert data["total"] == 70000000
    assert data["components"]["wage_lump_sum"] == 48000000


def test_readable_table(capsys):
    code, out, _ = run(capsys, "calc", "contribution", "--segment", "bpu", "--income", "1000000")
    assert code == 0 and "Rp16.800" in out


@pytest.mark.parametrize(
    "args",
    [
        ["calc", "contribution", "--segment", "pu", "--wage", "100"],
        ["calc", "contribution", "--segment", "nope"],
        ["calc", "contribution", "--segment", "pu", "--wage", "abc", "--risk-class", "1"],
        ["calc", "contribution", "--segment", "pu", "--wage", "-1", "--risk-class", "1"],
        ["calc", "contribution", "--segment", "bpu", "--income", "1", "--date", "31/02/2023"],
        ["calc", "benefit", "jkk-death"],
        ["no-such-command"],
        ["serve", "--data-dir", "/nonexistent/place"],
        ["demo", "--people", "3"],
    ],
)
def test_bad_input_is_one_line(capsys, args):
    code, out, err = run(capsys, *args)
    assert code != 0
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("cakupan: ")


def test_port_in_use_is_one_line(capsys, demo_settings, demo_warehouse):
    import socket

    from cakupan.privacy import secure_dir

    secure_dir(demo_settings.data_dir, warn=False)  # the session's demo, built by a test

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run(
            capsys, "serve", "--data-dir", str(demo_settings.data_dir), "--port", str(port)
        )
    assert code == 1
    assert err.strip() == (
        f"cakupan: Port {port} is already in use; choose another with --port or PORT. "
        "[serve.port_in_use]"
    )


def test_installed_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "cakupan_cli", "calc", "benefit", "jkm", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["total"] == 42000000


@pytest.mark.parametrize("by", ["regency", "kecamatan", "desa", "segment", "membership"])
def test_coverage_json(capsys, demo_settings, demo_warehouse, by):
    data = run_json(capsys, "coverage", "--by", by, "--data-dir", str(demo_settings.data_dir))
    assert data["by"] == by and data["rows"]
    for row in data["rows"]:
        assert {"active_persons", "denominator", "ucj", "method"} <= set(row)
        assert ("area_code" in row) or ("segment" in row) or ("membership" in row)
        assert row["ucj"] is None or 0 <= row["ucj"] <= 1
    if by in ("kecamatan", "desa"):
        regency = run_json(capsys, "coverage", "--data-dir", str(demo_settings.data_dir))
        total = regency["rows"][0]["active_persons"]
        assert sum(r["active_persons"] for r in data["rows"]) == total  # with unallocated


def test_coverage_period(capsys, demo_settings, demo_warehouse):
    data = run_json(
        capsys, "coverage", "--period", "2023Q1", "--data-dir", str(demo_settings.data_dir)
    )
    assert data["rows"][0]["as_of"] == "2023-03-31"
    code, _, err = run(
        capsys, "coverage", "--period", "2022Q4", "--data-dir", str(demo_settings.data_dir)
    )
    assert code == 1 and "snapshots exist for 2023-03-31" in err


def test_serve_publishes_again_what_another_version_published(
    capsys, monkeypatch, demo_settings, demo_warehouse, tmp_path
):
    import shutil

    import duckdb

    import cakupan_web.server
    from cakupan.publish import current_publication, publication_outdated

    shutil.copy(demo_settings.warehouse_path, tmp_path / "warehouse.duckdb")
    shutil.copytree(demo_settings.data_dir / "published", tmp_path / "published")
    old = current_publication(tmp_path)
    con = duckdb.connect(str(old))
    con.execute("UPDATE publication SET format = format - 1")  # as an earlier version wrote it
    con.close()
    assert publication_outdated(tmp_path)
    served = []
    monkeypatch.setattr(cakupan_web.server, "serve", lambda settings, **_: served.append(1))
    code, out, _ = run(capsys, "serve", "--data-dir", str(tmp_path))
    assert code == 0 and "publishing again" in out
    assert served and current_publication(tmp_path) != old and not publication_outdated(tmp_path)
