"""Reads of work lists: through the library's scoped read layer (:mod:`cakupan.people`), from
the published file, with every read of persons recorded in the audit trail."""

from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cakupan import areas, people
from cakupan.errors import CakupanError
from cakupan.publish import require_publication
from cakupan.scope import Scope
from cakupan_web.worklists import services
from cakupan_web.worklists.models import Assignment, Visit


@dataclass(frozen=True)
class DesaCount:
    code: str
    name: str
    kecamatan: str
    persons: int
    lapsed: int


def publication_get(data_dir: Path) -> Path:
    """The current publication (``publication.none`` before the first)."""
    return require_publication(data_dir)


def visit_target_get(*, scope: Scope, person_key: str, data_dir: Path) -> people.VisitTarget:
    """One person within ``scope``, as the reader may see them (audited as a view)."""
    return people.visit_target(
        require_publication(data_dir), scope=scope, person_key=person_key, data_dir=data_dir
    )


def _name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return areas.get(code).name
    except CakupanError:
        return code


def worklist_counts_get(*, scope: Scope, data_dir: Path) -> tuple[DesaCount, ...]:
    """Unprotected working people per desa within ``scope``, with the areas' names (counts
    of a published file never change: kept per file and scope)."""
    view = dataclasses.replace(scope, who="")  # the counts do not depend on who reads
    return _counts(require_publication(data_dir), view)


@functools.lru_cache(maxsize=256)
def _counts(publication: Path, scope: Scope) -> tuple[DesaCount, ...]:
    counts = people.worklist_counts(publication, scope=scope)
    return tuple(
        DesaCount(c.desa_code, _name(c.desa_code), _name(c.kecamatan_code), c.persons, c.lapsed)
        for c in counts
    )


def worklist_page_get(
    *,
    scope: Scope,
    which: people.WorklistFilter,
    data_dir: Path,
    offset: int,
    limit: int = 50,
    order: str = "priority",
) -> people.WorklistPage:
    """One page of a work list within ``scope`` (audited as a view)."""
    return people.worklist_page(
        require_publication(data_dir), scope=scope, which=which, data_dir=data_dir, offset=offset,
        limit=limit, order=order,
    )  # fmt: skip


def worklist_export_get(
    *,
    scope: Scope,
    which: people.WorklistFilter,
    data_dir: Path,
    file_format: str,
    order: str = "priority",
) -> bytes:
    """The whole work list within ``scope`` as XLSX or CSV bytes (audited as an export; the
    file exists only while it is written, in a private folder)."""
    with tempfile.TemporaryDirectory(prefix="cakupan-export-") as folder:
        out = Path(folder) / f"worklist.{file_format}"
        people.worklist_export(
            require_publication(data_dir), out, scope=scope, which=which, data_dir=data_dir,
            file_format=file_format, order=order,
        )  # fmt: skip
        data = out.read_bytes()
        os.unlink(out)
    return data


@dataclass(frozen=True)
class VisitProgress:
    """Follow-up of one desa: persons visited, registrations recorded (pending until a
    participant extract confirms them) and confirmed, refusals."""

    visited: int = 0
    registered: int = 0
    confirmed: int = 0
    refused: int = 0


def visit_latest_get(*, person_keys: list[str]) -> dict[str, Visit]:
    """The latest visit of each of these persons (within the request's scope)."""
    latest: dict[str, Visit] = {}
    for visit in Visit.objects.filter(person_key__in=person_keys).order_by(
        "visited_on", "recorded_at"
    ):
        latest[visit.person_key] = visit
    return latest


def visit_progress_get(*, scope: Scope, data_dir: Path) -> dict[str, VisitProgress]:
    """Follow-up per desa (within the request's scope), registrations confirmed against the
    current publication."""
    visits = list(Visit.objects.only("person_key", "nik", "desa_code", "outcome"))
    registered = [v for v in visits if v.outcome == "registered"]
    listed_niks: frozenset[str] = frozenset()
    listed_keys: frozenset[str] = frozenset()
    if registered:
        listed_niks, listed_keys = people.still_unprotected(
            require_publication(data_dir), scope=scope, niks=[v.nik for v in registered],
            person_keys=[v.person_key for v in registered],
        )  # fmt: skip
    persons: dict[str, dict[str, set[str]]] = {}
    for v in visits:
        desa = persons.setdefault(v.desa_code, {k: set() for k in VisitProgress.__annotations__})
        desa["visited"].add(v.person_key)
        if v.outcome == "refused":
            desa["refused"].add(v.person_key)
        if v.outcome == "registered":
            desa["registered"].add(v.person_key)
            still = v.nik in listed_niks if v.nik else v.person_key in listed_keys
            if not still:
                desa["confirmed"].add(v.person_key)
    return {
        code: VisitProgress(**{k: len(s) for k, s in sets.items()})
        for code, sets in persons.items()
    }


def visits_import_run(
    *, scope: Scope, user: Any, upload: Any, settings: Any, language: str
) -> services.VisitsImport:
    """Read an uploaded filled work list within the settings' file limits (in a private
    temporary folder, removed after) and record its visits."""
    from cakupan.followup import read_followup
    from cakupan.ingest.limits import Limits

    limits = Limits.from_settings(settings)
    name = Path(upload.name or "upload").name
    suffix = Path(name).suffix.lower()
    if upload.size > limits.max_file_mib * 1024 * 1024:
        raise CakupanError(
            "followup.too_large", file=name, mib=upload.size // (1024 * 1024),
            limit=limits.max_file_mib,
        )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="cakupan-upload-") as folder:
        path = Path(folder) / f"upload{suffix if suffix in ('.xlsx', '.csv') else '.xlsx'}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        filled = read_followup(path, limits=limits, language=language)
    filled = dataclasses.replace(filled, file=name)
    return services.visits_import(
        scope=scope, user=user, filled=filled, publication=require_publication(settings.data_dir),
        data_dir=settings.data_dir, language=language,
    )  # fmt: skip


@dataclass(frozen=True)
class Officer:
    id: int
    username: str
    role: str
    areas: tuple[str, ...]


def officer_choices_get(*, scope: Scope) -> list[Officer]:
    """Active operators (desa, kecamatan) whose areas meet the reader's scope: who can be
    sent to visit the reader's people."""
    from django.contrib.auth import get_user_model

    from cakupan_web.access import AREA_ROLES

    found = []
    users = get_user_model().objects.filter(is_active=True, scope__role__in=AREA_ROLES)
    for user in users.select_related("scope").order_by("username"):
        areas = tuple(user.scope.areas)  # type: ignore[attr-defined]
        meets = scope.regency or any(
            scope.covers(a) or any(b.startswith(a + ".") for b in scope.areas) for a in areas
        )
        if meets:
            found.append(Officer(user.pk, user.get_username(), user.scope.role, areas))  # type: ignore[attr-defined]
    return found


def assignment_get(*, person_keys: list[str]) -> dict[str, str]:
    """Who is assigned to visit each of these persons (within the request's scope)."""
    rows = Assignment.objects.filter(person_key__in=person_keys).select_related("officer")
    return {a.person_key: a.officer.get_username() for a in rows}


def assigned_keys_get(*, user: Any) -> tuple[str, ...]:
    """The persons assigned to ``user`` (within the request's scope)."""
    return tuple(Assignment.objects.filter(officer=user).values_list("person_key", flat=True))
