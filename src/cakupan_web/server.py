"""Setting up and serving the web app for one Cakupan installation."""

from __future__ import annotations

import contextlib
import errno
import faulthandler
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cakupan.errors import InputError
from cakupan.settings import Settings, load_settings, settings_environment


@dataclass(frozen=True)
class AdminLogin:
    username: str
    password: str


def ensure_secret_key(settings: Settings) -> None:
    """Keep a secret key in the data folder so that logins survive restarts."""
    path = settings.data_dir / "secret_key.txt"
    if settings.secret_key or path.exists():
        return
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    path.chmod(0o600)


def setup_django(settings: Settings) -> None:
    """Point Django at this installation's settings and initialise it."""
    ensure_secret_key(settings)
    # Django's settings module and the workers (child processes) read the environment.
    os.environ.update(settings_environment(settings, load_settings()))
    os.environ["CAKUPAN_DATA_DIR"] = str(settings.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan_web.settings")
    import django

    django.setup()


def ready_app(settings: Settings) -> None:
    """Django set up on this installation, its app database created or upgraded."""
    setup_django(settings)
    from django.core.management import call_command

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    from cakupan_web.imports.services import uploads_expire

    # Uploads kept past their days lose their files at every start too (and whenever the
    # upload page opens), so files no one came back to do not stay for months.
    uploads_expire(data_dir=settings.data_dir, keep_days=settings.upload_keep_days)


def prepare_app(settings: Settings, *, admin_username: str = "admin") -> AdminLogin:
    """Create or upgrade the app database and (re)set the admin's password."""
    ready_app(settings)
    from cakupan_web.accounts.services import user_create_admin

    password = secrets.token_urlsafe(9)
    user_create_admin(username=admin_username, password=password)
    return AdminLogin(admin_username, password)


QUEUES = ("default", "checks")  # the writes; the checks of uploads (they store nothing)


def run_worker(settings: Settings, *, batch: bool = False, queue: str = "default") -> None:
    """Run the job worker of ``queue`` (``default``: the web app's writes, one at a time;
    ``checks``: uploads checked before import) until interrupted, or, with ``batch``, until
    the queue is empty."""
    if queue not in QUEUES:
        raise InputError("worker.bad_queue", queue=queue, queues=", ".join(QUEUES))
    ready_app(settings)
    from django.core.management import call_command

    call_command("db_worker", interval=1.0, batch=batch, queue_name=queue, verbosity=0)


def _die_with_parent() -> None:
    """In the worker, before it starts: end it when the server ends, however it ends."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)


def _start_worker(settings: Settings, queue: str) -> subprocess.Popen[bytes]:
    """A worker as a child process of the server (it ends with it)."""
    code = "import sys; from cakupan_cli import main; main(sys.argv[1:])"
    command = [sys.executable, "-c", code, "worker", "--data-dir", str(settings.data_dir),
               "--queue", queue]  # fmt: skip
    return subprocess.Popen(
        command,
        env=dict(os.environ, CAKUPAN_DATA_DIR=str(settings.data_dir)),
        preexec_fn=_die_with_parent,
    )


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # as Ctrl+C: the server closes and stops its worker


def serve(settings: Settings, *, on_ready: Callable[[str], None], worker: bool = True) -> None:
    """Serve the app with waitress (``web_threads`` threads, an access log unless
    ``access_log`` is off) until interrupted, with the job worker beside it unless
    ``worker`` is False (a deployment may run it as its own service); ``on_ready`` gets the
    URL once the port is bound."""
    # A crash in a C extension (DuckDB, pyarrow) prints every thread's Python stack on
    # standard error instead of dying silently.
    with contextlib.suppress(AttributeError, ValueError, OSError):  # no real stderr: tests
        faulthandler.enable()
    setup_django(settings)
    from django.core.management import call_command
    from waitress.server import create_server

    from cakupan_web.access_log import AccessLog
    from cakupan_web.wsgi import application

    app: Any = application
    if settings.access_log:
        app = AccessLog(application, settings.data_dir / "access.log")
    proxy: dict[str, Any] = {}
    if settings.https:  # behind the office's proxy: the client's address and scheme
        proxy = {
            "trusted_proxy": "127.0.0.1",
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        }
    try:
        server = create_server(
            app,
            host=settings.host,
            port=settings.port,
            threads=settings.web_threads,
            ident="cakupan",
            **proxy,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InputError(
                "serve.port_in_use",
                port=settings.port,
            ) from None
        raise
    children: list[subprocess.Popen[bytes]] = []
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # systemctl stop, docker stop
    try:
        call_command("migrate", interactive=False, verbosity=0)
        # Two workers: the writes, one at a time, and the checks of uploads, which read a
        # file without storing anything and so need not wait for a running import.
        children = [_start_worker(settings, queue) for queue in QUEUES] if worker else []
        on_ready(f"http://{settings.host}:{settings.port}/")
        server.run()
    finally:
        server.close()
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=30)
