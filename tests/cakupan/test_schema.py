"""The schema owner: declared tables, migrations, version checks, and a warehouse made by
the previous release (0.3.0) migrated with the same figures."""

from __future__ import annotations

import json
import lzma
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from cakupan.coverage import coverage_report
from cakupan.errors import WarehouseError
from cakupan.ingest.schemas import SOURCE_TYPES
from cakupan.pipeline import import_and_refresh
from cakupan.schema import (
    DERIVED_TABLES,
    REFERENCE_TABLES,
    SCHEMA_VERSION,
    STORED_TABLES,
    migrate,
    schema_version,
)
from cakupan.schema.tables import source_columns
from cakupan.warehouse import Warehouse

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v0_3_0"


def _columns(wh: Warehouse, table: str) -> list[tuple[str, str]]:
    return [
        (r["column_name"], r["data_type"])
        for r in wh.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        )
    ]


def _declared(columns_sql: str) -> list[tuple[str, str]]:
    """(name, type) of a declaration, constraints left out."""
    out = []
    for part in re.split(r",\s*(?![^()]*\))", columns_sql):
        words = part.split()
        if words[0] == "PRIMARY":
            continue
        out.append((words[0], words[1]))
    return out


def _figures(wh: Warehouse) -> dict[str, Any]:
    regency = coverage_report(wh, by="regency").rows[0]
    desa = coverage_report(wh, by="desa").rows
    segments = coverage_report(wh, by="segment").rows
    return {
        "active_persons": regency.active_persons,
        "denominator": regency.denominator,
        "ucj": regency.ucj,
        "desa_active": {r.area_code or "unallocated": r.active_persons for r in desa},
        "segments": {r.list_key or r.segment: [r.persons, r.active_persons] for r in segments},
    }


@pytest.fixture
def old_warehouse(tmp_path: Path) -> Path:
    """A warehouse written by Cakupan 0.3.0 (see tests/fixtures/v0_3_0/make.py)."""
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(lzma.decompress((FIXTURE / "warehouse.duckdb.xz").read_bytes()))
    return path


def test_a_new_warehouse_has_every_declared_table_and_the_current_version() -> None:
    with Warehouse.memory() as wh:
        assert schema_version(wh) == SCHEMA_VERSION
        for declared in (STORED_TABLES, DERIVED_TABLES, REFERENCE_TABLES):
            for table, columns_sql in declared.items():
                assert _columns(wh, table) == _declared(columns_sql), table
        for source in SOURCE_TYPES.values():
            assert _columns(wh, source.table) == source_columns(source)
        assert migrate(wh) == []  # nothing left to do


def test_what_a_refresh_writes_has_the_declared_columns(demo_warehouse: Path) -> None:
    with Warehouse(demo_warehouse, read_only=True) as wh:
        for table, columns_sql in DERIVED_TABLES.items():
            assert _columns(wh, table) == _declared(columns_sql), table
        leftovers = wh.scalar(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE starts_with(table_name, '__splink__')"
        )
        assert leftovers == 0


def test_an_old_warehouse_opened_read_only_asks_for_an_upgrade(old_warehouse: Path) -> None:
    with pytest.raises(WarehouseError) as caught:
        Warehouse(old_warehouse, read_only=True)
    assert caught.value.code == "warehouse.needs_upgrade"
    assert "cakupan upgrade" in caught.value.message


def test_a_warehouse_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.execute("INSERT INTO schema_migration VALUES (?, 'from the future', now())", [999])
    for read_only in (True, False):
        with pytest.raises(WarehouseError) as caught:
            Warehouse(path, read_only=read_only)
        assert caught.value.code == "warehouse.too_new"


def test_the_previous_release_migrates_with_the_same_figures(old_warehouse: Path) -> None:
    expected = json.loads((FIXTURE / "expected.json").read_text())
    with Warehouse(old_warehouse) as wh:  # opening for writing migrates
        assert schema_version(wh) == SCHEMA_VERSION
        assert _figures(wh) == expected["before"]
        persons = "SELECT count(DISTINCT person_key) FROM record_person WHERE source = 'register'"
        assert wh.scalar("SELECT count(*) FROM register_by_person") == wh.scalar(persons) > 0
        for source in SOURCE_TYPES.values():
            assert _columns(wh, source.table) == source_columns(source), source.table
        assert not wh.scalar(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE starts_with(table_name, '__splink__')"
        )
        report = import_and_refresh(
            wh,
            FIXTURE / "new_list.csv",
            "segment",
            regency="35.16",
            segment="GURU_MADIN",
            partner="KEMENAG",
        )
        assert report.accepted == 40
        assert _figures(wh) == expected["after"]
    with Warehouse(old_warehouse, read_only=True) as wh:  # now current: read-only works
        assert schema_version(wh) == SCHEMA_VERSION


def test_a_failed_migration_leaves_the_warehouse_as_it_was(
    old_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cakupan.schema import migrations

    def broken(wh: Warehouse) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        (*migrations.MIGRATIONS[:-1], migrations.Migration(SCHEMA_VERSION, "broken", broken)),
    )
    with pytest.raises(RuntimeError):
        Warehouse(old_warehouse)
    # Untouched: no ledger, and a read-only open still asks for the upgrade.
    with duckdb.connect(str(old_warehouse), read_only=True) as con:
        ledger = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'"
        ).fetchone()
    assert ledger == (0,)
