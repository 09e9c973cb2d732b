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
from cakupan.scope import Scope
from cakupan_web.worklists.models import OUTCOMES, Visit


@dataclass(frozen=True)
class VisitInput:
    outcome: str
    visited_on: dt.date
    kpj: str = ""
    payer: str = ""
    reason: str = ""
    new_address: str = ""
    revisit_on: dt.date | None = None
    note: str = ""


def _check(data: VisitInput, *, today: dt.date) -> None:
    if data.outcome not in dict(OUTCOMES):
        raise InputError("visit.bad_outcome", outcome=data.outcome)
    if not dt.date(2000, 1, 1) <= data.visited_on <= today:
        raise InputError("visit.bad_date", date=data.visited_on.isoformat())
    # What each outcome must say.
    if data.outcome == "registered" and not data.kpj:
        raise InputError("visit.kpj_required")
    if data.outcome == "refused" and not data.reason:
        raise InputError("visit.reason_required")
    if data.outcome == "moved" and not data.new_address:
        raise InputError("visit.address_required")
    if data.outcome == "revisit" and not data.revisit_on:
        raise InputError("visit.revisit_required")
    if data.kpj and not (data.kpj.isdigit() and 8 <= len(data.kpj) <= 16):
        raise InputError("visit.bad_kpj", kpj=data.kpj)
    if data.revisit_on is not None and data.revisit_on < data.visited_on:
        raise InputError("visit.bad_date", date=data.revisit_on.isoformat())


def visit_record(
    *,
    scope: Scope,
    user: Any,
    person_key: str,
    data: VisitInput,
    publication: Path,
    data_dir: Path,
) -> Visit:
    """Record one visit to a person of the work lists within ``scope`` (a person outside it
    is not found). A registration stays pending until a participant extract shows the
    person as a member."""
    target = people.visit_target(publication, scope=scope, person_key=person_key, data_dir=data_dir)
    _check(data, today=dt.date.today())
    with transaction.atomic():
        return Visit.objects.create(
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
