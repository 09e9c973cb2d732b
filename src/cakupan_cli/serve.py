"""``cakupan serve``: serve the dashboard of an existing warehouse."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.errors import WarehouseError
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir
from cakupan_cli._output import announce_url


def serve(
    data_dir: DataDir = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (default $PORT or 8000).")
    ] = None,
) -> None:
    """Serve the web app at http://127.0.0.1:8000/ (read-only on the warehouse)."""
    settings = load_settings(data_dir=data_dir, port=port)
    if not settings.warehouse_path.exists():
        raise WarehouseError(
            "warehouse.missing",
            path=settings.warehouse_path,
        )
    from cakupan_web.server import serve as run

    run(settings, on_ready=announce_url)
