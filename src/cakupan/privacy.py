"""Personal data at rest and on screen (UU 27/2022): private files, masked NIKs, an export log.

* Files: the data directory is 0700 and every file in it 0600; :func:`secure_dir` creates it
  so and tightens what an earlier version or another tool left open (with a warning). The
  shells also set the process umask to 0077 (:data:`PRIVATE_UMASK`), so that every file the
  product writes — the warehouse and its WAL, the app database, exports — is private.
* Screen: :func:`mask_nik` hides the middle of every NIK-like number in text a terminal or a
  JSON answer shows (``3516********0003``), unless the user asked for it (``--show-nik``).
* Exports: :func:`log_export` records who (the operating-system account of the process's real
  user id, not an environment variable anyone can set; or the web user), when, what, how many
  persons and where, in the audit trail (:mod:`cakupan.audit`). The product only appends.

Example:
    >>> mask_nik("NIK 3516125708860003 tidak valid")
    'NIK 3516********0003 tidak valid'
    >>> mask_nik("RT 001, 12 rows")
    'RT 001, 12 rows'
"""

from __future__ import annotations

import logging
import os
import pwd
import re
import stat
from pathlib import Path

from cakupan.audit import AUDIT_LOG, AuditRecord, audit_read, audit_record

__all__ = [
    "PRIVATE_UMASK",
    "log_export",
    "mask_nik",
    "os_account",
    "read_export_log",
    "secure_dir",
]

PRIVATE_UMASK = 0o077
_LOG = logging.getLogger("cakupan.privacy")
# A NIK, a damaged one (15 digits, separators) or a KPJ: ten digits or more in a row.
_LONG_NUMBER = re.compile(r"(?<!\d)(\d{4})(\d{2,})(\d{4})(?!\d)")


def mask_nik(text: str) -> str:
    """``text`` with the middle digits of every run of ten digits or more replaced by ``*``."""
    return _LONG_NUMBER.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)


def os_account() -> str:
    """The account of the process's real user id (``LOGNAME`` and ``USER`` can be set by
    anyone; the real uid cannot)."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # an id without a passwd entry (a container)
        return f"uid {uid}"


def _tighten(path: Path, mode: int) -> bool:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode:
        path.chmod(current & mode)
        return True
    return False


# Files that mark a folder as Cakupan's data directory (only such a folder is tightened:
# a data_dir pointed at a home folder or /tmp by mistake must not have its files changed).
_MARKERS = ("warehouse.duckdb", "app.sqlite3", AUDIT_LOG, "export_log.jsonl")


def _ours(path: Path) -> bool:
    info = path.stat()
    if info.st_uid != os.getuid() or info.st_mode & stat.S_ISVTX:
        return False  # another account's folder, or a shared one like /tmp
    return any((path / m).exists() for m in _MARKERS) or not any(path.iterdir())


def secure_dir(path: Path, *, warn: bool = True) -> list[Path]:
    """Create ``path`` as 0700, or make Cakupan's data directory and every file below it
    private (0700 folders, 0600 files); return what had to be tightened (each also logged as
    a warning). A folder that holds none of Cakupan's files is left as it is."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
        return []
    if not path.is_dir() or not _ours(path):
        return []
    fixed = []
    for current, folders, files in os.walk(path):
        here = Path(current)
        if _tighten(here, 0o700):
            fixed.append(here)
        for name in files:
            target = here / name
            if target.is_symlink() or target.stat().st_uid != os.getuid():
                continue
            if _tighten(target, 0o600):
                fixed.append(target)
        folders[:] = [f for f in folders if not (here / f).is_symlink()]
    for target in fixed if warn else ():
        _LOG.warning("%s was readable by other accounts; made private", target)
    return fixed


def log_export(
    data_dir: Path,
    *,
    what: str,
    rows: int,
    file: Path,
    by: str | None = None,
    scope: str = "regency",
) -> AuditRecord:
    """Record one export of personal data in ``data_dir``'s audit trail
    (:mod:`cakupan.audit`) and return the record."""
    secure_dir(data_dir)
    return audit_record(
        data_dir, by=by or os_account(), action="export", what=what, persons=rows,
        scope=scope, file=file,
    )  # fmt: skip


def read_export_log(data_dir: Path) -> list[AuditRecord]:
    """Every export in ``data_dir``'s audit trail, oldest first."""
    return [r for r in audit_read(data_dir) if r.action == "export"]
