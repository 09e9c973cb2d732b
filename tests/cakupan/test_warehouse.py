import pytest

from cakupan.errors import WarehouseError
from cakupan.warehouse import Warehouse


def test_failure_carries_the_sql():
    with Warehouse.memory() as wh, pytest.raises(WarehouseError) as info:
        wh.query("SELECT * FROM no_such_table")
    assert info.value.sql == "SELECT * FROM no_such_table"
    assert "no_such_table" in str(info.value)


def test_transaction_rolls_back(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.execute("CREATE TABLE t (x INTEGER)")
        with pytest.raises(WarehouseError), wh.transaction():
            wh.execute("INSERT INTO t VALUES (1)")
            wh.execute("INSERT INTO t VALUES ('not a number')")
        assert wh.scalar("SELECT count(*) FROM t") == 0


def test_read_only_cannot_write(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.execute("CREATE TABLE t AS SELECT 1 AS x")
    with Warehouse(path, read_only=True) as wh, pytest.raises(WarehouseError):
        wh.execute("INSERT INTO t VALUES (2)")


def test_missing_read_only_warehouse(tmp_path):
    with pytest.raises(WarehouseError) as info:
        Warehouse(tmp_path / "none.duckdb", read_only=True)
    assert info.value.code == "warehouse.missing"
