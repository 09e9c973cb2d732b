"""``cakupan upgrade``: bring the warehouse to this version's schema."""

from __future__ import annotations

import dataclasses

from cakupan.schema import upgrade_warehouse
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json


def upgrade(as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """Bring the warehouse to this version's schema (after installing a new Cakupan)."""
    settings = load_settings(data_dir=data_dir)
    result = upgrade_warehouse(
        settings.warehouse_path, threads=settings.threads, memory_limit=settings.memory_limit
    )
    if as_json:
        print_json(dataclasses.asdict(result))
        return
    if not result.applied:
        console.print(f"The warehouse is current (schema {result.after}).")
        return
    console.print(f"Warehouse upgraded from schema {result.before} to {result.after}:")
    for name in result.applied:
        console.print(f"  {name}")
