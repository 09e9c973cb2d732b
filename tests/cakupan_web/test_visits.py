"""Work-list follow-up: officers record visits; records are scoped with django-scopes."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from cakupan.publish import current_publication
from cakupan_web.worklists.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(demo_site):
    con = duckdb.connect(str(current_publication(demo_site.data_dir)), read_only=True)
    rows = con.sql(
        "SELECT kecamatan_code, desa_code, min(person_key), max(person_key) FROM worklist "
        "WHERE segment IS NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 2"
    ).fetchall()
    con.close()
    (kec_a, desa_a, first, second), (kec_b, desa_b, other, _) = rows
    return {"kec_a": kec_a, "desa": desa_a, "person": first, "person2": second,
            "kec_b": kec_b, "desa_b": desa_b, "other": other}  # fmt: skip


@pytest.fixture
def login(client, place):
    from django.contrib.auth import get_user_model

    from cakupan_web.accounts.services import user_add

    made = {}
    for name, role, areas in (
        ("siti", "desa_operator", [place["desa"]]),
        ("op_a", "kecamatan_operator", [place["kec_a"]]),
        ("op_b", "kecamatan_operator", [place["kec_b"]]),
        ("bupati", "executive", []),
    ):
        user_add(username=name, role=role, area_codes=areas, regency="35.16")
        made[name] = get_user_model().objects.get(username=name)

    def as_user(name):
        client.force_login(made[name])
        return client

    return as_user


def test_a_visit_is_recorded_and_shown(login, place):
    client = login("siti")
    form = client.get(f"/worklists/visit/{place['person']}/")
    assert form.status_code == 200 and 'name="outcome"' in form.content.decode()
    # A refusal without its reason is explained, and nothing is lost.
    refused = client.post(
        f"/worklists/visit/{place['person']}/",
        {"outcome": "refused", "visited_on": dt.date.today().isoformat(), "note": "sore hari"},
    )
    assert refused.status_code == 400 and "alasan" in refused.content.decode()
    assert "sore hari" in refused.content.decode()
    saved = client.post(
        f"/worklists/visit/{place['person']}/",
        {"outcome": "registered", "visited_on": dt.date.today().isoformat(),
         "kpj": "23051234567", "payer": "APBDes"},
    )  # fmt: skip
    assert saved.status_code == 302 and f"desa={place['desa']}" in saved["Location"]
    page = client.get(saved["Location"]).content.decode()
    assert 'data-outcome="registered"' in page and 'data-testid="recorded"' in page
    with scopes_disabled():
        visit = Visit.objects.get()
    assert (visit.desa_code, visit.kpj, visit.recorded_by.username) == (
        place["desa"], "23051234567", "siti",
    )  # fmt: skip
    assert len(visit.nik) == 16  # kept to confirm the registration, never shown
    # Progress per desa: one visited, one registered, not confirmed yet (pending).
    counts = client.get("/worklists/").content.decode()
    assert "1 (0)" in counts


def test_visits_stay_inside_their_scope(login, place, django_user_model):
    client = login("siti")
    client.post(
        f"/worklists/visit/{place['person']}/",
        {"outcome": "not_found", "visited_on": dt.date.today().isoformat()},
    )
    # Another kecamatan's operator: neither the person nor the record.
    other = login("op_b")
    assert other.get(f"/worklists/visit/{place['person']}/").status_code == 404
    assert (
        other.post(
            f"/worklists/visit/{place['person']}/",
            {"outcome": "died", "visited_on": dt.date.today().isoformat()},
        ).status_code
        == 404
    )
    with scope(desa=[place["desa_b"]], partner=None):
        assert Visit.objects.count() == 0
    with scope(desa=[place["desa"]], partner=None):
        assert Visit.objects.count() == 1
    # No scope active: the query refuses to run.
    with pytest.raises(ScopeError):
        Visit.objects.count()
    # An executive records nothing and sees no person.
    assert login("bupati").get(f"/worklists/visit/{place['person']}/").status_code == 403


def test_a_registration_is_confirmed_when_the_person_leaves_the_list(login, place):
    client = login("siti")
    from django.contrib.auth import get_user_model

    siti = get_user_model().objects.get(username="siti")
    with scopes_disabled():
        # A person registered on a visit, whom the latest extract shows as a member: no
        # longer on any work list of the publication.
        Visit.objects.create(
            person_key="R-gone", nik="3516000000000009", desa_code=place["desa"],
            outcome="registered", visited_on=dt.date.today(), kpj="23050000001",
            recorded_by=siti,
        )  # fmt: skip
    counts = client.get("/worklists/").content.decode()
    assert "1 (1)" in counts


def test_a_filled_work_list_comes_back(login, place, tmp_path):
    import io

    import openpyxl

    client = login("siti")
    download = client.get(f"/worklists/export/?desa={place['desa']}&format=xlsx")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    sheet = book["daftar kerja"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    keys = {sheet.cell(row, col["person_key"]).value: row for row in range(2, sheet.max_row + 1)}
    first, second = place["person"], place["person2"]
    today = dt.date.today()
    sheet.cell(keys[first], col["outcome"], "tidak ditemukan")
    sheet.cell(keys[first], col["visited_on"], today)
    sheet.cell(keys[second], col["outcome"], "menolak")
    sheet.cell(keys[second], col["visited_on"], today)  # no reason: left out, explained
    out = tmp_path / "terisi.xlsx"
    book.save(out)
    # Meanwhile someone records the first person's visit in the web: a conflict.
    client.post(f"/worklists/visit/{first}/", {"outcome": "died", "visited_on": today})
    with out.open("rb") as handle:
        response = client.post("/worklists/import/", {"file": handle})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-recorded="0"' in html and 'data-conflicts="1"' in html
    assert 'data-findings="1"' in html and "visit.reason_required" in html
    assert "tuliskan alasannya" in html  # in the page's language
    # The same file without the conflicting row records the refusal once it has its reason.
    sheet.cell(keys[first], col["outcome"], None)
    sheet.cell(keys[second], col["reason"], "belum ada uang")
    book.save(out)
    with out.open("rb") as handle:
        html = client.post("/worklists/import/", {"file": handle}).content.decode()
    assert 'data-recorded="1"' in html and 'data-findings="0"' in html
    with scopes_disabled():
        assert Visit.objects.get(person_key=second).reason == "belum ada uang"


def test_the_web_offers_the_library_s_outcomes():
    from cakupan import followup
    from cakupan_web.worklists.models import OUTCOMES

    assert [code for code, _ in OUTCOMES] == list(followup.OUTCOMES)


def test_an_operator_assigns_visits_to_a_desa_officer(login, place, django_user_model):
    siti = django_user_model.objects.get(username="siti")
    op_b = django_user_model.objects.get(username="op_b")
    client = login("op_a")
    page = client.get(f"/worklists/?desa={place['desa']}").content.decode()
    assert f'<option value="{siti.pk}">siti' in page and f'value="{op_b.pk}"' not in page
    back = f"/worklists/?desa={place['desa']}"
    done = client.post("/worklists/assign/", {
        "officer": siti.pk, "person": [place["person"], place["person2"]], "next": back,
    })  # fmt: skip
    assert done.status_code == 302 and done["Location"] == back + "&assigned=2"
    # An officer of another kecamatan is not offered, and cannot be forced in.
    refused = client.post("/worklists/assign/", {"officer": op_b.pk, "person": place["person"]})
    assert refused.status_code == 404
    # Nobody outside the assigner's scope can be assigned.
    outside = client.post("/worklists/assign/", {"officer": siti.pk, "person": place["other"]})
    assert outside.status_code == 404
    # Siti sees what is hers to visit.
    mine = login("siti").get("/worklists/?mine=1").content.decode()
    assert mine.count('data-desa="') == 2 and mine.count('data-assigned="siti"') == 2
    # A desa operator does not assign; an open redirect is not followed.
    assert login("siti").post("/worklists/assign/", {"officer": siti.pk}).status_code == 403
    evil = login("op_a").post("/worklists/assign/", {
        "officer": siti.pk, "person": place["person"], "next": "https://evil.example/",
    })  # fmt: skip
    assert evil["Location"].startswith("/worklists/?assigned=1")


def test_an_upload_too_large_is_refused_before_it_is_stored(login, place, settings):
    import dataclasses
    import io

    settings.CAKUPAN = dataclasses.replace(settings.CAKUPAN, max_file_mib=1)
    big = io.BytesIO(b"x" * (1024 * 1024 + 10))
    big.name = "besar.xlsx"
    response = login("siti").post("/worklists/import/", {"file": big})
    assert response.status_code == 413 and "followup.too_large" in response.content.decode()


def test_a_work_list_is_sorted_as_the_officer_chooses(login, place):
    import re

    client = login("siti")
    by_age = client.get(f"/worklists/?desa={place['desa']}&order=oldest").content.decode()
    born = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td><td>\d*/", by_age)
    assert born and born == sorted(born)
    by_route = client.get(f"/worklists/?desa={place['desa']}&order=address").content.decode()
    rw_rt = re.findall(r"<td>(\d*)/(\d*)</td><td>35\.", by_route)
    assert [(rw, rt) for rt, rw in rw_rt] == sorted((rw, rt) for rt, rw in rw_rt)
    assert client.get(f"/worklists/?desa={place['desa']}&order=random").status_code == 400


def test_a_filled_csv_comes_back_with_its_conflicts(login, place, tmp_path):
    import csv
    import io

    client = login("siti")
    download = client.get(f"/worklists/export/?desa={place['desa']}&format=csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert {"outcome", "visited_on", "exported_at"} <= set(rows[0]) and rows[0]["exported_at"]
    today = dt.date.today().isoformat()
    for row in rows:
        if row["person_key"] in (place["person"], place["person2"]):
            row.update(outcome="tidak ditemukan", visited_on=today)
    # Meanwhile someone records the first person's visit in the web: a conflict.
    client.post(f"/worklists/visit/{place['person']}/", {"outcome": "died", "visited_on": today})
    out = tmp_path / "terisi.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with out.open("rb") as handle:
        html = client.post("/worklists/import/", {"file": handle}).content.decode()
    assert 'data-recorded="1"' in html and 'data-conflicts="1"' in html


def test_a_page_far_beyond_the_list_is_explained(login, place):
    client = login("siti")
    answer = client.get(f"/worklists/?desa={place['desa']}&page=184467440737095516")
    assert answer.status_code == 400 and "worklist.bad_page" in answer.content.decode()
