"""The one exception tree of Cakupan.

Every error a user can see carries a stable ``code`` (for documentation, tests and
translation) and a message template in English that the UI can translate::

    CakupanError                      code "cakupan"
    ├── ConfigError                   settings file or environment is wrong
    ├── InputError                    a value given by the user cannot be used
    │   ├── NikError                  a NIK is malformed, damaged or impossible
    │   ├── DateParseError            a date cannot be read or does not exist
    │   └── AreaNotFound              no area with that code or name
    ├── RuleError                     no fact (rate, cap, amount) in force for a date
    └── WarehouseError                a warehouse query failed (carries the SQL)

Data-quality findings about rows of a file are *not* exceptions: they are
:class:`cakupan.report.Finding` records collected in a report.

Example:
    >>> try:
    ...     raise NikError("nik.length", "NIK must have 16 digits, found {n}", n=15)
    ... except CakupanError as exc:
    ...     print(exc.code, "-", exc)
    nik.length - NIK must have 16 digits, found 15
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AreaNotFound",
    "CakupanError",
    "ConfigError",
    "DateParseError",
    "InputError",
    "NikError",
    "RuleError",
    "WarehouseError",
]


class CakupanError(Exception):
    """Base of every error Cakupan raises on purpose.

    ``code`` is stable across versions; ``template`` is an English message with
    ``{name}`` placeholders filled from ``params`` (kept separately so that a UI
    can translate the template and format it itself).
    """

    default_code = "cakupan"

    def __init__(self, code: str | None = None, template: str = "", /, **params: Any) -> None:
        self.code = code or self.default_code
        self.template = template or self.code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template


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
    """A warehouse statement failed; ``sql`` holds the statement that failed."""

    default_code = "warehouse.query_failed"

    def __init__(self, template: str, *, sql: str, code: str | None = None, **params: Any) -> None:
        self.sql = sql
        super().__init__(code or self.default_code, template, **params)
