"""Every UI string has an Indonesian translation, and the compiled catalogue matches it."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "src" / "cakupan_web" / "locale"


def _entries(path: Path) -> list[tuple[str, str]]:
    entries, msgid, msgstr, current = [], [], [], None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            msgid, msgstr, current = [line[6:]], [], "id"
        elif line.startswith("msgstr "):
            msgstr, current = [line[7:]], "str"
        elif line.startswith('"') and current:
            (msgid if current == "id" else msgstr).append(line)
        elif not line.strip() and current:
            entries.append(
                ("".join(map(ast.literal_eval, msgid)), "".join(map(ast.literal_eval, msgstr)))
            )
            current = None
        assert not line.startswith("#, fuzzy") or not entries, f"fuzzy entry in {path}"
    return [(i, s) for i, s in entries if i]


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_complete_and_compiled(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 30
    with translation.override(language):
        for msgid, msgstr in entries:
            assert msgstr, f"untranslated: {msgid!r}"
            assert translation.gettext(msgid) == msgstr, f"django.mo is stale for {msgid!r}"
