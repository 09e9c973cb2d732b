"""The dashboard in a real headless Chromium (Debian's), driven by Playwright."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (make browser)"),
]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser.new_page(viewport={"width": 1400, "height": 1800})
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_map_and_tables_render(page, live_server, demo_site, tmp_path):
    page.goto(live_server.url + "/")
    assert page.locator("svg.choropleth path").count() == 304
    assert page.locator("#kecamatan tbody tr").count() == 18
    ucj = page.get_by_test_id("ucj").inner_text()
    assert ucj.endswith("%")
    box = page.locator("svg.choropleth").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    # Desa are coloured by coverage; grey only where a tiny demo left a desa without workers.
    fills = page.eval_on_selector_all(
        "svg.choropleth path", "els => els.map(e => e.getAttribute('fill'))"
    )
    assert len(set(fills)) >= 4
    assert fills.count("#cccccc") <= 10
    page.get_by_role("button", name="EN").click()
    page.wait_for_selector("text=Coverage by kecamatan")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_desa_operator_on_a_phone(live_server, demo_site):
    """Signs in with the form, sees its desa on the map and its people in the work list."""
    import re

    import duckdb
    from playwright.sync_api import sync_playwright

    from cakupan.publish import current_publication
    from cakupan_web.accounts.services import user_add, user_set_password

    con = duckdb.connect(str(current_publication(demo_site.data_dir)), read_only=True)
    (desa,) = con.execute(
        "SELECT desa_code FROM worklist WHERE segment IS NULL GROUP BY ALL "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    user_add(username="siti", role="desa_operator", area_codes=[desa], regency="35.16")
    user_set_password(username="siti", password="sate-ayam-ponorogo-77")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone.goto(live_server.url + "/login/")
        phone.fill("input[name=username]", "siti")
        phone.fill("input[name=password]", "sate-ayam-ponorogo-77")
        phone.locator("form button[type=submit]").last.click()
        phone.wait_for_selector("svg.choropleth")
        codes = phone.eval_on_selector_all(
            "svg.choropleth path[data-code]", "els => els.map(e => e.dataset.code)"
        )
        assert codes == [desa]  # the other desa are outlines without a code or a figure
        # Its desa on the map opens the desa's page, and from there its work list.
        phone.locator(f'svg.choropleth path[data-code="{desa}"]').click()
        phone.wait_for_selector("#area")
        assert phone.locator("#area").get_attribute("data-code") == desa
        phone.get_by_role("link", name=re.compile("Buka daftar kerja")).click()
        rows = phone.locator("#persons tbody tr")
        rows.first.wait_for()
        assert {rows.nth(i).get_attribute("data-desa") for i in range(rows.count())} == {desa}
        assert re.fullmatch(r"\d{16}", rows.first.locator("td.nik").inner_text())
        # A visit recorded from the phone shows on the list.
        rows.first.get_by_role("link", name="Catat").click()
        phone.wait_for_selector("form.visit")
        phone.check("input[name=outcome][value=refused]")
        phone.fill("input[name=reason]", "sudah ikut asuransi lain")
        phone.get_by_role("button", name="Simpan").click()
        phone.wait_for_selector('[data-testid="recorded"]')
        assert phone.locator('[data-outcome="refused"]').count() == 1
        other = phone.goto(live_server.url + "/worklists/?desa=35.16.01.2001")
        assert other is not None and other.status == 404
        browser.close()
