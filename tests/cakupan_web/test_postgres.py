"""The app's records on PostgreSQL (skipped when no server answers on 127.0.0.1:5432)."""

import os
import socket
import subprocess
import sys
import uuid

import pytest

pytestmark = pytest.mark.postgres


def _reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def database():
    if not _reachable():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    import psycopg

    name = f"cakupan_test_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL refused the connection: {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


def test_prepare_app_on_postgres(database, tmp_path):
    import psycopg

    env = {**os.environ, "CAKUPAN_DATABASE_URL": database, "CAKUPAN_DATA_DIR": str(tmp_path)}
    code = (
        "from cakupan.settings import load_settings\n"
        "from cakupan_web.server import prepare_app\n"
        "print(prepare_app(load_settings()).username)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "admin"
    with psycopg.connect(database) as con:
        row = con.execute("SELECT is_superuser FROM auth_user WHERE username = 'admin'").fetchone()
    assert row == (True,)


def test_jobs_queue_in_postgres_when_the_app_database_is_postgres(database, tmp_path):
    env = {**os.environ, "CAKUPAN_DATABASE_URL": database, "CAKUPAN_DATA_DIR": str(tmp_path)}
    code = (
        "from cakupan.settings import load_settings\n"
        "from cakupan_web.server import prepare_app\n"
        "prepare_app(load_settings())\n"
        "from django.db import connection\n"
        "from cakupan_web.jobs.selectors import job_get\n"
        "from cakupan_web.jobs.tasks import warehouse_refresh\n"
        "result = warehouse_refresh.enqueue(requested_by='tester')\n"
        "print(connection.vendor, job_get(job_id=str(result.id)).status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["postgresql", "READY"]
