"""The one way Cakupan builds SQL: values as parameters, identifiers through one helper.

* A **value** (a code, a name, a date, a number from a file or a user) never enters SQL text:
  it is a parameter (``?`` or ``$name``) bound by DuckDB.
* An **identifier** built at run time (a table or column named by a schema) goes through
  :func:`quote_identifier`, which doubles any ``"`` inside it (as sqlite-utils'
  ``quote_identifier`` does), so a hostile column name stays a name.
* A builder that composes SQL returns a :class:`Sql` (text and parameters together) or a
  tuple of them (DuckDB binds parameters of one statement at a time); ``*_sql`` functions
  stay pure, and SQL fragments in code are named ``*_sql`` / ``*_SQL``.
  ``tests/test_sql_style.py`` fails when SQL is formatted out of anything else.

Example:
    >>> quote_identifier('na"me')
    '"na""me"'
    >>> q = Sql(f"SELECT count(*) FROM {quote_identifier('src_register')} WHERE desa = $desa",
    ...         {"desa": "35.16.01.2001"})
    >>> q.params["desa"]
    '35.16.01.2001'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Params", "Sql", "int_literal_sql", "quote_identifier"]

Params = Sequence[Any] | Mapping[str, Any]


def quote_identifier(name: str) -> str:
    """``name`` as a DuckDB identifier, quoted, with embedded quotes doubled."""
    if "\x00" in name:
        raise ValueError("an identifier cannot hold a NUL character")
    return '"' + name.replace('"', '""') + '"'


def int_literal_sql(value: int) -> str:
    """An integer as SQL text, for the few places DuckDB's grammar takes no parameter (the
    seed of ``USING SAMPLE``); anything but an integer is refused.

    >>> int_literal_sql(42)
    '42'
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not an integer: {value!r}")
    return str(value)


@dataclass(frozen=True)
class Sql:
    """One SQL statement and the values it binds (positional ``?`` or named ``$name``)."""

    text: str
    params: Params = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text
