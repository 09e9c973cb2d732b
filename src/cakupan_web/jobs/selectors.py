"""Reads of the jobs area: the queue and each job's status (from the app database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django_tasks_db.models import DBTaskResult

from cakupan.writer import current_writer


@dataclass(frozen=True)
class Job:
    id: str
    task: str
    status: str  # READY, RUNNING, SUCCESSFUL, FAILED
    enqueued_at: Any
    started_at: Any
    finished_at: Any
    result: Any
    error: str


def _job(row: DBTaskResult[Any, Any]) -> Job:
    return Job(
        id=str(row.id),
        task=row.task_path.rsplit(".", 1)[-1],
        status=str(row.status),
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        result=row.return_value if str(row.status) == "SUCCESSFUL" else None,
        error=(row.exception_class_path or "") if str(row.status) == "FAILED" else "",
    )


def job_get(*, job_id: str) -> Job | None:
    row = DBTaskResult.objects.filter(id=job_id).first()
    return None if row is None else _job(row)


def job_list(*, limit: int = 20) -> list[Job]:
    return [_job(r) for r in DBTaskResult.objects.order_by("-enqueued_at")[:limit]]


def writer_get(*, data_dir: Path) -> str:
    """What writes the warehouse now — a job, or an import from the command line ('' when
    nothing does)."""
    return current_writer(data_dir)
