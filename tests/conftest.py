"""Shared fixtures: a small demo warehouse built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from cakupan.pipeline import BuildResult, build_demo
from cakupan.settings import Settings, load_settings

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
