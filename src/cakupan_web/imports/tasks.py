"""The jobs of an upload: its check (queue ``checks``: reads the file, stores nothing, so it
never waits for a write) and its import (the write queue, one write at a time)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cakupan.errors import CakupanError
from cakupan.ingest.check import import_check
from cakupan.ingest.limits import Limits
from cakupan.pipeline import import_and_refresh
from cakupan.publish import current_publication, dashboard_read
from cakupan.results import as_json
from cakupan.writer import writing
from cakupan_web.imports.models import Upload
from cakupan_web.imports.storage import CHECK_FILE, REJECTED_FILE, upload_folder, write_private

CHECK_QUEUE = "checks"
# Steps of an import, as the progress bar shows them.
STEPS = ("read", "validate", "store", "match", "publish")


def _failed(upload_id: str, exc: CakupanError) -> None:
    Upload.objects.filter(pk=upload_id).update(
        state="failed", error_code=exc.code, error_id=exc.message_in("id"),
        error_en=exc.message_in("en"), finished_at=timezone.now(),
    )  # fmt: skip


def _options(upload: Upload) -> dict[str, Any]:
    return {
        "segment": upload.segment or None,
        "partner": upload.partner or None,
        "sheet": upload.sheet or None,
        "desa": upload.desa or None,
        "as_of": upload.as_of,
        "overrides": dict(upload.overrides or {}),
        "limits": Limits.from_settings(settings.CAKUPAN),
    }


@task(queue_name=CHECK_QUEUE)
def upload_check(*, upload_id: str) -> dict[str, Any]:
    """Check an uploaded file (preview, mapping, validation); store nothing in the warehouse."""
    upload = Upload.objects.get(pk=upload_id)
    folder = upload_folder(settings.CAKUPAN.data_dir, upload_id)
    rejected = folder / REJECTED_FILE
    rejected.unlink(missing_ok=True)
    try:
        check = import_check(
            folder / upload.file_name, upload.source_type, regency=settings.CAKUPAN.regency_code,
            rejected_out=rejected, **_options(upload),
        )  # fmt: skip
    except CakupanError as exc:  # a file that cannot be read at all
        _failed(upload_id, exc)
        return {"error": exc.code}
    if rejected.exists():
        rejected.chmod(0o600)
    write_private(folder / CHECK_FILE, json.dumps(as_json(check), default=str))
    Upload.objects.filter(pk=upload_id).update(
        state="checked", error_code="", error_id="", error_en="",
        sheet=upload.sheet or (check.sheet if len(check.sheets) > 1 else "") or "",
    )  # fmt: skip
    return {"rows_read": check.rows_read, "accepted": check.accepted, "rejected": check.rejected}


def _ucj_now(data_dir: Path) -> float | None:
    publication = current_publication(data_dir)
    if publication is None:
        return None
    with contextlib.suppress(CakupanError):
        return dashboard_read(publication).overview.ucj
    return None


@task()
def upload_import(*, upload_id: str, requested_by: str) -> dict[str, Any]:
    """Import a checked upload as a new snapshot, match, recompute and publish; record the
    summary and the change in coverage on the upload."""
    config = settings.CAKUPAN
    upload = Upload.objects.get(pk=upload_id)
    path = upload_folder(config.data_dir, upload_id) / upload.file_name
    before = _ucj_now(config.data_dir)

    def on_step(step: str, done: int, total: int) -> None:
        label = "match" if step == "done" else step
        Upload.objects.filter(pk=upload_id).update(
            step=label, step_done=STEPS.index(label), step_total=len(STEPS)
        )

    try:
        what = (
            f"import {upload.source_type} {upload.file_name} (asked by {requested_by} on the web)"
        )
        with writing(config, what=what) as wh:
            report = import_and_refresh(
                wh, path, upload.source_type, regency=config.regency_code,
                imported_by=requested_by, progress=on_step, **_options(upload),
            )  # fmt: skip
            on_step("publish", 4, 5)
    except CakupanError as exc:
        _failed(upload_id, exc)
        return {"error": exc.code}
    coverage = report.coverage
    result = {
        "snapshot_id": report.snapshot_id,
        "duplicate_of": report.duplicate_of,
        "rows_read": report.rows_read,
        "accepted": report.accepted,
        "rejected": report.rejected,
        "set_aside": report.set_aside,
        "ucj_before": before,
        "ucj_after": coverage.coverage.ucj if coverage else before,
        "active_persons": coverage.coverage.active_persons if coverage else None,
        "review_pending": coverage.matching.review_pending if coverage else None,
    }
    path.unlink(missing_ok=True)  # the warehouse holds it now; the check stays for the record
    Upload.objects.filter(pk=upload_id).update(
        state="imported", step="done", step_done=len(STEPS), step_total=len(STEPS),
        result=result, finished_at=timezone.now(),
    )  # fmt: skip
    return result
