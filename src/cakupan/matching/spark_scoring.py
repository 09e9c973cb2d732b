"""Scoring the candidate pairs on Spark with a model trained in the warehouse.

The stored model (Splink's JSON, written for DuckDB) is rewritten for Spark level by level
from :func:`cakupan.matching.model.comparisons` for the Spark dialect — the same levels in
the same order with the same m and u — and Splink scores the same blocked pairs on Spark as
on DuckDB. The pairs come back to the warehouse as ``match_pair``; deciding, persons and the
review queue then run as for DuckDB.

Example (``wh.engine`` is ``Engine("spark")``; ``match_record``/``match_query`` built)::

    pairs_score_on_spark(wh, model, options)
"""

from __future__ import annotations

import copy
import functools
from typing import TYPE_CHECKING, Any

from cakupan.matching.dialect import Dialect
from cakupan.matching.model import comparisons, prediction_rules
from cakupan.spark import share_duckdb_functions, spark_exchange
from cakupan.sql import quote_identifier

if TYPE_CHECKING:
    from cakupan.matching.engine import MatchOptions
    from cakupan.warehouse import Warehouse

__all__ = ["model_for_dialect", "pairs_score_on_spark"]


def model_for_dialect(model: dict[str, Any], dialect: Dialect) -> dict[str, Any]:
    """``model`` with every level's SQL and the blocking rules written for ``dialect``; the
    parameters are left as they are. A stored model whose levels are not this version's is
    refused (it would be scored on other conditions)."""
    out = copy.deepcopy(model)
    out["sql_dialect"] = dialect.name
    built = [c.get_comparison(dialect.name) for c in comparisons(dialect)]  # type: ignore[union-attr]
    for stored, comparison in zip(out["comparisons"], built, strict=True):
        levels = comparison.comparison_levels
        labels = [level.label_for_charts for level in levels]
        if [lv["label_for_charts"] for lv in stored["comparison_levels"]] != labels:
            raise ValueError(f"stored model's {comparison.output_column_name} levels differ")
        for stored_level, level in zip(stored["comparison_levels"], levels, strict=True):
            stored_level["sql_condition"] = level.sql_condition
    out["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": r.get_blocking_rule(dialect.name).blocking_rule_sql,  # type: ignore[union-attr]
         "sql_dialect": dialect.name}
        for r in prediction_rules(dialect)
    ]  # fmt: skip
    return out


def pairs_score_on_spark(
    wh: Warehouse, model: dict[str, Any], options: MatchOptions, columns: list[str]
) -> None:
    """``match_pair`` (``columns`` of Splink's predictions) scored on Spark."""
    from splink import Linker, SparkAPI

    from cakupan.matching.dialect import SPARK

    with spark_exchange(wh, wh.engine) as exchange:
        for table in ("match_record", "match_query", "match_base"):
            exchange.put(table, f"SELECT * FROM {quote_identifier(table)}")
        api = SparkAPI(spark_session=exchange.spark)  # type: ignore[no-untyped-call]
        share_duckdb_functions(exchange.spark)
        linker = Linker(
            api.register("match_record"), model_for_dialect(model, SPARK), log_level="ERROR"
        )
        linker.table_management.compute_tf_table("name_norm")
        query, base = api.register("match_query"), api.register("match_base")
        frames = [
            linker.inference.predict_between(
                query, base, threshold_match_probability=options.review
            )
        ]
        if options.within:
            frames.append(
                linker.inference.predict_within(query, threshold_match_probability=options.review)
            )
        parts = [exchange.spark.table(f.physical_name).select(*columns) for f in frames]
        exchange.get(functools.reduce(lambda a, b: a.unionByName(b), parts), "match_pair")
