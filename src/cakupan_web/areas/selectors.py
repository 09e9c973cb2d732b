"""Reads for area pages: the library's scoped area profile of the current publication."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from cakupan.area_profile import AreaProfile, area_profile
from cakupan.progress import Progress, progress_read
from cakupan.scope import Scope


def area_profile_get(*, scope: Scope, code: str, publication: Path) -> AreaProfile:
    """The page of one area within ``scope`` (counts of a published file never change: kept
    per file, scope's view and area)."""
    return _profile(publication, dataclasses.replace(scope, who=""), code)


@functools.lru_cache(maxsize=512)
def _profile(publication: Path, scope: Scope, code: str) -> AreaProfile:
    return area_profile(publication, scope=scope, code=code)


def progress_get(*, scope: Scope, publication: Path) -> Progress:
    """The regency's progress as published (aggregates: every reader)."""
    return progress_read(publication, scope=scope)
