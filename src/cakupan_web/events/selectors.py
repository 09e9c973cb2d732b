"""Reads of the events page: the registrations around each event within the reader's scope
(published figures), the entries recorded in the web (scoped records), the desa to choose."""

from __future__ import annotations

from pathlib import Path

from cakupan import areas
from cakupan.publish import current_publication, dashboard_read
from cakupan.results import EventEffects
from cakupan.scope import Scope
from cakupan.serving import dashboard_for
from cakupan_web.events.models import Entry


def event_effects_get(*, scope: Scope, data_dir: Path) -> EventEffects | None:
    publication = current_publication(data_dir)
    if publication is None:
        return None
    return dashboard_for(dashboard_read(publication), scope).events


def entries_recent_get(*, limit: int = 30) -> list[Entry]:
    """The latest entries within the request's scope (django-scopes)."""
    return list(Entry.objects.select_related("recorded_by")[:limit])


def desa_choices_get(*, scope: Scope, regency: str) -> list[tuple[str, str]]:
    """(code, "Desa (Kecamatan)") of every desa of ``regency`` that ``scope`` covers."""
    out = []
    for kecamatan in areas.children(regency):
        for desa in areas.children(kecamatan.code):
            if scope.covers(desa.code):
                out.append((desa.code, f"{desa.name} ({kecamatan.name})"))
    return out
