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
* **area**: same desa, dusun (a word of the address in common), RT and RW; same desa and
  dusun; same desa; same kecamatan (the NIK's kecamatan stands in for a missing address
  when the other record has no NIK);
* **sex** (the column, else the NIK's; not compared when both records have a NIK, whose
  digits weigh it): same; different;
* **birth place** (``KAB. MOJOKERTO`` = ``Mojokerto``): exact; Jaro-Winkler ≥ 0.88.

A comparison whose fields one record lacks adds nothing (a list without NIKs, addresses or
birth places is matched on what it has).

Every parameter is estimated from the data (:mod:`cakupan.matching.training`).

Example:
    >>> len(comparisons()), len(PREDICTION_RULES)
    (6, 6)
"""

from __future__ import annotations

import math
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from cakupan.matching.dialect import DUCKDB, Dialect, one_typo_sql
from cakupan.warehouse import Warehouse

__all__ = [
    "MACROS_SQL",
    "PREDICTION_RULES",
    "RANDOM_U_LEVELS",
    "REFINES",
    "UNTRAINED_M",
    "comparisons",
    "explain",
    "level_case_sql",
    "level_labels",
    "new_linker",
    "prediction_rules",
]


# Pairs are only scored inside these blocks: tractable at regency scale, and each catches
# what the others miss (a wrong birth date, a NIK typo, a moved person).
def prediction_rules(dialect: Dialect = DUCKDB) -> list[BlockingRuleCreator | dict[str, Any]]:
    """The blocking rules, written for ``dialect``."""
    d = dialect

    def initials_meet(*pairs: tuple[str, str]) -> str:
        return " OR ".join(f"{d.first_char(a)} = {d.first_char(b)}" for a, b in pairs)

    return [
        # The same birth date and a name starting or ending alike: every same-day pair would
        # be ten times more, nearly all strangers.
        CustomRule(
            "l.birth_date = r.birth_date AND ("
            + initials_meet(
                ("l.first_token", "r.first_token"),
                ("l.last_token", "r.last_token"),
                ("l.first_token", "r.last_token"),
                ("l.last_token", "r.first_token"),
            )
            + ")",
            sql_dialect=d.name,
        ),
        block_on("nik_head"),
        # The same birth-date digits and serial: a typo in the region digits (most such pairs
        # are strangers with serial 0001, so at most two digits may differ).
        CustomRule(
            f"l.nik_tail = r.nik_tail AND {d.hamming('l.nik_digits', 'r.nik_digits')} <= 2 AND ("
            + initials_meet(("l.first_token", "r.first_token"), ("l.last_token", "r.last_token"))
            + ")",
            sql_dialect=d.name,
        ),
        # The same name in the same kecamatan, for a birth date wrong in one part (year, month
        # or day) or with day and month swapped: two parts still agree. Two rules, each
        # joining on a part of the date: on name and kecamatan alone, a common name meets
        # millions of pairs that every later test is evaluated on (1.5 s of the demo's 1.8 s
        # of blocking).
        CustomRule(
            "l.name_norm = r.name_norm AND l.kecamatan_code = r.kecamatan_code AND "
            "l.birth_year = r.birth_year AND (l.birth_month = r.birth_month OR "
            "day(l.birth_date) = day(r.birth_date) OR (day(l.birth_date) = r.birth_month AND "
            "l.birth_month = day(r.birth_date)))",
            sql_dialect=d.name,
        ),
        CustomRule(
            "l.name_norm = r.name_norm AND l.kecamatan_code = r.kecamatan_code AND "
            "l.birth_month = r.birth_month AND day(l.birth_date) = day(r.birth_date)",
            sql_dialect=d.name,
        ),
        block_on("first_token", "last_token", "birth_year", "birth_month"),
    ]


PREDICTION_RULES = prediction_rules()


# A record without an address is placed by its NIK's kecamatan, but only against a record
# without a NIK: otherwise the NIK comparison has already weighed the region digits.
_BY_NIK = (
    "(kecamatan_code_{a} IS NULL AND nik_digits_{b} IS NULL AND "
    "nik_kecamatan_{a} = kecamatan_code_{b})"
)
_KECAMATAN_BY_NIK = f"({_BY_NIK.format(a='l', b='r')} OR {_BY_NIK.format(a='r', b='l')})"
_NO_AREA = (
    "(kecamatan_code_{a} IS NULL AND (nik_digits_{b} IS NOT NULL OR nik_kecamatan_{a} IS NULL))"
)
# One substitution or one transposition of neighbouring digits (NIK digits are always 16
# long), as a DuckDB macro: hamming and character tests, not damerau_levenshtein, which took
# 4 µs a pair and was most of the scoring time.
MACROS_SQL = f"""
CREATE OR REPLACE TEMP MACRO nik_one_typo(a, b) AS {one_typo_sql(DUCKDB, "a", "b")};
"""


def _same(start: int, length: int) -> str:
    return f"substr(nik_digits_l, {start}, {length}) = substr(nik_digits_r, {start}, {length})"


# Where a NIK differs by one typo says how likely two people share the rest: a typo in the
# birth-date digits of two NIKs born the same day, region and serial, or in the province and
# regency digits, is rare among different people; a last serial digit is what neighbours
# born the same day in the same kecamatan differ by. Women's day is +40: a tens digit of the
# day four apart (2 and 6) is a man and a woman, not a typo.
_SEX_DIGIT = (
    f"{_same(1, 6)} AND {_same(8, 9)} AND "
    "abs(TRY_CAST(substr(nik_digits_l, 7, 1) AS INTEGER) - "
    "TRY_CAST(substr(nik_digits_r, 7, 1) AS INTEGER)) = 4"
)
# Two NIKs whose birth-date digits differ as their birth dates do: only the region and serial
# are evidence here (the birth-date comparison weighs the dates), so u is measured among
# random pairs, not among people born the same day.
_AS_BIRTH_DATES = (
    f"birth_date_l <> birth_date_r AND {_same(1, 6)} AND {_same(13, 4)} AND NOT {_same(7, 6)}"
)
RANDOM_U_LEVELS = {"differ only as the birth dates do"}
_NIK_TYPO_LEVELS = [
    (_SEX_DIGIT, "the sex digit differs"),
    (f"{_same(1, 6)} AND {_same(13, 4)}", "one typo in the birth-date digits"),
    (f"{_same(5, 12)}", "one typo in the province or regency digits"),
    (f"{_same(7, 10)}", "one typo in the kecamatan digits"),
    (f"{_same(1, 15)}", "one typo in the serial's last digit"),
    ("true", "one typo in the serial"),
]


# The same desa and a word of the address in common (DSN KRAJAN RT 01 = Dusun Krajan).
_SAME_DUSUN = (
    "desa_code_l = desa_code_r AND address_words_l IS NOT NULL AND address_words_r IS NOT NULL "
    "AND {words_meet}"
)
SAME_RT = "same desa, dusun, RT and RW"
SAME_DUSUN = "same desa and dusun"
# m of a comparison no training pair could show (a sex or birth place that only one side of
# every pair has): clerks' usual error rates, stated rather than learnt.
UNTRAINED_M = {
    ("sex", "Exact match on sex"): 0.98,
    ("sex", "All other comparisons"): 0.02,
    ("birth_place", "Exact match on birth_place"): 0.85,
    ("birth_place", "Jaro-Winkler distance of birth_place >= 0.88"): 0.10,
    ("birth_place", "All other comparisons"): 0.05,
}
# Levels that refine another (more specific agreement): never weaker evidence than it.
REFINES = {SAME_RT: SAME_DUSUN, SAME_DUSUN: "Exact match on desa_code"}


def comparisons(dialect: Dialect = DUCKDB) -> list[ComparisonCreator | dict[str, Any]]:
    """The six comparisons of the model, written for ``dialect``."""
    d = dialect
    one_typo = d.nik_one_typo("nik_digits_l", "nik_digits_r")
    same_dusun = _SAME_DUSUN.format(words_meet=d.has_any("address_words_l", "address_words_r"))

    def level(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label, base_dialect_str=d.name)

    return [
        cl.CustomComparison(
            output_column_name="name",
            comparison_levels=[
                cll.NullLevel("name_norm"),
                cll.ExactMatchLevel("name_norm").configure(tf_adjustment_column="name_norm"),
                level(
                    "length(name_norm_l) = length(name_norm_r) AND "
                    f"{d.sort('name_tokens_l')} = {d.sort('name_tokens_r')}",
                    "same parts, reordered",
                ),
                cll.JaroWinklerLevel("name_norm", 0.92),
                level(
                    # contains() first: a cheap necessary condition for the list test
                    f"(contains(name_norm_l, {d.first_item('name_tokens_r')}) AND "
                    f"{d.has_all('name_tokens_l', 'name_tokens_r')}) OR "
                    f"(contains(name_norm_r, {d.first_item('name_tokens_l')}) AND "
                    f"{d.has_all('name_tokens_r', 'name_tokens_l')})",
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
                level(
                    "year(birth_date_l) = year(birth_date_r) AND "
                    "month(birth_date_l) = day(birth_date_r) AND "
                    "day(birth_date_l) = month(birth_date_r)",
                    "day and month swapped",
                ),
                level(
                    "month(birth_date_l) = month(birth_date_r) AND "
                    "day(birth_date_l) = day(birth_date_r) AND "
                    "abs(year(birth_date_l) - year(birth_date_r)) = 1",
                    "one year off",
                ),
                level(
                    # One digit changed or two neighbours swapped leave at least one of year,
                    # month and day as they were: that cheap test first lets the CASE skip
                    # the edit distance for nearly every pair of strangers (measured: this
                    # level 7x faster over random pairs, as u is estimated).
                    "(year(birth_date_l) = year(birth_date_r) OR "
                    "month(birth_date_l) = month(birth_date_r) OR "
                    "day(birth_date_l) = day(birth_date_r)) AND "
                    f"damerau_levenshtein({d.yyyymmdd('birth_date_l')}, "
                    f"{d.yyyymmdd('birth_date_r')}) <= 1",
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
                level(_AS_BIRTH_DATES, "differ only as the birth dates do"),
                *(
                    level(one_typo if where == "true" else f"{where} AND ({one_typo})", label)
                    for where, label in _NIK_TYPO_LEVELS
                ),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="area",
            comparison_levels=[
                level(
                    f"{_NO_AREA.format(a='l', b='r')} OR {_NO_AREA.format(a='r', b='l')}",
                    "area unknown",
                ).configure(is_null_level=True),
                # Finer than the desa where both records give an address: the same dusun (a
                # word of the address in common), and the same RT and RW as well.
                level(f"{same_dusun} AND rt_l = rt_r AND rw_l = rw_r", SAME_RT),
                level(same_dusun, SAME_DUSUN),
                cll.ExactMatchLevel("desa_code"),
                cll.ExactMatchLevel("kecamatan_code"),
                level(_KECAMATAN_BY_NIK, "address in the other's NIK kecamatan"),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="sex",
            comparison_levels=[
                # Two NIKs have weighed the sex already (its digit is in the birth date).
                level(
                    "sex_l IS NULL OR sex_r IS NULL OR "
                    "(nik_digits_l IS NOT NULL AND nik_digits_r IS NOT NULL)",
                    "sex unknown or in both NIKs",
                ).configure(is_null_level=True),
                cll.ExactMatchLevel("sex"),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="birth_place",
            comparison_levels=[
                cll.NullLevel("birth_place"),
                cll.ExactMatchLevel("birth_place"),
                cll.JaroWinklerLevel("birth_place", 0.88),
                cll.ElseLevel(),
            ],
        ),
    ]


def level_case_sql(name: str, dialect: Dialect = DUCKDB) -> tuple[str, dict[int, str]]:
    """The CASE expression giving a pair's level for comparison ``name`` (over columns
    suffixed ``_l`` and ``_r``) in ``dialect``, and the label of each level value."""
    for creator in comparisons(dialect):
        comparison = creator.get_comparison(dialect.name)  # type: ignore[union-attr]
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
        # The two training sessions start from good u values and settle within a few
        # iterations; a looser tolerance stops them there.
        em_convergence=0.001,
        max_iterations=12,
    )


def new_linker(wh: Warehouse, model: dict[str, Any] | None = None) -> Linker:
    """A linker over ``match_record``: untrained, or with a stored ``model``."""
    wh.execute(MACROS_SQL)
    api = wh.splink_api()
    records = api.register("match_record")
    # Splink warns about levels it saw too rarely to train; training floors those (M_FLOOR)
    # on purpose, so the warnings would only alarm the person running an import. Its
    # settings validation only logs such warnings (0.1 s of SQL parsing per linker); the
    # settings are checked by the tests instead.
    return Linker(
        records,
        model if model is not None else _settings(),
        log_level="ERROR",
        validate_settings=False,
    )


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
