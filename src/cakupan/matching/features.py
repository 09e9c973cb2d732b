"""The records to match, one row each, with the features the comparisons read.

Every source feeds ``match_record``: the register, the participant extract and every partner
list, each record with its normalised name (and name parts), birth date (the NIK's when the
birth-date column is empty), cleaned NIK digits (kept even when the NIK is invalid, so that a
NIK one typo away can still be compared), desa and kecamatan, the kecamatan written in the
NIK, and where a source has them: sex (else the NIK's), birth place, the words of the address
and dusun, RT and RW. Names are normalised by the Python
:func:`~cakupan.identity.names.normalise_name`, once per distinct spelling.

Example:
    >>> "match_record" in match_record_sql(CURRENT_SOURCES).text
    True
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from cakupan.identity.names import name_tokens
from cakupan.sql import Sql, quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["CURRENT_SOURCES", "build_match_records", "match_record_sql", "source_select"]

# NIK digits from the raw cell: the valid NIK, else 16 digits once separators are gone.
_NIK_DIGITS_SQL = (
    "coalesce(nik, CASE WHEN regexp_full_match(regexp_replace(coalesce(nik_raw, ''), "
    "'[^0-9]', '', 'g'), '[0-9]{16}') THEN regexp_replace(nik_raw, '[^0-9]', '', 'g') END)"
)
# The birth date written in a NIK (day minus 40 for women; two-digit year, 2000s first).
_NIK_BIRTH_SQL = (
    "CASE WHEN {d} IS NOT NULL THEN try_strptime(printf('%02d%s%s', "
    "TRY_CAST(substr({d}, 7, 2) AS INTEGER) % 40, substr({d}, 9, 2), substr({d}, 11, 2)), "
    "'%d%m%y')::DATE END"
)

# The kecamatan written in a NIK (its first six digits, where the KTP was issued): usually
# where the person still lives.
_NIK_KECAMATAN_SQL = (
    "CASE WHEN nik_digits IS NOT NULL THEN concat(substr(nik_digits, 1, 2), '.', "
    "substr(nik_digits, 3, 2), '.', substr(nik_digits, 5, 2)) END"
)


# What each source type holds beyond name, NIK and birth date: the comparisons read these
# when both records have them (a participant extract has none of them).
_PERSON_COLUMNS = ("sex", "birth_place", "address", "dusun", "rt", "rw")
_HAS = {
    "src_register": set(_PERSON_COLUMNS),
    "src_segment": set(_PERSON_COLUMNS),
    "src_participants": set(),
}


def source_select(table: str, *, snapshot_id: int | None = None) -> Sql:
    """The SELECT of one source for :func:`match_record_sql`, from ``table`` (a ``src_*``
    table or its ``current_`` view; only snapshot ``snapshot_id`` if given), NULL for the
    person columns it does not have."""
    has = _HAS[table.removeprefix("current_")]
    extra_sql = ", ".join(
        quote_identifier(c) if c in has else f"NULL::VARCHAR AS {quote_identifier(c)}"
        for c in _PERSON_COLUMNS
    )
    # Named after the table: the sources of one match_record_sql share one namespace.
    param = f"snapshot_{table}"
    placeholder_sql = "$" + param
    where_sql = f" WHERE snapshot_id = {placeholder_sql}" if snapshot_id is not None else ""
    return Sql(
        "SELECT record_id AS row_id, nik, nik_raw, name, birth_date, desa AS desa_code, "
        f"kecamatan AS kecamatan_code, {extra_sql} FROM {quote_identifier(table)}{where_sql}",
        {param: snapshot_id} if snapshot_id is not None else {},
    )


CURRENT_SOURCES = {
    "register": source_select("current_src_register"),
    "participants": source_select("current_src_participants"),
    "segment": source_select("current_src_segment"),
}

# Words of an address that say what kind of place it is, not which: left out when two
# addresses are compared by their words (DSN KRAJAN = DUSUN KRAJAN).
_ADDRESS_STOPWORDS = (
    "DSN", "DUSUN", "DS", "DESA", "KEL", "KELURAHAN", "KEC", "KECAMATAN", "JL", "JLN",
    "JALAN", "GG", "GANG", "NO", "RT", "RW", "BLOK", "PERUM", "LINGKUNGAN", "LINGK", "KAB",
    "KABUPATEN", "KOTA", "DK", "DUKUH",
)  # fmt: skip
_ADDRESS_WORDS_SQL = (
    "list_filter(string_split_regex(upper(coalesce(concat_ws(' ', v.dusun, v.address), '')), "
    "'[^A-Z]+'), lambda w: length(w) >= 3 AND NOT list_contains($stopwords, w))"
)
# RT and RW as numbers: from their columns, else written in the address (RT 01 RW 02).
_RT_SQL = "TRY_CAST(nullif(regexp_extract(coalesce(v.rt, ''), '([0-9]+)', 1), '') AS INTEGER)"
_RW_SQL = "TRY_CAST(nullif(regexp_extract(coalesce(v.rw, ''), '([0-9]+)', 1), '') AS INTEGER)"
_RT_IN_ADDRESS_SQL = (
    "TRY_CAST(nullif(regexp_extract(upper(coalesce(v.address, '')), 'RT[ .:]*0*([0-9]+)', 1), "
    "'') AS INTEGER)"
)
_RW_IN_ADDRESS_SQL = (
    "TRY_CAST(nullif(regexp_extract(upper(coalesce(v.address, '')), 'RW[ .:]*0*([0-9]+)', 1), "
    "'') AS INTEGER)"
)
# The birth place as a word: "KAB. MOJOKERTO" = "Mojokerto".
_PLACE_SQL = (
    "nullif(trim(regexp_replace(regexp_replace(upper(coalesce(v.birth_place, '')), "
    "'[^A-Z]+', ' ', 'g'), '^ *(KABUPATEN|KAB|KOTA) ', '')), '')"
)


def match_record_sql(sources: dict[str, Sql]) -> Sql:
    """``match_record`` from ``source label -> SELECT`` (each giving ``row_id``, ``nik``,
    ``nik_raw``, ``name``, ``birth_date``, ``desa_code``, ``kecamatan_code`` and the person
    columns of :func:`source_select`), given ``name_norm_map``. The labels are parameters
    like the sources' own."""
    params: dict[str, Any] = {"stopwords": list(_ADDRESS_STOPWORDS)}
    parts_sql = []
    for index, (label, select) in enumerate(sources.items()):
        params[f"label_{index}"] = label
        params.update(select.params)
        label_sql = f"$label_{index}"
        select_sql = select.text
        parts_sql.append(
            f"""
        SELECT {label_sql} AS source, v.row_id AS unique_id, v.nik AS nik_valid,
               {_NIK_DIGITS_SQL} AS nik_digits, m.norm AS name_norm, m.tokens AS name_tokens,
               m.tokens[1] AS first_token, m.tokens[-1] AS last_token,
               v.birth_date AS birth_date_column, v.desa_code,
               v.kecamatan_code AS kecamatan_column, v.sex AS sex_column,
               {_PLACE_SQL} AS birth_place,
               nullif({_ADDRESS_WORDS_SQL}, []) AS address_words,
               coalesce({_RT_SQL}, {_RT_IN_ADDRESS_SQL}) AS rt,
               coalesce({_RW_SQL}, {_RW_IN_ADDRESS_SQL}) AS rw
        FROM ({select_sql}) v LEFT JOIN name_norm_map m ON m.raw = v.name"""
        )
    union_sql = " UNION ALL ".join(parts_sql)
    nik_birth_sql = _NIK_BIRTH_SQL.format(d="nik_digits")
    return Sql(
        f"""
    CREATE OR REPLACE TEMP TABLE match_record AS
    SELECT *, coalesce(kecamatan_column, substr(desa_code, 1, 8)) AS kecamatan_code,
           -- the sex a NIK encodes (40 added to a woman's day) when no column gives it
           coalesce(sex_column, CASE WHEN TRY_CAST(substr(nik_digits, 7, 2) AS INTEGER) > 40
                THEN 'P' WHEN nik_digits IS NOT NULL THEN 'L' END) AS sex,
           {_NIK_KECAMATAN_SQL} AS nik_kecamatan,
           coalesce(birth_date_column, {nik_birth_sql}) AS birth_date,
           year(coalesce(birth_date_column, {nik_birth_sql})) AS birth_year,
           month(coalesce(birth_date_column, {nik_birth_sql})) AS birth_month,
           substr(nik_digits, 1, 12) AS nik_head, substr(nik_digits, 7, 10) AS nik_tail,
           -- a fifth of the non-register records: the model trains on their pairs
           source <> 'register' AND hash(unique_id) % 5 = 0 AS train_sample
    FROM ({union_sql})
    """,
        params,
    )


def _name_map(wh: Warehouse, sources: dict[str, Sql]) -> None:
    """``name_norm_map(raw, norm, tokens)`` for every distinct name spelling."""
    union_sql = " UNION ALL ".join(f"SELECT name FROM ({s.text})" for s in sources.values())
    params = {k: v for s in sources.values() for k, v in dict(s.params).items()}
    names = (
        wh.arrow(f"SELECT DISTINCT name FROM ({union_sql}) WHERE name IS NOT NULL", params)
        .column(0)
        .to_pylist()
    )
    tokens = [name_tokens(n) for n in names]
    wh.register(
        "name_norm_view",
        pa.table(
            {
                "raw": pa.array(names, pa.string()),
                "norm": pa.array([" ".join(t) or None for t in tokens], pa.string()),
                "tokens": pa.array([t or None for t in tokens], pa.list_(pa.string())),
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TEMP TABLE name_norm_map AS SELECT * FROM name_norm_view")


def build_match_records(wh: Warehouse, sources: dict[str, Sql] | None = None) -> int:
    """Create ``match_record`` (default: from the current snapshots); return its size."""
    chosen = sources or CURRENT_SOURCES
    _name_map(wh, chosen)
    wh.execute(match_record_sql(chosen))
    return int(wh.scalar("SELECT count(*) FROM match_record"))
