"""Reads of work lists: through the library's scoped read layer (:mod:`cakupan.people`), from
the published file, with every read of persons recorded in the audit trail."""

from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cakupan import areas, people
from cakupan.errors import CakupanError
from cakupan.publish import current_publication
from cakupan.scope import Scope


@dataclass(frozen=True)
class DesaCount:
    code: str
    name: str
    kecamatan: str
    persons: int
    lapsed: int


def _publication(data_dir: Path) -> Path:
    publication = current_publication(data_dir)
    if publication is None:
        raise CakupanError("publication.none")
    return publication


def _name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return areas.get(code).name
    except CakupanError:
        return code


def worklist_counts_get(*, scope: Scope, data_dir: Path) -> tuple[DesaCount, ...]:
    """Unprotected working people per desa within ``scope``, with the areas' names (counts
    of a published file never change: kept per file and scope)."""
    view = dataclasses.replace(scope, who="")  # the counts do not depend on who reads
    return _counts(_publication(data_dir), view)


@functools.lru_cache(maxsize=256)
def _counts(publication: Path, scope: Scope) -> tuple[DesaCount, ...]:
    counts = people.worklist_counts(publication, scope=scope)
    return tuple(
        DesaCount(c.desa_code, _name(c.desa_code), _name(c.kecamatan_code), c.persons, c.lapsed)
        for c in counts
    )


def worklist_page_get(
    *, scope: Scope, which: people.WorklistFilter, data_dir: Path, offset: int, limit: int = 50
) -> people.WorklistPage:
    """One page of a work list within ``scope`` (audited as a view)."""
    return people.worklist_page(
        _publication(data_dir), scope=scope, which=which, data_dir=data_dir, offset=offset,
        limit=limit,
    )  # fmt: skip


def worklist_export_get(
    *, scope: Scope, which: people.WorklistFilter, data_dir: Path, file_format: str
) -> bytes:
    """The whole work list within ``scope`` as XLSX or CSV bytes (audited as an export; the
    file exists only while it is written, in a private folder)."""
    with tempfile.TemporaryDirectory(prefix="cakupan-export-") as folder:
        out = Path(folder) / f"worklist.{file_format}"
        people.worklist_export(
            _publication(data_dir), out, scope=scope, which=which, data_dir=data_dir,
            file_format=file_format,
        )  # fmt: skip
        data = out.read_bytes()
        os.unlink(out)
    return data
