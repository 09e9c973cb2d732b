"""Who is who: linking participants and partner lists to the register.

This first engine links on exact, valid NIK only (the probabilistic matcher replaces it
in a later version). Its output is one ``person_key`` per record of every source, so that
a person with several memberships, or in several lists, is counted once:

* ``R<row>`` — a register person;
* ``N<nik>`` — a valid NIK not found in the register (lives or registered elsewhere);
* ``K<kpj>`` / ``L<list>:<row>`` — a record without a usable NIK, its own person.

Example:
    >>> "person_key" in link_exact_nik_sql()
    True
"""

from __future__ import annotations

__all__ = ["link_exact_nik_sql"]


def link_exact_nik_sql() -> str:
    """Statements creating ``participant_person`` and ``member_person``."""
    return """
    CREATE OR REPLACE TABLE register_nik AS
    SELECT nik, min(row_id) AS register_row FROM register WHERE nik IS NOT NULL GROUP BY nik;

    CREATE OR REPLACE TABLE participant_person AS
    SELECT p.row_id AS participant_row, r.register_row,
           CASE WHEN r.register_row IS NOT NULL THEN 'nik' ELSE 'none' END AS method,
           coalesce('R' || r.register_row, 'N' || p.nik, 'K' || p.kpj,
                    'P' || p.row_id) AS person_key
    FROM participant p LEFT JOIN register_nik r USING (nik);

    CREATE OR REPLACE TABLE member_person AS
    SELECT m.list_key, m.row_id AS member_row, r.register_row,
           CASE WHEN r.register_row IS NOT NULL THEN 'nik' ELSE 'none' END AS method,
           coalesce('R' || r.register_row, 'N' || m.nik,
                    'L' || m.list_key || ':' || m.row_id) AS person_key
    FROM segment_member m LEFT JOIN register_nik r USING (nik);
    """
