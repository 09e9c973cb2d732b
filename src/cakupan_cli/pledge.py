"""``cakupan pledge``: who pays for whom."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.formatting import format_number, format_rupiah
from cakupan.pledges import pledge_add, pledge_allocate, pledge_list
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table

pledge_app = typer.Typer(help="Sponsor pledges and their allocation.", invoke_without_command=True)


@pledge_app.callback()
def pledges(ctx: typer.Context, as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """List the pledges."""
    if ctx.invoked_subcommand is not None:
        return
    with open_warehouse(data_dir) as (_settings, wh):
        rows = pledge_list(wh)
    if as_json:
        print_json({"pledges": rows})
        return
    print_table(
        "Pledges",
        ["id", "payer", "type", "budget", "months", "for", "from"],
        [
            [
                str(r.id),
                r.payer,
                r.payer_type,
                format_rupiah(r.budget),
                str(r.months),
                " ".join(str(x) for x in (r.segment, r.area_code) if x) or "anyone",
                (r.origin or "pledge add") + (f" — PROBLEM: {r.problem}" if r.problem else ""),
            ]
            for r in rows
        ],
    )


@pledge_app.command("add")
def add(
    payer: Annotated[str, typer.Option("--payer", help="Who pays (RS Islam Sakinah…).")],
    payer_type: Annotated[
        str, typer.Option("--type", help="APBD, APBDES, DBHCHT, CSR, BAZNAS or SELF.")
    ],
    budget: Annotated[int, typer.Option("--budget", help="Rupiah.")],
    months: Annotated[int, typer.Option("--months", help="Months of cover.")] = 12,
    segment: Annotated[str | None, typer.Option("--segment", help="Only this segment.")] = None,
    area: Annotated[str | None, typer.Option("--area", help="Only this area code.")] = None,
    age_min: Annotated[int | None, typer.Option("--age-min", help="Minimum age.")] = None,
    age_max: Annotated[int | None, typer.Option("--age-max", help="Maximum age.")] = None,
    priority: Annotated[int, typer.Option("--priority", help="Lower goes first.")] = 100,
    data_dir: DataDir = None,
) -> None:
    """Record a pledge: cakupan pledge add --payer "RS Islam Sakinah" --type CSR --budget ..."""
    with open_warehouse(data_dir, write=True, what="pledge") as (_settings, wh):
        pledge_id = pledge_add(
            wh,
            payer=payer,
            payer_type=payer_type,
            budget=budget,
            months=months,
            segment=segment,
            area_code=area,
            age_min=age_min,
            age_max=age_max,
            priority=priority,
        )
    console.print(f"Pledge {pledge_id} recorded.")


@pledge_app.command("allocate")
def allocate(as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """Allocate every pledge to eligible unprotected persons (never one person twice)."""
    with open_warehouse(data_dir, write=True, what="pledge") as (_settings, wh):
        report = pledge_allocate(wh)
    if as_json:
        print_json(report)
        return
    print_table(
        "Allocation",
        ["pledge", "payer", "persons", "spent", "remaining", "note"],
        [
            [
                str(p.id),
                p.payer,
                format_number(p.persons),
                format_rupiah(p.spent),
                format_rupiah(p.remaining),
                p.problem or "",
            ]
            for p in report.pledges
        ],
    )
