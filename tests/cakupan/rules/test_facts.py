import datetime as dt

import pytest

from cakupan.errors import RuleError
from cakupan.rules.facts import fact, facts, umk


def test_every_fact_has_a_source_and_date():
    for f in facts():
        assert f.source, f.key
        assert f.effective_from >= dt.date(2015, 1, 1)


def test_umk_mojokerto_by_year():
    assert int(umk("35.16", on=dt.date(2022, 12, 31)).value) == 4_354_787
    assert int(umk("35.16", on=dt.date(2023, 1, 1)).value) == 4_504_787
    assert int(umk("35.16", on=dt.date(2025, 7, 1)).value) == 4_856_026


def test_unknown_rule():
    with pytest.raises(RuleError) as info:
        fact("no.such.rule")
    assert info.value.code == "rule.unknown"
