"""``cakupan activity``: benefits paid, cards handed over, campaign events."""

from __future__ import annotations

from cakupan.activity import activity_report
from cakupan.formatting import format_number, format_rupiah
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table


def activity(
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Benefits paid (santunan), cards handed over and events, per quarter and kecamatan."""
    with open_warehouse(data_dir) as (_settings, wh):
        report = activity_report(wh)
    if as_json:
        print_json(report)
        return
    if report.payouts_by_program:
        print_table(
            "Benefits paid by program",
            ["program", "payouts", "amount"],
            [
                [r["program"], format_number(r["records"]), format_rupiah(r["amount"])]
                for r in report.payouts_by_program
            ],
        )
    for key, title, rows in (
        ("payouts", "Benefits paid", report.payouts),
        ("cards", "Cards handed over", report.cards),
    ):
        if rows:
            print_table(
                f"{title} per quarter and kecamatan",
                ["quarter", "kecamatan", "records"] + (["amount"] if key == "payouts" else []),
                [
                    [r["quarter"], r["kecamatan_code"], format_number(r["records"])]
                    + ([format_rupiah(r["amount"])] if key == "payouts" else [])
                    for r in rows
                ],
            )
    if report.events:
        print_table(
            "Events",
            ["date", "event", "venue", "desa", "attendance", "registrations"],
            [
                [
                    str(r["date"]),
                    r["event_name"] or "",
                    r["venue_type"],
                    r["desa"] or "",
                    format_number(r["attendance"] or 0),
                    format_number(r["registrations"] or 0),
                ]
                for r in report.events
            ],
        )
    if not (report.payouts or report.cards or report.events):
        console.print("Nothing imported yet: cakupan import payouts|cards|events FILE")
