"""The Spark engine against DuckDB: every pair at the same level of every comparison, and on
the test demo the same pairs, persons and coverage figures (CAKUPAN_ENGINE=spark).

Skipped where Spark cannot run (no PySpark, no Java 17); ``make test`` installs PySpark and
CI machines have Java."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cakupan.errors import CakupanError, ConfigError
from cakupan.matching.engine import COMPARISONS
from cakupan.matching.features import build_match_records
from cakupan.matching.model import MACROS_SQL, level_case_sql
from cakupan.settings import load_settings
from cakupan.spark import Engine, spark_available, spark_exchange, spark_session
from cakupan.warehouse import Warehouse

WHY = spark_available()
needs_spark = pytest.mark.skipif(WHY is not None, reason=f"Spark cannot run here: {WHY}")
ENGINE = Engine("spark", "local[2]", "2g")


def test_an_unknown_engine_is_refused_naming_the_choices():
    with pytest.raises(ConfigError) as raised:
        load_settings(environ={"CAKUPAN_ENGINE": "excel"})
    assert raised.value.code == "config.engine" and "duckdb, spark" in str(raised.value)


def test_spark_without_java_says_so(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    if spark_available() == "PySpark is not installed":
        pytest.skip("PySpark is not installed")
    with pytest.raises(CakupanError) as raised:
        spark_session("local[1]", "1g-no-java")
    assert raised.value.code == "engine.spark_unavailable" and "Java" in str(raised.value)


# Pairs whose levels are compared: the pairs the demo's model scored, and as many pairs of
# records taken at random (mostly strangers: the lower levels and the ELSE).
_PAIRS_SQL = """
CREATE OR REPLACE TEMP TABLE level_pair AS
WITH scored AS (SELECT unique_id_l AS l, unique_id_r AS r FROM match_pair
                WHERE unique_id_r IS NOT NULL USING SAMPLE 4000 ROWS (reservoir, 7)),
strangers AS (
    SELECT a.unique_id AS l, b.unique_id AS r
    FROM (SELECT unique_id, row_number() OVER (ORDER BY hash(unique_id)) AS n
          FROM match_record) a
    JOIN (SELECT unique_id, row_number() OVER (ORDER BY hash(unique_id + 1)) AS n
          FROM match_record) b USING (n)
    WHERE a.n <= 4000)
SELECT row_number() OVER (ORDER BY p.l, p.r) AS pair_id, {columns_sql}
FROM (SELECT * FROM scored UNION SELECT * FROM strangers) p
JOIN match_record ml ON ml.unique_id = p.l JOIN match_record mr ON mr.unique_id = p.r
"""
_FIELDS = (
    "name_norm", "name_tokens", "birth_date", "nik_digits", "nik_kecamatan", "kecamatan_code",
    "desa_code", "address_words", "rt", "rw", "sex", "birth_place",
)  # fmt: skip


@needs_spark
def test_every_pair_reaches_the_same_level_on_both_engines(demo_copy):
    from splink import SparkAPI

    from cakupan.matching.dialect import SPARK
    from cakupan.spark import share_duckdb_functions

    wh = demo_copy
    build_match_records(wh)
    wh.execute(MACROS_SQL)
    columns_sql = ", ".join(f"ml.{f} AS {f}_l, mr.{f} AS {f}_r" for f in _FIELDS)
    wh.execute(_PAIRS_SQL.format(columns_sql=columns_sql))
    duck = {c: level_case_sql(c)[0] for c in COMPARISONS}
    spark = {c: level_case_sql(c, SPARK)[0] for c in COMPARISONS}
    select = ", ".join(f"{case} AS {c}" for c, case in duck.items())
    expected = {r["pair_id"]: r for r in wh.query(f"SELECT pair_id, {select} FROM level_pair")}
    with spark_exchange(wh, ENGINE) as exchange:
        exchange.put("level_pair", "SELECT * FROM level_pair")
        SparkAPI(spark_session=exchange.spark)  # Splink's jar functions, then ours
        share_duckdb_functions(exchange.spark)
        select = ", ".join(f"{case} AS {c}" for c, case in spark.items())
        found = exchange.spark.sql(f"SELECT pair_id, {select} FROM level_pair").collect()
    assert len(found) == len(expected) > 6000
    differ = [
        (row["pair_id"], c, expected[row["pair_id"]][c], row[c])
        for row in found
        for c in COMPARISONS
        if row[c] != expected[row["pair_id"]][c]
    ]
    assert not differ, differ[:10]
    reached = {(c, expected[i][c]) for i in expected for c in COMPARISONS}
    assert len(reached) >= 25  # most levels of the six comparisons were met, not just ELSE


def _rows(path, table: str, cols: str) -> list[tuple]:
    with Warehouse(path, read_only=True) as wh:
        rows = wh.query(f"SELECT {cols} FROM {table}")
    return sorted((tuple(r.values()) for r in rows), key=repr)


@needs_spark
def test_spark_finds_the_same_persons_and_figures(demo_warehouse, demo_copy):
    """The parity test: the demo's warehouse was matched and covered by DuckDB; a copy is
    matched and covered again on Spark with the same trained model."""
    from cakupan.pipeline import refresh

    wh = demo_copy
    wh.engine = ENGINE
    result = refresh(wh, regency="35.16", as_of=dt.date(2023, 3, 31))
    assert result is not None and not result.matching.trained  # the same parameters
    wh.close()
    tables = {
        "match_pair": "unique_id_l, unique_id_r, outcome, round(match_probability, 9)",
        "record_person": "unique_id, register_row, method, person_key",
        "participant_person": "*",
        "active_person": "*",
        "coverage_area": "level, area_code, active_persons, register_workers, "
        "round(denominator, 6), round(ucj, 12)",
        "coverage_segment": "segment, list_key, partner, list_rows, persons, active_persons, "
        "round(ucj, 12)",
        "coverage_membership": "membership, active_persons, round(ucj, 12)",
        "coverage_summary": "*",
    }
    for table, cols in tables.items():
        duckdb_rows = _rows(demo_warehouse, table, cols)
        assert duckdb_rows, table
        assert _rows(wh.path, table, cols) == duckdb_rows, table


@needs_spark
def test_tables_cross_to_spark_and_back_privately(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.execute("CREATE TABLE t AS SELECT range AS n, 'x' || range AS s FROM range(5)")
        with spark_exchange(wh, dataclasses.replace(ENGINE)) as exchange:
            exchange.put("t", "SELECT * FROM t")
            assert exchange.folder.stat().st_mode & 0o777 == 0o700
            exchange.get(exchange.spark.sql("SELECT sum(n) AS total FROM t"), "total")
            folder = exchange.folder
        assert wh.scalar("SELECT total FROM total") == 10
    assert not folder.exists()  # names and NIKs are not left behind
