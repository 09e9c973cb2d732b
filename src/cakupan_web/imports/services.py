"""Writes of the imports area: an upload stored and checked, re-checked with another
mapping, confirmed (the import is a job), discarded, or expired: its files (personal data)
deleted once kept for the days the setting says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from cakupan.audit import audit_record
from cakupan.errors import InputError
from cakupan.ingest import source_type
from cakupan_web.imports.models import Upload
from cakupan_web.imports.storage import make_folder, remove_folder, safe_file_name
from cakupan_web.imports.tasks import upload_check, upload_import


@dataclass(frozen=True)
class UploadOptions:
    """What the upload form asks besides the file."""

    source_type: str
    segment: str = ""
    partner: str = ""
    desa: str = ""
    as_of: dt.date | None = None


def upload_create(
    *, user: Any, options: UploadOptions, upload: Any, data_dir: Path, max_mib: int
) -> Upload:
    """Keep an uploaded file privately and queue its check; the file is refused from its
    size before it is copied when larger than ``max_mib``."""
    source = source_type(options.source_type)  # an unknown type: a clear error
    if source.needs_segment and not options.segment.strip():
        raise InputError("import.segment_required")
    if upload.size > max_mib * 1024 * 1024:
        raise InputError(
            "file.too_large", file=upload.name, found=f"{upload.size / 2**20:,.0f}",
            limit=f"{max_mib:,}",
        )  # fmt: skip
    record = Upload(
        created_by=user, source_type=source.name, segment=options.segment.strip(),
        partner=options.partner.strip(), desa=options.desa.strip(), as_of=options.as_of,
        file_name=safe_file_name(upload.name or "berkas.csv"), size=upload.size,
    )  # fmt: skip
    folder = make_folder(data_dir, record.id)
    fd_path = folder / record.file_name
    with fd_path.open("xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    fd_path.chmod(0o600)
    with transaction.atomic():
        record.save()
    _check(record)
    return record


def _check(record: Upload) -> None:
    result = upload_check.enqueue(upload_id=str(record.id))
    Upload.objects.filter(pk=record.pk).update(state="checking", job_id=str(result.id))


def upload_remap(*, upload: Upload, overrides: dict[str, str], sheet: str) -> None:
    """Check the file again with the header mapping (and sheet) the user chose."""
    if upload.state not in ("checked", "failed"):
        raise InputError("upload.not_checked", state=upload.state)
    Upload.objects.filter(pk=upload.pk).update(overrides=overrides, sheet=sheet)
    _check(upload)


def upload_confirm(*, upload: Upload, user: Any) -> str:
    """Queue the import of a checked upload; return the job's id."""
    if upload.state != "checked":
        raise InputError("upload.not_checked", state=upload.state)
    result = upload_import.enqueue(upload_id=str(upload.id), requested_by=user.get_username())
    Upload.objects.filter(pk=upload.pk).update(
        state="importing", job_id=str(result.id), step="queued", step_done=0, step_total=5
    )
    return str(result.id)


def upload_discard(*, upload: Upload, data_dir: Path) -> None:
    """Delete an upload's files (the file, its preview and rejected rows)."""
    if upload.state == "importing":
        raise InputError("upload.busy")
    remove_folder(data_dir, upload.id)
    Upload.objects.filter(pk=upload.pk).update(state="discarded", files_deleted_at=timezone.now())


# An upload left being checked this long lost its job (the worker stopped); one importing is
# left alone: it may be writing the warehouse. A discarded one lost its files already.
EXPIRES = ("checking", "checked", "failed", "imported")


def uploads_expire(*, data_dir: Path, keep_days: int, now: dt.datetime | None = None) -> int:
    """Delete the files (the upload, its check's preview, its rejected rows) of uploads made
    more than ``keep_days`` ago; an upload never imported becomes ``expired``. The counts an
    import left stay. Returns how many uploads lost their files (each logged in the audit
    trail)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=keep_days)
    old = Upload.objects.filter(
        created_at__lt=cutoff, files_deleted_at__isnull=True, state__in=EXPIRES
    )
    expired = 0
    for upload in old.only("id", "state", "file_name"):
        remove_folder(data_dir, upload.id)
        state = "imported" if upload.state == "imported" else "expired"
        Upload.objects.filter(pk=upload.pk, state=upload.state).update(
            state=state, files_deleted_at=timezone.now()
        )
        audit_record(
            data_dir, by="cakupan", action="delete", persons=0,
            what=f"files of upload {upload.file_name} ({upload.state}, kept {keep_days} days)",
        )  # fmt: skip
        expired += 1
    return expired
