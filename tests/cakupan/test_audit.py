"""The audit trail: append-only, hash-chained, safe under concurrent writers."""

from __future__ import annotations

import json
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.audit import AUDIT_LOG, audit_read, audit_record, audit_verify


def _write(folder, n, by="siti"):
    for i in range(n):
        audit_record(folder, by=by, action="view", what=f"page {i}", persons=i, scope="35.16.17")


def test_records_chain_and_file_is_private(tmp_path):
    _write(tmp_path, 3)
    records = audit_read(tmp_path)
    assert [r.persons for r in records] == [0, 1, 2]
    assert records[0].prev == "0" * 64 and records[1].prev != records[2].prev
    assert audit_verify(tmp_path).intact and audit_verify(tmp_path).records == 3
    assert (tmp_path / AUDIT_LOG).stat().st_mode & 0o777 == 0o600


def test_an_edit_or_a_removed_line_breaks_the_chain(tmp_path):
    _write(tmp_path, 5)
    path = tmp_path / AUDIT_LOG
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[1])
    edited["persons"] = 0  # someone hides how many persons they exported
    path.write_text("\n".join([lines[0], json.dumps(edited), *lines[2:]]) + "\n")
    assert audit_verify(tmp_path).broken_at == 3  # the line after the edited one
    path.write_text("\n".join([lines[0], *lines[2:]]) + "\n")  # a line removed
    assert audit_verify(tmp_path).broken_at == 2


def test_concurrent_writers_keep_the_chain(tmp_path):
    threads = [threading.Thread(target=_write, args=(tmp_path, 40, f"u{i}")) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = audit_verify(tmp_path)
    assert check.intact and check.records == 160


@settings(max_examples=30, deadline=None)
@given(what=st.text(max_size=200), by=st.text(min_size=1, max_size=40))
def test_any_text_round_trips(tmp_path_factory, what, by):
    folder = tmp_path_factory.mktemp("audit")
    audit_record(folder, by=by, action="export", what=what, persons=1)
    (record,) = audit_read(folder)
    assert (record.what, record.by) == (what, by) and audit_verify(folder).intact
