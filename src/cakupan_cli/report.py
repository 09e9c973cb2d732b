"""``cakupan report``: the documents a regency signs, from the published figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cakupan.formatting import format_percent
from cakupan.privacy import os_account
from cakupan.publish import require_publication
from cakupan.reports import parse_period
from cakupan.reports.documents import inpres_write, kur_write
from cakupan.reports.render import quarterly_write
from cakupan.scope import Scope
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir
from cakupan_cli._output import console

report_app = typer.Typer(help="Reports from the published figures (PDF or XLSX).")

PeriodOption = Annotated[str, typer.Option("--period", help="Quarter: 2023Q1.")]
OutOption = Annotated[Path, typer.Option("--out", help="FILE.pdf or FILE.xlsx to write.")]
FormatOption = Annotated[
    str | None, typer.Option("--format", help="pdf or xlsx (default: from --out).")
]
LangOption = Annotated[str, typer.Option("--lang", help="id (default) or en.")]


@report_app.command("quarterly")
def quarterly(
    period: PeriodOption,
    out: OutOption,
    file_format: FormatOption = None,
    lang: LangOption = "id",
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


@report_app.command("kur")
def kur(
    period: PeriodOption,
    out: OutOption,
    bank: Annotated[
        str | None,
        typer.Option("--bank", help="One bank (BRI…): its unprotected debtors listed too."),
    ] = None,
    file_format: FormatOption = None,
    lang: LangOption = "id",
    data_dir: DataDir = None,
) -> None:
    """KUR debtors per bank (Permenko Perekonomian 1/2023): debtors, protected, unprotected,
    newly registered; with --bank, the list of its unprotected debtors (logged export)."""
    settings = load_settings(data_dir=data_dir)
    report = kur_write(
        require_publication(settings.data_dir), out, scope=Scope.whole_regency(os_account()),
        period=parse_period(period), data_dir=settings.data_dir, bank=bank, language=lang,
        file_format=file_format,
    )  # fmt: skip
    listed = f"; {len(report.debtors)} unprotected debtors of {report.bank} listed" if bank else ""
    console.print(
        f"KUR {report.period.key}: {report.total.debtors} debtors, {report.total.protected} "
        f"protected{listed}; written to {out}"
    )


@report_app.command("inpres")
def inpres(
    year: Annotated[int, typer.Option("--year", help="Year of the published figures: 2023.")],
    out: OutOption,
    file_format: FormatOption = None,
    lang: LangOption = "id",
    data_dir: DataDir = None,
) -> None:
    """Progress on Inpres 2/2021: enrolment per ecosystem of workers (from the segment
    lists) and the budget pledged and used by source of funds."""
    settings = load_settings(data_dir=data_dir)
    report = inpres_write(
        require_publication(settings.data_dir), out, scope=Scope.whole_regency(os_account()),
        year=year, language=lang, file_format=file_format,
    )  # fmt: skip
    listed = sum(1 for e in report.ecosystems if e.lists)
    console.print(
        f"Inpres 2/2021 {report.year}: {listed} of {len(report.ecosystems)} ecosystems listed; "
        f"written to {out}"
    )
