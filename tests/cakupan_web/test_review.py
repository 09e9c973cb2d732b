"""The review queue in the browser: one pair at a time with its evidence; decisions are
recorded at once and applied by one job that re-matches and publishes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cakupan.matching.queue import review_page
from cakupan.publish import current_publication
from cakupan.scope import Scope
from cakupan.warehouse import Warehouse
from cakupan_web.review.models import ReviewDecision


def _pending(site) -> int:
    page = review_page(current_publication(site), scope=Scope.whole_regency("t"), data_dir=site)
    return page.total


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_decides_pairs_and_the_job_applies_them(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    total = _pending(site)
    assert total >= 2, "the demo leaves pairs to review"
    page = client.get("/review/").content.decode()
    assert f'data-total="{total}"' in page and 'id="accept"' in page
    assert page.count('<tr data-field="') == 6  # name, birth date, NIK, area, sex, birth place
    first = page.split('data-pair="', 1)[1].split('"', 1)[0]
    response = client.post("/review/decide/", {"pair": first, "decision": "accepted"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    second = page.split('data-pair="', 1)[1].split('"', 1)[0]
    assert second != first and f'data-total="{total - 1}"' in page  # hidden once decided
    # Skip shows the next one without deciding.
    skipped = client.get("/review/?skip=1").content.decode()
    assert skipped.split('data-pair="', 1)[1].split('"', 1)[0] != second
    client.post("/review/decide/", {"pair": second, "decision": "rejected"})
    assert ReviewDecision.objects.filter(applied_at__isnull=True).count() == 2
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)
    assert ReviewDecision.objects.filter(applied_at__isnull=True).count() == 0
    assert _pending(site) == total - 2  # published again without them
    with Warehouse(site / "warehouse.duckdb", read_only=True) as wh:
        rows = wh.query("SELECT decision, decided_by FROM review_decision")
    decided = {r["decision"]: r["decided_by"] for r in rows}
    assert decided == {"accepted": "admin", "rejected": "admin"}


@pytest.mark.django_db
def test_a_pair_outside_the_queue_and_other_roles_are_refused(client, site, django_user_model):
    from cakupan_web.accounts.services import user_add

    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    assert (
        client.post("/review/decide/", {"pair": "0123456789", "decision": "accepted"}).status_code
        == 404
    )
    page = client.get("/review/")
    pair = page.content.decode().split('data-pair="', 1)[1].split('"', 1)[0]
    assert client.post("/review/decide/", {"pair": pair, "decision": "maybe"}).status_code == 400
    user_add(username="camat", role="kecamatan_operator", area_codes=["35.16.05"], regency="35.16")
    client.force_login(django_user_model.objects.get(username="camat"))
    assert client.get("/review/").status_code == 403
    assert client.post("/review/decide/", {"pair": pair, "decision": "accepted"}).status_code == 403
    assert not ReviewDecision.objects.exists()


@pytest.mark.django_db
def test_a_visit_reporting_a_member_is_checked_against_the_extract(client, site, django_user_model):
    import duckdb
    from django_scopes import scopes_disabled

    from cakupan_web.worklists.models import Visit

    con = duckdb.connect(str(current_publication(site)), read_only=True)
    person, desa = con.execute(
        "SELECT person_key, desa_code FROM worklist WHERE segment IS NULL "
        "ORDER BY person_key LIMIT 1"
    ).fetchone()
    (other_kpj,) = con.execute(  # a member who is someone else (not a lapsed one of hers)
        "SELECT kpj FROM participant_kpj WHERE person_key IS NOT NULL AND person_key <> ? "
        "ORDER BY kpj LIMIT 1",
        [person],
    ).fetchone()
    con.close()
    admin = django_user_model.objects.create_superuser("admin", password="x-9Lp2q!")
    with scopes_disabled():
        for kpj in (other_kpj, "99999999999", ""):
            Visit.objects.create(
                person_key=person, desa_code=desa, outcome="already_member", kpj=kpj,
                visited_on="2023-03-01", recorded_by=admin,
            )  # fmt: skip
    client.force_login(admin)
    page = client.get("/review/").content.decode()
    assert 'id="claims"' in page
    findings = [f for f in ("other", "absent", "no_kpj") if f'data-finding="{f}"' in page]
    assert findings == ["other", "absent", "no_kpj"]


def _model_levels() -> set[str]:
    from cakupan.matching.model import _settings

    settings = _settings().create_settings_dict("duckdb")
    return {
        level["label_for_charts"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
    }


def test_every_level_of_the_model_is_said_in_plain_words_in_both_languages():
    from django.utils import translation

    from cakupan_web.review.levels import LEVEL_TEXT, level_text

    levels = _model_levels()
    assert levels <= set(LEVEL_TEXT), sorted(levels - set(LEVEL_TEXT))
    for label in levels:
        with translation.override("en"):
            english = level_text(label)
        with translation.override("id"):
            indonesian = level_text(label)
        assert "_" not in english and "NULL" not in english and "Jaro" not in english, label
        assert indonesian != english, label  # translated, not left in English


@pytest.mark.django_db
def test_the_review_page_says_the_levels_in_indonesian(client, site, django_user_model):
    from cakupan_web.review.levels import LEVEL_TEXT

    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    page = client.get("/review/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    cells = [row.split("</td><td>", 1)[1].split("</td>", 1)[0] for row in
             page.split('<tr data-field="')[1:]]  # fmt: skip
    assert len(cells) == 6 and not set(cells) & set(LEVEL_TEXT)  # no Splink label shown
    assert any(c in ("nama sama", "tanggal lahir sama", "NIK sama", "desa sama") for c in cells)
