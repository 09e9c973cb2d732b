"""Fuzzing the readers and validators: no input file makes the importer crash."""

import contextlib
import csv
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cakupan.errors import InputError
from cakupan.ingest import import_file
from cakupan.ingest.readers import read_file
from cakupan.ingest.schemas import SOURCE_TYPES
from cakupan.ingest.values import AreaResolver, parse_value
from cakupan.warehouse import Warehouse

CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "3516125708860003",
            "3.5161E+15",
            "'3516125708860003",
            "3516125708860000.0",
            "351612570886000",
            "31/02/1986",
            "14 Agt 2023",
            "31443",
            "AKTIF",
            "NON AKTIF",
            "BPU",
            "Trowulan",
            "Kec. Trowulan",
            "JUMLAH",
            "",
            " ",
            "Rp 1.500.000",
            "2023-02",
            "x;y",
            '"quoted, cell"',
            "line\nbreak",
            "H. MOCH. SOEPRAPTO, S.Pd",
            "\u2019",
            "35.16",
        ]
    ),
)
HEADERS = st.lists(
    st.sampled_from(
        [
            "NIK",
            "NAMA",
            "TGL LAHIR",
            "DESA",
            "KEC",
            "KPJ",
            "STATUS",
            "SEGMEN",
            "NO",
            "TTL",
            "JABATAN",
            "BLTH IURAN TERAKHIR",
            "X",
            "",
        ]
    ),
    min_size=1,
    max_size=8,
)


@st.composite
def csv_files(draw, type_name="register"):
    headers = draw(HEADERS)
    if draw(st.integers(0, 9)) < 8:  # mostly files the importer accepts, so rows get checked
        required = [c.synonyms[0] for c in SOURCE_TYPES[type_name].columns if c.required]
        headers = list(dict.fromkeys([*required, *headers]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(headers) + 1), max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if draw(st.booleans()):
        writer.writerow(["DAFTAR PESERTA"])
    writer.writerow(headers)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return buffer.getvalue().encode(encoding, errors="replace")


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.data(),
    type_name=st.sampled_from(
        ["register", "participants", "segment", "participant-status", "pledges"]
    ),
)
def test_import_never_crashes(tmp_path, data, type_name):
    content = data.draw(csv_files(type_name))
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with Warehouse.memory() as wh:
        try:
            report = import_file(wh, path, type_name, segment="KUR", dry_run=True)
        except InputError:
            return
    event("validated")
    assert report.rows_read == report.accepted + report.rejected
    errors = {f.row for f in report.findings if f.severity == "error"}
    assert len(errors) == report.rejected
    assert all(f.row > 0 for f in report.findings)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=400),
    suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".ods", ".parquet", ".txt"]),
)
def test_readers_only_raise_input_errors(tmp_path, content, suffix):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(content)
    with contextlib.suppress(InputError):
        read_file(path)


@given(
    raw=CELLS,
    column=st.sampled_from(
        [
            c
            for t in SOURCE_TYPES.values()
            for c in t.columns
            if c.kind not in ("nik", "name", "text", "desa", "kecamatan")
        ]
    ),
)
def test_value_parsers_never_raise(raw, column):
    value, code, params = parse_value(raw, column)
    # A code list keeps what it could not decode (an unknown occupation) or sets a row aside
    # (a resident who died) with a warning beside the value; every other kind gives one.
    warned = column.kind == "code" and code in (column.unknown, "resident.not_living")
    assert (value is None) or code is None or warned
    assert isinstance(params, dict)


RESOLVER = AreaResolver("35.16")


@given(desa=CELLS, kecamatan=CELLS)
def test_area_resolution_never_raises(desa, kecamatan):
    (code, problem, _), _ = RESOLVER.resolve(desa, kecamatan)
    assert (code is None) != (problem is None) or (code is None and problem is None)


DATE_CELLS = st.one_of(
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.from_regex(r"[0-9]{2}[-/][0-9]{2}[-/][0-9]{4}", fullmatch=True),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.dates().map(lambda d: d.isoformat()),
    st.text(alphabet="0123456789-/ ", max_size=12),
)


@given(st.lists(DATE_CELLS, min_size=1, max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_dates_read_in_sql_are_read_as_the_parser_reads_them(cells):
    """The SQL fast path for clean date cells (ingest.validate) gives parse_date's answer."""
    import pyarrow as pa

    from cakupan.errors import DateParseError
    from cakupan.identity.dates import parse_date
    from cakupan.ingest.validate import _CLEAN_SQL

    clean_sql, value_sql = _CLEAN_SQL["date"]
    with Warehouse.memory() as wh:
        wh.register("cells", pa.table({"c": pa.array(cells, pa.string())}))
        rows = wh.query(
            f"SELECT c, coalesce({clean_sql.format(value=value_sql.format(cell='c'))}, false) "
            "AS clean, "
            f"{value_sql.format(cell='c')} AS value FROM cells"
        )
    for row in rows:
        if not row["clean"]:
            continue
        try:
            expected = parse_date(row["c"])
        except DateParseError:
            expected = None
        assert row["value"] == expected, row["c"]
