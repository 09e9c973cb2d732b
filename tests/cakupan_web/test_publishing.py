"""Readers never touch the writer: while an import runs beside the web app, every page is
served (200) from the last publication, then from the new one once it is published."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import time

import pytest

CLI = "import sys; from cakupan_cli import main; main(sys.argv[1:])"


def _as_of(html: str) -> str:
    found = re.search(r'<p class="period">[^<]*?(\d{4}-\d\d-\d\d)', html)
    assert found, "the page says the as-of date of what it shows"
    return found[1]


@pytest.mark.django_db
def test_the_dashboard_answers_from_the_last_publication_during_an_import(
    client, settings, demo_settings, demo_build, tmp_path, django_user_model
):
    # Signed in: the import makes the data real, which ends the demo's open access.
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    shutil.copy(demo_settings.warehouse_path, tmp_path / "warehouse.duckdb")
    shutil.copytree(demo_settings.data_dir / "published", tmp_path / "published")
    settings.CAKUPAN = dataclasses.replace(demo_settings, data_dir=tmp_path)
    before = _as_of(client.get("/").content.decode())
    assert before == "2023-03-31"
    # A new participant extract, as of the end of June: every figure is recomputed.
    extract = tmp_path / "peserta_juni.csv"
    text = demo_build.files.participants.read_text(encoding="utf-8")
    extract.write_text(text.replace("NON AKTIF", "AKTIF"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "import", "participants", str(extract),
         "--as-of", "2023-06-30", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen = []
    while process.poll() is None:
        response = client.get("/")
        assert response.status_code == 200
        seen.append(_as_of(response.content.decode()))
        time.sleep(0.05)
    _, err = process.communicate()
    assert process.returncode == 0, err
    after = client.get("/")
    assert after.status_code == 200 and _as_of(after.content.decode()) == "2023-06-30"
    assert len(seen) >= 5, "the import was too quick to test anything"
    # The old date while the import ran; the new one only once it was published.
    assert seen[0] == before and set(seen) <= {before, "2023-06-30"}
    assert seen == sorted(seen)
