"""The Typer application and its sub-commands."""

from __future__ import annotations

import typer

from cakupan_cli import (
    activity,
    audit,
    calc,
    campaign,
    compliance,
    cost,
    coverage,
    demo,
    exchange,
    ingest,
    lapsed,
    matching,
    plan,
    pledge,
    report,
    serve,
    targets,
    upgrade,
    users,
    worklist,
)

app = typer.Typer(
    name="cakupan",
    help="Cakupan: universal coverage of BPJS Ketenagakerjaan for a regency.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(calc.app, name="calc")
app.command("import")(ingest.import_command)
app.add_typer(ingest.sources_app, name="sources")
app.command("coverage")(coverage.coverage)
app.add_typer(targets.target_app, name="target")
app.command("gap")(targets.gap)
app.command("lapsed")(lapsed.lapsed)
app.command("compliance")(compliance.compliance)
app.command("worklist")(worklist.worklist)
app.command("campaign")(campaign.campaign)
app.add_typer(pledge.pledge_app, name="pledge")
app.command("plan")(plan.plan)
app.command("activity")(activity.activity)
app.command("cost")(cost.cost)
app.command("match")(matching.match)
app.add_typer(matching.review_app, name="review")
app.command("demo")(demo.demo)
app.command("serve")(serve.serve)
app.command("worker")(serve.worker)
app.command("upgrade")(upgrade.upgrade)
app.add_typer(users.user_app, name="user")
app.command("audit")(audit.audit)
app.add_typer(report.report_app, name="report")
app.add_typer(exchange.exchange_app, name="exchange")


@app.command("version")
def version() -> None:
    """Print the version of Cakupan."""
    from importlib.metadata import version as installed

    typer.echo(installed("cakupan"))
