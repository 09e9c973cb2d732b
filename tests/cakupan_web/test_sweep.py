"""Every URL, every role: what each user gets lies inside their scope (DHIS2-style sweep).

The URLs come from Django's resolver, so a new page without samples here fails the test
(``test_every_url_is_swept``). For each user of each role (and one with no scope), each
answer is read back: every desa and kecamatan code in it lies inside the user's scope,
every person row is theirs to see, no NIK outside their scope appears anywhere, masked roles
never get a whole NIK, an executive never gets a NIK or a name, and the user with no scope
gets nothing. Tampering (another area's code, another partner's list, another user's id)
answers 403 or 404.
"""

from __future__ import annotations

import csv
import io
import re
import uuid

import duckdb
import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cakupan.audit import audit_read, audit_verify
from cakupan.publish import current_publication
from cakupan.scope import Scope
from cakupan_web.scoping import scope_for_user

pytestmark = pytest.mark.django_db

DESA = re.compile(r"(?<![\d.])35\.16\.\d{2}\.\d{4}(?![\d])")
KECAMATAN = re.compile(r"(?<![\d.])35\.16\.\d{2}(?![\d.]|\.\d)")
NIK16 = re.compile(r"(?<!\d)\d{16}(?!\d)")

PUBLIC = {"login", "logout", "set_language", "accounts:setup", "accounts:setup_done"}


def _names(patterns, namespace="", prefix=""):
    """(namespaced name, full route) of every URL pattern the project has."""
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _names(p.url_patterns, p.namespace or namespace, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield (f"{namespace}:" if namespace else "") + str(p.name), prefix + str(p.pattern)


@pytest.fixture(scope="module")
def world(demo_build, demo_settings):
    """Codes the sweep needs, read from the published demo: two kecamatan with people to
    visit, a desa of the first, another desa of the same kecamatan, and every person's NIK
    with where they live and whose list they are on."""
    publication = current_publication(demo_settings.data_dir)
    con = duckdb.connect(str(publication), read_only=True)
    rows = con.sql("SELECT nik, desa_code, upper(partner) FROM worklist WHERE nik IS NOT NULL")
    persons = rows.fetchall()
    by_kecamatan = con.sql(
        "SELECT kecamatan_code, list(DISTINCT desa_code ORDER BY desa_code) FROM worklist "
        "WHERE segment IS NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 2"
    ).fetchall()
    partners = {p for (p,) in con.sql("SELECT DISTINCT upper(partner) FROM worklist").fetchall()}

    def key(where: str) -> str:
        return con.execute(f"SELECT min(person_key) FROM worklist WHERE {where}").fetchone()[0]

    (kec_a, desa_a), (kec_b, desa_b) = by_kecamatan
    keys = {
        "desa": key(f"segment IS NULL AND desa_code = '{desa_a[0]}'"),
        "desa_sibling": key(f"segment IS NULL AND desa_code = '{desa_a[1]}'"),
        "kec_b": key(f"segment IS NULL AND kecamatan_code = '{kec_b}'"),
        "BRI": key("partner = 'BRI'"),
        "BNI": key("partner = 'BNI'"),
    }
    con.close()
    assert {"BRI", "BNI"} <= partners
    return {
        "keys": keys,
        "kec_a": kec_a, "kec_b": kec_b, "desa": desa_a[0], "desa_sibling": desa_a[1],
        "desa_b": desa_b[0], "persons": persons,
    }  # fmt: skip


@pytest.fixture
def users(demo_site, world, django_user_model):
    from cakupan_web.accounts.services import user_add

    specs = {
        "admin": ("disnaker_admin", [], ""),
        "bupati": ("executive", [], ""),
        "op_a": ("kecamatan_operator", [world["kec_a"]], ""),
        "op_b": ("kecamatan_operator", [world["kec_b"]], ""),
        "op_desa": ("desa_operator", [world["desa"]], ""),
        "bri": ("partner", [], "BRI"),
        "bni": ("partner", [], "BNI"),
        "bpjs": ("bpjs_officer", [], ""),
    }
    made = {}
    for name, (role, areas, partner) in specs.items():
        user_add(username=name, role=role, area_codes=areas, partner=partner, regency="35.16")
        made[name] = django_user_model.objects.get(username=name)
    made["noscope"] = django_user_model.objects.create_user("noscope", password=None)
    return made


@pytest.fixture
def upload(users, world, demo_site):
    """A checked upload whose preview holds persons of the second kecamatan."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from cakupan_web.imports.services import UploadOptions, upload_create

    people = [p for p in world["persons"] if p[1] == world["desa_b"]][:5]
    lines = [
        "NAMA;NIK;DESA",
        *(f"Orang {i};{nik};{desa}" for i, (nik, desa, _) in enumerate(people)),
    ]
    made = upload_create(
        user=users["admin"], options=UploadOptions(source_type="segment", segment="SAPU"),
        upload=SimpleUploadedFile("sapu.csv", "\n".join(lines).encode()),
        data_dir=demo_site.data_dir, max_mib=demo_site.max_file_mib,
    )  # fmt: skip
    call_command("db_worker", batch=True, queue_name="checks", interval=0.1, verbosity=0)
    return made.id


def _samples(world, users, upload_id=None) -> dict[str, list[tuple[str, str]]]:
    """Requests to make for each named URL (method, path)."""
    desa, other = world["desa"], world["desa_b"]
    admin_id = users["admin"].pk
    mine = f"/imports/{upload_id or uuid.uuid4()}/"
    return {
        "dashboard": [("GET", "/"), ("GET", "/?classes=quantile")],
        "map_svg": [("GET", "/map.svg")],
        "map_png": [("GET", "/map.png")],
        "worklists:list": [
            ("GET", "/worklists/"),
            ("GET", f"/worklists/?desa={desa}"),
            ("GET", f"/worklists/?desa={world['desa_sibling']}"),
            ("GET", f"/worklists/?desa={other}"),
            ("GET", f"/worklists/?kecamatan={world['kec_a']}"),
            ("GET", f"/worklists/?kecamatan={world['kec_b']}&page=2"),
            ("GET", "/worklists/?segment=KUR"),
            ("GET", "/worklists/?partner=BRI"),
            ("GET", "/worklists/?partner=BNI"),
            ("GET", "/worklists/?mine=1"),
            ("GET", f"/worklists/?desa={desa}&age=25-34"),
        ],
        "worklists:export": [
            ("GET", f"/worklists/export/?desa={desa}&format=csv"),
            ("GET", f"/worklists/export/?desa={other}&format=xlsx"),
            ("GET", f"/worklists/export/?kecamatan={world['kec_b']}&format=csv"),
            ("GET", "/worklists/export/?segment=KUR&format=csv"),
            ("GET", "/worklists/export/?partner=BRI&format=xlsx"),
            ("GET", "/worklists/export/?partner=BNI&format=csv"),
        ],
        "areas:detail": [
            ("GET", f"/areas/{code}/")
            for code in (
                desa,
                other,
                world["desa_sibling"],
                world["kec_a"],
                world["kec_b"],
                "35.16",
            )
        ],
        "progress": [("GET", "/progress/")],
        "audit:list": [("GET", "/audit/")],
        "audit:download": [("GET", "/audit/download/")],
        "accounts:users": [("GET", "/accounts/users/")],
        "accounts:disable": [("POST", f"/accounts/users/{admin_id}/disable/")],
        "accounts:link": [("POST", f"/accounts/users/{admin_id}/link/")],
        "worklists:visit": [
            (method, f"/worklists/visit/{key}/")
            for key in world["keys"].values()
            for method in ("GET", "POST")
        ],
        "worklists:import": [("GET", "/worklists/import/"), ("POST", "/worklists/import/")],
        "worklists:assign": [("POST", "/worklists/assign/")],
        "jobs:list": [("GET", "/jobs/")],
        "jobs:detail": [("GET", f"/jobs/{uuid.uuid4()}/")],
        "jobs:refresh": [("POST", "/jobs/refresh/")],
        "reports:list": [("GET", "/reports/")],
        "accounts:token": [("GET", "/accounts/token/"), ("POST", "/accounts/token/")],
        "reports:kur": [
            ("GET", "/reports/kur/?period=2023Q1&format=xlsx"),
            ("GET", "/reports/kur/?period=2023Q1&format=xlsx&bank=BNI"),
        ],
        "reports:inpres": [("GET", "/reports/inpres/?year=2023&format=xlsx")],
        "reports:quarterly": [
            ("GET", "/reports/quarterly/?period=2023Q1&format=xlsx"),
            ("GET", "/reports/quarterly/?period=2023Q1&format=pdf"),
        ],
        "events:list": [
            ("GET", "/events/"),
            ("GET", "/events/?kind=payouts"),
            ("POST", "/events/"),
        ],
        "pledges:list": [("GET", "/pledges/"), ("POST", "/pledges/")],
        "pledges:detail": [("GET", f"/pledges/{n}/") for n in (1, 2, 3, 4, 999)],
        "pledges:batch": [("GET", f"/pledges/{n}/batch/?format=csv") for n in (1, 4)],
        "pledges:allocate": [("POST", "/pledges/allocate/")],
        "pledges:plan": [("POST", "/pledges/plan/")],
        "review:queue": [("GET", "/review/"), ("GET", "/review/?skip=3&source=participants")],
        "review:decide": [("POST", "/review/decide/")],
        "imports:start": [("GET", "/imports/"), ("POST", "/imports/")],
        "imports:history": [("GET", "/imports/history/")],
        "imports:detail": [("GET", mine), ("GET", f"/imports/{uuid.uuid4()}/")],
        "imports:rejected": [("GET", f"{mine}rejected/")],
        "imports:mapping": [("POST", f"{mine}mapping/")],
        "imports:discard": [("POST", f"/imports/{uuid.uuid4()}/discard/")],
        "imports:confirm": [("POST", f"/imports/{uuid.uuid4()}/confirm/")],
    }


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        sheets = []  # the first sheet as CSV (its rows are checked), then the others
        for sheet in book.worksheets:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            for row in sheet.iter_rows(values_only=True):
                writer.writerow(["" if v is None else str(v) for v in row])
            sheets.append(out.getvalue())
        return "\n".join(sheets)
    return content.decode("utf-8-sig", "replace")


def _rows(text: str, content_type: str) -> list[dict[str, str]]:
    """Person rows: table rows of a page (data-desa, data-partner) or lines of an export."""
    if content_type.startswith("text/html"):
        return [
            {"desa_code": d, "partner": p}
            for d, p in re.findall(r'<tr data-desa="([^"]*)" data-partner="([^"]*)">', text)
        ]
    first = text.split("\n\n", 1)[0]  # an XLSX's first sheet; its other sheets follow
    if "desa_code" in first.splitlines()[0] if first else False:
        return list(csv.DictReader(io.StringIO(first)))
    return []


def _check(name: str, scope: Scope | None, method: str, path: str, response, world) -> None:
    where = f"{name} {method} {path} -> {response.status_code}"
    status = response.status_code
    assert status < 500, where
    text = _text(response) if status == 200 else response.content.decode("utf-8", "replace")
    typed = set(DESA.findall(path)) | set(KECAMATAN.findall(path))  # echoed input: no leak
    if scope is None:  # no scope: nothing at all
        assert status in (302, 403, 404), where
        assert not set(DESA.findall(text)) - typed and not NIK16.findall(text), where
        return
    if not scope.regency:
        for code in set(DESA.findall(text)) - typed:
            assert scope.covers(code) or _partner_row_code(scope, code, text), (where, code)
        for code in set(KECAMATAN.findall(text)) - typed:
            inside = scope.covers(code) or any(a.startswith(code + ".") for a in scope.areas)
            assert inside or scope.partners, (where, code)
    rows = _rows(text, response.get("Content-Type", "")) if status == 200 else []
    for row in rows:
        if scope.partners:
            assert (row.get("partner") or "").upper() in scope.partners, (where, row)
        elif not scope.regency:
            assert scope.covers(row.get("desa_code")), (where, row)
    if not scope.persons:
        assert not rows and 'class="nik"' not in text, where
    if not scope.full_nik or not scope.persons:
        assert not NIK16.findall(text), (where, NIK16.findall(text)[:3])
    visible = set(NIK16.findall(text))
    for nik, desa, partner in world["persons"]:
        if nik in visible:
            inside = scope.covers(desa) or (partner or "") in scope.partners
            assert inside, (where, "a person outside the scope", desa)


def _partner_row_code(scope: Scope, code: str, text: str) -> bool:
    """A partner sees its own people wherever they live: a desa code is allowed on a row of
    its list only."""
    if not scope.partners:
        return False
    return all(p in scope.partners for p in re.findall(r'data-partner="([^"]*)"', text)) or (
        "partner" in text.splitlines()[0]
    )


def test_every_url_is_swept(users, world):
    samples = _samples(world, users)
    for name, route in _names(get_resolver().url_patterns):
        if name.startswith("admin:"):
            continue  # Django's admin: staff only, swept by test_admin_is_staff_only
        if name.startswith("api:"):
            continue  # token-authenticated: tests/cakupan_web/test_api.py (scopes, contract)
        assert name in samples or name in PUBLIC, f"no sweep samples for {name} ({route})"


def test_each_user_gets_only_their_scope(client, users, world, demo_settings, upload):
    samples = _samples(world, users, upload)
    keys = world["keys"]
    expected_refusals = {
        # (user, path fragment): the request is tampering and must be refused
        ("op_a", f"desa={world['desa_b']}"), ("op_a", f"kecamatan={world['kec_b']}"),
        ("op_b", f"desa={world['desa']}"), ("op_b", f"kecamatan={world['kec_a']}"),
        ("op_desa", f"desa={world['desa_sibling']}"), ("op_desa", f"desa={world['desa_b']}"),
        ("op_desa", f"kecamatan={world['kec_a']}"), ("op_desa", f"kecamatan={world['kec_b']}"),
        ("bri", "partner=BNI"), ("bni", "partner=BRI"),
        ("bri", f"desa={world['desa']}"), ("bri", f"kecamatan={world['kec_b']}"),
        ("op_a", f"visit/{keys['kec_b']}/"), ("op_b", f"visit/{keys['desa']}/"),
        ("op_desa", f"visit/{keys['desa_sibling']}/"), ("op_desa", f"visit/{keys['kec_b']}/"),
        ("bri", f"visit/{keys['BNI']}/"), ("bni", f"visit/{keys['BRI']}/"),
        ("bri", f"visit/{keys['desa']}/"),
        ("op_a", f"areas/{world['kec_b']}/"), ("op_a", f"areas/{world['desa_b']}/"),
        ("op_b", f"areas/{world['kec_a']}/"), ("op_desa", f"areas/{world['kec_a']}/"),
        ("op_desa", f"areas/{world['desa_sibling']}/"), ("bri", f"areas/{world['desa']}/"),
        ("bni", f"areas/{world['kec_b']}/"),
    }  # fmt: skip
    for name, user in users.items():
        client.force_login(user)
        scope = scope_for_user(user)
        for method, path in (s for group in samples.values() for s in group):
            if path.startswith("/accounts/users/") and name == "admin":
                continue  # the admin disabling or relinking themselves: its own test
            response = client.post(path) if method == "POST" else client.get(path)
            _check(name, scope, method, path, response, world)
            if any(name == u and fragment in path for u, fragment in expected_refusals):
                assert response.status_code == 404, (name, path, response.status_code)
        client.logout()


def test_roles_get_what_their_work_needs(client, users, world, upload):
    def get(user, path):
        client.force_login(users[user])
        response = client.get(path)
        client.logout()
        return response

    desa = world["desa"]
    # A desa operator visits people: whole NIKs of its desa; a kecamatan operator: masked.
    page = get("op_desa", f"/worklists/?desa={desa}").content.decode()
    assert NIK16.findall(page) and 'data-desa="' in page
    page = get("op_a", f"/worklists/?desa={desa}").content.decode()
    assert 'data-desa="' in page and not NIK16.findall(page) and "********" in page
    # An executive: counts per desa, never a person; rows are refused.
    page = get("bupati", "/worklists/").content.decode()
    assert 'data-code="' in page and 'data-desa="' not in page
    assert get("bupati", f"/worklists/?desa={desa}").status_code == 200
    assert 'data-desa="' not in get("bupati", f"/worklists/?desa={desa}").content.decode()
    assert get("bupati", f"/worklists/export/?desa={desa}&format=csv").status_code == 403
    # A partner's list is its own without asking; the dashboard shows no area of the map.
    page = get("bri", "/worklists/").content.decode()
    partners = set(re.findall(r'data-partner="([^"]*)"', page))
    assert partners == {"BRI"}
    assert 'data-code="' not in get("bri", "/").content.decode()
    # Loading data: admins and BPJS officers; an officer's preview is masked.
    page = get("admin", "/imports/").content.decode()
    upload_id = re.search(r'href="/imports/([0-9a-f-]{36})/"', page)
    for user in ("op_a", "op_desa", "bupati", "bri", "noscope"):
        assert get(user, "/imports/").status_code == 403
    assert get("bpjs", "/imports/history/").status_code == 200
    if upload_id:
        assert get("bpjs", f"/imports/{upload_id[1]}/").status_code == 200
    # Admin-only pages.
    for user in ("op_a", "bupati", "bri", "bpjs", "noscope"):
        assert get(user, "/audit/").status_code == 403
        assert get(user, "/accounts/users/").status_code == 403


def test_views_and_exports_are_audited(client, users, world, demo_settings):
    data_dir = demo_settings.data_dir
    before = len(audit_read(data_dir))
    client.force_login(users["op_a"])
    assert client.get(f"/worklists/?desa={world['desa']}").status_code == 200
    export = client.get(f"/worklists/export/?kecamatan={world['kec_a']}&format=csv")
    assert export.status_code == 200
    written = len(list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))))
    view, exported = audit_read(data_dir)[before:]
    assert (view.by, view.action, view.scope) == ("op_a", "view", world["kec_a"])
    assert view.persons > 0 and f"desa={world['desa']}" in view.what
    assert (exported.action, exported.persons) == ("export", written)
    assert audit_verify(data_dir).intact
    # The admin reads and downloads it; nobody can change it from the product.
    client.force_login(users["admin"])
    page = client.get("/audit/").content.decode()
    assert "op_a" in page and 'data-testid="chain"' in page
    download = client.get("/audit/download/").content.decode("utf-8-sig")
    assert download.splitlines()[0].startswith("at,by,action,scope,what,persons")
    for method in ("post", "put", "delete"):
        assert getattr(client, method)("/audit/").status_code in (403, 405)


def test_admin_is_staff_only(client, users):
    public = {"admin:login", "admin:logout"}  # the admin's own sign-in and sign-out
    paths = [
        "/" + re.sub(r"<[^>]+>", "1", route).replace("^", "").replace("$", "")
        for name, route in _names(get_resolver().url_patterns)
        if name.startswith("admin:") and "(?P" not in route and name not in public
    ]
    assert len(paths) > 20
    for name, user in users.items():
        client.force_login(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, (name, path)
            if name != "admin":
                assert response.status_code in (302, 403, 404), (name, path)
                if response.status_code == 302:
                    assert "/admin/login/" in response["Location"] or "logout" in path
        client.logout()


def test_tampered_ids_are_refused(client, users):
    client.force_login(users["op_a"])
    target = users["bri"].pk
    assert client.post(f"/accounts/users/{target}/disable/").status_code == 403
    assert client.post("/jobs/refresh/").status_code == 403
    users["bri"].refresh_from_db()
    assert users["bri"].is_active
    client.force_login(users["admin"])
    assert client.post("/accounts/users/999999/disable/").status_code == 404
    assert client.post(f"/accounts/users/{users['admin'].pk}/disable/").status_code == 400
