"""The demo build: every file loaded, linkage, and the coverage invariants."""

import pytest

from cakupan import coverage
from cakupan.warehouse import Warehouse
from tests.conftest import DEMO_PEOPLE


@pytest.fixture
def wh(demo_warehouse):
    with Warehouse(demo_warehouse, read_only=True) as w:
        yield w


def test_every_row_accounted_for(wh, demo_build):
    truth_rows = {}
    for line in demo_build.files.truth.read_text(encoding="utf-8").splitlines()[1:]:
        name = line.split(",")[0].split("/")[-1]
        truth_rows[name] = truth_rows.get(name, 0) + 1
    for report in demo_build.reports:
        assert report.rows_read == report.accepted + report.rejected, report.file
        if report.file in truth_rows:  # every list and participant row the demo wrote
            assert report.rows_read == truth_rows[report.file], report.file
    assert wh.scalar("SELECT count(*) FROM register") == DEMO_PEOPLE
    lists = [r for r in demo_build.reports if r.source_type == "segment"]
    assert wh.scalar("SELECT count(*) FROM segment_member") == sum(r.accepted for r in lists)
    assert {r.file_format for r in lists} == {"csv", "xlsx"}


def test_coverage_near_thirty_percent(demo_build):
    assert 0.24 < demo_build.summary.coverage.ucj < 0.38


def test_desa_plus_unallocated_equals_regency(wh):
    regency = wh.scalar("SELECT active_persons FROM coverage_summary")
    desa = wh.scalar("SELECT sum(active_persons) FROM coverage_area WHERE level = 'desa'")
    unallocated = wh.scalar("SELECT active_persons FROM coverage_area WHERE level = 'unallocated'")
    assert desa + unallocated == regency
    kec = wh.scalar("SELECT sum(active_persons) FROM coverage_area WHERE level = 'kecamatan'")
    assert kec == desa
    assert wh.scalar("SELECT count(*) FROM coverage_area WHERE level = 'kecamatan'") == 18
    assert wh.scalar("SELECT count(*) FROM coverage_area WHERE level = 'desa'") == 304


def test_desa_denominators_add_up_to_official_figure(wh):
    total = wh.scalar("SELECT sum(denominator) FROM coverage_area WHERE level = 'desa'")
    assert total == pytest.approx(wh.scalar("SELECT denominator FROM coverage_summary"))


def test_no_person_counted_twice(wh):
    assert wh.scalar("SELECT count(*) - count(DISTINCT person_key) FROM active_person") == 0
    # A person with two active kinds of membership (PU and BPU) counts once in the regency
    # and once in each kind.
    extra = wh.scalar("SELECT sum(len(segments) - 1) FROM active_person")
    assert extra > 0
    memberships = wh.scalar("SELECT sum(active_persons) FROM coverage_membership")
    assert memberships == wh.scalar("SELECT active_persons FROM coverage_summary") + extra


def test_exact_nik_linkage_only_links_valid_niks(wh):
    bad = wh.scalar("""
        SELECT count(*) FROM participant_person pp
        JOIN participant p ON p.row_id = pp.participant_row
        WHERE pp.method = 'nik' AND p.nik IS NULL""")
    assert bad == 0
    damaged = wh.scalar("""
        SELECT count(*) FROM current_src_participants
        WHERE list_contains(flags, 'nik.scientific_notation')""")
    assert damaged > 0
    linked_damaged = wh.scalar("""
        SELECT count(*) FROM current_src_participants s
        JOIN participant_person pp ON pp.participant_row = s.record_id
        WHERE list_contains(s.flags, 'nik.scientific_notation') AND pp.method = 'nik'""")
    assert linked_damaged == 0


def test_segment_coverage(wh):
    rows = coverage.coverage_segments(wh)
    segments = {r.segment for r in rows}
    assert {"KUR", "PERANGKAT_DESA", "RT_RW", "GURU_TPQ", "GURU_PAUD"} <= segments
    for r in rows:
        assert 0 <= r.active_persons <= r.persons <= r.list_rows
    kur_all = next(r for r in rows if r.segment == "KUR" and r.list_key is None)
    banks = [r for r in rows if r.segment == "KUR" and r.list_key]
    assert len(banks) >= 5
    assert kur_all.persons <= sum(b.persons for b in banks)


def test_failed_build_keeps_previous_warehouse(
    demo_settings, demo_warehouse, monkeypatch, tmp_path
):
    import dataclasses
    import shutil

    from cakupan import pipeline

    # A copy: the build regenerates the demo's files, which other tests read.
    shutil.copy(demo_warehouse, tmp_path / "warehouse.duckdb")
    demo_settings = dataclasses.replace(demo_settings, data_dir=tmp_path)
    demo_warehouse = demo_settings.warehouse_path
    before = demo_warehouse.stat().st_mtime_ns

    def boom(*args, **kwargs):
        raise RuntimeError("crash mid-run")

    monkeypatch.setattr(pipeline, "compute_coverage", boom)
    with pytest.raises(RuntimeError):
        pipeline.build_demo(demo_settings, people=800, seed=3)
    assert demo_warehouse.stat().st_mtime_ns == before
    with Warehouse(demo_warehouse, read_only=True) as w:
        assert w.scalar("SELECT count(*) FROM register") == DEMO_PEOPLE


def test_a_segment_sent_by_several_partners_names_none(wh):
    totals = wh.query(
        "SELECT segment, partner FROM coverage_segment WHERE list_key IS NULL AND segment = 'KUR'"
    )
    banks = wh.scalar(
        "SELECT count(DISTINCT partner) FROM coverage_segment WHERE segment = 'KUR' "
        "AND list_key IS NOT NULL"
    )
    assert banks > 1 and totals == [{"segment": "KUR", "partner": None}]
