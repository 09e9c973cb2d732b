"""Apache Spark as the engine of matching and coverage (``CAKUPAN_ENGINE=spark``).

The warehouse stays a DuckDB file: files are imported and records prepared there (linear
work, one pass over each row), and every figure is kept and published there. What grows
faster than the data — scoring the candidate pairs of the blocking rules, and the joins and
aggregations of coverage — runs on Spark: PySpark in local mode on one machine
(``local[*]``), or any cluster by its master URL (``CAKUPAN_SPARK_MASTER``). Tables cross as
Parquet files in a private folder beside the warehouse, deleted afterwards (they hold names
and NIKs).

Example (a session; needs Java 17)::

    with spark_exchange(wh, Engine("spark")) as ex:
        ex.put("register", "SELECT * FROM register")      # DuckDB -> Spark view
        ex.get(ex.spark.sql("SELECT count(*) AS n FROM register"), "n")  # -> DuckDB table
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cakupan.errors import CakupanError
from cakupan.sql import Sql, quote_identifier

if TYPE_CHECKING:
    from cakupan.warehouse import Warehouse

__all__ = [
    "ENGINES",
    "Engine",
    "SparkExchange",
    "share_duckdb_functions",
    "spark_available",
    "spark_exchange",
    "spark_session",
]

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class Engine:
    """Which engine matches and computes coverage, and where Spark runs."""

    name: str = "duckdb"
    spark_master: str = "local[*]"
    spark_memory: str = "4g"

    @property
    def spark(self) -> bool:
        return self.name == "spark"


def spark_available() -> str | None:
    """None when Spark can run here, else why not (no PySpark, no Java)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed"
    java = shutil.which("java", path=os.environ.get("PATH"))
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        java = str(Path(home, "bin", "java"))
    if not java:
        return "no Java runtime (Spark needs Java 17)"
    try:
        subprocess.run([java, "-version"], capture_output=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return f"{java} does not run"
    return None


@functools.lru_cache(maxsize=2)
def spark_session(master: str, memory: str) -> Any:
    """The process's Spark session for ``master`` (started once: a JVM takes seconds), with
    the Splink jar that gives Spark its string similarity functions."""
    why = spark_available()
    if why:
        raise CakupanError("engine.spark_unavailable", why=why)
    from pyspark.sql import SparkSession
    from splink.internals.spark.jar_location import similarity_jar_location

    # Python workers (the Jaro-Winkler function) run this interpreter, with its packages.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    scratch = Path(tempfile.mkdtemp(prefix="cakupan-spark-"))
    scratch.chmod(0o700)  # Spark's shuffle files hold names and NIKs: private, and gone at exit
    atexit.register(shutil.rmtree, scratch, True)
    session = (
        SparkSession.builder.master(master)
        .appName("cakupan")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.local.dir", str(scratch))
        .config("spark.sql.shuffle.partitions", "8" if master.startswith("local") else "200")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # Splink breaks long plans with checkpoints: kept in the private scratch folder.
    session.sparkContext.setCheckpointDir(str(scratch / "checkpoints"))
    return session


def share_duckdb_functions(spark: Any) -> None:
    """Make Spark's ``jaro_winkler`` compute what DuckDB's ``jaro_winkler_similarity`` does.

    The Splink jar's Jaro-Winkler counts half-transpositions as fractions, DuckDB's
    (RapidFuzz) as whole ones: ``siii wibowo`` / ``siti wibowo`` is 0.912 on one and 0.925 on
    the other, either side of the 0.92 level. RapidFuzz is DuckDB's own implementation, so a
    pair reaches the same level on both engines. Call after Splink registered its jar's
    functions (it does when a ``SparkAPI`` is made)."""
    from pyspark.sql.types import DoubleType

    def jaro_winkler(left: str | None, right: str | None) -> float | None:
        # Defined here so that Spark ships it by value: a worker needs only RapidFuzz.
        if left is None or right is None:
            return None
        if not left and not right:
            return 0.0  # as DuckDB says of two empty strings
        from rapidfuzz.distance import JaroWinkler

        return float(JaroWinkler.similarity(left, right))

    spark.udf.register("jaro_winkler", jaro_winkler, DoubleType())


_CREATE = re.compile(
    r"\s*CREATE OR REPLACE (?P<temp>TEMP )?TABLE (?P<name>\w+) AS\s+(?P<select>.*)", re.DOTALL
)


@contextlib.contextmanager
def spark_exchange(wh: Warehouse, engine: Engine) -> Iterator[SparkExchange]:
    """A :class:`SparkExchange` whose folder is removed when the block ends, however."""
    exchange = SparkExchange(wh, engine)
    try:
        yield exchange
    finally:
        shutil.rmtree(exchange.folder, ignore_errors=True)


class SparkExchange:
    """Tables moved between the warehouse and Spark through Parquet files in a private
    folder (0700); use through :func:`spark_exchange`, which removes it."""

    def __init__(self, wh: Warehouse, engine: Engine) -> None:
        self.wh = wh
        self.spark = spark_session(engine.spark_master, engine.spark_memory)
        parent = wh.path.parent if wh.path is not None else None
        self.folder = Path(tempfile.mkdtemp(prefix=".spark-", dir=parent))
        self.folder.chmod(0o700)
        self._count = 0

    def _path(self, name: str) -> Path:
        self._count += 1
        return self.folder / f"{self._count:03d}-{name}"

    def put(self, name: str, sql: str | Sql) -> Any:
        """The rows of ``sql`` in the warehouse as the Spark view ``name``."""
        path = self._path(name)
        path.mkdir(mode=0o700)
        self.wh.copy_to_parquet(sql, path / "part-0.parquet")
        frame = self.spark.read.parquet(str(path))
        frame.createOrReplaceTempView(name)
        return frame

    def get(self, frame: Any, name: str, *, temp: bool = False) -> Any:
        """A Spark DataFrame as the warehouse table ``name`` (replaced); returns it read back
        from its file, so that Spark does not compute it again where it is read next."""
        path = self._path(name)
        frame.write.mode("overwrite").parquet(str(path))
        kind_sql = "TEMP TABLE" if temp else "TABLE"
        self.wh.execute(
            f"CREATE OR REPLACE {kind_sql} {quote_identifier(name)} AS "
            "SELECT * FROM read_parquet(?)",
            [str(path / "*.parquet")],
        )
        return self.spark.read.parquet(str(path))

    def run(self, statements: Sequence[Sql]) -> None:
        """Run the warehouse's ``CREATE OR REPLACE [TEMP] TABLE name AS SELECT`` statements
        on Spark, in order, each result becoming the warehouse table and the Spark view of
        its name; the warehouse tables they read are given to Spark first. The SELECT is
        DuckDB's, translated by SQLGlot (Splink's own translator); parameters (``$name``)
        stay parameters."""
        import sqlglot
        from sqlglot import exp

        made: set[str] = set()
        for statement in statements:
            found = _CREATE.match(statement.text)
            if not found:
                raise ValueError(
                    "expected CREATE OR REPLACE [TEMP] TABLE name AS", statement.text[:60]
                )
            temp, name, select = bool(found["temp"]), found["name"], found["select"]
            tree = sqlglot.parse_one(select, read="duckdb")
            ctes = {cte.alias for cte in tree.find_all(exp.CTE)}
            for table in sorted({t.name for t in tree.find_all(exp.Table)} - ctes - made):
                self.put(table, f"SELECT * FROM {quote_identifier(table)}")
                made.add(table)
            frame = self.spark.sql(tree.sql(dialect="spark"), args=dict(statement.params) or None)
            self.get(frame, name, temp=temp).createOrReplaceTempView(name)
            made.add(name)
