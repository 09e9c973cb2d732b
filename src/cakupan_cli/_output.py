"""Rendering helpers shared by the commands."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()


def print_json(payload: Any) -> None:
    """One JSON object on standard output."""
    print(json.dumps(payload, ensure_ascii=False, default=str))


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A readable table; numbers are right-aligned."""
    table = Table(title=title)
    for index, name in enumerate(columns):
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def announce_url(url: str) -> None:
    """Tell the user where the web app is, once it listens."""
    console.print(f"Dashboard: [bold]{url}[/bold]  (Ctrl+C to stop)")
