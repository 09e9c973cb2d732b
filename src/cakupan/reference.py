"""Reference tables in the warehouse: the regency's areas, every kecamatan of Indonesia (for
NIK checks) and the occupations (*pekerjaan*) that count as working.

Example:
    >>> from cakupan.warehouse import Warehouse
    >>> with Warehouse.memory() as wh:
    ...     ensure_reference(wh, regency="35.16")
    ...     wh.scalar("SELECT count(*) FROM area WHERE level = 'desa'")
    304
"""

from __future__ import annotations

import pyarrow as pa

from cakupan import areas
from cakupan._resources import read_csv_resource
from cakupan.warehouse import Warehouse

__all__ = ["ensure_reference"]


def ensure_reference(wh: Warehouse, *, regency: str) -> None:
    """Create ``area``, ``ref_district`` and ``ref_occupation`` unless they exist for
    ``regency``."""
    if (
        wh.table_exists("area")
        and wh.table_exists("ref_district")
        and wh.table_exists("ref_occupation")
        and wh.scalar("SELECT count(*) FROM area WHERE code = ?", [regency])
    ):
        return
    rows = [areas.get(regency)]
    for kec in areas.children(regency):
        rows.append(kec)
        rows.extend(areas.children(kec.code))
    wh.register(
        "area_view",
        pa.table(
            {
                "code": [a.code for a in rows],
                "name": [a.name for a in rows],
                "level": [a.level for a in rows],
                "parent_code": [a.parent_code for a in rows],
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TABLE area AS SELECT * FROM area_view")
    districts = [
        k
        for p in areas.children(None)
        for r in areas.children(p.code)
        for k in areas.children(r.code)
    ]
    wh.register(
        "district_view",
        pa.table(
            {
                "code": [d.code for d in districts],
                "nik_prefix": [d.code.replace(".", "") for d in districts],
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TABLE ref_district AS SELECT * FROM district_view")
    occ = read_csv_resource("occupations.csv")
    wh.register(
        "occupation_view",
        pa.table(
            {
                "label": [o["label"] for o in occ],
                "is_worker": [o["is_worker"] == "true" for o in occ],
                "informal": [o["informal"] == "true" for o in occ],
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TABLE ref_occupation AS SELECT * FROM occupation_view")
