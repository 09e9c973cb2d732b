"""``cakupan campaign``: where to hold the next socialisation events."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.campaigns import campaign_ranking
from cakupan.formatting import format_number, format_percent
from cakupan.settings import load_settings
from cakupan.warehouse import Warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import print_json, print_table


def campaign(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many desa.")] = 20,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Desa ranked by unprotected informal workers: where to campaign first."""
    settings = load_settings(data_dir=data_dir)
    with Warehouse(settings.warehouse_path, read_only=True) as wh:
        report = campaign_ranking(wh, limit=limit)
    if as_json:
        print_json(report)
        return
    print_table(
        "Where to campaign first",
        ["desa", "kecamatan", "informal workers", "unprotected", "share"],
        [
            [
                r["desa"],
                r["kecamatan"],
                format_number(r["informal_workers"]),
                format_number(r["unprotected"]),
                format_percent(r["unprotected_share"], 0),
            ]
            for r in report["rows"]
        ],
    )
