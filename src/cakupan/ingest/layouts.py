"""File layouts of the systems offices export from (OpenSID, OpenDK, SIAK), declared as data.

A layout (``data/layouts/<name>.toml``) names the system, the source of its column list, the
headers that identify it, which header feeds which Cakupan column, whether the file carries
its desa, and the values the system writes that mean something else (its quirks). A file is
recognised by its headers; a new layout is a new TOML file, not code.

Example:
    >>> headers = ["alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir",
    ...            "tanggallahir", "pekerjaan_id", "kk_level", "status_dasar"]
    >>> layout = detect_layout(headers, "register")
    >>> layout.name, layout.desa_column, layout.columns["tempatlahir"]
    ('opensid', False, 'birth_place')
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from cakupan.ingest.headers import normalise_header
from cakupan.ingest.schemas import SourceType

__all__ = ["Layout", "apply_layout", "detect_layout", "layouts", "layouts_markdown"]


@dataclass(frozen=True)
class Layout:
    """How one system writes one source type."""

    name: str
    title: str
    system: str
    source_type: str
    source: str  # where the column list and codes were taken from
    signature: tuple[str, ...]  # headers that must all be present
    columns: dict[str, str]  # file header -> Cakupan column
    desa_column: bool  # False: one file per village, named with --desa
    values: dict[str, dict[str, str]]  # column -> {written value: meant value}
    notes: str = ""

    def matches(self, headers: list[str]) -> bool:
        present = {normalise_header(h) for h in headers}
        return all(normalise_header(s) in present for s in self.signature)

    def overrides(self, headers: list[str]) -> dict[str, str]:
        """``--map`` style overrides for the headers of this file the layout names."""
        wanted = {normalise_header(h): column for h, column in self.columns.items()}
        return {h: wanted[normalise_header(h)] for h in headers if normalise_header(h) in wanted}


def _layout(name: str, data: dict[str, Any]) -> Layout:
    return Layout(
        name=str(data.get("name", name)),
        title=str(data["title"]),
        system=str(data["system"]),
        source_type=str(data["source_type"]),
        source=" ".join(str(data["source"]).split()),
        signature=tuple(data["signature"]),
        columns={str(k): str(v) for k, v in data["columns"].items()},
        desa_column=bool(data.get("desa_column", True)),
        values={
            c: {str(k): str(v) for k, v in m.items()} for c, m in data.get("values", {}).items()
        },
        notes=" ".join(str(data.get("notes", "")).split()),
    )


@cache
def layouts() -> tuple[Layout, ...]:
    """Every layout shipped in ``data/layouts``, by name."""
    folder = resources.files("cakupan").joinpath("data", "layouts")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            found.append(_layout(entry.name[:-5], tomllib.loads(entry.read_text("utf-8"))))
    return tuple(found)


def detect_layout(headers: list[str], source_type: str) -> Layout | None:
    """The layout of ``source_type`` whose signature headers are all in ``headers``."""
    for layout in layouts():
        if layout.source_type == source_type and layout.matches(headers):
            return layout
    return None


def apply_layout(source: SourceType, layout: Layout | None) -> SourceType:
    """``source`` with the layout's value quirks added to its columns' aliases (tried first)."""
    if layout is None or not layout.values:
        return source
    columns = tuple(
        dataclasses.replace(c, aliases=(*layout.values[c.name].items(), *c.aliases))
        if c.name in layout.values
        else c
        for c in source.columns
    )
    return dataclasses.replace(source, columns=columns)


def layouts_markdown() -> str:
    """The layouts as Markdown (``docs/ingestion.md`` embeds this text)."""
    lines = []
    for layout in layouts():
        lines.append(f"#### `{layout.name}`: {layout.title}\n")
        desa = (
            "has a desa column"
            if layout.desa_column
            else "has **no desa column**: import it with `--desa CODE|NAME`"
        )
        lines.append(f"Source type `{layout.source_type}`; {desa}. Taken from {layout.source}.")
        if layout.notes:
            lines.append(f"{layout.notes}")
        lines.append("")
        lines.append("Recognised by the headers " + ", ".join(f"`{s}`" for s in layout.signature))
        lines.append("")
        lines.append("| header | column |")
        lines.append("|---|---|")
        lines += [f"| `{h}` | `{c}` |" for h, c in layout.columns.items()]
        for column, quirks in layout.values.items():
            pairs = ", ".join(f"`{k}` means `{v}`" for k, v in quirks.items())
            lines.append(f"\nQuirk: in `{column}`, {pairs}.")
        lines.append("")
    return "\n".join(lines)
