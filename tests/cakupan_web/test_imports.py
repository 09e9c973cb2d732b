"""Loading files in the browser: upload, check (preview, mapping, findings), fix the mapping,
confirm, the import as a job with progress, the figure that changed, and the history."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cakupan.audit import audit_read
from cakupan.publish import current_publication
from cakupan_web.imports.models import Upload


def run_jobs(queue: str) -> None:
    call_command("db_worker", batch=True, queue_name=queue, interval=0.1, verbosity=0)


def messy_participants(demo_build, publication, *, new_members: int = 60) -> bytes:
    """The demo's participant extract as a branch would send it again a month later: the
    same members, plus ``new_members`` persons of the work lists now registered, a number
    column the importer does not know ("NO. KEPESERTAAN BARU"), a damaged NIK, an
    impossible date and a totals row."""
    with demo_build.files.participants.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=_delimiter(demo_build.files.participants)))
    header = rows[0]
    kpj = next(i for i, h in enumerate(header) if h.strip().upper() in ("KPJ", "NO KPJ"))
    header[kpj] = "NO. KEPESERTAAN BARU"
    index = {h.strip().upper(): i for i, h in enumerate(header)}
    con = duckdb.connect(str(publication), read_only=True)
    fresh = con.sql(
        "SELECT nik, name, birth_date FROM worklist WHERE segment IS NULL AND nik IS NOT NULL "
        "AND birth_date IS NOT NULL ORDER BY person_key LIMIT ?",
        params=[new_members],
    ).fetchall()
    con.close()

    def row(**cells: str) -> list[str]:
        out = [""] * len(header)
        for name, value in cells.items():
            for key, i in index.items():
                if name in key:
                    out[i] = value
                    break
        out[kpj] = cells.get("kpj", "")
        return out

    for n, (nik, name, born) in enumerate(fresh):
        rows.append(
            row(NIK=nik, NAMA=name, LAHIR=born.strftime("%d-%m-%Y"), SEGMEN="BPU",
                STATUS="AKTIF", kpj=f"26{n:09d}")
        )  # fmt: skip
    rows.append(row(NIK="35161", NAMA="Nik Rusak", LAHIR="01-01-1980", SEGMEN="BPU",
                    STATUS="AKTIF", kpj="26999999901"))  # fmt: skip
    rows.append(row(NIK="3516125708860003", NAMA="Tanggal Mustahil", LAHIR="31-02-1980",
                    SEGMEN="PU", STATUS="AKTIF", kpj="26999999902"))  # fmt: skip
    rows.append(row(NIK="3516126005900004", NAMA="", LAHIR="20-05-1990", SEGMEN="BPU",
                    STATUS="AKTIF", kpj="26999999903"))  # fmt: skip
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8")


def _delimiter(path) -> str:
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


@pytest.mark.django_db(transaction=True)
def test_a_messy_file_is_checked_mapped_imported_and_changes_the_figure(
    client, site, demo_build, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", password="x-9Lp2q!")
    client.force_login(admin)
    publication = current_publication(site)
    data = messy_participants(demo_build, publication)
    page = client.get("/imports/")
    assert page.status_code == 200 and 'name="source_type"' in page.content.decode()
    response = client.post(
        "/imports/",
        {"source_type": "participants", "file": SimpleUploadedFile("peserta juni.csv", data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = response["Location"]
    upload = Upload.objects.get()
    assert upload.file_name == "peserta juni.csv" and upload.state == "checking"
    folder = site / "uploads" / str(upload.id)
    assert (folder / upload.file_name).stat().st_mode & 0o777 == 0o600
    assert '<meta http-equiv="refresh"' in client.get(detail).content.decode()
    run_jobs("checks")
    page = client.get(detail).content.decode()
    # The number column is unknown: the check says so, with the headers to choose from.
    assert 'data-code="header.missing_required"' in page
    assert 'data-importable="0"' in page and 'id="confirm"' not in page
    assert '<option value="NO. KEPESERTAAN BARU">' in page
    assert "Nik Rusak" not in page or "35161" in page  # preview: first rows only
    response = client.post(f"{detail}mapping/", {"col:kpj": "NO. KEPESERTAAN BARU"})
    assert response.status_code == 302
    run_jobs("checks")
    page = client.get(detail).content.decode()
    assert 'data-importable="1"' in page, page[:3000]
    assert 'id="confirm"' in page and 'id="preview"' in page
    found = dict(re.findall(r'data-code="([^"]+)" data-severity="([^"]+)"', page))
    assert found["date.impossible"] == "warning" and found["nik.length"] == "warning"
    assert "error" in found.values()  # the row without a name
    assert 'data-rejected="1"' in page
    upload.refresh_from_db()
    assert upload.overrides == {"NO. KEPESERTAAN BARU": "kpj"}
    # The rejected rows download is an export of personal data: logged.
    download = client.get(f"{detail}rejected/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert any(
        r.action == "export" and "peserta juni.csv" in r.what and r.by == "admin"
        for r in audit_read(site)
    )
    before = client.get("/").content.decode()
    response = client.post(f"{detail}confirm/")
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert 'id="import-progress"' in page and '<meta http-equiv="refresh"' in page
    run_jobs("default")
    upload.refresh_from_db()
    assert upload.state == "imported", (upload.error_code, upload.error_en)
    result = upload.result
    assert result["snapshot_id"] and result["ucj_after"] > result["ucj_before"]
    page = client.get(detail).content.decode()
    assert 'id="ucj-change"' in page and 'data-testid="ucj-after"' in page
    assert not (folder / upload.file_name).exists()  # the warehouse holds it now
    assert client.get("/").content.decode() != before
    history = client.get("/imports/history/").content.decode()
    assert f'data-id="{result["snapshot_id"]}"' in history
    assert '<td class="by">admin</td>' in history and "peserta juni.csv" in history
    # The same file again is recognised before anything is queued for import.
    response = client.post(
        "/imports/",
        {"source_type": "participants", "file": SimpleUploadedFile("lagi.csv", data)},
    )
    run_jobs("checks")
    again = Upload.objects.get(file_name="lagi.csv")
    client.post(f"/imports/{again.id}/mapping/", {"col:kpj": "NO. KEPESERTAAN BARU"})
    run_jobs("checks")
    page = client.get(f"/imports/{again.id}/").content.decode()
    assert 'id="same-file"' in page and 'id="confirm"' not in page


@pytest.mark.django_db
def test_a_file_that_cannot_be_read_fails_with_its_reason(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    bad = SimpleUploadedFile("rusak.xlsx", b"PK\x03\x04 this is no workbook")
    response = client.post("/imports/", {"source_type": "register", "file": bad})
    assert response.status_code == 302
    run_jobs("checks")
    page = client.get(response["Location"]).content.decode()
    assert 'data-state="failed"' in page and 'role="alert"' in page and "Traceback" not in page


@pytest.mark.django_db
def test_a_segment_list_needs_its_label(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    file = SimpleUploadedFile("kur.csv", b"NAMA;NIK\nSiti;3516125708860003\n")
    response = client.post("/imports/", {"source_type": "segment", "file": file})
    assert response.status_code == 400
    assert "--segment" in response.content.decode() or "segmen" in response.content.decode()
    assert not Upload.objects.exists()


@pytest.mark.django_db
def test_only_those_who_load_data_upload(client, site, django_user_model):
    from cakupan_web.accounts.services import user_add

    assert client.get("/imports/").status_code == 302  # signed out: the login page
    user_add(username="bupati", role="executive", area_codes=[], regency="35.16")
    client.force_login(django_user_model.objects.get(username="bupati"))
    assert client.get("/imports/").status_code == 403
    assert client.get("/imports/history/").status_code == 403
    file = SimpleUploadedFile("x.csv", b"NAMA;NIK\n")
    assert client.post("/imports/", {"source_type": "register", "file": file}).status_code == 403
    assert not Upload.objects.exists()


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_before_it_is_read(site, settings, django_user_model):
    from django.test import Client

    settings.CAKUPAN = dataclasses.replace(settings.CAKUPAN, max_file_mib=1)
    client = Client(enforce_csrf_checks=True)  # the CSRF check reads the form: it must not
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    big = SimpleUploadedFile("besar.csv", b"NAMA;NIK\n" + b"x;1\n" * (700_000))
    response = client.post("/imports/", {"source_type": "register", "file": big})
    assert response.status_code == 413
    assert "max_file_mib" in response.content.decode()
    assert not (site / "uploads").exists()


def test_every_source_type_has_a_label_in_the_ui():
    from cakupan.ingest import SOURCE_TYPES
    from cakupan_web.imports.forms import TYPE_LABELS

    assert set(TYPE_LABELS) == set(SOURCE_TYPES)


@pytest.mark.django_db
def test_an_upload_left_unimported_loses_its_files_after_the_days_kept(
    client, site, django_user_model
):
    import datetime as dt

    from django.utils import timezone

    from cakupan_web.imports.storage import upload_folder

    client.force_login(django_user_model.objects.create_superuser("admin", password="x-9Lp2q!"))
    file = SimpleUploadedFile("kur.csv", b"NAMA;NIK;TGL LAHIR\nSiti;3516125708860003;1986-08-17\n")
    upload_url = client.post("/imports/", {"source_type": "register", "file": file})["Location"]
    run_jobs("checks")
    upload = Upload.objects.get()
    folder = upload_folder(site, upload.id)
    assert upload.state == "checked" and any(folder.iterdir())
    client.get("/imports/")  # kept 7 days: nothing deleted yet
    assert folder.exists() and Upload.objects.get().state == "checked"

    Upload.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    client.get("/imports/")  # the page expires what was kept past its days
    upload = Upload.objects.get()
    assert upload.state == "expired" and upload.files_deleted_at and not folder.exists()
    page = client.get(upload_url).content.decode()
    assert 'data-state="expired"' in page and 'id="confirm"' not in page
    assert "7 hari" in page or "7 days" in page
    (entry,) = [e for e in audit_read(site) if e.action == "delete"]
    assert "kur.csv" in entry.what and entry.persons == 0
    client.get("/imports/")  # once only
    assert len([e for e in audit_read(site) if e.action == "delete"]) == 1
