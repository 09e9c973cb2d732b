"""Opening the settings and the warehouse for a command, the same way for every command."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from cakupan.settings import Settings, load_settings
from cakupan.warehouse import Warehouse

__all__ = ["open_warehouse"]


@contextlib.contextmanager
def open_warehouse(
    data_dir: Path | None, *, write: bool = False
) -> Iterator[tuple[Settings, Warehouse]]:
    """The settings of ``data_dir`` (or the environment's) and their warehouse, read-only
    unless ``write`` (a warehouse opened for writing is brought to the current schema)."""
    settings = load_settings(data_dir=data_dir)
    with Warehouse(
        settings.warehouse_path,
        read_only=not write,
        threads=settings.threads,
        memory_limit=settings.memory_limit,
    ) as wh:
        yield settings, wh
