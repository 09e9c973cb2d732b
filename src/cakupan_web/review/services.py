"""Writes of the review area: a decision on one pair, recorded at once and applied to the
warehouse by a job (queued unless one is already waiting to run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import Http404
from django_tasks_db.models import DBTaskResult

from cakupan.errors import InputError
from cakupan.scope import Scope
from cakupan_web.review import selectors
from cakupan_web.review.models import ReviewDecision
from cakupan_web.review.tasks import review_apply


def review_decision_record(
    *, scope: Scope, user: Any, pair_id: str, decision: str, data_dir: Path
) -> ReviewDecision:
    """Record ``decision`` on a pair of the published queue (404 for a pair not in it)."""
    if decision not in ("accepted", "rejected"):
        raise InputError("review.bad_decision")
    if not selectors.review_pair_exists(scope=scope, pair_id=pair_id, data_dir=data_dir):
        raise Http404
    with transaction.atomic():
        record = ReviewDecision.objects.create(pair_id=pair_id, decision=decision, decided_by=user)
    waiting = DBTaskResult.objects.filter(
        task_path=review_apply.module_path, status="READY"
    ).exists()
    if not waiting:
        review_apply.enqueue()
    return record
