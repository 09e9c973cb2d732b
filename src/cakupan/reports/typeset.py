"""Typesetting a report with Typst, offline: a template of ``data/reports`` reads the
report's figures (already written as text) from ``data.json`` and its pictures (SVG) from
files beside it.

Example:
    >>> labels("en")["total"], labels("id")["total"]
    ('Total', 'Jumlah')
"""

from __future__ import annotations

import json
import tempfile
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

__all__ = ["FORMATS", "labels", "output_format", "typeset", "typeset_pdf"]

FORMATS = ("pdf", "xlsx")

_DATA = "cakupan.data.reports"


@cache
def labels(language: str) -> dict[str, str]:
    """The reports' words in ``language`` (``id`` or ``en``)."""
    text = resources.files(_DATA).joinpath("labels.toml").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = tomllib.loads(text)
    return table["en" if language == "en" else "id"]


def typeset(
    template: str,
    document: dict[str, Any],
    *,
    files: dict[str, str] | None = None,
    file_format: Literal["pdf", "png"] = "pdf",
    ppi: int | None = None,
) -> bytes | list[bytes]:
    """Compile ``data/reports/<template>.typ`` with ``document`` as ``data.json`` and
    ``files`` (name → text) beside it: the PDF, or one PNG per page."""
    import typst

    source = resources.files(_DATA).joinpath(f"{template}.typ").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="cakupan-report-") as folder:
        root = Path(folder)
        (root / "main.typ").write_text(source, encoding="utf-8")
        (root / "data.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        for name, text in (files or {}).items():
            (root / name).write_text(text, encoding="utf-8")
        result = typst.compile(str(root / "main.typ"), root=str(root), format=file_format, ppi=ppi)
    return cast("bytes | list[bytes]", result)  # PNG: one image per page


def output_format(out: Path, file_format: str | None) -> str:
    """``file_format``, else ``out``'s suffix: ``pdf`` or ``xlsx`` (another is explained)."""
    from cakupan.errors import InputError

    chosen = (file_format or out.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InputError("export.bad_format", allowed=", ".join(FORMATS), suffix=chosen or "–")
    return chosen


def typeset_pdf(
    template: str, document: dict[str, Any], *, files: dict[str, str] | None = None
) -> bytes:
    """The PDF of ``template`` with ``document`` (see :func:`typeset`)."""
    pdf = typeset(template, document, files=files)
    assert isinstance(pdf, bytes)  # one PDF, not pages
    return pdf
