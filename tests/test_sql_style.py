"""One SQL style: values as parameters, identifiers through ``quote_identifier``.

Every f-string in ``src/`` that reads as SQL may interpolate only SQL fragments: a call to
``quote_identifier`` / ``int_literal_sql``, a name or call ending in ``_sql`` (the naming
rule for fragments), ``.text`` of an :class:`~cakupan.sql.Sql`, or such a fragment's
``.format`` with constant arguments. ``%`` and ``.format`` on SQL text are refused outright.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|CREATE|DELETE|UPDATE|ALTER|DROP|FROM|WHERE|JOIN|VALUES|LIMIT)\b"
)
HELPERS = {"quote_identifier", "int_literal_sql"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _fragment(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name | ast.Attribute):
        return _name(node).lower().endswith("_sql") or _name(node) == "text"
    if isinstance(node, ast.Call):
        called = _name(node.func)
        if called in HELPERS or called.lower().endswith("_sql"):
            return True
        if called == "format" and isinstance(node.func, ast.Attribute):
            constant = all(isinstance(a, ast.Constant) for a in node.args) and all(
                isinstance(k.value, ast.Constant) for k in node.keywords
            )
            return constant and _fragment(node.func.value)
    return False


def _is_sql(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(SQL_WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_sql(v) for v in node.values)
    return False


def _formats_sql(node: ast.AST) -> bool:
    """``"... SQL ..." % x`` or ``"... SQL ...".format(x)``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _is_sql(node.left)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and _is_sql(node.func.value)
    )


def violations(source: str) -> list[tuple[int, str]]:
    """(line, expression) of every piece of data formatted into SQL text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and _is_sql(node):
            found += [
                (node.lineno, ast.unparse(v.value))
                for v in node.values
                if isinstance(v, ast.FormattedValue) and not _fragment(v.value)
            ]
        elif _formats_sql(node):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_no_sql_is_built_by_formatting_data() -> None:
    bad = [
        f"{path.relative_to(SRC)}:{line}: {expr}"
        for path in sorted(SRC.rglob("*.py"))
        for line, expr in violations(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "SQL formatted out of data (use parameters or quote_identifier):\n" + "\n".join(
        bad
    )


@pytest.mark.parametrize(
    "code",
    [
        "wh.query(f\"SELECT * FROM t WHERE desa = '{desa}'\")",
        'sql = "SELECT * FROM t WHERE id = %s" % pid',
        "sql = \"DELETE FROM t WHERE code = '{}'\".format(code)",
        'sql = f"SELECT {int(year)} AS year FROM t"',
    ],
)
def test_the_rule_catches_formatted_values(code: str) -> None:
    assert violations(code)


@pytest.mark.parametrize(
    "code",
    [
        'wh.query(f"SELECT * FROM {quote_identifier(table)} WHERE desa = ?", [desa])',
        'wh.query(f"SELECT * FROM t WHERE {where_sql}", params)',
        'x = f"hello {name}"',
    ],
)
def test_the_rule_lets_fragments_through(code: str) -> None:
    assert not violations(code)


def test_no_hand_made_escaper_is_left() -> None:
    escapers = [
        f"{path.relative_to(SRC)}"
        for path in SRC.rglob("*.py")
        if re.search(r"""\.replace\(\s*"'"\s*,\s*"''"\s*\)""", path.read_text(encoding="utf-8"))
    ]
    assert not escapers
