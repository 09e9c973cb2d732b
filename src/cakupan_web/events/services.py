"""Writes of the events page: an entry recorded (app database) and its import queued."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from cakupan.errors import CakupanError
from cakupan.scope import Scope
from cakupan_web.events.models import Entry
from cakupan_web.events.tasks import entries_apply


def entry_record(*, scope: Scope, user: Any, kind: str, row: dict[str, str]) -> Entry:
    """Record one entry of ``kind`` in a desa of ``scope`` and queue the import of the kind
    (unless one is already waiting to run: it will take this entry too)."""
    if not scope.covers(row.get("desa")):
        raise CakupanError("access.out_of_scope", what=f"desa {row.get('desa')}", who=scope.who)
    with transaction.atomic():
        entry = Entry.objects.create(kind=kind, data=row, desa_code=row["desa"], recorded_by=user)
    waiting = DBTaskResult.objects.filter(task_path=entries_apply.module_path, status="READY")
    if not any((job.args_kwargs or {}).get("kwargs", {}).get("kind") == kind for job in waiting):
        entries_apply.enqueue(kind=kind, requested_by=user.get_username())
    return entry
