"""Loading files and reference data into the warehouse."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cakupan import areas
from cakupan._resources import read_csv_resource
from cakupan.errors import InputError
from cakupan.identity.dates import parse_date
from cakupan.pipeline import sql
from cakupan.warehouse import Warehouse

__all__ = ["load_reference", "read_text_table", "register_date_udf"]


def read_text_table(path: Path, *, delimiter: str = ",") -> pa.Table:
    """Every cell of a CSV as text, plus ``row_id``: the 0-based index of the data row."""
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=8 << 20),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={}, strings_can_be_null=False, auto_dict_encode=False
            ),
        )
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(
            "file.unreadable", "Cannot read {path}: {why}", path=path, why=str(exc).splitlines()[0]
        ) from None
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    return table.append_column("row_id", pa.array(np.arange(table.num_rows, dtype=np.int64)))


def _safe_parse_date(value: str | None) -> object:
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value)
    except Exception:
        return None


def register_date_udf(wh: Warehouse) -> None:
    """``parse_date_udf(text)``: the library's date parser, for what SQL cannot read."""
    wh.function("parse_date_udf", _safe_parse_date, ["VARCHAR"], "DATE")


def load_reference(wh: Warehouse, *, regency: str) -> None:
    """``area`` (the regency, its kecamatan and desa), ``ref_district`` (every kecamatan of
    Indonesia, for NIK checks) and ``ref_occupation``."""
    regency_area = areas.get(regency)
    rows = [regency_area]
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


def load_csv(wh: Warehouse, view: str, path: Path, statement: str, *, delimiter: str = ",") -> None:
    """Expose ``path`` as ``view`` and run ``statement`` over it."""
    wh.register(view, read_text_table(path, delimiter=delimiter))
    wh.execute(statement)


SEGMENT_MEMBER_DDL = """
CREATE OR REPLACE TABLE segment_member (
    list_key VARCHAR, segment VARCHAR, partner VARCHAR, row_id BIGINT,
    nik VARCHAR, nik_raw VARCHAR, nik_problem VARCHAR, name VARCHAR, birth_date DATE,
    desa_raw VARCHAR, kecamatan_raw VARCHAR, detail VARCHAR)
"""

__all__ += ["SEGMENT_MEMBER_DDL", "load_csv", "sql"]
