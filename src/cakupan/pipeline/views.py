"""Working views over the current snapshots, in the shape linkage and coverage read.

Example:
    >>> "CREATE OR REPLACE VIEW register" in working_views_sql()
    True
"""

from __future__ import annotations

from cakupan.warehouse import Warehouse

__all__ = ["ready_for_coverage", "working_views_sql"]


def working_views_sql() -> str:
    """``register``, ``participant``, ``segment_member`` and ``denominator`` views."""
    return """
    -- Living residents only: those who died, moved away or went missing stay in their
    -- snapshot (src_register) but are not people to cover.
    CREATE OR REPLACE VIEW register AS
    SELECT r.record_id AS row_id, r.nik, r.name, r.sex, r.birth_date, r.desa AS desa_code,
           r.kecamatan AS kecamatan_code, coalesce(o.canonical, upper(r.occupation)) AS occupation,
           coalesce(o.is_worker, false) AS is_worker
    FROM current_src_register r LEFT JOIN ref_occupation o ON o.label = upper(r.occupation)
    WHERE r.status_dasar IS NULL
       OR r.status_dasar IN (SELECT value FROM ref_status_dasar WHERE living);

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


def ready_for_coverage(wh: Warehouse) -> bool:
    """Whether the register, participants and a denominator have been imported."""
    return all(
        wh.scalar(f"SELECT count(*) FROM {view}")
        for view in ("current_src_register", "current_src_participants", "src_denominator")
    )
