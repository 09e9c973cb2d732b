"""Opening the settings and the warehouse for a command, the same way for every command.

A command that writes takes the write turn first (:mod:`cakupan.writer`: it waits, saying
so, while another write runs) and, when it succeeded, publishes what the web app shows
(:mod:`cakupan.publish`). A command that reads takes a read turn (it waits for a running
write instead of failing on the warehouse's lock).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from cakupan.errors import WarehouseError
from cakupan.settings import Settings, load_settings
from cakupan.warehouse import Warehouse
from cakupan.writer import read_turn, writing
from cakupan_cli._output import notices

__all__ = ["open_warehouse"]


def _waiting(holder: str) -> None:
    notices.print(f"Waiting for the running write to finish: {holder}", style="yellow")


@contextlib.contextmanager
def open_warehouse(
    data_dir: Path | None,
    *,
    write: bool = False,
    what: str = "",
    schema: bool = True,
    must_exist: bool = False,
) -> Iterator[tuple[Settings, Warehouse]]:
    """The settings of ``data_dir`` (or the environment's) and their warehouse, read-only
    unless ``write`` (``what`` says what the write is, for those who wait for it). A
    warehouse opened for writing is brought to the current schema (unless ``schema`` is
    False) and published when the block completes; ``must_exist`` refuses to make one."""
    settings = load_settings(data_dir=data_dir)
    if must_exist and not settings.warehouse_path.exists():
        raise WarehouseError("warehouse.missing", path=str(settings.warehouse_path))
    if not write:
        with (
            read_turn(settings.data_dir, on_wait=_waiting),
            Warehouse(settings.warehouse_path, read_only=True) as wh,
        ):
            yield settings, wh
        return
    with writing(settings, what=what or "a write", on_wait=_waiting, schema=schema) as wh:
        yield settings, wh
