"""Payers in the browser: pledges recorded and allocated as jobs, who is covered and why no
more, the optimiser, and a pledge's registration batch (scoped, logged)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command

from cakupan.audit import audit_read


def run_jobs() -> None:
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_pledge_is_recorded_allocated_and_its_batch_downloaded(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    page = client.get("/pledges/").content.decode()
    assert 'data-count="4"' in page and "RS Islam Sakinah" in page  # the demo's pledges
    response = client.post(
        "/pledges/",
        {"payer": "Bank Jatim", "payer_type": "CSR", "budget": "5000000", "months": "12",
         "area_code": "35.16.05", "priority": "100"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    run_jobs()
    assert "SUCCESSFUL" in client.get(response["Location"]).content.decode()
    page = client.get("/pledges/").content.decode()
    assert 'data-count="5"' in page and "Bank Jatim" in page
    # 5,000,000 buys 24 persons at Rp16,800 a month for 12 months; the rest is too little.
    row = page.split("Bank Jatim", 1)[1].split("</tr>", 1)[0]
    assert '<td class="num persons">24</td>' in row
    pledge_id = page.split("Bank Jatim", 1)[0].rsplit('data-pledge="', 1)[1].split('"', 1)[0]
    detail = client.get(f"/pledges/{pledge_id}/").content.decode()
    assert 'id="batch-xlsx"' in detail and "35.16.05." in detail
    batch = client.get(f"/pledges/{pledge_id}/batch/?format=xlsx")
    assert batch.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(batch.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("nik", "name") and len(rows) == 25
    assert all(str(r[6]).startswith("35.16.05.") for r in rows[1:])  # desa_code
    assert any(r.action == "export" and "pledge batch" in r.what for r in audit_read(site))
    # The optimiser runs as a job and its plan is shown.
    response = client.post("/pledges/plan/")
    run_jobs()
    page = client.get("/pledges/").content.decode()
    assert 'id="plan-result"' in page and "Bank Jatim" in page.split('id="plan-result"')[1]


@pytest.mark.django_db
def test_who_sees_which_pledges(client, site, django_user_model):
    from cakupan_web.accounts.services import user_add

    user_add(username="bupati", role="executive", area_codes=[], regency="35.16")
    user_add(username="rs", role="partner", area_codes=[], partner="RS Islam Sakinah",
             regency="35.16")  # fmt: skip
    user_add(username="camat", role="kecamatan_operator", area_codes=["35.16.05"],
             regency="35.16")  # fmt: skip
    client.force_login(django_user_model.objects.get(username="rs"))
    page = client.get("/pledges/").content.decode()
    assert 'data-count="1"' in page and "RS Islam Sakinah" in page and "Baznas" not in page
    assert client.post("/pledges/allocate/").status_code == 403
    assert 'name="payer"' not in page  # no form: partners do not record pledges
    client.force_login(django_user_model.objects.get(username="camat"))
    assert 'data-count="0"' in client.get("/pledges/").content.decode()
    client.force_login(django_user_model.objects.get(username="bupati"))
    page = client.get("/pledges/").content.decode()
    assert 'data-count="4"' in page
    pledge_id = page.split('data-pledge="', 1)[1].split('"', 1)[0]
    assert client.get(f"/pledges/{pledge_id}/batch/").status_code == 403  # no persons
    assert client.get("/pledges/99999/").status_code == 404
