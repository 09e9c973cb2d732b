"""``cakupan plan``: spread every pledge over the unprotected to cover the most people."""

from __future__ import annotations

from cakupan.formatting import format_number, format_rupiah
from cakupan.planning import plan as solve
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table


def plan(
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """The most people every pledge together can cover, each payer by its own rules."""
    with open_warehouse(data_dir) as (_settings, wh):
        report = solve(wh)
    if as_json:
        print_json(report)
        return
    print_table(
        f"Plan ({report.status})",
        ["payer", "type", "may pay for", "eligible", "persons", "spent", "left", "limited by"],
        [
            [
                p.payer,
                p.payer_type,
                p.rules,
                format_number(p.eligible_persons),
                format_number(p.persons),
                format_rupiah(p.spent),
                format_rupiah(p.remaining),
                p.limited_by,
            ]
            for p in report.payers
        ],
    )
    console.print(f"{format_number(report.persons)} persons covered in all.")
    for p in report.skipped:
        console.print(f"Skipped {p['payer']} (pledge {p['id']}): {p['problem']}")
