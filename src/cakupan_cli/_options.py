"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data folder (default $CAKUPAN_DATA_DIR or ./cakupan-data)."),
]
