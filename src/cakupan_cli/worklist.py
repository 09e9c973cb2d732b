"""``cakupan worklist``: the unprotected persons of a desa, kecamatan, segment or partner, or the
collective-registration batch of a pledge."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cakupan.formatting import format_number
from cakupan.privacy import os_account
from cakupan.scope import Scope
from cakupan.worklists import worklist_write
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir
from cakupan_cli._output import console


class FileFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


def worklist(
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    desa: Annotated[str | None, typer.Option("--desa", help="Desa code.")] = None,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", help="Kecamatan code.")] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="Segment label (KUR, GURU_TPQ…).")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="List provider (a bank, a Kemenag office) as imported."),
    ] = None,
    pledge: Annotated[
        int | None, typer.Option("--pledge", help="Pledge id: its collective-registration batch.")
    ] = None,
    file_format: Annotated[
        FileFormat | None, typer.Option("--format", help="csv or xlsx (default: from --out).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Write who to visit (desa, kecamatan, segment, partner) or a pledge's registration
    batch."""
    fmt = file_format.value if file_format else None
    with open_warehouse(data_dir) as (_settings, wh):
        written = worklist_write(
            wh,
            out,
            by=os_account(),
            # The server's own account owns the data folder: the whole regency.
            scope=Scope.whole_regency(os_account()),
            pledge=pledge,
            file_format=fmt,
            desa=desa,
            kecamatan=kecamatan,
            segment=segment,
            partner=partner,
        )
    console.print(f"{format_number(written)} persons written to {out} (export logged).")
