"""Deny by default: every person-level read needs a scope and stays inside it."""

from __future__ import annotations

import pytest

from cakupan.errors import CakupanError
from cakupan.scope import Scope
from cakupan.worklists import group_cost, worklist_rows


@pytest.fixture
def wh(demo_copy):
    return demo_copy


def _code(call) -> str:
    with pytest.raises(CakupanError) as caught:
        call()
    return caught.value.code


def test_no_scope_means_nothing(wh):
    assert _code(lambda: worklist_rows(wh, scope=None, desa="35.16.12.2007")) == "access.no_scope"
    nobody = Scope(who="no-role")
    assert _code(lambda: worklist_rows(wh, scope=nobody, desa="35.16.12.2007")) == (
        "access.out_of_scope"
    )
    assert _code(lambda: worklist_rows(wh, scope=nobody, segment="KUR")) == "access.out_of_scope"


def test_an_area_operator_reads_its_areas_only(wh):
    jabon = Scope(who="op_jabon", areas=frozenset({"35.16.12"}))
    rows = worklist_rows(wh, scope=jabon, kecamatan="35.16.12")
    assert rows and {r["kecamatan_code"] for r in rows} == {"35.16.12"}
    # Another kecamatan's desa, typed into the request: not found, as if it did not exist.
    error = _code(lambda: worklist_rows(wh, scope=jabon, desa="35.16.01.2001"))
    assert error == "access.out_of_scope"
    # A segment list: only its persons in the operator's areas.
    everyone = worklist_rows(wh, scope=Scope.whole_regency("admin"), segment="KUR")
    mine = worklist_rows(wh, scope=jabon, segment="KUR")
    assert mine and len(mine) < len(everyone)
    assert all(r["desa_code"].startswith("35.16.12.") for r in mine)


def test_a_partner_reads_its_own_list_only(wh):
    bri = Scope(who="bri", partners=frozenset({"BRI"}))
    rows = worklist_rows(wh, scope=bri, partner="bri")
    assert rows and {r["segment"] for r in rows} == {"KUR"}
    assert _code(lambda: worklist_rows(wh, scope=bri, partner="BNI")) == "access.out_of_scope"
    assert _code(lambda: worklist_rows(wh, scope=bri, desa="35.16.12.2007")) == (
        "access.out_of_scope"
    )


def test_an_executive_gets_counts_never_persons(wh):
    bupati = Scope(who="bupati", regency=True, persons=False)
    assert _code(lambda: worklist_rows(wh, scope=bupati, kecamatan="35.16.12")) == (
        "access.persons_hidden"
    )
    cost = group_cost(wh, scope=bupati, months=12, kecamatan="35.16.12")
    assert cost.persons > 0
