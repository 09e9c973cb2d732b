"""Boundaries with Kemendagri codes, and their drawing as SVG for offline maps.

Any GeoJSON whose features carry a Kemendagri code in a property (``kode``, ``code``,
``kode_wilayah``, ``kdepum``…) can be loaded, so a regency can bring its own boundaries.
Kabupaten Mojokerto's desa and kecamatan ship with the package (MIT).

Example:
    >>> shapes = bundled_boundaries("35.16", "kecamatan")
    >>> len(shapes), shapes[0].code
    (18, '35.16.01')
    >>> view_box, paths = svg_paths(shapes, width=400)
    >>> view_box.startswith("0 0 400 ")
    True
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cakupan.errors import InputError

__all__ = [
    "Shape",
    "SvgPath",
    "boundaries_if_bundled",
    "bundled_boundaries",
    "load_boundaries",
    "svg_paths",
]

_CODE_KEYS = ("kode", "code", "kode_wilayah", "kode_kemendagri", "kdepum", "kd_wilayah", "id")
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


@dataclass(frozen=True)
class Shape:
    """One area's outline: a list of polygons, each a list of rings of (lng, lat)."""

    code: str
    name: str
    polygons: list[list[list[tuple[float, float]]]]


@dataclass(frozen=True)
class SvgPath:
    code: str
    name: str
    d: str


def _code_of(properties: dict[str, Any]) -> str | None:
    for key in _CODE_KEYS:
        value = properties.get(key)
        if value is not None and _CODE.match(str(value).strip()):
            return str(value).strip()
    for value in properties.values():
        if isinstance(value, str) and _CODE.match(value.strip()) and "." in value:
            return value.strip()
    return None


def parse_boundaries(document: dict[str, Any], *, source: str = "GeoJSON") -> list[Shape]:
    """Shapes from a GeoJSON FeatureCollection; features without a code are an error."""
    if document.get("type") != "FeatureCollection":
        raise InputError("geo.not_collection", source=source)
    shapes = []
    for index, feature in enumerate(document.get("features", [])):
        props = feature.get("properties") or {}
        code = _code_of(props)
        if code is None:
            raise InputError(
                "geo.no_code",
                index=index,
                source=source,
                keys=", ".join(_CODE_KEYS),
            )
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") or []
        polygons = [coords] if geometry.get("type") == "Polygon" else list(coords)
        shapes.append(
            Shape(
                code=code,
                name=str(props.get("nama") or props.get("name") or code),
                polygons=[
                    [[(float(x), float(y)) for x, y, *_ in ring] for ring in poly]
                    for poly in polygons
                ],
            )
        )
    return shapes


def load_boundaries(path: Path) -> list[Shape]:
    """Shapes from a GeoJSON file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("geo.unreadable", path=path, why=exc) from None
    return parse_boundaries(document, source=str(path))


def bundled_boundaries(regency: str, level: str) -> list[Shape]:
    """The boundaries shipped with the package (``level`` is ``desa`` or ``kecamatan``)."""
    name = f"{regency.replace('.', '')}_{level}.geojson"
    path = resources.files("cakupan") / "data" / "geo" / name
    if not path.is_file():
        raise InputError(
            "geo.not_bundled",
            level=level,
            regency=regency,
        )
    return parse_boundaries(json.loads(path.read_text(encoding="utf-8")), source=name)


def boundaries_if_bundled(regency: str, level: str) -> list[Shape]:
    """:func:`bundled_boundaries`, or none where the package has no boundaries for
    ``regency`` (a province, a regency other than Mojokerto): a map is then left out."""
    try:
        return bundled_boundaries(regency, level)
    except InputError as exc:
        if exc.code != "geo.not_bundled":
            raise
        return []


def svg_paths(
    shapes: list[Shape], *, width: int = 800, precision: int = 1
) -> tuple[str, list[SvgPath]]:
    """Project shapes to SVG path data (equirectangular, corrected for latitude).

    Returns the ``viewBox`` and one path per shape; coordinates are rounded to
    ``precision`` decimals of a pixel and repeated points dropped, which keeps a
    regency's 300 desa to a page of a few hundred kilobytes.
    """
    points = [p for s in shapes for poly in s.polygons for ring in poly for p in ring]
    if not points:
        return f"0 0 {width} {width}", []
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((min_y + max_y) / 2))
    scale = width / max((max_x - min_x) * k, 1e-9)
    height = math.ceil((max_y - min_y) * scale)
    out = []
    for shape in shapes:
        parts = []
        for poly in shape.polygons:
            for ring in poly:
                previous = None
                coords = []
                for x, y in ring:
                    px = round((x - min_x) * k * scale, precision)
                    py = round((max_y - y) * scale, precision)
                    if (px, py) != previous:
                        coords.append(f"{px:g},{py:g}")
                        previous = (px, py)
                if len(coords) >= 3:
                    parts.append("M" + "L".join(coords) + "Z")
        out.append(SvgPath(shape.code, shape.name, "".join(parts)))
    return f"0 0 {width} {height}", out
