"""A synthetic province: every regency of Jawa Timur, read back as the importer reads it."""

from __future__ import annotations

import pytest

from cakupan import areas
from cakupan.errors import InputError
from cakupan.ingest import import_file
from cakupan.pipeline import province_check
from cakupan.synth import generate
from cakupan.warehouse import Warehouse


def test_a_province_spreads_its_people_over_every_regency(tmp_path):
    files = generate(tmp_path, people=20_000, seed=3, regency="35")
    with Warehouse.memory() as wh:
        report = import_file(wh, files.register, "register", regency="35")
        assert report.rejected == 0 and report.accepted == 20_000
        regencies = {
            r["r"] for r in wh.query("SELECT DISTINCT left(desa_code, 5) AS r FROM register")
        }
        misplaced = wh.scalar(
            "SELECT count(*) FROM register WHERE NOT starts_with(desa_code, kecamatan_code || '.')"
        )
    assert regencies == {r.code for r in areas.children("35")}  # all 38
    assert misplaced == 0  # each desa's own kecamatan, though kecamatan names repeat


def test_only_a_province_s_code_makes_a_province():
    assert province_check("35") == "35"
    for code in ("35.16", "99"):
        with pytest.raises(InputError) as raised:
            province_check(code)
        assert raised.value.code == "demo.not_a_province"
