"""``cakupan compliance``: companies that under-register, and what it costs."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.compliance import compliance_report
from cakupan.formatting import format_number, format_rupiah
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table


def compliance(
    limit: Annotated[int, typer.Option("--limit", min=0, help="Companies to list.")] = 20,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """PDS-TK, PDS-Upah, PDS-Program and PWBD companies, largest unpaid contribution first."""
    with open_warehouse(data_dir) as (settings, wh):
        report = compliance_report(wh, regency=settings.regency_code, limit=limit)
    if as_json:
        print_json(report)
        return
    print_table(
        f"Compliance on {report.as_of} (UMK {format_rupiah(report.umk)})",
        ["finding", "companies", "unpaid a month"],
        [
            [code, format_number(t["companies"]), format_rupiah(t["potential_monthly"])]
            for code, t in sorted(report.by_code.items())
        ],
    )
    console.print(
        f"{format_number(report.non_compliant)} of "
        f"{format_number(report.companies_checked)} companies; "
        f"{format_rupiah(report.potential_monthly_total)} a month not paid."
    )
    print_table(
        "Largest first",
        ["company", "NPP", "findings", "unpaid a month"],
        [
            [
                c["company_name"],
                c["npp"] or "–",
                "; ".join(f["code"] for f in c["findings"]),
                format_rupiah(c["potential_monthly"]),
            ]
            for c in report.companies
        ],
    )
