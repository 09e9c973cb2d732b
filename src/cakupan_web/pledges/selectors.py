"""Reads of the payers' page, through :mod:`cakupan.payers` (scoped) and the job queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django_tasks_db.models import DBTaskResult

from cakupan.payers import PledgeDesa, PledgeView, pledge_desa_counts, pledge_views
from cakupan.publish import current_publication
from cakupan.results import Plan
from cakupan.scope import Scope
from cakupan.serving import from_json
from cakupan_web.pledges.tasks import pledges_plan


def pledge_list_get(*, scope: Scope, data_dir: Path) -> tuple[PledgeView, ...]:
    publication = current_publication(data_dir)
    return () if publication is None else pledge_views(publication, scope=scope)


def pledge_desa_get(*, scope: Scope, data_dir: Path, pledge_id: int) -> tuple[PledgeDesa, ...]:
    publication = current_publication(data_dir)
    if publication is None:
        return ()
    return pledge_desa_counts(publication, scope=scope, pledge_id=pledge_id)


def plan_latest_get() -> tuple[Plan | None, Any]:
    """The last optimiser run that completed (its plan and when), or (None, None)."""
    row = (
        DBTaskResult.objects.filter(task_path=pledges_plan.module_path, status="SUCCESSFUL")
        .order_by("-finished_at")
        .first()
    )
    if row is None or not isinstance(row.return_value, dict):
        return None, None
    return from_json(Plan, row.return_value["plan"]), row.finished_at
