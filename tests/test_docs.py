"""Fails when a command, an option or a setting is not documented."""

import dataclasses
from pathlib import Path

import typer

from cakupan.settings import Settings
from cakupan_cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(command, path=()):
    if path:
        yield path, command
    for name, child in (getattr(command, "commands", None) or {}).items():
        yield from _commands(child, (*path, name))


def test_every_command_and_option_is_in_cli_md():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for path, command in _commands(root):
        assert f"cakupan {' '.join(path)}" in text, f"undocumented command: {path}"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in text, f"undocumented option {opt} of {' '.join(path)}"


def test_every_setting_is_in_configuration_md():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"`{field.name}`" in text, f"undocumented setting {field.name}"
        assert f"`{field.metadata['env']}`" in text, f"undocumented variable of {field.name}"
        assert field.metadata["doc"], f"setting {field.name} has no doc"


def test_source_types_are_in_ingestion_md():
    from cakupan.ingest.layouts import layouts_markdown
    from cakupan.ingest.messages import MESSAGES
    from cakupan.ingest.schemas import schemas_markdown

    text = (DOCS / "ingestion.md").read_text(encoding="utf-8")
    assert schemas_markdown() in text, "docs/ingestion.md is stale: regenerate its tables"
    assert layouts_markdown() in text, "docs/ingestion.md is stale: regenerate its layouts"
    assert "## Files from OpenSID, OpenDK and SIAK" in text
    for code in MESSAGES:
        assert f"`{code}`" in text, f"undocumented finding code {code}"
