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
