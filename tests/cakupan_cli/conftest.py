"""The command-line tests read English messages; the default (Indonesian) has its own test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAKUPAN_LANGUAGE", "en")
