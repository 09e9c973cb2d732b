"""``cakupan cost``: what covering a group of unprotected people costs."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.formatting import format_number, format_rupiah
from cakupan.privacy import os_account
from cakupan.scope import Scope
from cakupan.worklists import group_cost
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json


def cost(
    desa: Annotated[str | None, typer.Option("--desa", help="Desa code.")] = None,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", help="Kecamatan code.")] = None,
    segment: Annotated[str | None, typer.Option("--segment", help="Segment label.")] = None,
    months: Annotated[int, typer.Option("--months", help="Months of cover.")] = 12,
    income: Annotated[
        int, typer.Option("--income", help="Declared monthly income (Rp).")
    ] = 1_000_000,
    jht: Annotated[bool, typer.Option("--jht", help="Include the optional JHT.")] = False,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """What covering the unprotected of a desa, kecamatan or segment costs for N months."""
    with open_warehouse(data_dir) as (_settings, wh):
        report = group_cost(
            wh,
            months=months,
            scope=Scope.whole_regency(os_account()),  # the server's own account
            income=income,
            jht=jht,
            desa=desa,
            kecamatan=kecamatan,
            segment=segment,
        )
    if as_json:
        print_json(report)
        return
    console.print(
        f"{format_number(report.persons)} unprotected persons × "
        f"{format_rupiah(report.monthly_per_person)} a month × {months} months = "
        f"{format_rupiah(report.total)} ({format_rupiah(report.monthly_total)} a month)."
    )
