"""``cakupan worklist``: the unprotected persons of a desa, kecamatan or segment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cakupan.formatting import format_number
from cakupan.pipeline.views import working_views_sql
from cakupan.settings import load_settings
from cakupan.warehouse import Warehouse
from cakupan.worklists import export_worklist, worklist_rows
from cakupan_cli._output import console
from cakupan_cli.demo import DataDir


def worklist(
    out: Annotated[Path, typer.Option("--out", help="FILE.csv or FILE.xlsx to write.")],
    desa: Annotated[str | None, typer.Option("--desa", help="Desa code.")] = None,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", help="Kecamatan code.")] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="Segment label (KUR, GURU_TPQ…).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Write the unprotected persons of one desa, kecamatan or segment (export logged)."""
    settings = load_settings(data_dir=data_dir)
    with Warehouse(settings.warehouse_path) as wh:
        wh.execute(working_views_sql())
        rows = worklist_rows(wh, desa=desa, kecamatan=kecamatan, segment=segment)
        what = f"worklist desa={desa or ''} kecamatan={kecamatan or ''} segment={segment or ''}"
        export_worklist(wh, rows, out, what=what)
    console.print(
        f"{format_number(len(rows))} unprotected persons written to {out} (export logged)."
    )
