"""The one module that owns the DuckDB connection to the warehouse.

Everything else builds SQL the one way :mod:`cakupan.sql` describes (values as parameters,
identifiers quoted, builders returning :class:`~cakupan.sql.Sql`) and hands it here. A failed
statement raises :class:`~cakupan.errors.WarehouseError` carrying the SQL that failed.
The web process opens the warehouse read-only; writes happen in one process at a time.

Example:
    >>> with Warehouse.memory() as wh:
    ...     wh.execute("CREATE TABLE t AS SELECT 42 AS answer")
    ...     wh.scalar("SELECT answer FROM t")
    42
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from cakupan.errors import WarehouseError
from cakupan.spark import Engine
from cakupan.sql import Params, Sql, quote_identifier

__all__ = ["Warehouse"]


_PUBLISHED_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4)
def _published_connection(path: Path) -> duckdb.DuckDBPyConnection:
    """One read-only connection per published file (the last few: a file replaced by a newer
    publication drops out and is closed once its last cursor is gone)."""
    if not path.exists():
        raise WarehouseError("warehouse.missing", path=path)
    try:
        # Default configuration (another read-only connection to the file in this process
        # must match it); one thread set after opening.
        connection = duckdb.connect(str(path), read_only=True)
        connection.execute("SET threads = 1")
    except duckdb.Error as exc:
        raise WarehouseError(
            "warehouse.unavailable", path=str(path), why=str(exc).splitlines()[0]
        ) from None
    connection.execute("SET enable_progress_bar = false")
    return connection


class Warehouse:
    """A DuckDB database file (or memory) with error wrapping and transactions.

    Opened for writing, it is brought to the current schema (:mod:`cakupan.schema`); opened
    read-only, it must already have it."""

    def __init__(
        self,
        path: Path | None,
        *,
        read_only: bool = False,
        threads: int = 0,
        memory_limit: str = "",
        schema: bool = True,
        engine: Engine | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.engine = engine or Engine()  # where matching and coverage run (cakupan.spark)
        self._shared = False  # a cursor of a shared connection (published)
        self._depth = 0  # nesting of transaction()
        config: dict[str, Any] = {}
        if threads:
            config["threads"] = threads
        if memory_limit:
            config["memory_limit"] = memory_limit
        target = ":memory:" if path is None else str(path)
        if path is not None and not read_only:
            # Personal data: the folder is the owner's alone (0700), the file too (0600).
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path is not None and read_only and not path.exists():
            raise WarehouseError(
                "warehouse.missing",
                path=path,
            )
        try:
            self._con = duckdb.connect(target, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise WarehouseError(
                "warehouse.unavailable",
                path=target,
                why=str(exc).splitlines()[0],
            ) from None
        # Progress is shown by the caller; DuckDB's own bar would garble it.
        self._con.execute("SET enable_progress_bar = false")
        try:
            if schema:  # False only for cakupan.schema.upgrade_warehouse, which reports it
                self._bring_schema()
        except BaseException:
            self._con.close()
            raise
        self._private()

    def _bring_schema(self) -> None:
        """Writing: migrate to this version's schema. Reading: refuse another version."""
        from cakupan.schema import migrate, require_current  # the schema imports this module

        if self.read_only:
            require_current(self)
        else:
            migrate(self)

    @classmethod
    def published(cls, path: Path) -> Warehouse:
        """A read-only view of a file that never changes once written (a published serving
        file), on a cursor of one connection kept per file for the process: a web request
        opens it for free (a connection costs ~15 ms) and its queries run on one thread
        (many small concurrent requests, not one large one). ``close`` closes the cursor."""
        connection = _published_connection(path)
        with _PUBLISHED_LOCK:  # the parent connection keeps a list of its cursors
            return cls._view(connection.cursor(), path=path, read_only=True, engine=Engine())

    @classmethod
    def _view(
        cls,
        cursor: duckdb.DuckDBPyConnection,
        *,
        path: Path | None,
        read_only: bool,
        engine: Engine,
    ) -> Warehouse:
        """A warehouse on a cursor of a connection held elsewhere (closing closes the
        cursor only)."""
        view = cls.__new__(cls)
        view.path, view.read_only, view._depth, view.engine = path, read_only, 0, engine
        view._con, view._shared = cursor, True
        return view

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` is open on this connection."""
        return self._depth > 0

    def cursor(self) -> Warehouse:
        """Another connection to the same database, for a second thread (each thread needs
        its own); it sees what this one committed. ``close`` closes the cursor only."""
        return self._view(
            self._con.cursor(), path=self.path, read_only=self.read_only, engine=self.engine
        )

    @classmethod
    def memory(cls) -> Warehouse:
        """An in-memory warehouse, for tests and examples."""
        return cls(None)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._shared:
            with _PUBLISHED_LOCK:
                self._con.close()
            return
        self._con.close()
        self._private()

    def _private(self) -> None:
        """The database file and its write-ahead log readable by their owner only."""
        if self.path is None or self.read_only:
            return
        for target in (self.path, self.path.with_name(self.path.name + ".wal")):
            with contextlib.suppress(OSError):
                if target.exists() and target.stat().st_mode & 0o077:
                    target.chmod(0o600)

    def execute(self, sql: str | Sql | Sequence[Sql], params: Params | None = None) -> None:
        """Run a statement (or a script of :class:`Sql` statements, in order) that returns
        nothing of interest."""
        # DuckDB 2 streams results: an unread one would hold the connection.
        if isinstance(sql, str | Sql):
            self._run(sql, params).fetchall()
            return
        for statement in sql:
            self._run(statement, None).fetchall()

    def query(self, sql: str | Sql, params: Params | None = None) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        cursor = self._run(sql, params)
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def arrow(self, sql: str | Sql, params: Params | None = None) -> Any:
        """The rows as a ``pyarrow.Table`` (to copy them into another database)."""
        relation = self._relation(sql, params)
        try:
            return relation.to_arrow_table()
        except duckdb.Error as exc:  # an error while running, not binding
            raise _failed(relation.sql_query(), exc) from exc

    def copy_to_parquet(self, sql: str | Sql, path: Path, params: Params | None = None) -> int:
        """Write the rows of a query to a Parquet file (0600) a batch at a time, for another
        engine to read (:mod:`cakupan.spark`); returns the rows written."""
        import pyarrow.parquet as pq

        reader = self._relation(sql, params).to_arrow_reader(1 << 17)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        written = 0
        with os.fdopen(fd, "wb") as handle, pq.ParquetWriter(handle, reader.schema) as out:
            for batch in reader:
                out.write_batch(batch)
                written += batch.num_rows
        return written

    def scalar(self, sql: str | Sql, params: Params | None = None) -> Any:
        """The first column of the first row, or None."""
        cursor = self._run(sql, params)
        row = cursor.fetchone()
        cursor.complete()  # the rest discarded: an open result would hold the connection
        return None if row is None else row[0]

    def register(self, name: str, data: Any) -> None:
        """Expose a Python object (an Arrow table, a NumPy dict) as a view named ``name``."""
        try:
            self._con.register(name, data)
        except duckdb.Error as exc:
            raise WarehouseError(
                "warehouse.query_failed", sql=f"-- register {name}", why=exc
            ) from None

    def function(self, name: str, fn: Any, params: list[str], returns: str) -> None:
        """Make a Python function callable from SQL (types are DuckDB type names)."""
        from duckdb import PythonExceptionHandling, sqltypes
        from duckdb.func import FunctionNullHandling

        try:
            self._con.create_function(
                name,
                fn,
                [getattr(sqltypes, p) for p in params],
                getattr(sqltypes, returns),
                null_handling=FunctionNullHandling.SPECIAL,
                exception_handling=PythonExceptionHandling.RETURN_NULL,
            )
        except duckdb.Error as exc:
            raise WarehouseError(
                "warehouse.query_failed", sql=f"-- function {name}", why=exc
            ) from None

    def splink_api(self) -> Any:
        """A Splink ``DuckDBAPI`` on this warehouse's connection (Splink runs its SQL here),
        making its working tables temporary (see :func:`_temporary_tables_api`)."""
        return _temporary_tables_api()(connection=self._con)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Warehouse]:
        """All statements inside commit together or not at all. Nested uses join the
        outermost transaction (DuckDB has no savepoints): an import and the refresh after it
        commit as one unit."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._run("BEGIN TRANSACTION", None)
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._con.execute("ROLLBACK")
            raise
        self._depth = 0
        self._run("COMMIT", None)

    @contextlib.contextmanager
    def checkpoint_at_end(self) -> Iterator[Warehouse]:
        """Many large statements, each committing on its own, with one checkpoint at the
        end instead of one whenever the write-ahead log passes 16 MiB.

        For a build into a new file that replaces the warehouse only once complete (a crash
        loses the build, never the warehouse): its large statements made DuckDB checkpoint
        after nearly every one (measured on the demo: the build 38.2 s against 35.3 s). The
        log grows instead (the demo's: 24 MiB at most)."""
        self._run("SET checkpoint_threshold = '1TB'", None).fetchall()
        try:
            yield self
        finally:
            self._run("RESET checkpoint_threshold", None).fetchall()
        self._run("CHECKPOINT", None).fetchall()

    def _relation(self, sql: str | Sql, params: Params | None) -> duckdb.DuckDBPyRelation:
        """A query as a relation: DuckDB's way to Arrow (no extra copy of the rows)."""
        text, params = _unpack(sql, params)
        try:
            return self._con.sql(text, params=params)
        except duckdb.Error as exc:
            raise _failed(text, exc) from exc

    def _run(self, sql: str | Sql, params: Params | None) -> duckdb.DuckDBPyConnection:
        text, params = _unpack(sql, params)
        try:
            return (
                self._con.execute(text, params) if params is not None else self._con.execute(text)
            )
        except duckdb.Error as exc:
            raise _failed(text, exc) from exc


@functools.cache
def _temporary_tables_api() -> type:
    """Splink's ``DuckDBAPI``, its working tables created as temporary tables.

    Splink creates about a hundred tables to match a regency, copies of names, NIKs and
    birth dates among them. As temporary tables they stay in memory (or DuckDB's temporary
    folder) and never reach the warehouse file, where a dropped table's blocks keep its
    bytes until reused; they may be written in the same transaction as the warehouse's own
    tables (an attached in-memory database may not). Not a matter of speed: the demo's build
    and a refresh measured the same either way, once the build checkpoints at its end.
    ``cakupan.matching.engine.drop_splink_tables`` drops them after matching."""
    from splink import DuckDBAPI

    class TemporaryTablesAPI(DuckDBAPI):  # type: ignore[misc]
        def _setup_for_execute_sql(self, sql: str, physical_name: str) -> str:
            self.delete_table_from_database(physical_name)  # as Splink's own does
            select_sql = sql  # Splink's generated statement
            return f"CREATE TEMP TABLE {quote_identifier(physical_name)} AS\n{select_sql}"

    return TemporaryTablesAPI


def _unpack(sql: str | Sql, params: Params | None) -> tuple[str, Params | None]:
    """The text and parameters of a statement (an :class:`Sql` carries its own)."""
    if isinstance(sql, Sql):
        return sql.text, sql.params or None
    return sql, params


def _failed(text: str, exc: duckdb.Error) -> WarehouseError:
    return WarehouseError("warehouse.query_failed", sql=text, why=str(exc).splitlines()[0])
