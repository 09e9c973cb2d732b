"""Web writes are jobs: queued from a page, run by the worker one at a time under the write
turn, published when done; each has a status page."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_a_refresh_asked_on_the_web_runs_in_the_worker_and_publishes(
    client, site, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    before = (site / "published" / "CURRENT").read_text()
    response = client.post("/jobs/refresh/")
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="job-status">READY' in page
    assert '<meta http-equiv="refresh"' in page  # it keeps itself up to date
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="job-status">SUCCESSFUL' in page
    assert (site / "published" / "CURRENT").read_text() != before  # published again
    assert "warehouse_refresh" in client.get("/jobs/").content.decode()


@pytest.mark.django_db
def test_only_those_who_load_data_start_jobs(client, site, django_user_model):
    response = client.post("/jobs/refresh/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(django_user_model.objects.create_user("tamu", password="x-9Lp2q!"))
    assert client.post("/jobs/refresh/").status_code == 403
    assert client.get("/jobs/").status_code == 403


@pytest.mark.django_db
def test_the_jobs_page_says_what_writes_now(client, site, django_user_model):
    from cakupan.writer import write_turn

    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    with write_turn(site, what="import participants peserta_juni.csv"):
        page = client.get("/jobs/").content.decode()
    assert "import participants peserta_juni.csv" in page
    assert "Tidak ada penulisan data yang berjalan." in client.get("/jobs/").content.decode()
