"""The events job: every entry of one kind recorded in the web, imported as the web's
snapshot of that kind (``cakupan.entries.import_entries``), then the figures published."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_scopes import scopes_disabled
from django_tasks import task

from cakupan.entries import import_entries
from cakupan.ingest.limits import Limits
from cakupan.writer import writing
from cakupan_web.events.models import Entry


@task()
def entries_apply(*, kind: str, requested_by: str) -> dict[str, Any]:
    config = settings.CAKUPAN
    with scopes_disabled():  # the job imports every entry of the kind, whoever made it
        entries = list(Entry.objects.filter(kind=kind).exclude(state="rejected").order_by("pk"))
        with writing(config, what=f"{kind} recorded on the web ({requested_by})") as wh:
            result = import_entries(
                wh, kind, [e.data for e in entries], folder=config.data_dir / "uploads",
                by=requested_by, regency=config.regency_code, limits=Limits.from_settings(config),
            )  # fmt: skip
        for index, entry in enumerate(entries):
            if index in result.rejected:
                entry.state = "rejected"
                entry.message_id, entry.message_en = result.rejected[index]
            else:
                entry.state = "applied"
            entry.save(update_fields=["state", "message_id", "message_en"])
    return {"snapshot_id": result.snapshot_id, "accepted": result.accepted,
            "rejected": len(result.rejected)}  # fmt: skip
