"""The HTTP API: tokens, scopes exactly as in the web, the CLI's figures, a rate limit, and a
contract test (schemathesis) of every operation against the live OpenAPI document."""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from cakupan_cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(demo_site, django_user_model):
    from cakupan_web.api.models import ApiToken

    admin = django_user_model.objects.create_superuser("api-admin", password="x-9Lp2q!")
    return ApiToken.issue(admin)


def _get(client, path, token):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_no_token_no_answer(client, demo_site, token):
    assert client.get("/api/v1/coverage").status_code == 401
    assert _get(client, "/api/v1/coverage", "ckp_wrong").status_code == 401
    response = _get(client, "/api/v1/coverage", token)
    assert response.status_code == 200 and response.json()[0]["level"] == "regency"


@pytest.mark.parametrize("by", ["kecamatan", "desa", "segment"])
def test_the_api_s_figures_are_the_cli_s(client, demo_site, token, capsys, by):
    with pytest.raises(SystemExit):
        main(["coverage", "--by", by, "--json", "--data-dir", str(demo_site.data_dir)])
    cli = json.loads(capsys.readouterr().out)["rows"]
    api = _get(client, f"/api/v1/coverage?by={by}", token).json()

    def figures(rows):
        return sorted(
            (*(str(r.get(k) or "") for k in ("area_code", "segment", "partner", "list_key")),
             r["active_persons"], round(r["ucj"] or 0, 9))
            for r in rows
        )  # fmt: skip

    assert figures(cli) == figures(api) and len(api) > 1
    period = json.loads(_get(client, "/api/v1/gap", token).content)["as_of"][:7]
    with pytest.raises(SystemExit):
        main(["coverage", "--by", by, "--period", period, "--json", "--data-dir",
              str(demo_site.data_dir)])  # fmt: skip
    cli = json.loads(capsys.readouterr().out)["rows"]
    api = _get(client, f"/api/v1/coverage?by={by}&period={period}", token).json()
    assert figures(cli) == figures(api)


def test_a_desa_operator_reads_its_desa_only(client, demo_site, django_user_model):
    from cakupan_web.accounts.services import user_add
    from cakupan_web.api.models import ApiToken

    html = client.get("/").content.decode()
    desa = re.findall(r'<a href="/areas/([\d.]+)/"><path', html)
    mine, other = desa[0], next(d for d in desa if d[:8] != desa[0][:8])
    user_add(username="siti", role="desa_operator", area_codes=[mine], regency="35.16")
    token = ApiToken.issue(django_user_model.objects.get(username="siti"))
    rows = _get(client, "/api/v1/coverage?by=desa", token).json()
    assert [r["area_code"] for r in rows] == [mine]
    assert _get(client, f"/api/v1/areas/{mine}", token).status_code == 200
    answer = _get(client, f"/api/v1/areas/{other}", token)
    assert answer.status_code == 404 and answer.json()["code"] == "access.out_of_scope"
    page = _get(client, f"/api/v1/worklists?desa={mine}&limit=5", token).json()
    assert page["persons"] and {p["desa_code"] for p in page["persons"]} == {mine}
    assert _get(client, f"/api/v1/worklists?desa={other}", token).status_code == 404
    assert (
        _get(client, "/api/v1/uploads/00000000-0000-0000-0000-000000000000", token).status_code
        == 403
    )


def test_too_many_requests_are_refused(client, demo_site, token, monkeypatch):
    from cakupan_web.api import auth

    monkeypatch.setattr(auth, "RATE_PER_MINUTE", 3)
    answers = [_get(client, "/api/v1/gap", token).status_code for _ in range(5)]
    assert answers[:3] == [200, 200, 200] and answers[3:] == [429, 429]


def test_a_token_from_the_command_line(demo_site, capsys, django_user_model):
    django_user_model.objects.create_user("bank", password="x-9Lp2q!")
    with pytest.raises(SystemExit) as done:
        main(["user", "token", "bank", "--data-dir", str(demo_site.data_dir)])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip().splitlines()[0].startswith("ckp_")


@pytest.fixture
def api_schema(demo_site, token):
    from cakupan_web.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_the_api_meets_its_openapi_document(api_schema, token, monkeypatch):
    """Schemathesis, on the live OpenAPI document: every operation, with generated
    parameters and bodies, answers without a server error and as its document says."""
    from cakupan_web.api import auth

    monkeypatch.setattr(auth, "RATE_PER_MINUTE", 100_000)  # many requests, all answered
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            # Every check but "valid data is accepted": a schema-valid upload of a file that is
            # no table, or a segment list without its label, is rightly refused (400).
            case.validate_response(
                response, headers=headers,
                excluded_checks=[schemathesis.checks.positive_data_acceptance],
            )  # fmt: skip

        check()


def test_the_document_s_choices_are_the_library_s():
    from typing import get_args

    from cakupan.people import AGE_BANDS, ORDERS
    from cakupan_web.api.views import WorklistQuery

    fields = WorklistQuery.model_fields
    assert set(get_args(get_args(fields["age"].annotation)[0])) == set(AGE_BANDS)
    assert set(get_args(fields["order"].annotation)) == set(ORDERS)


def test_a_visit_recorded_through_the_api_is_listed(client, demo_site, django_user_model):
    import duckdb

    from cakupan.publish import current_publication
    from cakupan_web.accounts.services import user_add
    from cakupan_web.api.models import ApiToken

    con = duckdb.connect(str(current_publication(demo_site.data_dir)), read_only=True)
    person, desa = con.execute(
        "SELECT person_key, desa_code FROM worklist WHERE segment IS NULL LIMIT 1"
    ).fetchone()
    con.close()
    user_add(username="siti", role="desa_operator", area_codes=[desa], regency="35.16")
    token = ApiToken.issue(django_user_model.objects.get(username="siti"))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"person_key": person, "outcome": "refused", "visited_on": "2023-03-01",
            "reason": "belum ada uang"}  # fmt: skip
    made = client.post("/api/v1/visits", data=json.dumps(body),
                       content_type="application/json", **headers)  # fmt: skip
    assert made.status_code == 201 and made.json()["desa_code"] == desa
    listed = client.get(f"/api/v1/visits?desa={desa}", **headers).json()
    assert [(v["person_key"], v["outcome"]) for v in listed] == [(person, "refused")]
    refused = client.post("/api/v1/visits", data=json.dumps({**body, "reason": ""}),
                          content_type="application/json", **headers)  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "visit.reason_required"


def test_text_with_a_control_character_is_refused_not_stored(client, demo_site, token):
    """A NUL byte cannot be stored by PostgreSQL (the app database in production): the API
    refuses it as a bad request, as Django's forms do, instead of failing on the insert."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"person_key": "R1", "outcome": "refused", "visited_on": "2023-03-01",
            "reason": "belum\x00ada uang"}  # fmt: skip
    visit = client.post("/api/v1/visits", data=json.dumps(body),
                        content_type="application/json", **headers)  # fmt: skip
    assert visit.status_code == 422 and visit.json()["code"] == "api.invalid_request"
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(segment):
        form = {"source_type": "segment", "segment": segment,
                "file": SimpleUploadedFile("kur.csv", b"NIK;NAMA\n")}  # fmt: skip
        return client.post("/api/v1/uploads", form, **headers)

    refused = upload("KUR\x00")
    assert refused.status_code == 422 and refused.json()["code"] == "api.invalid_request"
    ok = upload("KUR")
    assert ok.status_code == 201, ok.content


def test_a_regency_s_api_has_no_breakdown_by_regency(client, demo_site, token):
    response = _get(client, "/api/v1/coverage?by=kabupaten", token)
    assert response.status_code == 400
    assert response.json()["code"] == "coverage.not_a_province"
