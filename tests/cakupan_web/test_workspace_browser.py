"""The workspace in a real Chromium (Debian's), driven as each role would: the walkthrough
of docs/walkthrough.md, a messy file loaded from the browser, the review queue from the
keyboard, and an accessibility check (axe-core, WCAG 2.1 AA) of every main page.

``CAKUPAN_SCREENSHOTS=DIR`` also saves each main page, desktop and phone width, in DIR
(``make screenshots`` writes docs/screenshots/)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from cakupan.publish import current_publication

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (make browser)"),
]
PASSWORD = "sate-ayam-ponorogo-77"
SHOTS = os.environ.get("CAKUPAN_SCREENSHOTS")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of a test (and
    # of the worker it runs) are still synchronous (pytest-playwright's advice for Django).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield chromium
        chromium.close()
        # The ORM calls made while Playwright's loop runs have a connection of their own
        # (Django's connections are per thread and per async context): closed here, in that
        # context, or PostgreSQL's test database could not be dropped at the end.
        from django.db import connections

        connections.close_all()


def sign_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(url + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.locator("header form.inline button[type=submit]").click()
    page.wait_for_load_state()


def busiest_desa(data_dir: Path) -> str:
    import duckdb

    con = duckdb.connect(str(current_publication(data_dir)), read_only=True)
    (desa,) = con.execute(
        "SELECT desa_code FROM worklist WHERE segment IS NULL GROUP BY ALL "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    return desa


def visited(page, desa: str) -> int:
    return int(page.locator(f'#counts tr[data-code="{desa}"] td.visited').inner_text())


@pytest.mark.django_db(transaction=True)
def test_walkthrough_admin_adds_an_operator_who_records_a_visit(browser, live_server, demo_site):
    """docs/walkthrough.md, step by step."""
    from cakupan_web.accounts.services import user_create_admin

    user_create_admin(username="admin", password=PASSWORD)  # as `make demo` prints it
    desa = busiest_desa(demo_site.data_dir)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    url = live_server.url
    # 1. The admin signs in and adds a desa operator.
    sign_in(page, url, "admin")
    page.get_by_role("link", name="Pengguna", exact=True).click()
    page.fill("input[name=username]", "siti")
    page.select_option("select[name=role]", "desa_operator")
    page.fill("input[name=areas]", desa)
    page.get_by_role("button", name="Tambah", exact=True).click()
    link = page.locator('[data-testid="setup-link"] code.link').inner_text().strip()
    assert "/accounts/setup/" in link
    sign_out(page)
    # 2. The operator opens the one-time link and chooses a password.
    page.goto(link if link.startswith("http") else url + link)
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_load_state()
    # 3. The operator signs in, opens the work list and sees the desa's progress.
    sign_in(page, url, "siti")
    page.get_by_role("link", name="Daftar kerja", exact=True).click()
    assert page.locator("#counts tbody tr").count() == 1
    before = visited(page, desa)
    # 4. ... opens the desa's people and records a visit: registered, with KPJ and payer.
    page.locator(f'#counts tr[data-code="{desa}"] a').click()
    page.locator("#persons tbody tr").first.get_by_role("link", name="Catat").click()
    page.check("input[name=outcome][value=registered]")
    page.fill("input[name=kpj]", "26012345678")
    page.fill("input[name=payer]", "APBDes")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector('[data-testid="recorded"]')
    # 5. The progress figure changed.
    page.get_by_role("link", name="Daftar kerja", exact=True).click()
    assert visited(page, desa) == before + 1
    registered = page.locator(f'#counts tr[data-code="{desa}"] td.registered').inner_text()
    assert registered.startswith("1 ")  # pending until a participant extract confirms it


def _run_jobs(queue: str) -> None:
    call_command("db_worker", batch=True, queue_name=queue, interval=0.1, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_messy_file_loaded_from_the_browser_changes_the_figure(
    browser, live_server, site, demo_build, tmp_path
):
    from cakupan_web.accounts.services import user_create_admin
    from tests.cakupan_web.test_imports import messy_participants

    messy = tmp_path / "peserta-november.csv"
    messy.write_bytes(messy_participants(demo_build, current_publication(site)))
    user_create_admin(username="admin", password=PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "admin")
    before = page.get_by_test_id("ucj").inner_text()
    page.get_by_role("link", name="Muat data", exact=True).click()
    page.select_option("select[name=source_type]", "participants")
    page.set_input_files("input[name=file]", str(messy))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_selector('#upload[data-state="checking"]')
    _run_jobs("checks")
    page.wait_for_selector('#check[data-importable="0"]', timeout=15_000)  # the page refreshes
    # The number column is not recognised: map it, check again.
    page.select_option("select[name='col:kpj']", "NO. KEPESERTAAN BARU")
    page.get_by_role("button", name="Periksa lagi dengan pemetaan ini").click()
    _run_jobs("checks")
    page.wait_for_selector('#check[data-importable="1"]', timeout=15_000)
    assert page.locator('#findings tr[data-severity="error"]').count() >= 1
    page.locator("#confirm").click()
    page.wait_for_selector('#upload[data-state="importing"]')
    _run_jobs("default")
    page.wait_for_selector('#upload[data-state="imported"]', timeout=30_000)
    after = page.get_by_test_id("ucj-after").inner_text()
    page.get_by_role("link", name="Lihat angkanya").click()
    assert page.get_by_test_id("ucj").inner_text() == after != before


@pytest.mark.django_db(transaction=True)
def test_the_review_queue_is_worked_from_the_keyboard(browser, live_server, demo_site):
    from cakupan_web.accounts.services import user_add, user_set_password
    from cakupan_web.review.models import ReviewDecision

    user_add(username="bpjs", role="bpjs_officer", area_codes=[], regency="35.16")
    user_set_password(username="bpjs", password=PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "bpjs")
    page.get_by_role("link", name="Tinjauan", exact=True).click()
    page.wait_for_load_state()  # the keyboard script has run
    first = page.locator("#pair").get_attribute("data-pair")
    assert page.locator("#pair tr[data-field]").count() == 6
    page.keyboard.press("s")  # skip
    page.wait_for_selector(f'#pair:not([data-pair="{first}"])')
    page.wait_for_load_state()
    second = page.locator("#pair").get_attribute("data-pair")
    page.keyboard.press("a")  # the same person
    page.wait_for_selector("text=Tersimpan.")
    assert page.locator("#pair").get_attribute("data-pair") != second
    decision = ReviewDecision.objects.get()
    assert (decision.pair_id, decision.decision) == (second, "accepted")
    assert not re.search(r"\d{16}", page.content())  # NIKs masked for reviewers


@pytest.mark.django_db(transaction=True)
def test_an_admin_records_a_pledge_and_sees_whom_it_covers(browser, live_server, site):
    from cakupan_web.accounts.services import user_create_admin

    user_create_admin(username="admin", password=PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "admin")
    page.get_by_role("link", name="Pembiayaan", exact=True).click()
    page.fill("input[name=payer]", "Bank Jatim")
    page.select_option("select[name=payer_type]", "CSR")
    page.fill("input[name=budget]", "5000000")
    page.fill("input[name=area_code]", "35.16.05")
    page.get_by_role("button", name="Catat dan alokasikan").click()
    page.wait_for_selector('[data-testid="job-status"]')
    _run_jobs("default")
    page.goto(live_server.url + "/pledges/")
    row = page.locator("#pledges tbody tr", has_text="Bank Jatim")
    assert row.locator("td.persons").inner_text() == "24"
    row.get_by_role("link", name="Bank Jatim").click()
    assert page.locator("#batch-xlsx").count() == 1
    assert page.locator('tr[data-code^="35.16.05."]').count() >= 1


@pytest.mark.django_db(transaction=True)
def test_a_desa_operator_records_an_event_from_a_phone(browser, live_server, site):
    from cakupan_web.accounts.services import user_add, user_set_password

    user_add(username="siti", role="desa_operator", area_codes=["35.16.05.2001"], regency="35.16")
    user_set_password(username="siti", password=PASSWORD)
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    sign_in(phone, live_server.url, "siti")
    phone.get_by_role("link", name="Kegiatan", exact=True).click()
    phone.fill("input[name=date]", "2023-03-01")
    phone.fill("input[name=event_name]", "Sosialisasi di pasar desa")
    phone.select_option("select[name=venue_type]", "pasar")
    phone.fill("input[name=attendance]", "35")
    phone.get_by_role("button", name="Simpan").click()
    phone.wait_for_selector('[data-testid="recorded"]')
    assert phone.locator('#entries tr[data-state="waiting"]').count() == 1
    _run_jobs("default")
    phone.reload()
    assert phone.locator('#entries tr[data-state="applied"]').count() == 1
    assert phone.locator('#effects tr[data-desa="35.16.05.2001"]').count() >= 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"


MAIN_PAGES = {
    "dashboard": "/",
    "progress": "/progress/",
    "area": "/areas/{kecamatan}/",
    "worklists": "/worklists/",
    "worklist-desa": "/worklists/?desa={desa}",
    "visit": "/worklists/visit/{person}/",
    "imports": "/imports/",
    "history": "/imports/history/",
    "review": "/review/",
    "pledges": "/pledges/",
    "pledge": "/pledges/1/",
    "events": "/events/",
    "users": "/accounts/users/",
    "audit": "/audit/",
    "jobs": "/jobs/",
}


@pytest.mark.django_db(transaction=True)
def test_main_pages_pass_an_accessibility_check(browser, live_server, demo_site):
    """axe-core (WCAG 2.1 A and AA rules) finds no serious or critical violation on any main
    page, as an admin sees it, on a desktop and on a phone."""
    import duckdb
    from axe_playwright_python.sync_playwright import Axe

    from cakupan_web.accounts.services import user_create_admin

    user_create_admin(username="admin", password=PASSWORD)
    desa = busiest_desa(demo_site.data_dir)
    con = duckdb.connect(str(current_publication(demo_site.data_dir)), read_only=True)
    (person,) = con.execute(
        "SELECT min(person_key) FROM worklist WHERE desa_code = ?", [desa]
    ).fetchone()
    con.close()
    values = {"desa": desa, "kecamatan": desa.rsplit(".", 1)[0], "person": person}
    axe = Axe()
    problems = []
    for width, height, mobile in ((1280, 900, False), (390, 844, True)):
        page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=mobile)
        if width == 1280:
            page.goto(live_server.url + "/login/")
            _axe(axe, page, "login", problems)
        sign_in(page, live_server.url, "admin")
        for name, path in MAIN_PAGES.items():
            response = page.goto(live_server.url + path.format(**values))
            assert response is not None and response.status == 200, (name, path)
            if width == 1280:
                _axe(axe, page, name, problems)
            if SHOTS:
                suffix = "phone" if mobile else "desktop"
                tall = min(page.evaluate("document.documentElement.scrollHeight"), 1800)
                page.screenshot(
                    path=str(Path(SHOTS) / f"{name}-{suffix}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": tall},
                )  # fmt: skip
        page.close()
    assert not problems, "\n".join(problems)
    if SHOTS:  # the quarterly report's pages, as printed
        import datetime as dt

        from cakupan.reports import Period, quarterly_report
        from cakupan.reports.render import quarterly_pages
        from cakupan.scope import Scope

        publication = current_publication(demo_site.data_dir)
        as_of = dt.date.fromisoformat(str(demo_site_as_of(publication))[:10])
        report = quarterly_report(
            publication, scope=Scope.whole_regency("docs"), period=Period.of(as_of)
        )
        for number, png in enumerate(quarterly_pages(report, ppi=72), start=1):
            (Path(SHOTS) / f"report-quarterly-page{number}.png").write_bytes(png)


def demo_site_as_of(publication: Path) -> str:
    from cakupan.publish import dashboard_read

    return dashboard_read(publication).gap.as_of


def _axe(axe, page, name: str, problems: list[str]) -> None:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    for violation in result.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            where = [n["target"] for n in violation["nodes"][:3]]
            problems.append(f"{name}: {violation['id']} ({violation['impact']}): {where}")
