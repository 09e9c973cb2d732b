"""The one exception tree of Cakupan, and the catalogue of its error codes.

Every error a user can see carries a stable ``code``; its message in Indonesian and English
and its HTTP status come from one catalogue, ``cakupan/data/errors/catalogue.toml``
(documented in ``docs/errors.md``), as Zulip's ``zerver/lib/exceptions.py`` keeps them with
each error class::

    CakupanError                      code "cakupan"
    ├── ConfigError                   settings file or environment is wrong
    ├── InputError                    a value given by the user cannot be used
    │   ├── NikError                  a NIK is malformed, damaged or impossible
    │   ├── DateParseError            a date cannot be read or does not exist
    │   └── AreaNotFound              no area with that code or name
    ├── RuleError                     no fact (rate, cap, amount) in force for a date
    └── WarehouseError                a warehouse query failed (carries the SQL)

A raise site gives the code and the parameters its message needs, nothing else. Data-quality
findings about rows of a file are *not* exceptions: they are
:class:`cakupan.ingest.report.Finding` records collected in a report.

Example:
    >>> try:
    ...     raise NikError("nik.length", value="351612", n=6)
    ... except CakupanError as exc:
    ...     print(exc.code, exc.http_status, "-", exc.message_in("id"))
    ...     print(exc)
    nik.length 422 - NIK harus 16 digit; '351612' berisi 6 digit.
    A NIK has 16 digits; '351612' has 6.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "LANGUAGES",
    "AreaNotFound",
    "CakupanError",
    "ConfigError",
    "DateParseError",
    "ErrorText",
    "InputError",
    "NikError",
    "RuleError",
    "WarehouseError",
    "catalogue",
    "errors_markdown",
    "fill_message",
]

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class ErrorText:
    """One entry of the catalogue."""

    code: str
    status: int
    id: str
    en: str


@functools.cache
def catalogue() -> dict[str, ErrorText]:
    """Every error code, with its HTTP status and messages."""
    raw = resources.files("cakupan").joinpath("data", "errors", "catalogue.toml").read_bytes()
    return {
        code: ErrorText(code, int(entry["status"]), entry["id"], entry["en"])
        for code, entry in tomllib.loads(raw.decode("utf-8")).items()
    }


def fill_message(template: str, params: dict[str, Any]) -> str:
    """``template`` filled from ``params``; ``{close_id}`` / ``{close_en}`` say "did you mean"
    when a ``close`` suggestion is given. A template that cannot be filled is returned as is."""
    values = dict(params)
    close = values.get("close") or ""
    values.setdefault("close_id", f"Mungkin maksudnya: {close}?" if close else "")
    values.setdefault("close_en", f"Did you mean: {close}?" if close else "")
    try:
        return template.format(**values).strip()
    except (KeyError, IndexError, ValueError):
        return template


class CakupanError(Exception):
    """Base of every error Cakupan raises on purpose.

    ``code`` is stable across versions and names an entry of :func:`catalogue`;
    ``params`` fill its message. ``str(error)`` is the English message (for logs);
    :meth:`message_in` gives the user's language.
    """

    default_code = "cakupan"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or self.default_code
        self.params = params
        super().__init__(self.message)

    @property
    def entry(self) -> ErrorText:
        found = catalogue().get(self.code)
        # An uncatalogued code is a bug (tests/test_errors.py fails on one); the user still
        # sees the code rather than nothing.
        return found or ErrorText(self.code, 500, self.code, self.code)

    @property
    def http_status(self) -> int:
        return self.entry.status

    @property
    def message(self) -> str:
        """The message in English."""
        return self.message_in("en")

    def message_in(self, language: str) -> str:
        """The message in ``language`` (``id``, else English)."""
        entry = self.entry
        return fill_message(entry.id if language == "id" else entry.en, self.params)


class ConfigError(CakupanError):
    default_code = "config"


class InputError(CakupanError):
    default_code = "input"


class NikError(InputError):
    default_code = "nik.invalid"


class DateParseError(InputError):
    default_code = "date.invalid"


class AreaNotFound(InputError):
    default_code = "area.not_found"


class RuleError(CakupanError):
    default_code = "rule.missing"


class WarehouseError(CakupanError):
    """A warehouse statement failed, or the warehouse cannot be used; ``sql`` holds the
    statement that failed (empty when none did)."""

    default_code = "warehouse.query_failed"

    def __init__(self, code: str | None = None, /, *, sql: str = "", **params: Any) -> None:
        self.sql = sql
        super().__init__(code, **params)


def errors_markdown() -> str:
    """The table of ``docs/errors.md``: every code, its HTTP status and messages."""
    lines = [
        "| code | HTTP | Bahasa Indonesia | English |",
        "|---|---|---|---|",
    ]
    for entry in sorted(catalogue().values(), key=lambda e: e.code):
        cells = [f"`{entry.code}`", str(entry.status), entry.id, entry.en]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
