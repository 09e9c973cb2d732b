"""Reference tables in the warehouse: the regency's areas, every kecamatan of Indonesia past
and present (for NIK checks), the occupations (*pekerjaan*) that count as working and the
status dasar values of living residents.

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
from cakupan.codes import code_list
from cakupan.warehouse import Warehouse

__all__ = ["ensure_reference"]


# Raised whenever the shipped reference data or what is taken of it changes, so warehouses
# rebuild their copy (3: a province's areas go down to its desa).
REFERENCE_VERSION = "3"


def ensure_reference(wh: Warehouse, *, regency: str) -> None:
    """Create ``area``, ``ref_district``, ``ref_occupation`` and ``ref_status_dasar`` unless
    this version of them exists for ``regency``."""
    if wh.scalar("SELECT max(version) FROM ref_version") == REFERENCE_VERSION and wh.scalar(
        "SELECT count(*) FROM area WHERE code = ?", [regency]
    ):
        return
    rows = areas.subtree(regency)
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
    codes = [d.code for d in districts] + list(areas.historical_districts())
    wh.register(
        "district_view",
        pa.table({"code": codes, "nik_prefix": [c.replace(".", "") for c in codes]}),
    )
    wh.execute("CREATE OR REPLACE TABLE ref_district AS SELECT * FROM district_view")
    # One row per spelling (code, label, alias) so that a register stored by an earlier
    # version, with its own spelling of a label, still finds its occupation.
    occupations = code_list("pekerjaan")
    keys = sorted(occupations.lookup)
    entries = [occupations.lookup[k] for k in keys]
    wh.register(
        "occupation_view",
        pa.table(
            {
                "label": keys,
                "canonical": [e.label for e in entries],
                "is_worker": [e.attrs["is_worker"] == "true" for e in entries],
                "informal": [e.attrs["informal"] == "true" for e in entries],
                "scheme": [e.attrs["scheme"] or None for e in entries],
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TABLE ref_occupation AS SELECT * FROM occupation_view")
    status = code_list("status_dasar").entries
    wh.register(
        "status_view",
        pa.table(
            {
                "value": [c.value for c in status],
                "living": [c.attrs["living"] == "true" for c in status],
            }
        ),
    )
    wh.execute("CREATE OR REPLACE TABLE ref_status_dasar AS SELECT * FROM status_view")
    wh.execute("CREATE OR REPLACE TABLE ref_version AS SELECT ? AS version", [REFERENCE_VERSION])
