"""The optimiser beats first-come allocation when budgets compete for the same people."""

import pytest

from cakupan.planning import age_band, plan
from cakupan.pledges import person_cost, pledge_add, pledge_allocate
from cakupan.warehouse import Warehouse


@pytest.fixture
def wh():
    with Warehouse.memory() as w:
        # Four unprotected working people: two in desa X (Trowulan), two in desa Y (Jatirejo).
        w.execute("""
            CREATE OR REPLACE TABLE meta AS SELECT 'as_of' AS key, '2023-03-31' AS value;
            INSERT INTO coverage_summary (area_code, year) VALUES ('35.16', 2023);
            DROP VIEW register;
            CREATE TABLE register AS SELECT * FROM (VALUES
                (1, 'A', '3516120101800001', '35.16.12.2007', DATE '1980-01-01', true),
                (2, 'B', '3516120101810001', '35.16.12.2007', DATE '1981-01-01', true),
                (3, 'C', '3516010101820001', '35.16.01.2001', DATE '1982-01-01', true),
                (4, 'D', '3516010101830001', '35.16.01.2001', DATE '1983-01-01', true))
                t(row_id, name, nik, desa_code, birth_date, is_worker);
            CREATE OR REPLACE TABLE active_person (person_key VARCHAR);
            CREATE OR REPLACE TABLE participant_person (person_key VARCHAR);
            CREATE OR REPLACE TABLE member_person (person_key VARCHAR, member_row BIGINT);
            DROP VIEW segment_member;
            CREATE TABLE segment_member (row_id BIGINT, segment VARCHAR);
        """)
        yield w


def test_plan_covers_more_than_first_come(wh):
    two = 2 * person_cost(months=12)
    # The regency's budget (first in line) may pay anyone; the desa's only its own people.
    pledge_add(wh, payer="APBD", payer_type="APBD", budget=two, months=12, priority=1)
    pledge_add(
        wh,
        payer="APBDes Trowulan",
        payer_type="APBDES",
        budget=two,
        months=12,
        area_code="35.16.12.2007",
        priority=2,
    )
    greedy = pledge_allocate(wh)
    # First come, oldest first: APBD takes A and B (Trowulan), the desa has nobody left.
    assert [p.persons for p in greedy.pledges] == [2, 0]
    best = plan(wh)
    assert best.status == "kOptimal"
    assert best.persons == 4  # APBD pays for C and D, the desa for its own A and B
    for p in best.payers:
        assert p.spent <= p.budget
    # Explained per payer: its rules, who it may pay for, and what stopped it.
    apbd, desa = best.payers
    assert (apbd.rules, apbd.eligible_persons) == ("any unprotected working person", 4)
    assert (desa.rules, desa.eligible_persons) == ("area 35.16.12.2007", 2)
    assert apbd.limited_by == desa.limited_by == "budget"  # each spent all it had


def test_age_bands():
    assert [age_band(a) for a in (15, 19, 20, 64, 65, 90)] == [15, 15, 20, 60, 65, 65]
