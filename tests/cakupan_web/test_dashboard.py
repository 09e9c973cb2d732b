import dataclasses
import re

import pytest

from cakupan_web.access import access_dashboard, access_permission


@pytest.mark.django_db
def test_dashboard_in_indonesian_by_default(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cakupan per kecamatan" in html
    assert len(re.findall(r"<path d=", html)) == 304
    assert len(re.findall(r'<tr data-code="35\.16\.\d\d">', html)) == 18
    assert 'data-testid="ucj"' in html
    assert "target 60 %" in html
    assert "Tidak teralokasi" in html


@pytest.mark.django_db
def test_english_on_request(client, demo_site):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Coverage by kecamatan" in html
    assert "Cakupan per kecamatan" not in html


@pytest.mark.django_db
def test_segments_listed(client, demo_site):
    html = client.get("/").content.decode()
    for segment in ("KUR", "PERANGKAT_DESA", "RT_RW", "GURU_TPQ", "GURU_PAUD"):
        assert segment in html


@pytest.mark.django_db
def test_no_warehouse_explains_what_to_do(client, settings, tmp_path):
    from cakupan.settings import load_settings

    settings.CAKUPAN = load_settings(data_dir=tmp_path, environ={})
    response = client.get("/")
    assert response.status_code == 503
    assert "cakupan demo" in response.content.decode()


@pytest.mark.django_db
def test_demo_closed_requires_login(client, demo_site, settings, django_user_model):
    settings.CAKUPAN = dataclasses.replace(demo_site, demo_open=False)
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    admin = django_user_model.objects.create_superuser("admin", password="s3cret-pass")
    client.force_login(admin)
    assert client.get("/").status_code == 200


def test_permissions_are_data():
    class Anonymous:
        is_authenticated = False

    assert not access_permission(user=Anonymous(), permission="dashboard.view")
    assert access_dashboard(user=Anonymous(), demo_data=True, demo_open=True)
    assert not access_dashboard(user=Anonymous(), demo_data=False, demo_open=True)


@pytest.mark.django_db
def test_plans_shown(client, demo_site):
    html = client.get("/").content.decode()
    # Gap and pace, who pays, where to campaign, companies: each with its figures.
    for heading in (
        "Kesenjangan dan laju",
        "Siapa yang membayar",
        "Tempat sosialisasi yang didahulukan",
        "Kepatuhan perusahaan",
    ):
        assert heading in html
    gap = re.search(r'data-testid="gap">([\d.]+)<', html)
    assert gap and int(gap.group(1).replace(".", "")) > 0
    assert html.count("PDS-TK") >= 1
    assert (
        len(
            re.findall(
                r'<tr data-code="[\d.]+"><td>[^<]+</td><td>[^<]+</td><td class="num">[\d.]+</td>',
                html,
            )
        )
        == 5
    )


@pytest.mark.django_db
def test_a_real_import_ends_anonymous_demo_access(
    client, settings, demo_settings, demo_warehouse, tmp_path
):
    """Real people in a demo warehouse: the dashboard is no longer open to anyone."""
    import shutil
    import subprocess
    import sys

    shutil.copy(demo_warehouse, tmp_path / "warehouse.duckdb")
    shutil.copytree(demo_settings.data_dir / "published", tmp_path / "published")
    settings.CAKUPAN = dataclasses.replace(demo_settings, data_dir=tmp_path)
    assert client.get("/").status_code == 200  # the demo, open to visitors
    real = tmp_path / "guru_tpq_asli.csv"
    real.write_text("NAMA;NIK\nSITI AMINAH;3516125708860003\n", encoding="utf-8")
    # As an office does it: the import runs in its own process beside the web app.
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from cakupan_cli import main; main(sys.argv[1:])",
         "import", "segment", str(real), "--segment", "GURU_TPQ", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_an_error_is_a_page_in_the_users_language_with_its_status(client, settings, tmp_path):
    """A publication pointer that names no file this version writes: the catalogue's
    message, in the page's language, with its status and code."""
    from cakupan.settings import load_settings

    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "CURRENT").write_text("../../etc/passwd")
    settings.CAKUPAN = load_settings(data_dir=tmp_path, environ={})
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 503
    assert "Data terbitan" in html and "tidak dapat dibaca" in html
    assert "publication.unreadable" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "The published data" in client.get("/").content.decode()


@pytest.mark.django_db
def test_map_classes_legend_counts_and_svg(client, demo_site):
    import xml.etree.ElementTree as ET

    html = client.get("/").content.decode()
    counts = [
        int(n.replace(".", "")) for n in re.findall(r'<span class="count">\(([\d.]+)\)', html)
    ]
    assert sum(counts) == 304 and len(counts) == 7  # five steps, target reached, no data
    quantile = client.get("/?classes=quantile").content.decode()
    q_counts = [int(n) for n in re.findall(r'<span class="count">\((\d+)\)', quantile)]
    assert 'data-classes="quantile"' in quantile and sum(q_counts) == 304
    # About a fifth of the desa in each group (a tiny demo has tied values).
    assert all(0.1 * 304 <= n <= 0.3 * 304 for n in q_counts[:5]), q_counts
    svg = client.get("/map.svg?classes=quantile")
    assert svg["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.content)
    assert len(root.findall("{http://www.w3.org/2000/svg}path")) == 304
