"""One writer at a time: turns on the warehouse, taken by every process that writes it.

An import, a refresh, a review decision, a target or a pledge each take the **write turn**
(an exclusive lock on ``DATA_DIR/writer.lock``) before opening the warehouse for writing; a
second writer waits for the first to finish instead of failing on DuckDB's file lock, and is
told who it waits for. Commands that read the warehouse take a **read turn** (a shared lock):
any number of them together, none while a write runs. The web app takes neither: it reads
only the published serving file (:mod:`cakupan.publish`), so a write never blocks a page.

The lock is the operating system's (``flock``): it ends with the process that held it, even
one killed mid-import, so a crash never leaves a stale lock behind.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with write_turn(folder, what="import participants"):
    ...     print(current_writer(folder).split(" (")[0])
    import participants
    >>> current_writer(folder)
    ''
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cakupan.settings import Settings
    from cakupan.warehouse import Warehouse

__all__ = ["current_writer", "read_turn", "write_turn", "writing"]

LOCK_NAME = "writer.lock"


def _open(data_dir: Path) -> int:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)


def current_writer(data_dir: Path) -> str:
    """What holds the write turn now ('' when nobody writes)."""
    path = data_dir / LOCK_NAME
    if not path.exists():
        return ""
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another write"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return ""
    finally:
        os.close(fd)


@contextlib.contextmanager
def _turn(
    data_dir: Path, mode: int, on_wait: Callable[[str], None] | None, what: str | None
) -> Iterator[None]:
    fd = _open(data_dir)
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "a write")
            fcntl.flock(fd, mode)
        if what is not None:  # who writes, for those who wait
            since = dt.datetime.now().strftime("%H:%M:%S")
            note = f"{what} (process {os.getpid()}, since {since})".encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, note, 0)
        try:
            yield
        finally:
            if what is not None:
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


def write_turn(
    data_dir: Path, *, what: str, on_wait: Callable[[str], None] | None = None
) -> contextlib.AbstractContextManager[None]:
    """Hold the only write turn of ``data_dir`` (waiting for the current writer, after
    telling ``on_wait`` who it is)."""
    return _turn(data_dir, fcntl.LOCK_EX, on_wait, what)


def read_turn(
    data_dir: Path, *, on_wait: Callable[[str], None] | None = None
) -> contextlib.AbstractContextManager[None]:
    """Read while no write runs (waiting for a running one, after telling ``on_wait``)."""
    if not data_dir.exists():  # nothing to read, and no folder made for it
        return contextlib.nullcontext()
    return _turn(data_dir, fcntl.LOCK_SH, on_wait, None)


@contextlib.contextmanager
def writing(
    settings: Settings,
    *,
    what: str,
    on_wait: Callable[[str], None] | None = None,
    schema: bool = True,
) -> Iterator[Warehouse]:
    """A write, whole: the write turn, the warehouse opened for writing (brought to the
    current schema unless ``schema`` is False), and — once the block completed — the
    publication of what the web app shows. The command line and the job runner both write
    through this.
    """
    from cakupan.publish import publish  # publishing computes figures: imported when used
    from cakupan.warehouse import Warehouse

    with (
        write_turn(settings.data_dir, what=what, on_wait=on_wait),
        Warehouse(
            settings.warehouse_path,
            threads=settings.threads,
            memory_limit=settings.memory_limit,
            schema=schema,
            engine=settings.compute_engine,
        ) as wh,
    ):
        yield wh
        publish(
            wh,
            data_dir=settings.data_dir,
            regency=settings.regency_code,
            default_target=settings.ucj_target,
        )
