"""Reads for the dashboard: the published serving file (never the warehouse) and the
bundled boundaries.

A published file never changes, so what is read from it is kept in memory per file: a page
request reads a pointer and, once per new publication, one small JSON document.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cakupan import geo
from cakupan.publish import current_publication, dashboard_read
from cakupan.scope import Scope
from cakupan.serving import Dashboard, dashboard_for


def publication_get(*, data_dir: Path) -> Path | None:
    """The serving file last published, or None before the first publication."""
    return current_publication(data_dir)


@lru_cache(maxsize=4)
def dashboard_get(*, publication: Path) -> Dashboard:
    """The whole dashboard of one published file (read once: a published file never
    changes). Only for what is not shown: pages use :func:`dashboard_get_scoped`."""
    return dashboard_read(publication)


def dashboard_get_scoped(*, publication: Path, scope: Scope) -> Dashboard:
    """What ``scope`` may see of the dashboard of one published file."""
    return dashboard_for(dashboard_get(publication=publication), scope)


@lru_cache(maxsize=8)
def boundaries_get_svg(*, regency: str, level: str) -> tuple[str, tuple[geo.SvgPath, ...]]:
    """The SVG ``viewBox`` and paths of a regency's bundled boundaries (cached); none where
    the package has no boundaries (a province, a regency other than Mojokerto)."""
    shapes = geo.boundaries_if_bundled(regency, level)
    if not shapes:
        return "0 0 800 0", ()
    view_box, paths = geo.svg_paths(shapes, width=800)
    return view_box, tuple(paths)
