"""``cakupan calc``: contributions and benefits by regulation."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import typer

from cakupan import rules
from cakupan.errors import InputError
from cakupan.formatting import format_rupiah
from cakupan.identity import parse_date
from cakupan_cli._options import JsonFlag
from cakupan_cli._output import console, print_json, print_table

app = typer.Typer(
    help="Contributions (iuran) and benefits (manfaat) by regulation.", no_args_is_help=True
)
benefit_app = typer.Typer(help="Benefits a family receives.", no_args_is_help=True)
app.add_typer(benefit_app, name="benefit")


class Segment(str, Enum):
    pu = "pu"
    bpu = "bpu"
    jakon = "jakon"
    pmi = "pmi"


DateOption = Annotated[
    str | None, typer.Option("--date", help="Date the rules are taken at (YYYY-MM-DD); today.")
]


def _day(text: str | None) -> dt.date | None:
    return parse_date(text) if text else None


def _need(value: int | None, option: str, segment: str) -> int:
    if value is None:
        raise InputError(
            "input.missing_option",
            option=option,
            segment=segment,
        )
    return value


@app.command("contribution")
def contribution(
    segment: Annotated[Segment, typer.Option("--segment", help="pu, bpu, jakon or pmi.")],
    wage: Annotated[int | None, typer.Option("--wage", help="PU monthly wage (Rp).")] = None,
    risk_class: Annotated[
        int | None, typer.Option("--risk-class", min=1, max=5, help="PU risk class 1-5.")
    ] = None,
    income: Annotated[
        int | None, typer.Option("--income", help="BPU declared monthly income (Rp).")
    ] = None,
    jht: Annotated[bool, typer.Option("--jht", help="BPU: include the optional JHT.")] = False,
    contract_value: Annotated[
        int | None, typer.Option("--contract-value", help="JAKON contract value (Rp).")
    ] = None,
    months: Annotated[
        int, typer.Option("--months", help="PMI: 0 before departure, 24 for a contract.")
    ] = 24,
    date: DateOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Monthly contribution of one member (per contract for JAKON and PMI)."""
    day = _day(date)
    if segment is Segment.pu:
        result = rules.pu_contribution(
            wage=_need(wage, "--wage", "pu"),
            risk_class=_need(risk_class, "--risk-class", "pu"),
            on=day,
        )
    elif segment is Segment.bpu:
        result = rules.bpu_contribution(income=_need(income, "--income", "bpu"), jht=jht, on=day)
    elif segment is Segment.jakon:
        result = rules.jakon_contribution(
            contract_value=_need(contract_value, "--contract-value", "jakon"), on=day
        )
    else:
        result = rules.pmi_contribution(months=months, on=day)
    if as_json:
        print_json(result.as_dict())
        return
    rows = [
        [code, format_rupiah(p.employer), format_rupiah(p.worker), format_rupiah(p.total)]
        for code, p in result.programs.items()
    ]
    rows.append(
        [
            "Total",
            format_rupiah(result.employer),
            format_rupiah(result.worker),
            format_rupiah(result.total),
        ]
    )
    per = "per month" if result.period == "month" else "per contract"
    print_table(
        f"Iuran {segment.value.upper()} {per}, rules of {result.on.isoformat()}",
        ["Program", "Employer", "Worker", "Total"],
        rows,
    )
    for note in result.unconfirmed:
        console.print(f"[yellow]Unconfirmed figure used[/yellow] (belum terkonfirmasi): {note}")


def _print_benefit(result: rules.Benefit, as_json: bool) -> None:
    if as_json:
        print_json(result.as_dict())
        return
    rows = [
        [name.replace("_", " "), format_rupiah(amount)]
        for name, amount in result.components.items()
    ]
    rows.append(["Total", format_rupiah(result.total)])
    rows += [
        [f"({name.replace('_', ' ')})", format_rupiah(amount)]
        for name, amount in result.conditional.items()
    ]
    print_table(f"Manfaat {result.name.upper()}", ["Component", "Amount"], rows)


@benefit_app.command("jkm")
def jkm(date: DateOption = None, as_json: JsonFlag = False) -> None:
    """JKM: death not caused by work."""
    _print_benefit(rules.jkm_benefit(on=_day(date)), as_json)


@benefit_app.command("jkk-death")
def jkk_death(
    wage: Annotated[int, typer.Option("--wage", help="Monthly wage (Rp) reported to BPJS.")],
    date: DateOption = None,
    as_json: JsonFlag = False,
) -> None:
    """JKK death: death from a work accident."""
    _print_benefit(rules.jkk_death_benefit(wage=wage, on=_day(date)), as_json)
