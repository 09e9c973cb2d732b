"""The jobs of the payers' page: record a pledge and allocate, allocate again, or run the
optimiser (a read: it writes nothing)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_tasks import task

from cakupan.planning import plan
from cakupan.pledges import pledge_add, pledge_allocate
from cakupan.results import as_json
from cakupan.warehouse import Warehouse
from cakupan.writer import read_turn, writing


@task()
def pledge_record(*, requested_by: str, pledge: dict[str, Any]) -> dict[str, Any]:
    """Record a pledge, then allocate every pledge afresh and publish."""
    with writing(settings.CAKUPAN, what=f"pledge from {pledge['payer']} ({requested_by})") as wh:
        pledge_id = pledge_add(wh, **pledge)
        allocation = pledge_allocate(wh)
    return {"pledge_id": pledge_id, "allocation": as_json(allocation)}


@task()
def pledges_allocate(*, requested_by: str) -> dict[str, Any]:
    """Allocate every pledge afresh (after new data or pledges) and publish."""
    with writing(settings.CAKUPAN, what=f"pledge allocation ({requested_by})") as wh:
        allocation = pledge_allocate(wh)
    return {"allocation": as_json(allocation)}


@task()
def pledges_plan(*, requested_by: str) -> dict[str, Any]:
    """The optimiser: the most people every pledge together can cover (changes nothing)."""
    config = settings.CAKUPAN
    with read_turn(config.data_dir), Warehouse(config.warehouse_path, read_only=True) as wh:
        result = plan(wh)
    return {"plan": as_json(result), "requested_by": requested_by}
