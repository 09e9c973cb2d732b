"""Events in the browser: an operator records a socialisation event in their desa; a job
imports it through the importer as the web's snapshot; its registrations show beside it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from cakupan.warehouse import Warehouse
from cakupan_web.events.models import Entry


@pytest.mark.django_db(transaction=True)
def test_an_operator_records_an_event_that_the_job_imports(client, site, django_user_model):
    from cakupan_web.accounts.services import user_add

    user_add(username="siti", role="desa_operator", area_codes=["35.16.05.2001"], regency="35.16")
    client.force_login(django_user_model.objects.get(username="siti"))
    page = client.get("/events/").content.decode()
    assert 'name="venue_type"' in page and 'value="35.16.05.2001"' in page
    assert 'value="35.16.05.2002"' not in page  # only the desa of her scope
    assert "?kind=payouts" not in page  # payouts are the branch's
    response = client.post(
        "/events/",
        {"kind": "events", "desa": "35.16.05.2001", "date": "2023-03-01",
         "event_name": "Sosialisasi pasar desa", "venue_type": "pasar", "attendance": "40",
         "registrations": "12"},
    )  # fmt: skip
    assert response.status_code == 302
    # Another desa, typed into the form, is refused.
    refused = client.post(
        "/events/", {"kind": "events", "desa": "35.16.05.2002", "date": "2023-03-01",
                     "venue_type": "pasar"},
    )  # fmt: skip
    assert refused.status_code == 400
    assert client.post("/events/", {"kind": "payouts", "desa": "35.16.05.2001"}).status_code == 403
    page = client.get("/events/?kind=events&recorded=1").content.decode()
    assert 'data-state="waiting"' in page
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)
    with scopes_disabled():
        entry = Entry.objects.get()
    assert entry.state == "applied", (entry.message_en,)
    with Warehouse(site / "warehouse.duckdb", read_only=True) as wh:
        rows = wh.query(
            "SELECT event_name, attendance FROM current_src_events WHERE partner = 'WEB'"
        )
    assert rows == [{"event_name": "Sosialisasi pasar desa", "attendance": 40}]
    page = client.get("/events/").content.decode()
    assert 'data-state="applied"' in page
    assert '<tr data-desa="35.16.05.2001">' in page  # its registrations before and after
    assert '<tr data-desa="35.16.05.2002">' not in page


@pytest.mark.django_db(transaction=True)
def test_the_branch_records_a_payout_that_the_job_imports(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    response = client.post(
        "/events/",
        {"kind": "payouts", "desa": "35.16.05.2001", "program": "JKM", "name": "Almarhum Budi",
         "nik": "3516129999999999", "amount": "42000000", "date": "2023-02-01"},
    )  # fmt: skip
    assert response.status_code == 302
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)
    with scopes_disabled():
        entry = Entry.objects.get()
    assert entry.state == "applied", entry.message_en
    with Warehouse(site / "warehouse.duckdb", read_only=True) as wh:
        rows = wh.query("SELECT program, amount FROM current_src_payouts WHERE partner = 'WEB'")
    assert rows == [{"program": "JKM", "amount": 42000000}]
    page = client.get("/events/?kind=payouts").content.decode()
    assert 'data-state="applied"' in page and "3516129999999999" not in page  # no NIK shown


@pytest.mark.django_db(transaction=True)
def test_an_executive_never_sees_whose_payout_it_was(client, site, django_user_model):
    from cakupan_web.accounts.services import user_add

    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    client.post(
        "/events/",
        {"kind": "payouts", "desa": "35.16.05.2001", "program": "JKM", "name": "Almarhum Budi",
         "nik": "3516129999999999", "amount": "42000000", "date": "2023-02-01"},
    )  # fmt: skip
    assert "Almarhum Budi" in client.get("/events/?kind=payouts").content.decode()
    user_add(username="bupati", role="executive", area_codes=[], regency="35.16")
    client.force_login(django_user_model.objects.get(username="bupati"))
    page = client.get("/events/").content.decode()
    assert "Almarhum Budi" not in page and 'id="entries"' not in page
