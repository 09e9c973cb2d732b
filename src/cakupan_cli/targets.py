"""``cakupan target`` and ``cakupan gap``: the target, and the distance to it."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from cakupan.formatting import format_number, format_percent
from cakupan.targets import gap_report, target_list, target_set
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table

target_app = typer.Typer(help="Yearly UCJ targets.", invoke_without_command=True)


@target_app.callback()
def target(ctx: typer.Context, as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """List the targets set."""
    if ctx.invoked_subcommand is not None:
        return
    with open_warehouse(data_dir) as (settings, wh):
        rows = target_list(wh)
    if as_json:
        print_json({"targets": rows, "default": settings.ucj_target})
        return
    print_table(
        "Targets",
        ["area", "year", "target", "set by"],
        [[r["area_code"], str(r["year"]), format_percent(r["ucj"], 0), r["set_by"]] for r in rows],
    )
    console.print(
        f"Years without a target use the default {format_percent(settings.ucj_target, 0)}"
        " (CAKUPAN_UCJ_TARGET)."
    )


@target_app.command("set")
def target_set_command(
    year: Annotated[int, typer.Argument(help="The year, such as 2023.")],
    percent: Annotated[float, typer.Argument(help="The UCJ target in percent, such as 60.")],
    area: Annotated[
        str | None, typer.Option("--area", help="Area code (default: the regency).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Set the UCJ target of a year: cakupan target set 2023 60."""
    with open_warehouse(data_dir, write=True, what="target set") as (settings, wh):
        target_set(
            wh,
            year=year,
            percent=percent,
            area_code=area or settings.regency_code,
            by=getpass.getuser(),
        )
    console.print(f"Target {year}: {format_percent(percent / 100, 0)}")


def gap(
    year: Annotated[int | None, typer.Option("--year", help="Year of the target.")] = None,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """People still to enrol to reach the target, the monthly pace needed, the forecast."""
    with open_warehouse(data_dir) as (settings, wh):
        report = gap_report(wh, year=year, default_target=settings.ucj_target)
    if as_json:
        print_json(report)
        return
    r = report
    console.print(
        f"UCJ {format_percent(r.ucj)} on {r.as_of} against a {r.year} target of "
        f"{format_percent(r.target, 0)} ({r.target_source}): "
        f"{format_number(r.gap_persons)} more people to enrol, "
        f"{format_number(r.monthly_pace_needed)} a month over {r.months_left} months."
    )
    f = r.forecast
    if f is None:
        console.print("No forecast yet: it needs participant snapshots of two dates or more.")
    else:
        low, high = f.year_end_range
        console.print(
            f"At the current pace ({format_number(f.active_persons_per_month)} a month) the "
            f"year ends with {format_number(f.year_end_active_persons)} active persons "
            f"(range {format_number(low)}–{format_number(high)})."
        )
