"""Person-level reads of a published file: scoped in SQL exactly as ``Scope.covers`` says."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.errors import InputError
from cakupan.people import AGE_BANDS, WorklistFilter, worklist_page
from cakupan.publish import current_publication
from cakupan.scope import Scope, scope_for_role

kecamatan = st.sampled_from(["35.16.01", "35.16.05", "35.16.10", "35.16.12", "35.15.01"])
desa = st.builds(lambda k, n: f"{k}.{n}", kecamatan, st.sampled_from(["2001", "2002", "1003"]))
area = st.one_of(kecamatan, desa, st.just("35.16"))


@settings(max_examples=200, deadline=None)
@given(
    areas=st.frozensets(area, max_size=4),
    codes=st.lists(st.one_of(desa, st.none()), max_size=8),
    partners=st.frozensets(st.sampled_from(["BRI", "BNI"]), max_size=1),
    row_partner=st.sampled_from([None, "bri", "BNI", "x"]),
)
def test_the_sql_condition_is_covers(areas, codes, partners, row_partner):
    scope = Scope(who="t", areas=areas, partners=partners)
    condition = scope.rows_sql(area_sql="code", partner_sql="partner")
    con = duckdb.connect()
    con.execute("CREATE TABLE t (code VARCHAR, partner VARCHAR)")
    for code in codes:
        con.execute("INSERT INTO t VALUES (?, ?)", [code, row_partner])
    got = [r[0] for r in con.execute(
        f"SELECT code FROM t WHERE coalesce({condition.text}, false) ORDER BY ALL",
        dict(condition.params),
    ).fetchall()] if codes else []  # fmt: skip
    expected = sorted(
        (c for c in codes if scope.covers(c) or scope.covers_partner(row_partner)),
        key=lambda c: (c is None, c),
    )
    assert sorted(got, key=lambda c: (c is None, c)) == expected


@pytest.fixture(scope="module")
def publication(demo_build, demo_settings):
    return current_publication(demo_settings.data_dir)


def _desa(publication) -> str:
    con = duckdb.connect(str(publication), read_only=True)
    (code,) = con.execute(
        "SELECT desa_code FROM worklist WHERE segment IS NULL GROUP BY ALL "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    return code


def test_age_bands_share_out_a_desa(publication, tmp_path):
    code = _desa(publication)
    operator = scope_for_role("desa_operator", who="siti", areas=[code])
    whole = worklist_page(publication, scope=operator, which=WorklistFilter(desa=code),
                          data_dir=tmp_path)  # fmt: skip
    bands = [
        worklist_page(
            publication,
            scope=operator,
            which=WorklistFilter(desa=code, age=band),
            data_dir=tmp_path,
        ).total
        for band in AGE_BANDS
    ]
    assert sum(bands) == whole.total > 0 and all(bands[1:4])
    with pytest.raises(InputError) as caught:
        worklist_page(publication, scope=operator, which=WorklistFilter(desa=code, age="10-14"),
                      data_dir=tmp_path)  # fmt: skip
    assert caught.value.code == "worklist.bad_age"


def test_nik_masked_unless_the_role_needs_it(publication, tmp_path):
    code = _desa(publication)
    which = WorklistFilter(desa=code)
    visitor = worklist_page(publication, scope=scope_for_role("desa_operator", who="a",
                            areas=[code]), which=which, data_dir=tmp_path)  # fmt: skip
    officer = worklist_page(publication, scope=scope_for_role("kecamatan_operator", who="b",
                            areas=[code[:8]]), which=which, data_dir=tmp_path)  # fmt: skip
    assert visitor.rows[0].nik.isdigit() and not visitor.masked
    assert "********" in officer.rows[0].nik and officer.masked
    assert [r.person_key for r in visitor.rows] == [r.person_key for r in officer.rows]
