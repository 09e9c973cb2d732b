"""Writes of the work-list follow-up: recording a visit (an app-database record; the
warehouse is not written, so no job is needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from cakupan import people
from cakupan.errors import InputError
from cakupan.followup import (
    FollowupFile,
    FollowupFinding,
    FollowupRow,
    VisitOutcome,
    check_visit,
)
from cakupan.scope import Scope
from cakupan_web.worklists.models import Assignment, Visit


def visit_record(
    *,
    scope: Scope,
    user: Any,
    person_key: str,
    data: VisitOutcome,
    publication: Path,
    data_dir: Path,
) -> Visit:
    """Record one visit to a person of the work lists within ``scope`` (a person outside it
    is not found). A registration stays pending until a participant extract shows the
    person as a member."""
    target = people.visit_target(publication, scope=scope, person_key=person_key, data_dir=data_dir)
    check_visit(data, today=dt.date.today())
    visit = _visit(target, person_key, data, user)
    with transaction.atomic():
        visit.save()
    return visit


@dataclass(frozen=True)
class VisitsImport:
    """What a filled work list brought back."""

    file: str
    recorded: int
    empty_rows: int  # no outcome: not visited yet
    conflicts: tuple[tuple[int, str], ...]  # (row, person_key): changed in the web since
    findings: tuple[FollowupFinding, ...]  # rows left out, each with its row and column


def visits_import(
    *,
    scope: Scope,
    user: Any,
    filled: FollowupFile,
    publication: Path,
    data_dir: Path,
    language: str = "id",
) -> VisitsImport:
    """Record the visits of a filled work list (``cakupan.followup.read_followup``): each
    row's person must lie within ``scope``; a person whose visit was recorded in the web
    after the file was downloaded is a conflict, left for the officer to settle."""
    targets = people.visit_targets(
        publication, scope=scope, person_keys=[r.person_key for r in filled.rows],
        data_dir=data_dir,
    )  # fmt: skip
    exported = _when(filled.exported_at)
    newer = set()
    if exported is not None:
        newer = set(
            Visit.objects.filter(
                person_key__in=list(targets), recorded_at__gt=exported
            ).values_list("person_key", flat=True)
        )
    findings = list(filled.findings)
    conflicts, created = [], []
    today = dt.date.today()
    for row in filled.rows:
        target = targets.get(row.person_key)
        if target is None:
            missing = InputError("followup.not_in_scope", key=row.person_key)
            findings.append(_finding(row, "person_key", row.person_key, missing, language))
            continue
        if row.person_key in newer:
            conflicts.append((row.row_number, row.person_key))
            continue
        data = row.visit
        try:
            check_visit(data, today=today)
        except InputError as error:
            findings.append(_finding(row, "outcome", data.outcome, error, language))
            continue
        created.append(_visit(target, row.person_key, data, user))
    with transaction.atomic():
        Visit.objects.bulk_create(created)
    return VisitsImport(
        filled.file, len(created), filled.empty_rows, tuple(conflicts), tuple(findings)
    )


def _when(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _finding(
    row: FollowupRow, column: str, value: str, error: InputError, language: str
) -> FollowupFinding:
    return FollowupFinding(row.row_number, column, value, error.code, error.message_in(language))


def _visit(target: people.VisitTarget, person_key: str, data: VisitOutcome, user: Any) -> Visit:
    return Visit(
        person_key=person_key,
        nik=target.nik or "",
        desa_code=target.desa_code or "",
        partner=(target.partner or "").upper(),
        outcome=data.outcome,
        visited_on=data.visited_on,
        kpj=data.kpj.strip(),
        payer=data.payer.strip(),
        reason=data.reason.strip(),
        new_address=data.new_address.strip(),
        revisit_on=data.revisit_on if data.outcome == "revisit" else None,
        note=data.note.strip(),
        recorded_by=user,
    )


def assignments_set(
    *,
    scope: Scope,
    user: Any,
    officer: Any,
    person_keys: list[str],
    publication: Path,
    data_dir: Path,
) -> int:
    """Assign these persons (within ``scope``) to ``officer``, whose own scope must cover
    each person's desa; return how many were assigned."""
    from cakupan_web.scoping import scope_for_user

    officer_scope = scope_for_user(officer)
    if officer_scope is None or not officer_scope.persons:
        raise InputError("assign.bad_officer", officer=officer.get_username())
    targets = people.visit_targets(
        publication, scope=scope, person_keys=person_keys, data_dir=data_dir
    )
    missing = sorted(set(person_keys) - set(targets))
    if missing:
        raise InputError("followup.not_in_scope", key=missing[0])
    outside = [k for k, t in targets.items() if not officer_scope.covers(t.desa_code)
               and not officer_scope.covers_partner(t.partner)]  # fmt: skip
    if outside:
        raise InputError("assign.outside_officer", officer=officer.get_username(), key=outside[0])
    with transaction.atomic():
        for key, target in targets.items():
            Assignment.objects.update_or_create(
                person_key=key,
                defaults={
                    "desa_code": target.desa_code or "",
                    "partner": (target.partner or "").upper(),
                    "officer": officer,
                    "assigned_by": user,
                },
            )
    return len(targets)
