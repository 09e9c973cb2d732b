"""The probabilistic model (Splink on DuckDB) with comparisons made for Indonesian records.

Comparisons, most to least specific:

* **name** (normalised: titles, Muhammad variants and old spellings removed): exact, with
  term-frequency adjustment so that a common name (Siti, Sri, Nur, Muhammad) counts for less;
  the same parts reordered; Jaro-Winkler ≥ 0.92 (typos); one name inside the other (a dropped
  or extra part); Jaro-Winkler ≥ 0.80;
* **birth date** (the NIK's when the column is empty): exact; day and month swapped; one year
  off; one digit off;
* **NIK** (cleaned digits, kept even when invalid): exact; one substitution or transposition
  in the birth-date digits, in the region digits, or in the serial.
  A NIK holds the birth date and kecamatan, so its u probabilities are measured among
  different people born on the same day (register pairs), not random pairs: otherwise the
  birth date would be counted twice and neighbours with consecutive serials would match;
* **area**: same desa; same kecamatan.

Every parameter is estimated from the data: the prior from exact-NIK pairs, u by random
sampling, m by expectation maximisation on two blocking passes.

Example:
    >>> len(comparisons()), len(PREDICTION_RULES)
    (4, 5)
"""

from __future__ import annotations

import json
import math
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from cakupan.warehouse import Warehouse

__all__ = [
    "PREDICTION_RULES",
    "comparisons",
    "explain",
    "level_case_sql",
    "level_labels",
    "new_linker",
    "train",
]

# Pairs are only scored inside these blocks: tractable at regency scale, and each catches
# what the others miss (a wrong birth date, a NIK typo, a moved person).
PREDICTION_RULES: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("birth_date"),
    block_on("nik_head"),
    block_on("nik_tail"),
    block_on("name_norm", "kecamatan_code"),
    block_on("first_token", "last_token", "birth_year", "birth_month"),
]


_ONE_TYPO = "damerau_levenshtein(nik_digits_l, nik_digits_r) <= 1"
_SAME_REGION = "substr(nik_digits_l, 1, 6) = substr(nik_digits_r, 1, 6)"
_SAME_SERIAL = "substr(nik_digits_l, 13, 4) = substr(nik_digits_r, 13, 4)"


def comparisons() -> list[ComparisonCreator | dict[str, Any]]:
    """The four comparisons of the model."""
    date = "strftime({side}, '%Y%m%d')"
    return [
        cl.CustomComparison(
            output_column_name="name",
            comparison_levels=[
                cll.NullLevel("name_norm"),
                cll.ExactMatchLevel("name_norm").configure(tf_adjustment_column="name_norm"),
                cll.CustomLevel(
                    "list_sort(name_tokens_l) = list_sort(name_tokens_r)", "same parts, reordered"
                ),
                cll.JaroWinklerLevel("name_norm", 0.92),
                cll.CustomLevel(
                    "list_has_all(name_tokens_l, name_tokens_r) OR "
                    "list_has_all(name_tokens_r, name_tokens_l)",
                    "one name inside the other",
                ),
                cll.JaroWinklerLevel("name_norm", 0.80),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="birth_date",
            comparison_levels=[
                cll.NullLevel("birth_date"),
                cll.ExactMatchLevel("birth_date"),
                cll.CustomLevel(
                    "year(birth_date_l) = year(birth_date_r) AND "
                    "month(birth_date_l) = day(birth_date_r) AND "
                    "day(birth_date_l) = month(birth_date_r)",
                    "day and month swapped",
                ),
                cll.CustomLevel(
                    "month(birth_date_l) = month(birth_date_r) AND "
                    "day(birth_date_l) = day(birth_date_r) AND "
                    "abs(year(birth_date_l) - year(birth_date_r)) = 1",
                    "one year off",
                ),
                cll.CustomLevel(
                    f"damerau_levenshtein({date.format(side='birth_date_l')}, "
                    f"{date.format(side='birth_date_r')}) <= 1",
                    "one digit off",
                ),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="nik",
            comparison_levels=[
                cll.NullLevel("nik_digits"),
                cll.ExactMatchLevel("nik_digits"),
                cll.CustomLevel(
                    f"{_SAME_REGION} AND {_SAME_SERIAL} AND {_ONE_TYPO}",
                    "one typo in the birth-date digits",
                ),
                cll.CustomLevel(f"{_SAME_SERIAL} AND {_ONE_TYPO}", "one typo in the region digits"),
                cll.CustomLevel(_ONE_TYPO, "one typo in the serial"),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="area",
            comparison_levels=[
                cll.CustomLevel(
                    "(desa_code_l IS NULL OR desa_code_r IS NULL) AND "
                    "(kecamatan_code_l IS NULL OR kecamatan_code_r IS NULL)",
                    "area unknown",
                ).configure(is_null_level=True),
                cll.ExactMatchLevel("desa_code"),
                cll.ExactMatchLevel("kecamatan_code"),
                cll.ElseLevel(),
            ],
        ),
    ]


def level_case_sql(name: str) -> tuple[str, dict[int, str]]:
    """The CASE expression giving a pair's level for comparison ``name`` (over columns
    suffixed ``_l`` and ``_r``), and the label of each level value."""
    for creator in comparisons():
        comparison = creator.get_comparison("duckdb")  # type: ignore[union-attr]
        if comparison.output_column_name == name:
            labels = {
                level.comparison_vector_value: level.label_for_charts
                for level in comparison.comparison_levels
            }
            whens = " ".join(
                f"WHEN {level.sql_condition} THEN {level.comparison_vector_value}"
                for level in comparison.comparison_levels
                if level.sql_condition.strip().upper() != "ELSE"
            )
            return f"CASE {whens} ELSE 0 END", labels
    raise KeyError(name)


def _settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=PREDICTION_RULES,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        additional_columns_to_retain=["source"],
    )


def new_linker(wh: Warehouse, model: dict[str, Any] | None = None) -> Linker:
    """A linker over ``match_record``: untrained, or with a stored ``model``."""
    api = wh.splink_api()
    records = api.register("match_record")
    return Linker(records, model if model is not None else _settings(), log_level="WARNING")


def train(wh: Warehouse, *, seed: int = 1) -> tuple[Linker, dict[str, Any]]:
    """Estimate every parameter from ``match_record``; return the linker and its model JSON.

    Training pairs come from a sample of the non-register records against everyone (the pair
    space the model scores), so that training stays fast at regency scale.
    """
    linker = new_linker(wh)
    try:
        linker.training.estimate_probability_two_random_records_match(
            ["l.nik_valid = r.nik_valid"], recall=0.8
        )
    except ValueError:  # tiny data: NIK pairs are all there is, so take their recall as 1
        linker.training.estimate_probability_two_random_records_match(
            ["l.nik_valid = r.nik_valid"], recall=1.0
        )
    # Rare levels need not reach a minimum count: their u falls back gracefully, and waiting
    # for them would sample far more pairs than the estimate needs.
    records = int(wh.scalar("SELECT count(*) FROM match_record"))
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(1e6, max(1e5, records * 1.0)),
        seed=seed,
        min_count_per_level=None,
        num_chunks=1,
    )
    _nik_u_given_birth_date(wh, linker, seed=seed)
    sample = "(l.train_sample OR r.train_sample) AND l.source <> r.source"
    # Pairs sharing a valid NIK are nearly all matches: they teach name, birth date and area.
    linker.training.estimate_parameters_using_expectation_maximisation(
        f"l.nik_valid = r.nik_valid AND {sample}", estimate_without_term_frequencies=True
    )
    # Pairs sharing name and birth date teach the NIK (how often a true match has a typo).
    linker.training.estimate_parameters_using_expectation_maximisation(
        f"l.name_norm = r.name_norm AND l.birth_date = r.birth_date AND {sample}",
        estimate_without_term_frequencies=True,
    )
    model = json.loads(json.dumps(linker.misc.save_model_to_json()))
    return linker, model


def _nik_u_given_birth_date(wh: Warehouse, linker: Linker, *, seed: int) -> None:
    """u of the NIK typo levels among different base persons born the same day.

    Such people share the birth-date digits and often the region digits, and their serials
    are consecutive, so a one-digit difference there is weak evidence; measured this way, the
    NIK does not count the birth date a second time.
    """

    def sides(sql: str) -> str:
        return sql.replace("nik_digits_l", "nik_digits_a").replace("nik_digits_r", "nik_digits_b")

    typo, region, serial = sides(_ONE_TYPO), sides(_SAME_REGION), sides(_SAME_SERIAL)
    row = wh.query(
        f"""
        WITH s AS (SELECT nik_digits, birth_date FROM match_base
                   WHERE nik_digits IS NOT NULL AND birth_date IS NOT NULL
                   USING SAMPLE 50000 ROWS (reservoir, {int(seed)})),
        p AS (SELECT a.nik_digits AS nik_digits_a, b.nik_digits AS nik_digits_b
              FROM s a JOIN s b ON a.birth_date = b.birth_date AND a.nik_digits < b.nik_digits)
        SELECT count(*) AS total,
               count(*) FILTER (WHERE {region} AND {serial} AND {typo}) AS birth,
               count(*) FILTER (WHERE NOT ({region}) AND {serial} AND {typo}) AS region,
               count(*) FILTER (WHERE NOT ({serial}) AND {typo}) AS serial
        FROM p
        """
    )[0]
    total = row["total"]
    if not total:
        return
    floor = 1 / (total * 10)  # never seen among non-matches: rarer than one in the sample
    u = {
        "Exact match on nik_digits": floor,
        "one typo in the birth-date digits": max(row["birth"] / total, floor),
        "one typo in the region digits": max(row["region"] / total, floor),
        "one typo in the serial": max(row["serial"] / total, floor),
    }
    for comparison in linker._settings_obj.comparisons:
        if comparison.output_column_name != "nik":
            continue
        for level in comparison.comparison_levels:
            if level.is_null_level:
                continue
            value = u.get(level.label_for_charts, 1 - sum(u.values()))
            # Splink re-derives u from its record of trained values: replace that record.
            level._trained_u_probabilities = [
                {
                    "probability": value,
                    "description": "among persons born the same day",
                    "m_or_u": "u",
                }
            ]
            level.u_probability = value


def level_labels(linker: Linker) -> dict[str, list[tuple[float, str]]]:
    """comparison → (match weight, label) of each level, to name the level of a pair."""
    labels: dict[str, list[tuple[float, str]]] = {}
    for comparison in linker._settings_obj.comparisons:
        levels = []
        for level in comparison.comparison_levels:
            if level.is_null_level:
                levels.append((0.0, level.label_for_charts))
            elif level.m_probability and level.u_probability:
                weight = math.log2(level.m_probability / level.u_probability)
                levels.append((weight, level.label_for_charts))
        labels[comparison.output_column_name] = levels
    return labels


def explain(
    labels: dict[str, list[tuple[float, str]]], weights: dict[str, float]
) -> dict[str, dict[str, Any]]:
    """Per comparison: the level a pair reached and the weight (bits) it added."""
    out: dict[str, dict[str, Any]] = {}
    for name, weight in weights.items():
        levels = labels.get(name, [])
        label = min(levels, key=lambda lv: abs(lv[0] - weight))[1] if levels else ""
        out[name] = {"level": label, "weight": round(weight, 2)}
    return out
