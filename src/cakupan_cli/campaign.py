"""``cakupan campaign``: where to hold the next socialisation events, and what the past
ones did."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cakupan.campaigns import campaign_ranking, event_effects
from cakupan.formatting import format_number, format_percent
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import print_json, print_table


def campaign(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many desa.")] = 20,
    events: Annotated[
        bool,
        typer.Option("--events", help="Instead: each recorded event's registrations after/before."),
    ] = False,
    weeks: Annotated[int, typer.Option("--weeks", help="Weeks after and before an event.")] = 4,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Desa ranked by unprotected informal workers: where to campaign first (or, with
    --events, what each recorded event did)."""
    if events:
        _events(weeks, as_json=as_json, data_dir=data_dir)
        return
    with open_warehouse(data_dir) as (_settings, wh):
        report = campaign_ranking(wh, limit=limit)
    if as_json:
        print_json(report)

        return
    print_table(
        "Where to campaign first",
        ["desa", "kecamatan", "informal workers", "unprotected", "share"],
        [
            [
                r.desa or r.desa_code,
                r.kecamatan or "",
                format_number(r.informal_workers),
                format_number(r.unprotected),
                format_percent(r.unprotected_share, 0),
            ]
            for r in report.rows
        ],
    )


def _events(weeks: int, *, as_json: bool, data_dir: Path | None) -> None:
    with open_warehouse(data_dir) as (_settings, wh):
        report = event_effects(wh, weeks=weeks)
    if as_json:
        print_json(report)
        return
    print_table(
        f"Registrations from the event's desa, {weeks} weeks before and after",
        ["date", "desa", "event", "attendance", "before", "after", "reported"],
        [
            [
                str(r.date),
                r.desa or r.desa_code or "",
                r.event_name or "",
                format_number(r.attendance),
                format_number(r.before),
                format_number(r.after),
                format_number(r.reported_registrations),
            ]
            for r in report.rows
        ],
    )
