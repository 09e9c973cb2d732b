"""The one typed settings object. Each field is read from, in order of precedence:
the environment variable named in its metadata, the config file, then its default.

The config file is ``cakupan.toml`` in the working directory, or the file named by
``CAKUPAN_CONFIG``; keys are the field names (``data_dir = "/srv/cakupan"``).

Example:
    >>> s = load_settings(environ={"CAKUPAN_DATA_DIR": "/tmp/x", "PORT": "8080"})
    >>> str(s.data_dir), s.port
    ('/tmp/x', 8080)
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cakupan.errors import ConfigError
from cakupan.privacy import secure_dir
from cakupan.spark import ENGINES, Engine

__all__ = ["Settings", "load_settings", "settings_environment"]


def _setting(default: Any, env: str, doc: str) -> Any:
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Everything Cakupan can be configured with (see ``docs/configuration.md``)."""

    data_dir: Path = _setting(
        Path("cakupan-data"),
        "CAKUPAN_DATA_DIR",
        "Folder holding the warehouse (warehouse.duckdb), the app database and demo files.",
    )
    regency_code: str = _setting(
        "35.16", "CAKUPAN_REGENCY", "Kemendagri code of the regency this installation serves."
    )
    ucj_target: float = _setting(
        0.60, "CAKUPAN_UCJ_TARGET", "Default coverage target (fraction 0-1) shown until set."
    )
    host: str = _setting("127.0.0.1", "CAKUPAN_HOST", "Address the web server listens on.")
    port: int = _setting(8000, "PORT", "Port the web server listens on.")
    web_threads: int = _setting(
        8,
        "CAKUPAN_WEB_THREADS",
        "Requests the web server (waitress) answers at once; more wait in its queue.",
    )
    access_log: bool = _setting(
        True,
        "CAKUPAN_ACCESS_LOG",
        "Write one line per request to access.log in the data folder (no query strings).",
    )
    language: str = _setting(
        "id",
        "CAKUPAN_LANGUAGE",
        "Language of the web pages (by default) and of command-line errors: id or en.",
    )
    database_url: str = _setting(
        "",
        "CAKUPAN_DATABASE_URL",
        "App records database; empty means SQLite in the data folder. "
        "postgresql://user@host:5432/name uses PostgreSQL.",
    )
    secret_key: str = _setting(
        "", "CAKUPAN_SECRET_KEY", "Django secret key; empty means one kept in the data folder."
    )
    debug: bool = _setting(False, "CAKUPAN_DEBUG", "Show Django debug pages (never in production).")
    demo_open: bool = _setting(
        True,
        "CAKUPAN_DEMO_OPEN",
        "When the warehouse holds demo data, let the dashboard open without login.",
    )
    threads: int = _setting(
        0, "CAKUPAN_THREADS", "DuckDB worker threads; 0 lets DuckDB use every core."
    )
    memory_limit: str = _setting(
        "6GB",
        "CAKUPAN_MEMORY_LIMIT",
        "DuckDB memory limit (it spills to disk beyond it); empty is DuckDB's 80 % of RAM.",
    )

    allowed_hosts: str = _setting(
        "",
        "CAKUPAN_ALLOWED_HOSTS",
        "Host names the web app answers to, comma-separated (such as cakupan.mojokertokab.go.id).",
    )
    https: bool = _setting(
        False,
        "CAKUPAN_HTTPS",
        "Served over HTTPS behind a proxy: secure cookies, HSTS, redirect to HTTPS.",
    )
    # Limits for untrusted files (cakupan.ingest.limits; docs/security.md).
    max_file_mib: int = _setting(
        2048, "CAKUPAN_MAX_FILE_MIB", "Largest file an import reads, in MiB."
    )
    max_unpacked_mib: int = _setting(
        1024,
        "CAKUPAN_MAX_UNPACKED_MIB",
        "Largest size a workbook (XLSX, ODS) or Parquet file may unpack to, in MiB.",
    )
    max_ratio: int = _setting(
        200,
        "CAKUPAN_MAX_RATIO",
        "Largest compression ratio of a workbook's part (a higher one is a zip bomb).",
    )
    max_rows: int = _setting(5_000_000, "CAKUPAN_MAX_ROWS", "Most data rows one file may hold.")
    max_columns: int = _setting(1_000, "CAKUPAN_MAX_COLUMNS", "Most columns one file may hold.")
    max_cell_chars: int = _setting(
        32_767,
        "CAKUPAN_MAX_CELL_CHARS",
        "Longest cell, in characters; a longer one is cut and its row rejected.",
    )
    reader_memory_mib: int = _setting(
        4096,
        "CAKUPAN_READER_MEMORY_MIB",
        "Memory ceiling of the child process that reads a workbook, in MiB.",
    )
    reader_seconds: int = _setting(
        600, "CAKUPAN_READER_SECONDS", "Longest time reading one workbook may take, in seconds."
    )
    upload_keep_days: int = _setting(
        7,
        "CAKUPAN_UPLOAD_KEEP_DAYS",
        "Days an uploaded file and its check (personal data) are kept, imported or not; "
        "then they are deleted (the counts stay).",
    )
    engine: str = _setting(
        "duckdb",
        "CAKUPAN_ENGINE",
        "Where matching scores pairs and coverage is computed: duckdb (embedded) or spark.",
    )
    spark_master: str = _setting(
        "local[*]",
        "CAKUPAN_SPARK_MASTER",
        "Spark master URL with engine spark: local[*] (this machine) or a cluster's.",
    )
    spark_memory: str = _setting(
        "4g", "CAKUPAN_SPARK_MEMORY", "Memory of the Spark driver with engine spark (4g, 16g)."
    )

    @property
    def compute_engine(self) -> Engine:
        """The engine settings as the warehouse takes them."""
        return Engine(self.engine, self.spark_master, self.spark_memory)

    @property
    def warehouse_path(self) -> Path:
        """The DuckDB file of the warehouse."""
        return self.data_dir / "warehouse.duckdb"


def _convert(name: str, kind: Any, raw: Any, origin: str) -> Any:
    try:
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on", "ya"):
                return True
            if text in ("0", "false", "no", "off", "tidak", ""):
                return False
            raise ValueError(raw)
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        if kind in (Path, "Path"):
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(
            "config.bad_value",
            name=name,
            origin=origin,
            kind=getattr(kind, "__name__", kind),
            raw=repr(raw),
        ) from None


def load_settings(
    *, environ: Mapping[str, str] | None = None, config_file: Path | None = None, **overrides: Any
) -> Settings:
    """Build the settings: keyword overrides > environment > config file > defaults."""
    env = os.environ if environ is None else environ
    path = config_file or Path(env.get("CAKUPAN_CONFIG", "cakupan.toml"))
    from_file: dict[str, Any] = {}
    if path.is_file():
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("config.unreadable", path=path, why=exc) from None
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = sorted(set(from_file) - set(fields))
    if unknown:
        raise ConfigError(
            "config.unknown_key",
            path=path,
            keys=", ".join(unknown),
        )
    values: dict[str, Any] = {}
    for name, f in fields.items():
        env_name = f.metadata["env"]
        if name in overrides and overrides[name] is not None:
            values[name] = overrides[name]
        elif env.get(env_name, "") != "":
            values[name] = _convert(name, f.type, env[env_name], f"${env_name}")
        elif name in from_file:
            values[name] = _convert(name, f.type, from_file[name], str(path))
    settings = Settings(**values)
    if settings.engine not in ENGINES:
        raise ConfigError("config.engine", engine=settings.engine, engines=", ".join(ENGINES))
    if settings.data_dir.is_dir():  # tighten what an earlier version left readable (warns)
        secure_dir(settings.data_dir)
    return settings


def settings_environment(settings: Settings, base: Settings) -> dict[str, str]:
    """The environment variables that hand ``settings`` to another process (the web app,
    its job workers) where they differ from ``base`` (what the environment and the config
    file give), so that an option given on the command line (``--province 35``) holds there
    too.

    >>> province = load_settings(environ={}, regency_code="35")
    >>> settings_environment(province, load_settings(environ={}))
    {'CAKUPAN_REGENCY': '35'}
    """
    changed = {}
    for f in dataclasses.fields(Settings):
        value = getattr(settings, f.name)
        if value == getattr(base, f.name) or value in ("", None):
            continue  # an empty variable means "not set": the default would come back
        text = str(value).lower() if isinstance(value, bool) else str(value)
        changed[f.metadata["env"]] = text
    return changed
