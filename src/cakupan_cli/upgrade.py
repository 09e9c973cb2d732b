"""``cakupan upgrade``: bring the warehouse to this version's schema and publish it."""

from __future__ import annotations

from cakupan.schema import upgrade_warehouse
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json


def upgrade(as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """Bring the warehouse to this version's schema (after installing a new Cakupan) and
    publish it for the web app."""
    with open_warehouse(data_dir, write=True, what="upgrade", schema=False, must_exist=True) as (
        _settings,
        wh,
    ):
        result = upgrade_warehouse(wh)
    if as_json:
        print_json(result)
        return
    if not result.applied:
        console.print(f"The warehouse is current (schema {result.after}); published again.")
        return
    console.print(f"Warehouse upgraded from schema {result.before} to {result.after}:")
    for name in result.applied:
        console.print(f"  {name}")
