"""``cakupan report``: the documents a regency signs, from the published figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cakupan.formatting import format_percent
from cakupan.privacy import os_account
from cakupan.publish import require_publication
from cakupan.reports import parse_period
from cakupan.reports.render import quarterly_write
from cakupan.scope import Scope
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir
from cakupan_cli._output import console

report_app = typer.Typer(help="Reports from the published figures (PDF or XLSX).")


@report_app.command("quarterly")
def quarterly(
    period: Annotated[str, typer.Option("--period", help="Quarter: 2023Q1.")],
    out: Annotated[Path, typer.Option("--out", help="FILE.pdf or FILE.xlsx to write.")],
    file_format: Annotated[
        str | None, typer.Option("--format", help="pdf or xlsx (default: from --out).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="id (default) or en.")] = "id",
    area: Annotated[
        str | None,
        typer.Option("--area", help="Only this kecamatan or desa (code): its own report."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """The quarterly UCJ report for the Bupati and DPRD: headline, trend, map, kecamatan,
    segments, memberships, lapsed members, compliance, payers, activity, method."""
    settings = load_settings(data_dir=data_dir)
    who = os_account()
    scope = Scope(who=who, areas=frozenset({area.strip()})) if area else Scope.whole_regency(who)
    report = quarterly_write(
        require_publication(settings.data_dir), out, scope=scope, period=parse_period(period),
        language=lang, file_format=file_format,
    )  # fmt: skip
    console.print(
        f"{report.period.label(lang)}: UCJ {format_percent(report.overview.ucj)} "
        f"(as of {report.as_of}) written to {out}"
    )
