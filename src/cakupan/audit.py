"""The audit trail of personal data (UU 27/2022): every view and every export of persons.

One JSON line per event in ``DATA_DIR/audit_log.jsonl`` (0600): who, when, in which scope,
which page or file, how many persons. The product only appends, under an exclusive lock (the
web's threads, its worker and the command line write to the same file), and each line holds
the SHA-256 of the line before it, so an edit or a deleted line anywhere breaks the chain
from there on: :func:`audit_verify` says where. Nothing in the product edits or deletes a
line; a Disnaker admin reads and downloads the trail (web ``/audit/``, ``cakupan audit``).

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> r = audit_record(folder, by="siti", action="view", what="worklist desa=35.16.17.2001",
    ...                  persons=12, scope="35.16.17.2001")
    >>> [x.persons for x in audit_read(folder)], audit_verify(folder).intact
    ([12], True)
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["AUDIT_LOG", "AuditCheck", "AuditRecord", "audit_read", "audit_record", "audit_verify"]

AUDIT_LOG = "audit_log.jsonl"
_GENESIS = "0" * 64
_TAIL = 64 * 1024  # a line is far shorter: the last one lies in the file's last 64 KiB


@dataclass(frozen=True)
class AuditRecord:
    """One view or export of personal data."""

    at: str  # ISO time, UTC
    by: str  # the web user, or the operating-system account of the command line
    action: str  # "view" (a page, an API answer) or "export" (a file)
    scope: str  # the reader's scope (Scope.label): regency, area codes, partner:NAME
    what: str  # which page or list (worklist desa=…, rejected rows of snapshot 4…)
    persons: int
    file: str = ""  # the file written (exports)
    prev: str = _GENESIS  # SHA-256 of the previous line


@dataclass(frozen=True)
class AuditCheck:
    """Whether the chain holds: ``broken_at`` is the first line (1-based) that does not."""

    records: int
    broken_at: int | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def _digest(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def _last_line(descriptor: int) -> bytes | None:
    size = os.fstat(descriptor).st_size
    if not size:
        return None
    start = max(0, size - _TAIL)
    tail = os.pread(descriptor, size - start, start).rstrip(b"\n")
    return tail.rsplit(b"\n", 1)[-1]


def audit_record(
    data_dir: Path,
    *,
    by: str,
    action: str,
    what: str,
    persons: int,
    scope: str = "regency",
    file: str | Path = "",
) -> AuditRecord:
    """Append one event to ``data_dir``'s audit trail (created 0600) and return it."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = data_dir / AUDIT_LOG
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        last = _last_line(descriptor)
        record = AuditRecord(
            at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            by=by,
            action=action,
            scope=scope,
            what=what,
            persons=persons,
            file=str(Path(file).resolve()) if file else "",
            prev=_digest(last) if last else _GENESIS,
        )
        line = json.dumps(asdict(record), ensure_ascii=False).encode("utf-8") + b"\n"
        os.write(descriptor, line)
    finally:
        os.close(descriptor)  # releases the lock
    return record


def _lines(data_dir: Path) -> list[bytes]:
    path = data_dir / AUDIT_LOG
    if not path.exists():
        return []
    with path.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)  # never half a line being appended
        return [line for line in handle.read().split(b"\n") if line.strip()]


def audit_read(data_dir: Path) -> tuple[AuditRecord, ...]:
    """Every event of the trail, oldest first (a damaged line is skipped here; see
    :func:`audit_verify`)."""
    records = []
    for line in _lines(data_dir):
        try:
            records.append(AuditRecord(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return tuple(records)


def audit_verify(data_dir: Path) -> AuditCheck:
    """Check the chain: each line must hold the digest of the line before it."""
    lines = _lines(data_dir)
    expected = _GENESIS
    for number, line in enumerate(lines, start=1):
        try:
            prev = json.loads(line)["prev"]
        except (ValueError, TypeError, KeyError):
            return AuditCheck(len(lines), number)
        if prev != expected:
            return AuditCheck(len(lines), number)
        expected = _digest(line)
    return AuditCheck(len(lines), None)
