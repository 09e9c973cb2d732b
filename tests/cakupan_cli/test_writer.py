"""One writer at a time: a CLI import started while another write runs waits its turn,
says what it waits for, and then succeeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

from cakupan.writer import current_writer, write_turn

CLI = "import sys; from cakupan_cli import main; main(sys.argv[1:])"


def test_an_import_waits_for_the_running_write_then_succeeds(demo_settings, demo_build, tmp_path):
    shutil.copy(demo_settings.warehouse_path, tmp_path / "warehouse.duckdb")
    real = tmp_path / "guru_madin.csv"
    real.write_text("NAMA;NIK\nSITI AMINAH;3516125708860003\n", encoding="utf-8")
    command = [sys.executable, "-c", CLI, "import", "segment", str(real),
               "--segment", "GURU_MADIN", "--data-dir", str(tmp_path)]  # fmt: skip
    env = dict(os.environ, PYTHONUNBUFFERED="1", CAKUPAN_LANGUAGE="en")
    with write_turn(tmp_path, what="pledge allocate (by a colleague)"):
        assert current_writer(tmp_path).startswith("pledge allocate (by a colleague)")
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        time.sleep(4)
        assert process.poll() is None, "the import did not wait for the running write"
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "Waiting for the running write to finish: pledge allocate (by a colleague)" in err
    assert current_writer(tmp_path) == ""
    # It did the whole import, and published it.
    assert (tmp_path / "published" / "CURRENT").exists()


def test_a_reading_command_waits_for_a_write_instead_of_failing(demo_settings, tmp_path):
    shutil.copy(demo_settings.warehouse_path, tmp_path / "warehouse.duckdb")
    env = dict(os.environ, PYTHONUNBUFFERED="1", CAKUPAN_LANGUAGE="en")
    command = [sys.executable, "-c", CLI, "coverage", "--json", "--data-dir", str(tmp_path)]
    with write_turn(tmp_path, what="import participants peserta.csv"):
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        time.sleep(3)
        assert process.poll() is None
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Waiting for the running write to finish: import participants" in err
    assert json.loads(out)["by"] == "regency"  # the answer alone on standard output
