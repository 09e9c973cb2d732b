"""Work lists on the demo regency, and the export log."""

import csv

import pytest

from cakupan.errors import InputError
from cakupan.privacy import read_export_log
from cakupan.scope import Scope
from cakupan.worklists import export_worklist, worklist_rows

ALL = Scope.whole_regency("tester")


@pytest.fixture
def wh(demo_copy):
    return demo_copy


def test_desa_worklist_is_the_unprotected_workers(wh, tmp_path):
    desa = wh.scalar(
        "SELECT area_code FROM coverage_area WHERE level = 'desa' "
        "ORDER BY register_workers DESC LIMIT 1"
    )
    rows = worklist_rows(wh, scope=ALL, desa=desa)
    workers = wh.scalar(
        "SELECT count(*) FROM register_by_person WHERE desa_code = ? AND is_worker", [desa]
    )
    active_workers = wh.scalar(
        "SELECT count(*) FROM register_by_person r JOIN active_person a USING (person_key) "
        "WHERE r.desa_code = ? AND r.is_worker",
        [desa],
    )
    assert len(rows) == workers - active_workers > 0
    assert {r["desa_code"] for r in rows} == {desa}
    path = export_worklist(
        wh, rows, tmp_path / "desa.csv", what=f"desa {desa}", by="tester", log_dir=tmp_path
    )
    lines = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert lines[0][:2] == ["nik", "name"] and len(lines) == len(rows) + 1
    log = read_export_log(tmp_path)
    assert log[-1].by == "tester" and log[-1].persons == len(rows)
    assert log[-1].file == str(path.resolve())


def test_segment_worklist_and_choices(wh, tmp_path):
    rows = worklist_rows(wh, scope=ALL, segment="guru_tpq")
    assert rows and {r["segment"] for r in rows} == {"GURU_TPQ"}
    export_worklist(wh, rows, tmp_path / "tpq.xlsx", what="segment GURU_TPQ")
    with pytest.raises(InputError):
        worklist_rows(wh, scope=ALL, desa="35.16.12.2007", segment="KUR")
    with pytest.raises(InputError):
        export_worklist(wh, rows, tmp_path / "tpq.txt", what="x")


def test_group_cost(wh):
    from cakupan.worklists import group_cost

    r = group_cost(wh, scope=ALL, months=12, segment="GURU_TPQ")
    persons = len(worklist_rows(wh, scope=ALL, segment="GURU_TPQ"))
    assert r.persons == persons > 0
    assert r.monthly_per_person == 16_800  # JKK 10,000 + JKM 6,800
    assert r.total == persons * 16_800 * 12
    with_jht = group_cost(wh, scope=ALL, months=1, income=2_000_000, jht=True, segment="GURU_TPQ")
    assert with_jht.monthly_per_person == 20_000 + 6_800 + 40_000  # 1 % + flat + 2 %
    with pytest.raises(InputError):
        group_cost(wh, scope=ALL, months=0, segment="GURU_TPQ")
