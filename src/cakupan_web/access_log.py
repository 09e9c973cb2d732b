"""The web server's access log: one line per request, in the Common Log Format, in
``DATA_DIR/access.log`` (0600).

The query string is left out: a search or a filter may carry a name or a NIK (UU 27/2022),
and the path alone says which page was asked for. The user is the signed-in account, when
Django knows it.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class AccessLog:
    """WSGI middleware writing one line per finished request."""

    def __init__(self, app: App, path: Path) -> None:
        self.app = app
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._file = os.fdopen(fd, "a", encoding="utf-8", buffering=1)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        status = ["-"]

        def recording(code: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            status[0] = code.split(" ", 1)[0]
            return start_response(code, headers, *args)

        started = time.perf_counter()
        body = self.app(environ, recording)
        return _Logged(body, lambda size: self._write(environ, status[0], size,
                                                      time.perf_counter() - started))  # fmt: skip

    def _write(self, environ: dict[str, Any], status: str, size: int, seconds: float) -> None:
        user = environ.get("cakupan.user") or "-"
        when = dt.datetime.now().astimezone().strftime("%d/%b/%Y:%H:%M:%S %z")
        line = (
            f"{environ.get('REMOTE_ADDR', '-')} - {user} [{when}] "
            f'"{environ.get("REQUEST_METHOD", "-")} {environ.get("PATH_INFO", "")} '
            f'{environ.get("SERVER_PROTOCOL", "-")}" {status} {size} {seconds * 1000:.1f}ms'
        )
        with self._lock:
            self._file.write(line + "\n")


class _Logged:
    """The application's response, passed through, counted, and logged when the server closes
    it (PEP 3333: the server calls ``close``, which is passed on to the application's
    iterable — Django's ends the request there). A class, not a generator: a generator
    finalised by the server's threads crashed CPython 3.11 under load (segfault at ~450
    requests a second; ``benchmarks/bench_web.py``)."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int], None]) -> None:
        self._body = body
        self._done = done
        self._size = 0
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._body:
            self._size += len(chunk)
            yield chunk

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._done(self._size)
