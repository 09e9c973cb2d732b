"""Pledges: budgets never exceeded, nobody covered twice, eligibility respected."""

import pytest

from cakupan.errors import InputError
from cakupan.pledges import person_cost, pledge_add, pledge_allocate
from cakupan.scope import Scope

ALL = Scope.whole_regency("tester")


@pytest.fixture
def wh(demo_copy):
    return demo_copy


def test_allocation_invariants(wh):
    # The news: a hospital pays for TPQ teachers; 12 months at the BPU minimum each.
    each = person_cost(months=12)
    assert each == 12 * 16_800
    tpq = pledge_add(
        wh,
        payer="RS Islam Sakinah",
        payer_type="csr",
        budget=10 * each + 5,
        months=12,
        segment="GURU_TPQ",
        priority=0,  # before the demo's own (imported) pledges
    )
    area = pledge_add(
        wh,
        payer="APBDes Jabon",
        payer_type="APBDES",
        budget=10**12,
        months=6,
        area_code="35.16.18",
        age_min=20,
        age_max=40,
        priority=1,
    )
    report = pledge_allocate(wh)
    by_id = {p.id: p for p in report.pledges}
    assert by_id[tpq].persons == 10 and by_id[tpq].remaining == 5
    for p in report.pledges:
        assert p.spent <= p.budget
    assert wh.scalar("SELECT count(*) - count(DISTINCT person_key) FROM pledge_allocation") == 0
    # Nobody already active is paid for; the area pledge stays in its kecamatan and ages.
    assert (
        wh.scalar(
            "SELECT count(*) FROM pledge_allocation WHERE person_key IN "
            "(SELECT person_key FROM active_person)"
        )
        == 0
    )
    outside = wh.scalar(
        f"SELECT count(*) FROM pledge_allocation WHERE pledge_id = {area} "
        "AND NOT starts_with(desa_code, '35.16.18')"
    )
    assert outside == 0
    ages = wh.query(f"""SELECT min(date_diff('year', r.birth_date, DATE '2023-03-31')) AS lo,
        max(date_diff('year', r.birth_date, DATE '2023-03-31')) AS hi
        FROM pledge_allocation a JOIN register_by_person r USING (person_key)
        WHERE a.pledge_id = {area}""")[0]
    assert ages["lo"] >= 20 and ages["hi"] <= 40
    # Allocating again gives the same result (afresh, not on top).
    again = pledge_allocate(wh)
    assert [p.persons for p in again.pledges] == [p.persons for p in report.pledges]


def test_bad_pledges(wh):
    with pytest.raises(InputError):
        pledge_add(wh, payer="X", payer_type="LOTTERY", budget=1, months=1)
    with pytest.raises(InputError):
        pledge_add(wh, payer="X", payer_type="APBD", budget=0, months=12)


def test_collective_registration_batch(wh, tmp_path):
    import csv

    from cakupan.worklists import BATCH_COLUMNS, export_worklist, pledge_batch_rows

    pledge = pledge_add(
        wh, payer="Baznas", payer_type="BAZNAS", budget=3 * person_cost(months=6), months=6
    )
    pledge_allocate(wh)
    rows = pledge_batch_rows(wh, pledge, scope=ALL)
    assert len(rows) == 3 and {r["payer"] for r in rows} == {"Baznas"}
    path = export_worklist(
        wh, rows, tmp_path / "batch.dat", what="batch", columns=BATCH_COLUMNS, file_format="csv"
    )
    lines = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert lines[0] == list(BATCH_COLUMNS) and len(lines) == 4
    assert all(len(line[0]) == 16 for line in lines[1:])  # register NIKs


def test_a_quote_in_a_pledges_segment_or_area_is_a_value_not_sql(wh):
    """Regression: a segment ``GURU'TPQ`` made allocation fail with a ParserException, and a
    crafted value could have run SQL of its own."""
    each = person_cost(months=12)
    quoted = pledge_add(
        wh, payer="Yayasan", payer_type="CSR", budget=5 * each, months=12, segment="GURU'TPQ"
    )
    crafted = pledge_add(
        wh,
        payer="Iseng",
        payer_type="CSR",
        budget=5 * each,
        months=12,
        area_code="35.16') OR true; DROP TABLE pledge; --",
    )
    registered = wh.scalar("SELECT count(*) FROM register")
    report = pledge_allocate(wh)
    persons = {p.id: p.persons for p in report.pledges}
    assert persons[quoted] == 0  # nobody is in a list of that name
    assert persons[crafted] == 0  # no desa code starts with that text
    assert wh.scalar("SELECT count(*) FROM pledge WHERE id IN (?, ?)", [quoted, crafted]) == 2
    assert wh.scalar("SELECT count(*) FROM register") == registered
