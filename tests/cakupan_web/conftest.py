import dataclasses
import shutil

import pytest


@pytest.fixture
def demo_site(settings, demo_settings, demo_warehouse):
    """Django pointed at the session's demo warehouse."""
    settings.CAKUPAN = demo_settings
    return demo_settings


@pytest.fixture
def site(settings, demo_settings, demo_warehouse, tmp_path):
    """Django pointed at a copy of the demo (warehouse and publication) that a test may
    write: jobs import, decide, allocate and publish into it. The data folder is returned."""
    shutil.copy(demo_settings.warehouse_path, tmp_path / "warehouse.duckdb")
    shutil.copytree(demo_settings.data_dir / "published", tmp_path / "published")
    settings.CAKUPAN = dataclasses.replace(demo_settings, data_dir=tmp_path)
    return tmp_path
