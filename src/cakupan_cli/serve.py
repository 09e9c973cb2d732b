"""``cakupan serve``: serve the web app of an existing warehouse, and ``cakupan worker``:
run the jobs the web app queues."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.errors import WarehouseError
from cakupan.publish import publication_outdated
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir
from cakupan_cli._output import announce_url, console
from cakupan_cli.upgrade import upgrade


def serve(
    data_dir: DataDir = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (default $PORT or 8000).")
    ] = None,
    worker: Annotated[
        bool,
        typer.Option("--worker/--no-worker", help="Run the job worker beside the server."),
    ] = True,
) -> None:
    """Serve the web app at http://127.0.0.1:8000/ (it reads what writes publish), with the
    job worker beside it."""
    settings = load_settings(data_dir=data_dir, port=port)
    if not settings.warehouse_path.exists():
        raise WarehouseError("warehouse.missing", path=settings.warehouse_path)
    if publication_outdated(settings.data_dir):  # after installing a new version
        console.print("The published figures were made by another version: publishing again.")
        upgrade(data_dir=settings.data_dir)
    from cakupan_web.server import serve as run

    run(settings, on_ready=announce_url, worker=worker)


def worker(
    data_dir: DataDir = None,
    batch: Annotated[bool, typer.Option("--batch", help="Stop once the queue is empty.")] = False,
    queue: Annotated[
        str,
        typer.Option(
            "--queue",
            help="Which queue: default (the writes, one at a time) or checks (uploads "
            "checked before import; they store nothing).",
        ),
    ] = "default",
) -> None:
    """Run the jobs the web app queues (its writes), one at a time, until interrupted."""
    settings = load_settings(data_dir=data_dir)
    from cakupan_web.server import run_worker

    run_worker(settings, batch=batch, queue=queue)
