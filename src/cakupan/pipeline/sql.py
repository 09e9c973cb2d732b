"""Pure SQL builders for loading the demo's files into the warehouse.

Each function returns one DuckDB statement as text; :mod:`cakupan.warehouse` runs it.
Input views (``raw_*``) hold the files' cells as text plus a 0-based ``row_id``.
"""

from __future__ import annotations

from cakupan.identity.nik import nik_clean_sql, nik_problem_sql

__all__ = [
    "date_sql",
    "load_companies_sql",
    "load_company_registration_sql",
    "load_denominator_sql",
    "load_participants_sql",
    "load_register_sql",
    "load_segment_list_sql",
    "nik_columns_sql",
    "nik_stage_sql",
]


def date_sql(column: str) -> str:
    """Fast SQL reading of the common date styles; NULL where ``parse_date_udf`` is needed.

    >>> "strptime" in date_sql("d")
    True
    """
    c = f"trim({column})"
    return (
        f"coalesce(try_strptime({c}, '%d/%m/%Y'), try_strptime({c}, '%Y-%m-%d'), "
        f"try_strptime({c}, '%d-%m-%Y'), "
        f"CASE WHEN regexp_matches({c}, '^[0-9]{{1,5}}$') AND TRY_CAST({c} AS INTEGER) "
        f"BETWEEN 1 AND 73050 THEN DATE '1899-12-30' + TRY_CAST({c} AS INTEGER) END)::DATE"
    )


def _date_or_udf(column: str) -> str:
    # The Python parser (Indonesian month names...) only runs where the fast path failed.
    return f"coalesce({date_sql(column)}, parse_date_udf({column}))"


def nik_stage_sql(source: str, raw: str) -> str:
    """``source`` with ``_nik_clean`` and ``nik_problem`` added, each computed once."""
    clean = nik_clean_sql(raw)
    return (
        f"SELECT *, {nik_problem_sql('_nik_clean')} AS nik_problem "
        f"FROM (SELECT *, {clean} AS _nik_clean FROM {source})"
    )


def nik_columns_sql(raw: str) -> str:
    """``nik`` (cleaned, NULL when invalid), ``nik_raw`` and ``nik_problem`` columns of a
    row from :func:`nik_stage_sql`."""
    return (
        "CASE WHEN r.nik_problem IS NULL THEN r._nik_clean END AS nik, "
        f"{raw} AS nik_raw, r.nik_problem"
    )


def load_register_sql() -> str:
    """``register`` from ``raw_register`` (Dukcapil / OpenSID export)."""
    return f"""
    CREATE OR REPLACE TABLE register AS
    SELECT r.row_id,
           {nik_columns_sql('r."NIK"')},
           r."NO_KK" AS kk,
           trim(r."NAMA_LENGKAP") AS name,
           CASE WHEN upper(r."JENIS_KELAMIN") LIKE 'P%' THEN 'P'
                WHEN upper(r."JENIS_KELAMIN") LIKE 'L%' THEN 'L' END AS sex,
           r."TEMPAT_LAHIR" AS birth_place,
           {_date_or_udf('r."TANGGAL_LAHIR"')} AS birth_date,
           r."ALAMAT" AS address, r."RT" AS rt, r."RW" AS rw,
           a.code AS desa_code,
           a.parent_code AS kecamatan_code,
           upper(trim(r."PEKERJAAN")) AS occupation,
           coalesce(o.is_worker, false) AS is_worker
    FROM ({nik_stage_sql("raw_register", '"NIK"')}) r
    LEFT JOIN area a ON a.code = trim(r."KODE_DESA") AND a.level = 'desa'
    LEFT JOIN ref_occupation o ON o.label = upper(trim(r."PEKERJAAN"))
    """


def load_participants_sql() -> str:
    """``participant`` from ``raw_participants`` (BPJS branch extract)."""
    return f"""
    CREATE OR REPLACE TABLE participant AS
    SELECT r.row_id,
           trim(r."KPJ") AS kpj,
           {nik_columns_sql('r."NIK"')},
           trim(r."NAMA PESERTA") AS name,
           {_date_or_udf('r."TGL LAHIR"')} AS birth_date,
           upper(trim(r."SEGMEN")) AS segment,
           nullif(trim(r."NPP"), '') AS npp,
           upper(trim(r."STATUS KEPESERTAAN")) = 'AKTIF' AS active,
           try_strptime(trim(r."BLTH IURAN TERAKHIR"), '%Y-%m')::DATE AS last_paid_month,
           nullif(trim(r."DESA DOMISILI"), '') AS domicile
    FROM ({nik_stage_sql("raw_participants", '"NIK"')}) r
    """


def load_segment_list_sql(*, list_key: str, segment: str, partner: str, detail_column: str) -> str:
    """Append one partner list from ``raw_list`` to ``segment_member``."""
    key, seg, part = (v.replace("'", "''") for v in (list_key, segment, partner))
    return f"""
    INSERT INTO segment_member
    SELECT '{key}' AS list_key, '{seg}' AS segment, '{part}' AS partner, r.row_id,
           {nik_columns_sql('r."NIK"')},
           trim(r."NAMA") AS name,
           {_date_or_udf('r."TGL LAHIR"')} AS birth_date,
           trim(r."DESA") AS desa_raw, trim(r."KECAMATAN") AS kecamatan_raw,
           trim(r."{detail_column}") AS detail
    FROM ({nik_stage_sql("raw_list", '"NIK"')}) r
    """


def load_companies_sql() -> str:
    return """
    CREATE OR REPLACE TABLE company AS
    SELECT nullif(trim("NPP"), '') AS npp, trim("NAMA PERUSAHAAN") AS name,
           trim("KODE DESA") AS desa_code, trim("SEKTOR") AS sector,
           TRY_CAST("KELAS RISIKO" AS INTEGER) AS risk_class,
           TRY_CAST("JUMLAH TK" AS INTEGER) AS declared_workers,
           TRY_CAST("RATA-RATA UPAH" AS BIGINT) AS declared_wage
    FROM raw_companies
    """


def load_company_registration_sql() -> str:
    return """
    CREATE OR REPLACE TABLE company_registration AS
    SELECT trim("NPP") AS npp, TRY_CAST("TK TERDAFTAR" AS INTEGER) AS registered_workers,
           TRY_CAST("RATA-RATA UPAH DILAPORKAN" AS BIGINT) AS reported_wage,
           trim("PROGRAM") AS programs
    FROM raw_company_registration
    """


def load_denominator_sql() -> str:
    return """
    CREATE OR REPLACE TABLE denominator AS
    SELECT trim("KODE WILAYAH") AS area_code, TRY_CAST("TAHUN" AS INTEGER) AS year,
           TRY_CAST("PENDUDUK BEKERJA" AS BIGINT) AS figure, trim("SUMBER") AS source
    FROM raw_denominator
    """
