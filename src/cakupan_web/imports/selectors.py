"""Reads of the imports area: uploads (for those who load data), an upload's check with NIKs
masked for roles that may not see them (each preview read audited), its rejected rows
(an export, logged), and the published history of snapshots."""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path
from typing import Any

from django.http import Http404

from cakupan.audit import audit_record
from cakupan.errors import CakupanError
from cakupan.ingest import SOURCE_TYPES
from cakupan.ingest.check import ImportCheck
from cakupan.ingest.history import SnapshotEntry, snapshot_history, snapshot_same_file
from cakupan.privacy import log_export, mask_nik
from cakupan.publish import current_publication
from cakupan.scope import Scope
from cakupan.serving import from_json
from cakupan_web.access import access_permission
from cakupan_web.imports.models import Upload
from cakupan_web.imports.storage import CHECK_FILE, REJECTED_FILE, upload_folder


def access_upload_by_id(*, user: Any, upload_id: str) -> Upload:
    """The upload ``upload_id`` for a user who may load data (``access.not_allowed``
    otherwise); 404 when there is none."""
    if not access_permission(user=user, permission="data.load"):
        raise CakupanError("access.not_allowed", what="imports")
    try:
        key = uuid.UUID(str(upload_id))
    except ValueError:
        raise Http404 from None
    upload = Upload.objects.filter(pk=key).select_related("created_by").first()
    if upload is None:
        raise Http404
    return upload


def upload_list(*, limit: int = 20) -> list[Upload]:
    return list(Upload.objects.select_related("created_by").exclude(state="discarded")[:limit])


def source_type_choices() -> list[tuple[str, str, bool]]:
    """(name, description, needs a segment label) of every source type."""
    return [(s.name, s.description, s.needs_segment) for s in SOURCE_TYPES.values()]


def _masked(check: ImportCheck) -> ImportCheck:
    return dataclasses.replace(
        check,
        preview=tuple((n, tuple(mask_nik(c) for c in cells)) for n, cells in check.preview),
        groups=tuple(
            dataclasses.replace(
                g, example_id=mask_nik(g.example_id), example_en=mask_nik(g.example_en)
            )
            for g in check.groups
        ),
    )


def upload_check_get(*, upload: Upload, scope: Scope, data_dir: Path) -> ImportCheck | None:
    """The check of ``upload`` as ``scope`` may see it (None while it runs)."""
    path = upload_folder(data_dir, upload.id) / CHECK_FILE
    if upload.state in ("checking", "discarded") or not path.exists():
        return None
    check = from_json(ImportCheck, json.loads(path.read_text(encoding="utf-8")))
    audit_record(
        data_dir, by=scope.who, action="view", what=f"preview of upload {upload.file_name}",
        persons=len(check.preview), scope=scope.label,
    )  # fmt: skip
    return check if scope.full_nik else _masked(check)


def upload_same_file_get(
    *, upload: Upload, check: ImportCheck, data_dir: Path
) -> SnapshotEntry | None:
    """The snapshot that already holds this very file: importing it would load nothing."""
    publication = current_publication(data_dir)
    if publication is None:
        return None
    segment = upload.segment.strip().upper().replace(" ", "_") or None
    return snapshot_same_file(
        publication, content_hash=check.content_hash, source_type=check.source_type,
        segment=segment, partner=upload.partner or None,
    )  # fmt: skip


def upload_rejected_get(*, upload: Upload, scope: Scope, data_dir: Path, rows: int) -> Path:
    """The rejected rows of an upload's check (an export of personal data: logged)."""
    path = upload_folder(data_dir, upload.id) / REJECTED_FILE
    if not path.exists():
        raise Http404
    log_export(
        data_dir, what=f"rejected rows of upload {upload.file_name}", rows=rows, file=path,
        by=scope.who, scope=scope.label,
    )  # fmt: skip
    return path


def snapshot_history_get(*, data_dir: Path) -> tuple[SnapshotEntry, ...]:
    publication = current_publication(data_dir)
    return () if publication is None else snapshot_history(publication)
