"""Limits for untrusted files: every file is hostile until read within them.

A file is refused — one :class:`~cakupan.errors.InputError` naming the file and the limit,
within seconds, never a traceback — when it is larger than ``max_file_mib``; when it is a
workbook (a zip) whose members unpack to more than ``max_unpacked_mib`` or more than
``max_ratio`` times their packed size (a "zip bomb"); when it has more than ``max_rows`` data
rows or ``max_columns`` columns; or when reading it needs more than ``reader_memory_mib``
(workbooks are read in a child process held to that ceiling, so that a sheet declaring cells
from A1 to XFD1048576 cannot exhaust the machine). A cell longer than ``max_cell_chars`` is a
finding on its row, which is rejected. Every limit is a setting (``docs/configuration.md``).

Example:
    >>> Limits().max_rows
    5000000
    >>> Limits.from_settings(type("S", (), {"max_rows": 10})()).max_rows
    10
"""

from __future__ import annotations

import dataclasses
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cakupan.errors import InputError

__all__ = ["Limits", "check_file_size", "check_parquet", "check_zip"]

_MIB = 1 << 20


def _default(name: str) -> Any:
    """The default of the setting of the same name: the defaults live in one place."""
    from cakupan.settings import Settings

    return next(f.default for f in dataclasses.fields(Settings) if f.name == name)


@dataclass(frozen=True)
class Limits:
    """The ceilings a file is read within (the settings' defaults fit a regency)."""

    max_file_mib: int = _default("max_file_mib")
    max_unpacked_mib: int = _default("max_unpacked_mib")
    max_ratio: int = _default("max_ratio")
    max_rows: int = _default("max_rows")
    max_columns: int = _default("max_columns")
    max_cell_chars: int = _default("max_cell_chars")
    reader_memory_mib: int = _default("reader_memory_mib")
    reader_seconds: int = _default("reader_seconds")

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The limits of a :class:`~cakupan.settings.Settings` (fields of the same names)."""
        values = {
            f.name: getattr(settings, f.name)
            for f in dataclasses.fields(cls)
            if hasattr(settings, f.name)
        }
        return cls(**values)


def _refuse(code: str, path: Path, found: str, limit: str, **more: str) -> InputError:
    """A file refused for a limit: the code says which (and names its setting)."""
    return InputError(code, file=path.name, found=found, limit=limit, **more)


def check_file_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_mib * _MIB:
        raise _refuse("file.too_large", path, f"{size / _MIB:,.0f}", f"{limits.max_file_mib:,}")


def check_zip(path: Path, limits: Limits) -> None:
    """A workbook's zip members: their declared unpacked size and compression ratio. (The
    child reader's memory ceiling catches members whose headers lie.)"""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip after all: the reader says what it is
    _refuse_unpacked(path, sum(m.file_size for m in members), limits)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _MIB and ratio > limits.max_ratio:
            raise _refuse(
                "file.compression_bomb",
                path,
                f"{ratio:,.0f}",
                f"{limits.max_ratio}",
                part=member.filename,
            )


def check_parquet(path: Path, limits: Limits) -> None:
    """Rows, columns and unpacked size from the Parquet footer, before any row is loaded."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # not Parquet after all: the reader says what it is
        return
    refuse_rows(path, meta.num_rows, limits)
    refuse_columns(path, meta.num_columns, limits)
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    _refuse_unpacked(path, unpacked, limits)


def _refuse_unpacked(path: Path, unpacked: int, limits: Limits) -> None:
    if unpacked > limits.max_unpacked_mib * _MIB:
        raise _refuse(
            "file.unpacks_too_large",
            path,
            f"{unpacked / _MIB:,.0f}",
            f"{limits.max_unpacked_mib:,}",
        )


def refuse_rows(path: Path, rows: int, limits: Limits) -> None:
    if rows > limits.max_rows:
        raise _refuse("file.too_many_rows", path, f"{rows:,}", f"{limits.max_rows:,}")


def refuse_columns(path: Path, columns: int, limits: Limits) -> None:
    if columns > limits.max_columns:
        raise _refuse("file.too_many_columns", path, f"{columns:,}", f"{limits.max_columns:,}")
