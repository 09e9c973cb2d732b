"""All or nothing: an import killed at any point leaves the figures of before, and the same
command run again does the whole import (the figures of a clean run)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from cakupan.pipeline import build_demo
from cakupan.settings import load_settings

CLI = "import sys; from cakupan_cli import main; main(sys.argv[1:])"


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _state(folder: Path) -> tuple[float, int]:
    """(UCJ the dashboard shows, participant snapshots) of a warehouse."""
    con = duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True)
    try:
        ucj = con.execute("SELECT ucj FROM coverage_summary").fetchone()[0]
        n = con.execute(
            "SELECT count(*) FROM snapshot WHERE source_type = 'participants'"
        ).fetchone()[0]
    finally:
        con.close()
    return round(float(ucj), 9), int(n)


@pytest.fixture(scope="module")
def regency(tmp_path_factory):
    """A demo regency of its own (other tests import into the session's demo), and its
    participant extract with every membership active: coverage jumps when it is imported."""
    settings = load_settings(data_dir=tmp_path_factory.mktemp("crash"), environ={})
    build = build_demo(settings, people=4000, seed=5)
    source = build.files.participants
    active = settings.data_dir / "peserta_aktif.csv"
    active.write_text(
        source.read_text(encoding="utf-8").replace("NON AKTIF", "AKTIF"), encoding="utf-8"
    )
    return settings.warehouse_path, active


def test_an_import_killed_anywhere_is_all_or_nothing(regency, tmp_path):
    demo_warehouse, everyone_active = regency

    def copy(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(demo_warehouse, folder / "warehouse.duckdb")
        return folder

    command = ("import", "participants", str(everyone_active), "--as-of", "2023-03-31")
    clean = copy("clean")
    before = _state(clean)
    started = time.perf_counter()
    done = _cli(*command, "--data-dir", str(clean))
    assert done.wait(timeout=300) == 0, done.stderr.read() if done.stderr else ""
    duration = time.perf_counter() - started
    after = _state(clean)
    assert after[0] > before[0] + 0.05 and after[1] == before[1] + 1

    outcomes = []
    for i, share in enumerate((0.15, 0.3, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95)):
        folder = copy(f"kill{i}")
        process = _cli(*command, "--data-dir", str(folder))
        time.sleep(duration * share)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = _state(folder)
        assert state in (before, after), (share, state, before, after)
        outcomes.append(state == after)
        again = _cli(*command, "--data-dir", str(folder))
        assert again.wait(timeout=300) == 0
        assert _state(folder) == after  # completed, and never imported twice
    assert not all(outcomes), "every kill came too late to test anything"
