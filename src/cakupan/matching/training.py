"""Training the model: every parameter estimated from the data being matched.

* the **prior** for the pairs the model scores (a non-base record against a base record):
  pairs sharing a valid NIK, divided by the share of *sure pairs* (the same full name, birth
  date and desa) that share one;
* **u** by random sampling, except the NIK levels: measured among different base persons
  born the same day, so that the NIK does not count the birth date a second time;
* **m** by expectation maximisation on pairs sharing a valid NIK (name, birth date, area) and
  on pairs sharing name and birth date (area); the NIK's m counted among the sure pairs.

Example (over a warehouse whose ``match_record`` the engine has built)::

    linker, model = train(wh)   # model: Splink's JSON, stored in ``match_model``
    model["probability_two_random_records_match"]   # e.g. 1.3e-06 in file mode
"""

from __future__ import annotations

import json
from typing import Any

from splink import Linker

from cakupan.matching.model import (
    RANDOM_U_LEVELS,
    REFINES,
    UNTRAINED_M,
    level_case_sql,
    new_linker,
)
from cakupan.warehouse import Warehouse

__all__ = ["train"]


def train(wh: Warehouse, *, seed: int = 1) -> tuple[Linker, dict[str, Any]]:
    """Estimate every parameter from ``match_record``; return the linker and its model JSON.

    Training pairs come from a sample of the non-register records against everyone (the pair
    space the model scores), so that training stays fast at regency scale.
    """
    linker = new_linker(wh)
    sample = "(l.train_sample OR r.train_sample) AND l.source <> r.source"
    nik_pairs = f"l.nik_valid = r.nik_valid AND {sample}"
    # Lists typed without any NIK (a teachers' association's hand-made list) still train:
    # the prior, name and birth date are then learnt from name and birth-date agreement.
    counted: dict[str, int] = {}

    def pairs_of(rule_sql: str) -> int:  # each count joins every record: once per rule
        if rule_sql not in counted:
            counted[rule_sql] = _pairs(wh, rule_sql)
        return counted[rule_sql]

    with_nik = pairs_of(nik_pairs) >= MIN_TRAINING_PAIRS
    prior = _prior_from_nik(wh) if with_nik else _prior_from_names(wh)
    if prior is None:  # too few sure pairs to measure: Splink's estimate over every pair
        rule = (
            "l.nik_valid = r.nik_valid"
            if with_nik
            else "l.name_norm = r.name_norm AND l.birth_date = r.birth_date"
        )
        try:
            linker.training.estimate_probability_two_random_records_match([rule], recall=0.8)
        except ValueError:  # tiny data: these pairs are all there is, so take their recall as 1
            linker.training.estimate_probability_two_random_records_match([rule], recall=1.0)
    else:
        linker._settings_obj._probability_two_random_records_match = prior
    # Rare levels need not reach a minimum count: their u falls back gracefully, and waiting
    # for them would sample far more pairs than the estimate needs.
    records = int(wh.scalar("SELECT count(*) FROM match_record"))
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(3e5, max(1e5, records * 1.0)),
        seed=seed,
        min_count_per_level=None,
        num_chunks=1,
    )
    _nik_u_given_birth_date(wh, linker, seed=seed)
    sessions = [
        # Pairs sharing a valid NIK are nearly all matches: they teach name, birth date, area.
        nik_pairs,
        # Pairs sharing name and birth date teach the area.
        f"l.name_norm = r.name_norm AND l.birth_date = r.birth_date AND {sample}",
    ]
    if not with_nik:
        # Without NIKs, the same birth date and name start teach the name; the same name in
        # the same kecamatan teaches the birth date.
        sessions = [
            f"l.birth_date = r.birth_date AND l.first_token = r.first_token AND {sample}",
            f"l.name_norm = r.name_norm AND l.kecamatan_code = r.kecamatan_code AND {sample}",
            sessions[1],
        ]
    for rule in sessions:
        pairs = pairs_of(rule)
        if pairs < MIN_TRAINING_PAIRS:  # a small list: every record, not a sample
            rule = rule.replace(sample, "l.source <> r.source")
            pairs = pairs_of(rule)
        if pairs >= MIN_EM_PAIRS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
    _nik_m_from_sure_pairs(wh, linker)
    _floor_m(linker)
    _refinements_not_weaker(linker)
    if prior is not None:  # expectation maximisation must not have moved it
        linker._settings_obj._probability_two_random_records_match = prior
    model = json.loads(json.dumps(linker.misc.save_model_to_json()))
    return linker, model


# Below this many pairs in the training sample a session trains on every record instead;
# below MIN_EM_PAIRS it is skipped (a comparison no session trained keeps Splink's defaults).
MIN_TRAINING_PAIRS = 50
MIN_EM_PAIRS = 10


def _pairs(wh: Warehouse, rule_sql: str) -> int:
    """How many training pairs a rule over ``match_record`` (``l``/``r``) gives, capped."""
    return int(
        wh.scalar(
            f"SELECT count(*) FROM (SELECT 1 FROM match_record l JOIN match_record r "
            f"ON l.unique_id < r.unique_id AND {rule_sql} LIMIT ?)",
            [MIN_TRAINING_PAIRS],
        )
    )


def _prior_from_names(wh: Warehouse) -> float | None:
    """The prior when no record pair shares a NIK: pairs with the same normalised name and
    birth date (at least two name parts), over an assumed recall of 0.8 for that rule (names
    are retyped with errors in one pair in five on partner lists)."""
    row = wh.query(
        """
        SELECT (SELECT count(*) FROM match_record q JOIN match_base b
                  ON q.name_norm = b.name_norm AND q.birth_date = b.birth_date
                WHERE q.source <> 'register' AND len(q.name_tokens) >= 2) AS pairs,
               (SELECT count(*) FROM match_record WHERE source <> 'register') AS queries,
               (SELECT count(*) FROM match_base) AS base
        """
    )[0]
    if row["pairs"] < 20 or not row["queries"] or not row["base"]:
        return None
    return float(min(row["pairs"] / 0.8 / (row["queries"] * row["base"]), 0.5))


# A level never seen among the training matches is not impossible: Splink leaves its m at
# 1e-9, which makes it a veto (-30 bits), and real lists do swap day and month (Excel's US
# dates) where synthetic ones did not. At most one true pair in ten thousand is assumed.
M_FLOOR = 1e-4


def _floor_m(linker: Linker) -> None:
    """Raise every m below :data:`M_FLOOR` to it (the others scaled so that they still add
    up to one)."""
    for comparison in linker._settings_obj.comparisons:
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level]
        if not any(lv._m_is_trained for lv in levels):
            # No pair showed this comparison (a list without NIKs, sexes or birth places):
            # stated defaults where there are, else Splink's own (each level less likely).
            name = comparison.output_column_name
            for rank, level in enumerate(levels):
                default = UNTRAINED_M.get((name, level.label_for_charts))
                if default is None and level.m_probability is None:
                    default = 0.5 ** (rank + 1)
                if default is not None:
                    _set_probability(level, "m", default, "not trained: default")
            continue
        # Untrained (never observed) levels count as unseen, not as Splink's default m.
        low = [lv for lv in levels if not lv._m_is_trained or (lv.m_probability or 0) < M_FLOOR]
        if not low:
            continue
        rest = sum(lv.m_probability or 0 for lv in levels if lv not in low)
        scale = (1 - M_FLOOR * len(low)) / rest if rest else 1.0
        for level in levels:
            value = M_FLOOR if level in low else (level.m_probability or 0) * scale
            _set_probability(level, "m", value, "floored")


def _refinements_not_weaker(linker: Linker) -> None:
    """A level that refines another (same dusun within the same desa) never counts for less:
    when training could not see it (too few pairs with addresses on both sides), its m is
    set to give the Bayes factor of the level it refines."""
    for comparison in linker._settings_obj.comparisons:
        levels = {lv.label_for_charts: lv for lv in comparison.comparison_levels}
        # Parents first: "same desa and dusun" is settled before "same … RT and RW".
        for label, parent_label in reversed(list(REFINES.items())):
            level, parent = levels.get(label), levels.get(parent_label)
            if level is None or parent is None:
                continue
            m, u = level.m_probability or 0.0, level.u_probability or 0.0
            pm, pu = parent.m_probability or 0.0, parent.u_probability or 0.0
            if u > 0 and pu > 0 and m / u < pm / pu:
                _set_probability(level, "m", min(u * pm / pu, 1.0), "as the level it refines")


# The base records whose NIK u is measured: 50,000 chosen by a seeded hash of their id, so
# the same on every run. DuckDB's seeded reservoir sample depends on the order rows arrive
# in, which a parallel join (match_record's) does not keep: the same files gave another
# model and a dozen other links.
SAME_DAY_SAMPLE_SQL = """
    SELECT nik_digits, birth_date FROM match_base
    WHERE nik_digits IS NOT NULL AND birth_date IS NOT NULL
    ORDER BY hash(unique_id, $seed), unique_id LIMIT 50000"""


def _nik_u_given_birth_date(wh: Warehouse, linker: Linker, *, seed: int) -> None:
    """u of the NIK levels among different base persons born the same day.

    Such people share the birth-date digits and often the region digits, and their serials
    are consecutive, so a one-digit difference there is weak evidence; measured this way, the
    NIK does not count the birth date a second time.
    """
    case_sql, labels = level_case_sql("nik")
    rows = wh.query(
        f"""
        WITH s AS ({SAME_DAY_SAMPLE_SQL}),
        p AS (SELECT a.nik_digits AS nik_digits_l, b.nik_digits AS nik_digits_r,
                     a.birth_date AS birth_date_l, b.birth_date AS birth_date_r
              FROM s a JOIN s b ON a.birth_date = b.birth_date AND a.nik_digits < b.nik_digits)
        SELECT {case_sql} AS level, count(*) AS n FROM p GROUP BY 1
        """,
        {"seed": seed},
    )
    counts = {labels[r["level"]]: r["n"] for r in rows}
    if sum(counts.values()):
        _set_nik_levels(linker, "u", counts, "among persons born the same day")


def _nik_m_from_sure_pairs(wh: Warehouse, linker: Linker) -> None:
    """m of the NIK levels: how often the same person's two NIKs differ, and how.

    Counted among pairs that are the same person without looking at the NIK (the same full
    name of two or more parts, birth date and desa, from two sources). Expectation
    maximisation is unreliable here: typos are rare and it can let them collapse to zero,
    which would make any NIK typo a veto.
    """
    case_sql, labels = level_case_sql("nik")
    rows = wh.query(
        f"""
        WITH p AS (
            SELECT a.nik_digits AS nik_digits_l, b.nik_digits AS nik_digits_r,
                   a.birth_date AS birth_date_l, b.birth_date AS birth_date_r
            FROM match_record a JOIN match_record b
              ON a.name_norm = b.name_norm AND a.birth_date_column = b.birth_date_column
             AND a.desa_code = b.desa_code AND a.source < b.source
            WHERE len(a.name_tokens) >= 2
              AND a.nik_digits IS NOT NULL AND b.nik_digits IS NOT NULL)
        SELECT {case_sql} AS level, count(*) AS n FROM p GROUP BY 1
        """
    )
    counts = {labels[r["level"]]: r["n"] for r in rows}
    if sum(counts.values()) >= 100:
        _set_nik_levels(linker, "m", counts, "among pairs sure without the NIK")


def _prior_from_nik(wh: Warehouse) -> float | None:
    """The prior for the pairs the model scores: a non-base record against a base record.

    Splink's estimate counts every pair of the whole table (two list rows, two memberships of
    one person), a third of the right figure in file mode. Here: pairs sharing a valid NIK,
    divided by the share of sure pairs (same full name, birth date and desa) that share one.
    """
    row = wh.query(
        """
        WITH sure AS (
            SELECT count(*) AS n, count(*) FILTER (WHERE q.nik_valid = b.nik_valid) AS nik
            FROM match_record q JOIN match_base b
              ON q.name_norm = b.name_norm AND q.birth_date_column = b.birth_date_column
             AND q.desa_code = b.desa_code
            WHERE q.source <> 'register' AND len(q.name_tokens) >= 2)
        SELECT sure.n AS sure, sure.nik AS sure_nik,
               (SELECT count(*) FROM match_record q JOIN match_base b
                  ON q.nik_valid = b.nik_valid WHERE q.source <> 'register') AS nik_pairs,
               (SELECT count(*) FROM match_record WHERE source <> 'register') AS queries,
               (SELECT count(*) FROM match_base) AS base
        FROM sure
        """
    )[0]
    if row["sure"] < 100 or not row["sure_nik"] or not row["nik_pairs"]:
        return None
    recall = row["sure_nik"] / row["sure"]
    return float(min(row["nik_pairs"] / recall / (row["queries"] * row["base"]), 0.5))


def _set_nik_levels(linker: Linker, kind: str, counts: dict[str, int], description: str) -> None:
    """Set the NIK comparison's m or u from counts per level label."""
    total = sum(counts.values())
    floor = 1 / (total * 10)  # never seen: rarer than one in the sample
    for comparison in linker._settings_obj.comparisons:
        if comparison.output_column_name != "nik":
            continue
        for level in comparison.comparison_levels:
            if level.is_null_level or (kind == "u" and level.label_for_charts in RANDOM_U_LEVELS):
                continue
            value = max(counts.get(level.label_for_charts, 0) / total, floor)
            _set_probability(level, kind, value, description)


def _set_probability(level: Any, kind: str, value: float, description: str) -> None:
    """Set one level's m or u, as if Splink had trained it."""
    # Splink re-derives m and u from its record of trained values: replace that record.
    record = [{"probability": value, "description": description, "m_or_u": kind}]
    if kind == "u":
        level._trained_u_probabilities = record
        level.u_probability = value
    else:
        level._trained_m_probabilities = record
        level.m_probability = value
