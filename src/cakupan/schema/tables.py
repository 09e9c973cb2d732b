"""Every table and view of the warehouse, declared in one place.

Three kinds of table:

* **stored** — what users put in (snapshots of imported files, pledges, targets, review
  decisions, ``meta``): created here, written by their modules, never rebuilt;
* **derived** — what a refresh computes (linkage, coverage, allocation): declared here with
  their exact columns, so that a reader meets an empty table (not a missing one) before the
  first refresh; the refresh replaces them wholesale (``CREATE OR REPLACE TABLE … AS``), and
  ``tests/cakupan/test_schema.py`` checks that what it writes has the declared columns;
* **reference** — copies of shipped data (areas, kecamatan codes, occupations), reloaded by
  :mod:`cakupan.reference` when their data version changes.

Views hold no data and are recreated to their latest definition whenever the schema moves.
Changing anything here means a new migration in :mod:`cakupan.schema.migrations`.
"""

from __future__ import annotations

from cakupan.ingest.schemas import SOURCE_TYPES, SourceType
from cakupan.ingest.validate import SQL_TYPES
from cakupan.sql import quote_identifier

__all__ = [
    "DERIVED_TABLES",
    "REFERENCE_TABLES",
    "STORED_TABLES",
    "source_table_sql",
    "tables_sql",
    "views_sql",
]

# name -> column definitions. The order of columns is the order the builders produce.
STORED_TABLES: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "snapshot": "id BIGINT PRIMARY KEY, source_type VARCHAR NOT NULL, segment VARCHAR, "
    "partner VARCHAR, file_name VARCHAR NOT NULL, file_format VARCHAR, sheet VARCHAR, "
    "content_hash VARCHAR NOT NULL, as_of DATE NOT NULL, imported_by VARCHAR, "
    "imported_at TIMESTAMP NOT NULL, rows_read BIGINT, accepted BIGINT, rejected BIGINT, "
    "headers VARCHAR[], columns JSON",
    "import_finding": "snapshot_id BIGINT, row_number BIGINT, column_name VARCHAR, "
    "code VARCHAR, severity VARCHAR, value VARCHAR, params JSON",
    "import_rejected": "snapshot_id BIGINT, row_number BIGINT, cells VARCHAR[]",
    "snapshot_desa": "snapshot_id BIGINT, desa VARCHAR",
    "pledge": "id BIGINT PRIMARY KEY, payer VARCHAR NOT NULL, payer_type VARCHAR NOT NULL, "
    "budget BIGINT NOT NULL, months INTEGER NOT NULL, segment VARCHAR, area_code VARCHAR, "
    "age_min INTEGER, age_max INTEGER, priority INTEGER DEFAULT 100, created_at TIMESTAMP, "
    "origin VARCHAR, problem VARCHAR",
    "target": "area_code VARCHAR, year INTEGER, ucj DOUBLE, set_by VARCHAR, "
    "set_at TIMESTAMP, PRIMARY KEY (area_code, year)",
    "review_decision": "key_l VARCHAR, key_r VARCHAR, decision VARCHAR, decided_by VARCHAR, "
    "decided_at TIMESTAMP, PRIMARY KEY (key_l, key_r)",
    "match_model": "trained_at TIMESTAMP, records BIGINT, queries BIGINT, model JSON",
    # Keys of the status exchange with BPJS (cakupan.exchange): the warehouse already holds
    # the NIKs the tokens are made of, so the key is kept with them (and shared as a file).
    "exchange_key": "key_id VARCHAR PRIMARY KEY, secret VARCHAR NOT NULL, "
    "created_at TIMESTAMP, retired_at TIMESTAMP",
    # One row per refresh (participants' as-of date): the forecast's history.
    "coverage_history": "as_of DATE PRIMARY KEY, area_code VARCHAR, active_persons BIGINT, "
    "denominator BIGINT, ucj DOUBLE, computed_at TIMESTAMP",
}

_COVERAGE_AREA = (
    "level VARCHAR, area_code VARCHAR, name VARCHAR, parent_code VARCHAR, "
    "active_persons HUGEINT, register_workers HUGEINT, denominator DOUBLE, ucj DOUBLE"
)
_COVERAGE_SEGMENT = (
    "segment VARCHAR, list_key VARCHAR, partner VARCHAR, list_rows BIGINT, persons BIGINT, "
    "active_persons BIGINT, ucj DOUBLE"
)
_COVERAGE_MEMBERSHIP = "membership VARCHAR, active_persons BIGINT, ucj DOUBLE"
DERIVED_TABLES: dict[str, str] = {
    # linkage (cakupan.matching)
    # the records of the pairs waiting for review, as the review pages show them (the
    # records matched are a temporary table of each run)
    "review_record": "unique_id BIGINT, source VARCHAR, name_norm VARCHAR, birth_date DATE, "
    "nik_digits VARCHAR, desa_code VARCHAR",
    "match_pair": "unique_id_l BIGINT, unique_id_r BIGINT, match_probability DOUBLE, "
    "match_weight DOUBLE, mw_name DOUBLE, mw_birth_date DOUBLE, mw_nik DOUBLE, "
    "mw_area DOUBLE, mw_sex DOUBLE, mw_birth_place DOUBLE, mw_tf_adj_name DOUBLE, "
    "source_l VARCHAR, source_r VARCHAR, key_l VARCHAR, key_r VARCHAR, rank_register BIGINT, "
    "decision VARCHAR, outcome VARCHAR",
    "record_person": "unique_id BIGINT, source VARCHAR, register_row BIGINT, method VARCHAR, "
    "person_key VARCHAR",
    # register rows of a person keyed by another row (a register may list one person twice,
    # on two family cards): the person's key, and whether the row repeats one counted
    "register_alias": "row_id BIGINT, person_key VARCHAR, repeat BOOLEAN",
    "participant_person": "participant_row BIGINT, register_row BIGINT, method VARCHAR, "
    "person_key VARCHAR",
    "member_person": "list_key VARCHAR, member_row BIGINT, register_row BIGINT, "
    "method VARCHAR, person_key VARCHAR",
    # persons a status answer on keyed hashes says are members (cakupan.exchange)
    "status_person": "person_key VARCHAR, register_row BIGINT, active BOOLEAN, segment VARCHAR",
    # coverage (cakupan.coverage) and its kept breakdowns (cakupan.targets)
    "active_person": "person_key VARCHAR, register_row BIGINT, segments VARCHAR[]",
    "coverage_area": _COVERAGE_AREA,
    "coverage_segment": _COVERAGE_SEGMENT,
    "coverage_membership": _COVERAGE_MEMBERSHIP,
    "coverage_summary": "area_code VARCHAR, year INTEGER, active_persons BIGINT, "
    "denominator BIGINT, denominator_source VARCHAR, denominator_year BIGINT, ucj DOUBLE, "
    "participant_rows BIGINT, participants_linked BIGINT, register_rows BIGINT",
    "coverage_area_history": "as_of DATE, " + _COVERAGE_AREA,
    "coverage_segment_history": "as_of DATE, " + _COVERAGE_SEGMENT,
    "coverage_membership_history": "as_of DATE, " + _COVERAGE_MEMBERSHIP,
    # allocation of pledges (cakupan.pledges)
    "pledge_allocation": "pledge_id BIGINT, person_key VARCHAR, name VARCHAR, nik VARCHAR, "
    "desa_code VARCHAR, months INTEGER, monthly_cost BIGINT, total_cost BIGINT",
}

REFERENCE_TABLES: dict[str, str] = {
    "area": "code VARCHAR, name VARCHAR, level VARCHAR, parent_code VARCHAR",
    "ref_district": "code VARCHAR, nik_prefix VARCHAR",
    "ref_occupation": "label VARCHAR, canonical VARCHAR, is_worker BOOLEAN, "
    "informal BOOLEAN, scheme VARCHAR",
    "ref_status_dasar": "value VARCHAR, living BOOLEAN",
    "ref_version": "version VARCHAR",
}

SEQUENCES = ("snapshot_seq", "pledge_seq")


def _create_sql(name: str, columns_sql: str) -> str:
    return f"CREATE TABLE IF NOT EXISTS {quote_identifier(name)} ({columns_sql})"


def source_columns(source: SourceType) -> list[tuple[str, str]]:
    """(column, SQL type) of the ``src_*`` table of one source type."""
    columns = [("snapshot_id", "BIGINT"), ("record_id", "BIGINT"), ("row_number", "BIGINT")]
    for column in source.columns:
        columns.append((column.name, SQL_TYPES.get(column.kind, "VARCHAR")))
        if column.kind == "nik":
            columns.append(("nik_raw", "VARCHAR"))
    columns.append(("flags", "VARCHAR[]"))
    return columns


def source_table_sql(source: SourceType) -> str:
    """``CREATE TABLE IF NOT EXISTS src_<type>`` with the columns of its source schema."""
    columns_sql = ", ".join(
        f"{quote_identifier(name)} {kind_sql}" for name, kind_sql in source_columns(source)
    )
    return _create_sql(source.table, columns_sql)


def tables_sql() -> list[str]:
    """Statements creating every table and sequence that does not exist yet."""
    statements = [f"CREATE SEQUENCE IF NOT EXISTS {quote_identifier(s)} START 1" for s in SEQUENCES]
    for declared in (STORED_TABLES, DERIVED_TABLES, REFERENCE_TABLES):
        statements += [_create_sql(name, columns_sql) for name, columns_sql in declared.items()]
    statements += [source_table_sql(source) for source in SOURCE_TYPES.values()]
    return statements


_SNAPSHOT_VIEWS_SQL = """
CREATE OR REPLACE VIEW current_snapshot AS
    SELECT * FROM snapshot QUALIFY row_number() OVER (
        PARTITION BY source_type, coalesce(segment, ''), coalesce(partner, '')
        ORDER BY as_of DESC, id DESC) = 1;
-- The register is assembled village by village: for each desa, the rows of the latest
-- register snapshot that covers it (has rows in it), so a village's file replaces only that
-- village while a regency-wide file replaces every desa it holds.
CREATE OR REPLACE VIEW current_register_desa AS
    SELECT d.desa, d.snapshot_id, s.as_of, s.file_name FROM snapshot_desa d
    JOIN snapshot s ON s.id = d.snapshot_id
    QUALIFY row_number() OVER (PARTITION BY d.desa ORDER BY s.as_of DESC, s.id DESC) = 1;
CREATE OR REPLACE VIEW current_src_register AS
    SELECT t.*, s.segment, s.partner, s.as_of FROM src_register t
    JOIN current_register_desa c ON c.snapshot_id = t.snapshot_id AND c.desa = t.desa
    JOIN snapshot s ON s.id = t.snapshot_id;
"""

# The shapes linkage and coverage read, over the current snapshots.
_WORKING_VIEWS_SQL = """
-- Living residents only: those who died, moved away or went missing stay in their snapshot
-- (src_register) but are not people to cover. The address is for the officers who visit.
CREATE OR REPLACE VIEW register AS
SELECT r.record_id AS row_id, r.nik, r.name, r.sex, r.birth_date, r.desa AS desa_code,
       r.kecamatan AS kecamatan_code, coalesce(o.canonical, upper(r.occupation)) AS occupation,
       coalesce(o.is_worker, false) AS is_worker, r.address, r.dusun, r.rt, r.rw
FROM current_src_register r LEFT JOIN ref_occupation o ON o.label = upper(r.occupation)
WHERE r.status_dasar IS NULL
   OR r.status_dasar IN (SELECT value FROM ref_status_dasar WHERE living);

-- The register by person, once each (a row the register repeats counts once), with the
-- person's key as matching made it: 'R' and the row's id for the person whose first row it
-- is, else as register_alias says (a handful of rows: the join costs next to nothing).
CREATE OR REPLACE VIEW register_by_person AS
SELECT coalesce(a.person_key, 'R' || r.row_id) AS person_key, r.*
FROM register r LEFT JOIN register_alias a ON a.row_id = r.row_id
WHERE a.repeat IS NOT TRUE;

CREATE OR REPLACE VIEW participant AS
SELECT record_id AS row_id, kpj, nik, name, birth_date, segment, npp,
       status = 'active' AS active, last_paid_month, registered_on, desa AS domicile
FROM current_src_participants;

CREATE OR REPLACE VIEW segment_member AS
SELECT lower(segment || coalesce('/' || partner, '')) AS list_key, segment,
       coalesce(partner, segment) AS partner, record_id AS row_id, nik, name, birth_date,
       desa AS desa_code, detail
FROM current_src_segment;

CREATE OR REPLACE VIEW denominator AS
SELECT area_code, year, figure, source FROM src_denominator
QUALIFY row_number() OVER (PARTITION BY area_code, year ORDER BY snapshot_id DESC) = 1;
"""


def views_sql() -> list[str]:
    """Statements (re)creating every view at its latest definition."""
    statements = [s for s in _SNAPSHOT_VIEWS_SQL.split(";") if s.strip()]
    for source in SOURCE_TYPES.values():
        if source.name == "register":
            continue  # assembled desa by desa, above
        view_sql = quote_identifier(f"current_{source.table}")
        table_sql = quote_identifier(source.table)
        statements.append(
            f"CREATE OR REPLACE VIEW {view_sql} AS SELECT t.*, s.segment, s.partner, s.as_of "
            f"FROM {table_sql} t JOIN current_snapshot s ON s.id = t.snapshot_id"
        )
    statements += [s for s in _WORKING_VIEWS_SQL.split(";") if s.strip()]
    return statements
