import dataclasses
import shutil

import pytest


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A test runs in one transaction on one database connection. What the app does between
    requests and jobs — close a connection that looks stale, as one inside a transaction does
    — would close it (SQLite's in-memory test database ignores that; PostgreSQL's does not).
    Django's test client keeps it open for requests; the same here for WSGI calls and for
    the job worker run in the test's process."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
