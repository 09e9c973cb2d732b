"""Where an upload lives: ``DATA_DIR/uploads/<id>/`` (0700), its files 0600."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

FOLDER = "uploads"
CHECK_FILE = "check.json"
REJECTED_FILE = "rejected.xlsx"
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet")
_UNSAFE = re.compile(r"[^0-9A-Za-z._ ()-]+")


def upload_folder(data_dir: Path, upload_id: object) -> Path:
    return data_dir / FOLDER / str(upload_id)


def safe_file_name(name: str) -> str:
    """A file name to keep (the snapshot records it): no folder, no odd characters, an
    extension the importer reads (else the importer's refusal names it)."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:80] or "berkas"
    return stem + _UNSAFE.sub("", suffix.lower())[:10]


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def make_folder(data_dir: Path, upload_id: object) -> Path:
    folder = upload_folder(data_dir, upload_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=False)
    folder.parent.chmod(0o700)
    return folder


def remove_folder(data_dir: Path, upload_id: object) -> None:
    shutil.rmtree(upload_folder(data_dir, upload_id), ignore_errors=True)
