"""``cakupan coverage``: UCJ by regency, a province's kabupaten, kecamatan, desa, segment list
or membership."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from cakupan.coverage import coverage_report
from cakupan.formatting import format_number, format_percent
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import print_json, print_table


class Breakdown(str, Enum):
    regency = "regency"
    kabupaten = "kabupaten"
    kecamatan = "kecamatan"
    desa = "desa"
    segment = "segment"
    membership = "membership"


def coverage(
    by: Annotated[Breakdown, typer.Option("--by", help="The breakdown.")] = Breakdown.regency,
    period: Annotated[
        str | None, typer.Option("--period", help="A month (2023-03) or quarter (2023Q1).")
    ] = None,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Coverage (UCJ = active persons ÷ working population), now or in a past period."""
    with open_warehouse(data_dir) as (_settings, wh):
        report = coverage_report(wh, by=by.value, period=period)
    if as_json:
        print_json(report)
        return
    label = {"segment": "segment", "membership": "membership"}.get(by.value, "area")
    rows = []
    for r in report.rows:
        if label == "area":
            name = r.name or r.area_code
        elif label == "membership":
            name = r.membership
        elif r.list_key:
            name = f"{r.segment} {r.partner or ''}".strip()
        else:
            name = f"{r.segment} (all lists)"
        rows.append(
            [
                str(name),
                format_number(r.active_persons),
                "–" if r.denominator is None else format_number(r.denominator),
                "–" if r.ucj is None else format_percent(r.ucj),
            ]
        )
    print_table(
        f"Coverage by {by.value}, {report.year}",
        [label, "active", "denominator" if label != "segment" else "persons", "UCJ"],
        rows,
    )
