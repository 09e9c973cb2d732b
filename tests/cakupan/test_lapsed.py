"""Lapsed members on a hand-made extract."""

import pytest

from cakupan.errors import CakupanError
from cakupan.lapsed import lapsed_report
from cakupan.scope import Scope
from cakupan.warehouse import Warehouse


@pytest.fixture
def wh():
    with Warehouse.memory() as w:
        w.execute("""
            CREATE OR REPLACE TABLE meta AS SELECT 'as_of' AS key, '2023-03-31' AS value;
            INSERT INTO coverage_summary (area_code, year) VALUES ('35.16', 2023);
            DROP VIEW register;
            CREATE TABLE register AS SELECT * FROM (VALUES
                (1, 'ANI', '35.16.12.2007', '35.16.12'), (2, 'BUDI', '35.16.01.2001', '35.16.01'))
                t(row_id, name, desa_code, kecamatan_code);
            -- Ani: BPU stopped in Jan 2023 (2 months ago), nothing active: lapsed.
            -- Budi: BPU stopped in 2021 but now active as PU: not lapsed.
            -- Citra (not in the register): BPU stopped in Dec 2021 (15 months): lapsed.
            -- Dedi: BPU active: not lapsed.
            DROP VIEW participant;
            CREATE TABLE participant AS SELECT * FROM (VALUES
                (10, 'K1', 'ANI', 'BPU', false, DATE '2023-01-01'),
                (11, 'K2', 'BUDI', 'BPU', false, DATE '2021-05-01'),
                (12, 'K3', 'BUDI', 'PU', true, DATE '2023-03-01'),
                (13, 'K4', 'CITRA', 'BPU', false, DATE '2021-12-01'),
                (14, 'K5', 'DEDI', 'BPU', true, DATE '2023-03-01'))
                t(row_id, kpj, name, segment, active, last_paid_month);
            CREATE OR REPLACE TABLE participant_person AS SELECT * FROM (VALUES
                (10, 1, 'R1'), (11, 2, 'R2'), (12, 2, 'R2'), (13, NULL, 'P13'), (14, NULL, 'P14'))
                t(participant_row, register_row, person_key);
            CREATE OR REPLACE TABLE active_person AS
                SELECT * FROM (VALUES ('R2'), ('P14')) t(person_key);
        """)
        yield w


def test_lapsed_by_months_and_cost(wh):
    r = lapsed_report(wh, scope=Scope.whole_regency("t"))
    assert r.persons == 2
    assert [row.kpj for row in r.rows] == ["K1", "K4"]
    # March 2023 is month 2023*12+2; January is 2023*12+0: 2 months; December 2021: 15 months.
    assert [row.months_since for row in r.rows] == [2, 15]
    assert {b.months: b.persons for b in r.by_months_since} == {
        "1-3": 1,
        "4-6": 0,
        "7-12": 0,
        "13-24": 1,
        "25+": 0,
    }
    # BPU minimum: JKK 1 % of Rp1,000,000 = 10,000 + JKM 6,800 = 16,800 each.
    assert r.monthly_cost_each == 16_800
    assert r.monthly_cost_total == 2 * 16_800
    assert r.rows[0].desa_code == "35.16.12.2007"


def test_lapsed_within_a_scope(wh):
    jabon = lapsed_report(wh, scope=Scope(who="op", areas=frozenset({"35.16.12"})))
    assert [row.desa_code for row in jabon.rows] == ["35.16.12.2007"] and jabon.persons == 1
    elsewhere = lapsed_report(wh, scope=Scope(who="op", areas=frozenset({"35.16.01"})))
    assert elsewhere.persons == 0 and not elsewhere.rows
    bupati = Scope(who="bupati", regency=True, persons=False)
    assert lapsed_report(wh, scope=bupati, limit=0).persons == 2  # counts: yes
    with pytest.raises(CakupanError):
        lapsed_report(wh, scope=bupati)  # names: no
