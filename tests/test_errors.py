"""The error catalogue: every code raised is catalogued (with both languages and the
parameters its messages need), documented in docs/errors.md, and nothing in it is dead."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from cakupan import errors
from cakupan.errors import CakupanError, InputError, catalogue, errors_markdown

ROOT = Path(__file__).resolve().parents[1]
CLASSES = {
    name for name in dir(errors) if isinstance(getattr(errors, name), type)
    and issubclass(getattr(errors, name), CakupanError)
}  # fmt: skip
# Helpers that raise (or make the child process raise) an error with the code they are given.
HELPERS = {"_refuse", "fail"}


def _raise_sites() -> list[tuple[str, str, set[str] | None]]:
    """(where, code, keyword parameters or None when they are passed as **mapping)."""
    sites = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if name in CLASSES | HELPERS and isinstance(first, ast.Constant):
                keywords = {k.arg for k in node.keywords if k.arg}
                spread = any(k.arg is None for k in node.keywords) or name in HELPERS
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                sites.append((where, str(first.value), None if spread else keywords))
    return sites


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_raised_code_is_catalogued_with_the_parameters_it_needs() -> None:
    entries = catalogue()
    sites = _raise_sites()
    assert len(sites) > 60
    for where, code, params in sites:
        assert code in entries, f"{where}: code {code} is not in the catalogue"
        if params is None:
            continue
        entry = entries[code]
        needed = (_placeholders(entry.id) | _placeholders(entry.en)) - {"close_id", "close_en"}
        assert needed <= params, f"{where}: {code} needs {sorted(needed - params)}"


def test_nothing_in_the_catalogue_is_dead() -> None:
    used = {code for _, code, _ in _raise_sites()}
    used |= {getattr(errors, name).default_code for name in CLASSES}
    assert sorted(set(catalogue()) - used) == []


def test_each_entry_has_both_languages_and_an_http_status() -> None:
    for entry in catalogue().values():
        assert (entry.id and entry.en and entry.id != entry.en) or entry.code.startswith("import.")
        assert 400 <= entry.status < 600
        suggestions = {"close_id", "close_en"}
        assert _placeholders(entry.id) - suggestions == _placeholders(entry.en) - suggestions


def test_docs_errors_md_has_the_whole_catalogue() -> None:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert errors_markdown() in text, "docs/errors.md is stale: paste errors_markdown()"


def test_messages_follow_the_language() -> None:
    error = InputError("file.not_found", path="/x.csv")
    assert error.message_in("id") == "Tidak ada berkas di /x.csv."
    assert error.message_in("en") == str(error) == "No file at /x.csv."
    assert error.http_status == 404
