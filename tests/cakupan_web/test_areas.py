"""Area pages: reached from the map, scoped like everything else."""

from __future__ import annotations

import dataclasses
import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_map_leads_to_each_desa(client, demo_site):
    html = client.get("/").content.decode()
    links = re.findall(r'<a href="/areas/([\d.]+)/"><path', html)
    assert len(links) == 304
    page = client.get(f"/areas/{links[0]}/")
    text = page.content.decode()
    assert page.status_code == 200 and 'data-testid="area-ucj"' in text
    assert "<svg" in text and 'class="trend"' in text
    assert "/worklists/" not in text  # a demo visitor sees counts, no work list
    kecamatan = re.findall(r'<tr data-code="(35\.16\.\d\d)"><td><a href="/areas/', html)
    assert len(kecamatan) == 18
    page = client.get(f"/areas/{kecamatan[0]}/").content.decode()
    assert len(re.findall(r'<tr data-code="35\.16\.\d\d\.\d{4}">', page)) > 5


def test_an_operator_opens_only_its_areas(client, demo_site, django_user_model):
    from cakupan_web.accounts.services import user_add

    html = client.get("/").content.decode()
    desa = re.findall(r'<a href="/areas/([\d.]+)/"><path', html)
    mine, other = desa[0], next(d for d in desa if d[:8] != desa[0][:8])
    user_add(username="siti", role="desa_operator", area_codes=[mine], regency="35.16")
    client.force_login(django_user_model.objects.get(username="siti"))
    page = client.get(f"/areas/{mine}/").content.decode()
    assert f"/worklists/?desa={mine}" in page
    assert client.get(f"/areas/{other}/").status_code == 404
    assert client.get(f"/areas/{mine[:8]}/").status_code == 404  # its kecamatan: not its own
    assert client.get("/areas/35.16/").status_code == 404
    assert client.get("/areas/<script>/").status_code == 404


def test_progress_to_the_target(client, demo_site):
    from cakupan.publish import current_publication, dashboard_read

    gap = dashboard_read(current_publication(demo_site.data_dir)).gap
    page = client.get("/progress/")
    html = page.content.decode()
    assert page.status_code == 200 and 'class="trend"' in html
    shown = re.search(r'data-testid="progress-gap">([\d.]+)<', html).group(1)
    assert int(shown.replace(".", "")) == gap.gap_persons > 0
    assert len(re.findall(r"<circle ", html)) >= 1


def test_the_forecast_range_is_drawn_on_the_chart():
    from cakupan_web.dashboard.presentation import trend_chart

    chart = trend_chart(
        [("2023-01-31", 0.28), ("2023-03-31", 0.30)], 0.6, width=640, height=220,
        forecast=("2023-12-31", 0.32, 0.34, 0.36),
    )  # fmt: skip
    ahead = chart["forecast"]
    assert ahead["x"] == 640 - 12 and chart["points"][-1]["x"] < ahead["x"]
    # The band opens from the last point to the range; higher values sit higher (smaller y).
    last = chart["points"][-1]
    xs_ys = [tuple(map(float, p.split(","))) for p in ahead["band"].split()]
    assert xs_ys[0] == (last["x"], last["y"])
    assert xs_ys[1][1] < ahead["y"] < xs_ys[2][1]
    assert trend_chart([("2023-01-31", 0.3)], 0.6)["forecast"] is None


def test_an_area_page_shows_its_lists_and_events(client, demo_site):
    from cakupan.publish import current_publication, dashboard_read

    dashboard = dashboard_read(current_publication(demo_site.data_dir))
    event = dashboard.events.rows[0]
    page = client.get(f"/areas/{event.desa_code}/").content.decode()
    assert 'id="events"' in page and f'<tr data-desa="{event.desa_code}">' in page
    kecamatan = event.desa_code.rsplit(".", 1)[0]
    page = client.get(f"/areas/{kecamatan}/").content.decode()
    assert 'id="segments"' in page and "data-segment=" in page


def test_the_map_downloads_as_a_picture(client, demo_site):
    response = client.get("/map.png?classes=quantile")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(response.content[16:20], "big")  # the IHDR chunk
    assert width == 1600 and len(response.content) > 20_000


def test_reports_download_within_the_readers_scope(client, demo_site, django_user_model):
    import io

    from pypdf import PdfReader

    from cakupan.publish import current_publication, dashboard_read
    from cakupan_web.accounts.services import user_add

    dashboard = dashboard_read(current_publication(demo_site.data_dir))
    mine, other = dashboard.kecamatan[0], dashboard.kecamatan[1]
    user_add(username="camat", role="kecamatan_operator", area_codes=[mine.area_code],
             regency="35.16")  # fmt: skip
    client.force_login(django_user_model.objects.get(username="camat"))
    page = client.get("/reports/").content.decode()
    period = re.search(r"period=(\d{4}Q\d)&amp;format=pdf", page).group(1)
    pdf = client.get(f"/reports/quarterly/?period={period}&format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert mine.name in text and other.name not in text
    xlsx = client.get(f"/reports/quarterly/?period={period}&format=xlsx&lang=en")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/reports/quarterly/?period=1999Q9").status_code == 400


def test_a_bank_downloads_its_own_kur_report(client, demo_site, django_user_model):
    import io

    import openpyxl

    from cakupan_web.accounts.services import user_add

    user_add(username="bni", role="partner", area_codes=[], partner="BNI", regency="35.16")
    client.force_login(django_user_model.objects.get(username="bni"))
    page = client.get("/reports/").content.decode()
    assert (
        'data-bank="BNI"' in page and 'data-bank="BRI"' not in page and 'id="kur-pdf"' not in page
    )
    period = re.search(r"period=(\d{4}Q\d)", page).group(1)
    book = client.get(f"/reports/kur/?period={period}&format=xlsx")  # its own bank by default
    sheets = openpyxl.load_workbook(io.BytesIO(book.content)).worksheets
    banks = [r[0] for r in sheets[0].iter_rows(min_row=2, values_only=True)]
    assert banks[:-1] == ["BNI"] and len(sheets) == 2
    assert client.get(f"/reports/kur/?period={period}&bank=BRI").status_code == 404


@pytest.fixture(scope="module")
def province_settings(tmp_path_factory):
    """A small synthetic Jawa Timur, built and published once for this module."""
    from cakupan.pipeline import build_demo
    from cakupan.settings import load_settings

    province = load_settings(
        data_dir=tmp_path_factory.mktemp("province"), environ={}, regency_code="35"
    )
    build_demo(province, people=12_000, seed=5)
    return province


def test_a_province_is_shown_by_regency_down_to_its_desa(client, settings, province_settings):
    from cakupan import areas
    from cakupan.publish import current_publication, dashboard_read

    # the pages name what is published, whatever the web process's own setting says
    settings.CAKUPAN = dataclasses.replace(province_settings, regency_code="35.16")
    data = dashboard_read(current_publication(province_settings.data_dir))
    assert len(data.kabupaten) == 38 and len(data.kecamatan) == 666
    # every active person is in a regency or unallocated, as in a regency's figures
    placed = sum(r.active_persons for r in data.kabupaten)
    assert placed + data.unallocated.active_persons == data.overview.active_persons
    assert placed == sum(r.active_persons for r in data.desa) > 0

    html = client.get("/").content.decode()
    assert "Provinsi Jawa Timur" in html and "Mojokerto</h1>" not in html
    assert "Cakupan per kabupaten/kota" in html
    assert 'data-testid="no-map"' in html and "/map.svg" not in html  # no map to download
    regencies = re.findall(r'<tr data-code="(35\.\d\d)"><td><a href="/areas/35\.\d\d/">', html)
    assert len(regencies) == 38 and "Kota Surabaya" in html

    page = client.get("/areas/35.16/")
    text = page.content.decode()
    assert page.status_code == 200 and "<h1>Kabupaten Mojokerto</h1>" in text
    assert len(re.findall(r'<tr data-code="35\.16\.\d\d"><td><a href="/areas/', text)) == 18
    kecamatan = client.get("/areas/35.16.12/").content.decode()
    assert (
        '<a href="/">Provinsi Jawa Timur</a> › <a href="/areas/35.16/">Kabupaten Mojokerto</a>'
        in kecamatan
    )
    desa = re.findall(r'<tr data-code="(35\.16\.12\.\d{4})">', kecamatan)
    assert sorted(desa) == [a.code for a in areas.children("35.16.12")]
    assert client.get("/areas/35/").status_code == 404  # the province is the dashboard


def test_a_regency_s_own_code_has_no_area_page(client, demo_site):
    assert client.get("/areas/35.16/").status_code == 404  # the dashboard is its page
