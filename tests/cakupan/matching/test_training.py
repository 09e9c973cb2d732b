"""Training draws the same samples from the same records, in whatever order they arrive."""

from cakupan.matching.training import SAME_DAY_SAMPLE_SQL
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

# 300,000 base records over a few row groups, born on 20,000 different days.
BASE_SQL = """
    CREATE OR REPLACE TEMP TABLE match_base AS
    SELECT range AS unique_id, lpad(CAST(range * 7919 AS VARCHAR), 16, '0') AS nik_digits,
           DATE '1960-01-01' + CAST(range % 20000 AS INTEGER) AS birth_date
    FROM range(300000) ORDER BY {order}"""


def test_the_nik_u_sample_does_not_depend_on_the_order_of_the_records():
    samples = []
    with Warehouse.memory() as wh:
        # match_record is made by parallel joins, which do not keep an order from run to run
        for order in ("unique_id", "unique_id DESC", "hash(unique_id)"):
            wh.execute(BASE_SQL.format(order=order))
            rows = wh.query(Sql(SAME_DAY_SAMPLE_SQL, {"seed": 1}))
            samples.append(sorted((r["nik_digits"], r["birth_date"]) for r in rows))
        other_seed = wh.query(Sql(SAME_DAY_SAMPLE_SQL, {"seed": 2}))
    assert len(samples[0]) == 50_000
    assert samples[1] == samples[0] and samples[2] == samples[0]
    assert sorted((r["nik_digits"], r["birth_date"]) for r in other_seed) != samples[0]
