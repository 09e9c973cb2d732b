"""Publishing: a serving file per completed write, switched atomically, read back whole."""

from __future__ import annotations

import stat

import pytest

from cakupan.errors import CakupanError
from cakupan.publish import current_publication, dashboard_read, publish
from cakupan.serving import dashboard_compute
from cakupan.warehouse import Warehouse


def test_what_is_published_is_what_the_warehouse_says(demo_warehouse, tmp_path):
    with Warehouse(demo_warehouse, read_only=True) as wh:
        computed = dashboard_compute(wh, regency="35.16", default_target=0.6)
        first = publish(wh, data_dir=tmp_path, regency="35.16", default_target=0.6)
        second = publish(wh, data_dir=tmp_path, regency="35.16", default_target=0.6)
        third = publish(wh, data_dir=tmp_path, regency="35.16", default_target=0.6)
    assert first and second and third
    assert current_publication(tmp_path) == third.path
    read = dashboard_read(third.path)
    assert read.overview == computed.overview
    assert read.kecamatan == computed.kecamatan and read.gap == computed.gap
    assert read.lapsed.persons == computed.lapsed.persons
    assert read.meta["as_of"] == third.as_of == "2023-03-31"
    # The previous file stays one more round for readers holding it; older ones go.
    kept = sorted(p.name for p in (tmp_path / "published").glob("serving-*.duckdb"))
    assert kept == sorted([second.path.name, third.path.name])
    assert stat.S_IMODE(third.path.stat().st_mode) == 0o600


def test_nothing_is_published_before_coverage_exists(tmp_path):
    with Warehouse.memory() as wh:
        assert publish(wh, data_dir=tmp_path, regency="35.16", default_target=0.6) is None
    assert current_publication(tmp_path) is None


def test_a_pointer_to_anything_else_is_refused(tmp_path):
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "CURRENT").write_text("../warehouse.duckdb")
    with pytest.raises(CakupanError) as caught:
        current_publication(tmp_path)
    assert caught.value.code == "publication.unreadable"


def test_the_pointer_is_private_whatever_the_umask(demo_warehouse, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        with Warehouse(demo_warehouse, read_only=True) as wh:
            publish(wh, data_dir=tmp_path, regency="35.16", default_target=0.6)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "published" / "CURRENT").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "published").stat().st_mode) == 0o700
