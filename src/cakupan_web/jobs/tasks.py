"""The tasks the worker runs. Each is a whole write: the write turn (waiting for any other
writer, from the command line too), the write, then the publication."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_tasks import task

from cakupan.pipeline import refresh
from cakupan.writer import writing


@task()
def warehouse_refresh(*, requested_by: str) -> dict[str, Any]:
    """Match every source again and recompute every figure; publish them."""
    config = settings.CAKUPAN
    with writing(config, what=f"refresh (asked by {requested_by} on the web)") as wh:
        result = refresh(wh, regency=config.regency_code)
    if result is None:
        return {"ucj": None, "as_of": None}
    return {
        "ucj": result.coverage.ucj,
        "persons": result.matching.persons,
        "review_pending": result.matching.review_pending,
    }
