"""Writes of the jobs area: each enqueues a job (the worker runs it)."""

from __future__ import annotations

from typing import Any

from cakupan_web.jobs.tasks import warehouse_refresh


def refresh_enqueue(*, user: Any) -> str:
    """Queue a refresh of every figure; return the job's id."""
    result = warehouse_refresh.enqueue(requested_by=user.get_username())
    return str(result.id)
