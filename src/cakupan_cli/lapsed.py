"""``cakupan lapsed``: BPU members whose contributions stopped."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.formatting import format_number, format_rupiah
from cakupan.lapsed import lapsed_report
from cakupan.privacy import os_account
from cakupan.scope import Scope
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table


def lapsed(
    limit: Annotated[int, typer.Option("--limit", min=0, help="Persons to list.")] = 20,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Lapsed BPU members, by months since they paid, and the cost of winning them back."""
    with open_warehouse(data_dir) as (_settings, wh):
        report = lapsed_report(wh, scope=Scope.whole_regency(os_account()), limit=limit)
    if as_json:
        print_json(report)
        return
    print_table(
        f"Lapsed BPU members on {report.as_of}",
        ["months since paid", "persons"],
        [[b.months, format_number(b.persons)] for b in report.by_months_since],
    )
    console.print(
        f"{format_number(report.persons)} persons; winning them back costs "
        f"{format_rupiah(report.monthly_cost_each)} each, "
        f"{format_rupiah(report.monthly_cost_total)} a month in all."
    )
    if report.rows:
        print_table(
            "Most recent first",
            ["name", "KPJ", "desa", "last paid"],
            [
                [r.name or "", r.kpj, r.desa_code or "–", str(r.last_paid_month)[:7]]
                for r in report.rows
            ],
        )
