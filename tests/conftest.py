"""Shared fixtures: a small demo warehouse built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cakupan.pipeline import BuildResult, build_demo
from cakupan.settings import Settings, load_settings
from cakupan.warehouse import Warehouse

DEMO_PEOPLE = 6000


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(data_dir=tmp_path_factory.mktemp("demo"), environ={})


@pytest.fixture(scope="session")
def demo_build(demo_settings: Settings) -> BuildResult:
    return build_demo(demo_settings, people=DEMO_PEOPLE, seed=11)


@pytest.fixture(scope="session")
def demo_warehouse(demo_build: BuildResult, demo_settings: Settings) -> Path:
    return demo_settings.warehouse_path


@pytest.fixture
def demo_copy(demo_warehouse: Path, tmp_path: Path) -> Iterator[Warehouse]:
    """A writable copy of the session's demo warehouse, for tests that change it."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_warehouse, copy)
    with Warehouse(copy) as wh:
        yield wh
