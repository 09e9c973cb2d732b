"""Rendering helpers shared by the commands."""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console
from rich.table import Table

from cakupan.privacy import mask_nik
from cakupan.results import as_json

console = Console()
notices = Console(stderr=True)  # what is not the answer (waiting…): never in --json output
_HASH = re.compile(r"[0-9a-f]{32,128}")


def masked(value: Any) -> Any:
    """``value`` with every NIK-like number (ten digits or more: NIK, KPJ) in its texts masked,
    ``3516********0003``; content hashes are left as they are. What a terminal or a JSON answer
    shows; files meant to carry personal data are written elsewhere, and logged."""
    if isinstance(value, str):
        return value if _HASH.fullmatch(value) else mask_nik(value)
    if isinstance(value, dict):
        return {k: masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [masked(v) for v in value]
    return value


def print_json(payload: Any, *, show_nik: bool = False) -> None:
    """One JSON object on standard output (a typed result as its fields; NIK-like numbers
    masked unless ``show_nik``)."""
    payload = as_json(payload)
    shown = payload if show_nik else masked(payload)
    print(json.dumps(shown, ensure_ascii=False, default=str))


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A readable table; numbers are right-aligned; NIK-like numbers masked."""
    table = Table(title=title)
    for index, name in enumerate(columns):
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*masked(list(row)))
    console.print(table)


def announce_url(url: str) -> None:
    """Tell the user where the web app is, once it listens."""
    console.print(f"Dashboard: [bold]{url}[/bold]  (Ctrl+C to stop)")
