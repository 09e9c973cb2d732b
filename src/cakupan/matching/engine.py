"""The matching engine: exact NIK pass, probabilistic pass, decisions, persons.

Two passes. First, records sharing a valid NIK are the same person. Then, for every record
left over (no valid NIK, or a NIK the register does not know), a probabilistic model
(:mod:`cakupan.matching.model`, Splink on DuckDB) scores candidate register records and the
other left-over records. A pair above ``accept`` links; a pair between ``review`` and
``accept`` waits in the review queue, and a reviewer's decision wins over the model from then
on. Persons are the connected components of the links; each record gets a ``person_key``.

Example:
    >>> MatchOptions().accept, MatchOptions().review
    (0.5, 0.2)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from cakupan.matching.clusters import components, components_array
from cakupan.matching.features import CURRENT_SOURCES, build_match_records
from cakupan.matching.model import level_labels, new_linker
from cakupan.matching.training import train
from cakupan.sql import Sql, quote_identifier
from cakupan.warehouse import Warehouse

__all__ = [
    "MatchOptions",
    "MatchSummary",
    "drop_splink_tables",
    "match_records",
    "person_tables_sql",
    "score",
]

COMPARISONS = ("name", "birth_date", "nik", "area", "sex", "birth_place")
# Below this many records there is too little to estimate a model from: exact NIK only.
MIN_RECORDS_FOR_MODEL = 200


@dataclass(frozen=True)
class MatchOptions:
    """Thresholds of the probabilistic pass and when to retrain."""

    accept: float = 0.5  # link at or above this match probability (the Bayes boundary)
    review: float = 0.2  # queue for review at or above this, below ``accept``
    retrain: bool = False
    retrain_growth: float = 0.25  # retrain when the records grew or shrank by this much
    probabilistic: bool = True  # False: exact NIK only
    best_only: bool = True  # one base record per left-over record (the register has one per
    # person); False keeps every pair above the thresholds (a person's two memberships)
    query_all: bool = False  # score every non-base record, even those linked by NIK (file
    # mode: a person's other membership may carry a damaged NIK)
    within: bool = True  # also pair left-over records with each other (duplicates in lists)


@dataclass(frozen=True)
class MatchSummary:
    records: int
    queries: int
    exact_links: int
    probabilistic_links: int
    review_pending: int
    persons: int
    trained: bool
    seconds: float
    # The fields the records left for the model could be compared on (present on both sides):
    # "nik", "name", "birth_date", "area", "address", "sex", "birth_place". A list typed
    # without NIKs lacks "nik"; a participant extract has no address or birth place.
    fields: tuple[str, ...] = ()


# A shared NIK links two records only when their names are plausibly the same person's (close,
# or one inside the other; a shared "Siti" is not enough): a NIK typo can hit another person's
# valid NIK, and those pairs go to the model instead.
_PLAUSIBLE_NAMES_SQL = (
    "(a.name_norm = b.name_norm OR "
    "jaro_winkler_similarity(coalesce(a.name_norm, ''), coalesce(b.name_norm, '')) >= 0.85 OR "
    "list_has_all(coalesce(a.name_tokens, []), coalesce(b.name_tokens, [])) OR "
    "list_has_all(coalesce(b.name_tokens, []), coalesce(a.name_tokens, [])) OR "
    "a.name_norm IS NULL OR b.name_norm IS NULL)"
)


# A record's fingerprint, which review decisions are keyed by (so that they survive new
# snapshots of the same data); computed for scored pairs only.
_RECORD_KEY_SQL = (
    "md5(concat_ws('|', {m}.source, {m}.name_norm, {m}.birth_date, {m}.nik_digits, {m}.desa_code))"
)


def _flag_queries(query_all: bool = False) -> str:
    every_sql = "true OR " if query_all else ""
    return f"""
    -- A NIK two records give, its anchor (the first register record) and how many register
    -- records give it.
    CREATE OR REPLACE TEMP TABLE nik_shared AS
    SELECT nik_valid, arg_min(unique_id, (source <> 'register', unique_id)) AS anchor,
           count(*) FILTER (WHERE source = 'register') AS registers
    FROM match_record WHERE nik_valid IS NOT NULL
    GROUP BY nik_valid HAVING count(*) > 1;

    CREATE OR REPLACE TEMP TABLE nik_anchor AS
    SELECT a.unique_id, s.anchor, a.source, s.registers > 0 AS to_register,
           a.source <> 'register' AND s.registers = 1 AS only_register
    FROM match_record a JOIN nik_shared s ON a.nik_valid = s.nik_valid
    JOIN match_record b ON b.unique_id = s.anchor
    WHERE a.unique_id <> s.anchor AND {_PLAUSIBLE_NAMES_SQL};

    CREATE OR REPLACE TEMP TABLE match_query AS
    SELECT * FROM match_record m
    WHERE m.source <> 'register' AND ({every_sql}m.unique_id NOT IN (
        SELECT unique_id FROM nik_anchor WHERE to_register));
    -- Working sets of one run, not kept: a copy of a million register records costs seconds.
    CREATE OR REPLACE TEMP VIEW match_base AS
    SELECT * FROM match_record WHERE source = 'register';
    """


def _exact_edges(wh: Warehouse) -> tuple[np.ndarray, np.ndarray]:
    """Each NIK-linked record and its anchor, as two columns."""
    table = wh.arrow("SELECT unique_id, anchor FROM nik_anchor ORDER BY unique_id")
    return _ids(table, 0), _ids(table, 1)


def _ids(table: pa.Table, column: int) -> np.ndarray:
    return np.asarray(table.column(column).to_numpy(), dtype=np.int64)


def _stored_model(wh: Warehouse, records: int, options: MatchOptions) -> dict[str, Any] | None:
    if options.retrain:
        return None
    rows = wh.query("SELECT records, model FROM match_model ORDER BY trained_at DESC LIMIT 1")
    if not rows:
        return None
    grown = abs(records - rows[0]["records"]) / max(rows[0]["records"], 1)
    return None if grown > options.retrain_growth else json.loads(rows[0]["model"])


def _predict(
    wh: Warehouse, options: MatchOptions
) -> tuple[bool, dict[str, list[tuple[float, str]]]]:
    records = int(wh.scalar("SELECT count(*) FROM match_record"))
    model = _stored_model(wh, records, options)
    trained = model is None
    if model is None:
        linker, model = train(wh)
    else:
        linker = new_linker(wh, model)
    if not wh.engine.spark:
        _score_pairs(wh, linker, options)
    labels = level_labels(linker)
    if trained:
        wh.execute("DELETE FROM match_model")
        wh.execute(
            "INSERT INTO match_model VALUES (now(), ?, ?, ?)",
            [records, wh.scalar("SELECT count(*) FROM match_query"), json.dumps(model)],
        )
    if wh.engine.spark:  # the pairs scored on Spark with the model trained here
        from cakupan.matching.spark_scoring import pairs_score_on_spark

        pairs_score_on_spark(wh, model, options, list(_PAIR_COLUMNS))
    return trained, labels


_PAIR_COLUMNS = (
    "unique_id_l", "unique_id_r", "match_probability", "match_weight",
    *(f"mw_{c}" for c in COMPARISONS), "mw_tf_adj_name",
)  # fmt: skip


def _score_pairs(wh: Warehouse, linker: Any, options: MatchOptions) -> None:
    """``match_pair``: Splink's predictions between the left-over records and the base,
    and among the left-over records."""
    linker.table_management.compute_tf_table("name_norm")
    api = linker._db_api
    query, base = api.register("match_query"), api.register("match_base")
    columns_sql = ", ".join(quote_identifier(c) for c in _PAIR_COLUMNS)
    frames = [
        linker.inference.predict_between(query, base, threshold_match_probability=options.review)
    ]
    if options.within:
        frames.append(
            linker.inference.predict_within(query, threshold_match_probability=options.review)
        )
    union_sql = " UNION ALL ".join(
        f"SELECT {columns_sql} FROM {quote_identifier(frame.physical_name)}" for frame in frames
    )
    wh.execute(f"CREATE OR REPLACE TABLE match_pair AS {union_sql}")


def _decide(wh: Warehouse, options: MatchOptions) -> None:
    """Which scored pairs link, which wait for review; reviewers' decisions win."""
    best_sql = "coalesce(rank_register, 1) > 1" if options.best_only else "false"
    wh.execute(
        Sql(
            f"""
    CREATE OR REPLACE TABLE match_pair AS
    WITH p AS (
        SELECT p.*, l.source AS source_l, r.source AS source_r,
               {_RECORD_KEY_SQL.format(m="l")} AS key_l, {_RECORD_KEY_SQL.format(m="r")} AS key_r,
               -- one register person per left-over record: its best candidate only
               CASE WHEN r.source = 'register' THEN row_number() OVER (
                   PARTITION BY p.unique_id_l, r.source = 'register'
                   ORDER BY p.match_probability DESC, p.unique_id_r) END AS rank_register
        FROM match_pair p
        JOIN match_record l ON l.unique_id = p.unique_id_l
        JOIN match_record r ON r.unique_id = p.unique_id_r)
    SELECT p.*, d.decision,
        CASE WHEN d.decision = 'accepted' THEN 'review'
             WHEN d.decision = 'rejected' THEN 'rejected'
             WHEN {best_sql} THEN 'not_best'
             WHEN match_probability >= $accept THEN 'probabilistic'
             ELSE 'pending' END AS outcome
    FROM p LEFT JOIN review_decision d
        ON (d.key_l = p.key_l AND d.key_r = p.key_r) OR (d.key_l = p.key_r AND d.key_r = p.key_l)
    """,
            {"accept": options.accept},
        )
    )
    # Exact pairs: each record and every register record with its NIK and a plausible name
    # (a left-over record never has one). Where the register holds the NIK once, that record
    # is the anchor and the pair is in nik_anchor already; the NIKs the register repeats
    # (a handful) are joined again.
    wh.execute(f"""
    INSERT INTO match_pair (unique_id_l, unique_id_r, match_probability, outcome, source_l,
                            source_r)
    WITH repeated AS (
        SELECT * FROM match_record
        WHERE nik_valid IN (SELECT nik_valid FROM nik_shared WHERE registers > 1))
    SELECT unique_id, anchor, 1.0, 'nik', source, 'register' FROM nik_anchor
    WHERE only_register
    UNION ALL
    SELECT a.unique_id, b.unique_id, 1.0, 'nik', a.source, b.source
    FROM repeated a JOIN repeated b ON a.nik_valid = b.nik_valid
    WHERE a.source <> 'register' AND b.source = 'register' AND {_PLAUSIBLE_NAMES_SQL}
    """)


def _persons(wh: Warehouse, exact: tuple[np.ndarray, np.ndarray]) -> int:
    # Strongest evidence first: reviewers' accepts, then the model's best pairs. Columns,
    # not rows: a regency's 400,000 links as Python dictionaries cost a second.
    linked = wh.arrow(
        "SELECT unique_id_l, unique_id_r, outcome FROM match_pair "
        "WHERE outcome IN ('probabilistic', 'review') "
        "ORDER BY outcome = 'review' DESC, match_probability DESC, unique_id_l, unique_id_r"
    )
    model_left, model_right = _ids(linked, 0), _ids(linked, 1)
    cannot = [
        (r["unique_id_l"], r["unique_id_r"])
        for r in wh.query(
            "SELECT unique_id_l, unique_id_r FROM match_pair WHERE outcome = 'rejected'"
        )
    ]
    # How each record was linked: its NIK, else its strongest pair's outcome.
    method: dict[int, str] = dict.fromkeys(exact[0].tolist(), "nik")
    for a, b, outcome in zip(
        model_left.tolist(), model_right.tolist(), linked.column(2).to_pylist(), strict=True
    ):
        method.setdefault(a, outcome)
        method.setdefault(b, outcome)
    # Only records with a link can share a person: the rest (most of a register) are their
    # own, which SQL says without a million-entry union-find.
    left = np.concatenate([exact[0], model_left])
    right = np.concatenate([exact[1], model_right])
    if cannot:  # a reviewer kept two records apart: edges one by one, strongest first
        edges = list(zip(left.tolist(), right.tolist(), strict=True))
        roots = components({i for edge in edges for i in edge}, edges, cannot=cannot)
        ids, clusters = list(roots), list(roots.values())
    else:
        found, root = components_array(left, right)
        ids, clusters = found.tolist(), root.tolist()
    wh.register(
        "cluster_view",
        pa.table(
            {
                "unique_id": pa.array(ids, pa.int64()),
                "cluster": pa.array(clusters, pa.int64()),
                "link_method": pa.array([method.get(i) for i in ids], pa.string()),
            }
        ),
    )
    wh.execute("""
    CREATE OR REPLACE TABLE record_person AS
    WITH c AS (
        SELECT v.unique_id, v.cluster, v.link_method,
               min(m.unique_id) FILTER (WHERE m.source = 'register')
                   OVER (PARTITION BY v.cluster) AS register_row
        FROM cluster_view v JOIN match_record m USING (unique_id))
    SELECT m.unique_id, m.source,
           CASE WHEN c.unique_id IS NOT NULL THEN c.register_row
                WHEN m.source = 'register' THEN m.unique_id END AS register_row,
           CASE WHEN m.source = 'register' THEN 'register'
                ELSE coalesce(c.link_method, 'none') END AS method,
           coalesce('R' || CASE WHEN c.unique_id IS NOT NULL THEN c.register_row
                                WHEN m.source = 'register' THEN m.unique_id END,
                    'P' || coalesce(c.cluster, m.unique_id)) AS person_key
    FROM match_record m LEFT JOIN c USING (unique_id)
    """)
    return int(wh.scalar("SELECT count(DISTINCT person_key) FROM record_person"))


# The register rows keyed by another row of their person (read by the view
# register_by_person): a register that lists one person twice (two family cards, or an old
# row marked PINDAH beside the new one in another desa) must not count them twice. Of a
# person's living rows the first stands for them: it becomes their register_row, the desa
# they count in; the others repeat.
REGISTER_ALIAS_SQL = """
    CREATE OR REPLACE TEMP TABLE register_moved AS
    SELECT unique_id AS row_id, register_row, person_key FROM record_person
    WHERE source = 'register' AND unique_id <> register_row;
    CREATE OR REPLACE TEMP TABLE register_first AS
    WITH rows_of AS (
        SELECT person_key, row_id FROM register_moved
        UNION SELECT person_key, register_row FROM register_moved)
    SELECT o.person_key, min(o.row_id) AS row_id FROM rows_of o
    WHERE o.row_id IN (SELECT r.row_id FROM register r
                       WHERE r.row_id IN (SELECT row_id FROM rows_of))
    GROUP BY o.person_key;
    DELETE FROM register_alias;
    INSERT INTO register_alias
    SELECT m.row_id, m.person_key, m.row_id IS DISTINCT FROM f.row_id
    FROM register_moved m LEFT JOIN register_first f USING (person_key);
    UPDATE record_person SET register_row = f.row_id FROM register_first f
    WHERE record_person.person_key = f.person_key AND record_person.register_row <> f.row_id;
    DROP TABLE register_moved;
    DROP TABLE register_first;"""


def person_tables_sql() -> str:
    """``register_alias`` (each register person's first living row), then
    ``participant_person`` and ``member_person`` (read by coverage) from ``record_person``,
    and the ``review_record`` of the pairs waiting for review."""
    return f"""
    {REGISTER_ALIAS_SQL}
    CREATE OR REPLACE TABLE participant_person AS
    SELECT unique_id AS participant_row, register_row, method, person_key
    FROM record_person WHERE source = 'participants';
    CREATE OR REPLACE TABLE member_person AS
    SELECT s.list_key, s.row_id AS member_row, rp.register_row, rp.method, rp.person_key
    FROM segment_member s JOIN record_person rp ON rp.unique_id = s.row_id;
    DELETE FROM review_record;
    INSERT INTO review_record
    SELECT unique_id, source, name_norm, birth_date, nik_digits, desa_code FROM match_record
    WHERE unique_id IN (SELECT unique_id_l FROM match_pair WHERE outcome = 'pending'
                        UNION SELECT unique_id_r FROM match_pair WHERE outcome = 'pending');
    """


def score(wh: Warehouse, sources: dict[str, Sql], options: MatchOptions) -> MatchSummary:
    """Build ``match_record`` from ``sources`` (the ``register`` label is the base the other
    records are matched to), link exact NIKs, score the rest and decide: ``match_pair``."""
    started = dt.datetime.now()
    records = build_match_records(wh, sources)
    wh.execute(_flag_queries(options.query_all))
    queries = int(wh.scalar("SELECT count(*) FROM match_query"))
    trained = False
    if options.probabilistic and queries and records >= MIN_RECORDS_FOR_MODEL:
        trained, _ = _predict(wh, options)
    else:
        # No model: no scored pairs, but the same columns (a reader may ask for weights).
        weights_sql = ", ".join(f"{quote_identifier('mw_' + c)} DOUBLE" for c in COMPARISONS)
        wh.execute(
            "CREATE OR REPLACE TABLE match_pair (unique_id_l BIGINT, unique_id_r BIGINT, "
            f"match_probability DOUBLE, match_weight DOUBLE, {weights_sql}, mw_tf_adj_name DOUBLE)"
        )
    _decide(wh, options)
    fields = _fields(wh)
    counts = wh.query(
        "SELECT count(*) FILTER (WHERE outcome = 'probabilistic') AS p, "
        "count(*) FILTER (WHERE outcome = 'pending') AS r, "
        "count(*) FILTER (WHERE outcome = 'nik') AS n FROM match_pair"
    )[0]
    return MatchSummary(
        records=records,
        queries=queries,
        exact_links=int(counts["n"]),
        probabilistic_links=int(counts["p"]),
        review_pending=int(counts["r"]),
        persons=0,
        trained=trained,
        seconds=(dt.datetime.now() - started).total_seconds(),
        fields=fields,
    )


# A field is usable when some record to match and some base record both have it.
_FIELD_COLUMNS_SQL = {
    "nik": "nik_digits",
    "name": "name_norm",
    "birth_date": "birth_date",
    "area": "coalesce(kecamatan_code, nik_kecamatan)",
    "address": "address_words",
    "sex": "sex",
    "birth_place": "birth_place",
}


def _fields(wh: Warehouse) -> tuple[str, ...]:
    """The fields the model could compare (see :attr:`MatchSummary.fields`)."""
    present_sql = ", ".join(
        f"bool_or({column_sql} IS NOT NULL) AS {quote_identifier(name)}"
        for name, column_sql in _FIELD_COLUMNS_SQL.items()
    )
    query = wh.query(f"SELECT {present_sql} FROM match_query")[0]
    base = wh.query(f"SELECT {present_sql} FROM match_base")[0]
    return tuple(name for name in _FIELD_COLUMNS_SQL if query[name] and base[name])


def match_records(wh: Warehouse, options: MatchOptions | None = None) -> MatchSummary:
    """Match the current snapshots; write ``record_person``, ``participant_person``,
    ``member_person``, ``match_pair`` (with explanations) and the review queue."""
    options = options or MatchOptions()
    started = dt.datetime.now()
    summary = score(wh, CURRENT_SOURCES, options)
    persons = _persons(wh, _exact_edges(wh))
    wh.execute(person_tables_sql())
    drop_splink_tables(wh)
    seconds = (dt.datetime.now() - started).total_seconds()
    return dataclasses.replace(summary, persons=persons, seconds=seconds)


def drop_splink_tables(wh: Warehouse) -> None:
    """Drop the working tables Splink leaves behind (``__splink__*``, temporary since
    :meth:`Warehouse.splink_api`; a warehouse of an earlier version may hold some): copies of
    names and NIKs that nothing reads once ``match_pair`` is written."""
    for row in wh.query(
        "SELECT table_name FROM information_schema.tables "
        "WHERE starts_with(table_name, '__splink__') "
        "AND table_type IN ('BASE TABLE', 'LOCAL TEMPORARY')"
    ):
        wh.execute(f"DROP TABLE IF EXISTS {quote_identifier(row['table_name'])}")
