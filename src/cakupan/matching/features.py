"""The records to match, one row each, with the features the comparisons read.

Every source feeds ``match_record``: the register, the participant extract and every partner
list, each record with its normalised name (and name parts), birth date (the NIK's when the
birth-date column is empty), cleaned NIK digits (kept even when the NIK is invalid, so that a
NIK one typo away can still be compared), desa and kecamatan, and the kecamatan written in
the NIK. Names are normalised by the Python :func:`~cakupan.identity.names.normalise_name`,
once per distinct spelling.

Example:
    >>> "match_record" in match_record_sql(CURRENT_SOURCES)
    True
"""

from __future__ import annotations

import pyarrow as pa

from cakupan.identity.names import name_tokens
from cakupan.warehouse import Warehouse

__all__ = ["CURRENT_SOURCES", "build_match_records", "match_record_sql"]

# NIK digits from the raw cell: the valid NIK, else 16 digits once separators are gone.
_NIK_DIGITS = (
    "coalesce(nik, CASE WHEN regexp_full_match(regexp_replace(coalesce(nik_raw, ''), "
    "'[^0-9]', '', 'g'), '[0-9]{16}') THEN regexp_replace(nik_raw, '[^0-9]', '', 'g') END)"
)
# The birth date written in a NIK (day minus 40 for women; two-digit year, 2000s first).
_NIK_BIRTH = (
    "CASE WHEN {d} IS NOT NULL THEN try_strptime(printf('%02d%s%s', "
    "TRY_CAST(substr({d}, 7, 2) AS INTEGER) % 40, substr({d}, 9, 2), substr({d}, 11, 2)), "
    "'%d%m%y')::DATE END"
)

# The kecamatan written in a NIK (its first six digits, where the KTP was issued): usually
# where the person still lives.
_NIK_KECAMATAN = (
    "CASE WHEN nik_digits IS NOT NULL THEN printf('%s.%s.%s', substr(nik_digits, 1, 2), "
    "substr(nik_digits, 3, 2), substr(nik_digits, 5, 2)) END"
)


CURRENT_SOURCES = {
    "register": "SELECT record_id AS row_id, nik, nik_raw, name, birth_date, desa AS desa_code, "
    "kecamatan AS kecamatan_code FROM current_src_register",
    "participants": "SELECT record_id AS row_id, nik, nik_raw, name, birth_date, "
    "desa AS desa_code, kecamatan AS kecamatan_code FROM current_src_participants",
    "segment": "SELECT record_id AS row_id, nik, nik_raw, name, birth_date, desa AS desa_code, "
    "kecamatan AS kecamatan_code FROM current_src_segment",
}


def match_record_sql(sources: dict[str, str]) -> str:
    """``match_record`` from ``source label -> SELECT`` (each giving ``row_id``, ``nik``,
    ``nik_raw``, ``name``, ``birth_date``, ``desa_code``, ``kecamatan_code``) and
    ``name_norm_map``."""
    parts = [
        f"""
        SELECT '{label}' AS source, v.row_id AS unique_id, v.nik AS nik_valid,
               {_NIK_DIGITS} AS nik_digits, m.norm AS name_norm, m.tokens AS name_tokens,
               m.tokens[1] AS first_token, m.tokens[-1] AS last_token,
               v.birth_date AS birth_date_column, v.desa_code,
               v.kecamatan_code AS kecamatan_column
        FROM ({select}) v LEFT JOIN name_norm_map m ON m.raw = v.name"""
        for label, select in sources.items()
    ]
    nik_birth = _NIK_BIRTH.format(d="nik_digits")
    return f"""
    CREATE OR REPLACE TABLE match_record AS
    SELECT *, coalesce(kecamatan_column, substr(desa_code, 1, 8)) AS kecamatan_code,
           {_NIK_KECAMATAN} AS nik_kecamatan,
           coalesce(birth_date_column, {nik_birth}) AS birth_date,
           year(coalesce(birth_date_column, {nik_birth})) AS birth_year,
           month(coalesce(birth_date_column, {nik_birth})) AS birth_month,
           substr(nik_digits, 1, 12) AS nik_head, substr(nik_digits, 7, 10) AS nik_tail,
           -- a fifth of the non-register records: the model trains on their pairs
           source <> 'register' AND hash(unique_id) % 5 = 0 AS train_sample
    FROM ({" UNION ALL ".join(parts)})
    """


def _name_map(wh: Warehouse, sources: dict[str, str]) -> None:
    """``name_norm_map(raw, norm, tokens)`` for every distinct name spelling."""
    union = " UNION ALL ".join(f"SELECT name FROM ({select})" for select in sources.values())
    names = [
        r["name"] for r in wh.query(f"SELECT DISTINCT name FROM ({union}) WHERE name IS NOT NULL")
    ]
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


def build_match_records(wh: Warehouse, sources: dict[str, str] | None = None) -> int:
    """Create ``match_record`` (default: from the current snapshots); return its size."""
    chosen = sources or CURRENT_SOURCES
    _name_map(wh, chosen)
    wh.execute(match_record_sql(chosen))
    return int(wh.scalar("SELECT count(*) FROM match_record"))
