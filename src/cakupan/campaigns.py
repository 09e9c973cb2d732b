"""Where to campaign ("Kerja Keras Bebas Cemas" at markets, villages, mosques): desa ranked
by their unprotected informal workers.

Example:
    >>> "informal" in campaign_sql()
    True
"""

from __future__ import annotations

from typing import Any

from cakupan.coverage import require_coverage
from cakupan.warehouse import Warehouse

__all__ = ["campaign_ranking", "campaign_sql"]


def campaign_sql() -> str:
    """Per desa: informal workers in the register, how many are unprotected, and the share."""
    return """
    SELECT r.desa_code, a.name AS desa, k.name AS kecamatan,
           count(*) AS informal_workers,
           count(*) FILTER (WHERE 'R' || r.row_id NOT IN (SELECT person_key FROM active_person))
               AS unprotected,
           count(*) FILTER (WHERE 'R' || r.row_id NOT IN (SELECT person_key FROM active_person))
               / count(*) AS unprotected_share
    FROM register r JOIN ref_occupation o ON o.label = r.occupation AND o.informal
    JOIN area a ON a.code = r.desa_code JOIN area k ON k.code = a.parent_code
    GROUP BY ALL
    """


def campaign_ranking(wh: Warehouse, *, limit: int = 20) -> dict[str, Any]:
    """Desa with the most unprotected informal workers first."""
    require_coverage(wh, table="active_person")
    rows = wh.query(
        f"SELECT * FROM ({campaign_sql()}) ORDER BY unprotected DESC, desa_code LIMIT ?", [limit]
    )
    return {
        "rows": rows,
        "method": "informal workers (pekerjaan marked informal: petani, pedagang, wiraswasta, "
        "buruh harian lepas…) living in the desa without an active membership",
    }
