"""``cakupan audit``: the audit trail of personal data, read on the server."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.audit import audit_read, audit_verify
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table


def audit(
    last: Annotated[
        int, typer.Option("--last", min=0, help="Show the last N events (0: all).")
    ] = 50,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Show who viewed or exported personal data (newest last) and check that nobody edited
    the trail; exits 1 when the chain is broken."""
    settings = load_settings(data_dir=data_dir)
    records = audit_read(settings.data_dir)
    shown = records[-last:] if last else records
    check = audit_verify(settings.data_dir)
    if as_json:
        print_json({"records": list(shown), "total": len(records), "check": check})
    else:
        print_table(
            "Audit trail",
            ["when (UTC)", "who", "action", "scope", "what", "persons"],
            [[r.at, r.by, r.action, r.scope, r.what, str(r.persons)] for r in shown],
        )
        if check.intact:
            console.print(f"{check.records} events; the chain is intact.")
        else:
            console.print(
                f"[red]The trail was changed outside Cakupan at line {check.broken_at}.[/red]"
            )
    if not check.intact:
        raise typer.Exit(1)
