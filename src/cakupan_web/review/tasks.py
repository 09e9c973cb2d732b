"""The review job: every decision made in the web since the last one, applied in one write
(one re-match and one publication for many decisions)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cakupan.pipeline import decisions_apply
from cakupan.writer import writing
from cakupan_web.review.models import ReviewDecision


@task()
def review_apply() -> dict[str, Any]:
    """Apply the waiting decisions to the warehouse, match again, recompute, publish."""
    config = settings.CAKUPAN
    waiting = list(
        ReviewDecision.objects.filter(applied_at__isnull=True).select_related("decided_by")
    )
    if not waiting:
        return {"applied": 0}
    decisions = [
        (d.pair_id, d.decision, d.decided_by.get_username() if d.decided_by else "web")
        for d in waiting
    ]
    with writing(config, what=f"review: {len(decisions)} decisions from the web") as wh:
        count, summary = decisions_apply(wh, decisions, regency=config.regency_code)
    ReviewDecision.objects.filter(pk__in=[d.pk for d in waiting]).update(applied_at=timezone.now())
    return {
        "applied": count,
        "stale": len(decisions) - count,
        "ucj": summary.coverage.ucj if summary else None,
    }
