"""Reads of the audit trail (:mod:`cakupan.audit`): newest first, with the chain's state."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, fields
from pathlib import Path

from cakupan._tables import neutralise
from cakupan.audit import AuditCheck, AuditRecord, audit_read, audit_verify


def audit_list(*, data_dir: Path, offset: int, limit: int) -> tuple[tuple[AuditRecord, ...], int]:
    """One page of events, newest first, and how many there are."""
    records = audit_read(data_dir)
    newest_first = records[::-1]
    return newest_first[offset : offset + limit], len(records)


def audit_check(*, data_dir: Path) -> AuditCheck:
    return audit_verify(data_dir)


def audit_csv(*, data_dir: Path) -> bytes:
    """The whole trail as CSV (oldest first, as written; no cell starts a formula)."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [f.name for f in fields(AuditRecord)]
    writer.writerow(names)
    for record in audit_read(data_dir):
        values = asdict(record)
        writer.writerow([neutralise(values[n]) for n in names])
    return out.getvalue().encode("utf-8-sig")
