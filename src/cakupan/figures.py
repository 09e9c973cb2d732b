"""How coverage looks, wherever it is drawn (web pages, the map download, printed reports):
the colour classes against the target, and standalone SVG of the desa map and of the trend.

Example:
    >>> coverage_colour(0.61, 0.60), coverage_colour(None, 0.60)
    ('#1a9850', '#cccccc')
    >>> svg = trend_svg([("2023-01-31", 0.28), ("2023-03-31", 0.30)], 0.6)
    >>> svg.startswith("<svg") and "polyline" in svg
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from cakupan.geo import boundaries_if_bundled, svg_paths

__all__ = [
    "NO_DATA",
    "PALETTE",
    "coverage_class",
    "coverage_colour",
    "desa_map_svg",
    "target_legend",
    "trend_svg",
]

# Red (far from target) to green (target reached), colour-blind safe enough with labels.
PALETTE = ("#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850")
NO_DATA = "#cccccc"


def coverage_class(ucj: float | None, target: float) -> int | None:
    """0-5: five equal steps below the target, 5 at or above it; None without data."""
    if ucj is None:
        return None
    if ucj >= target:
        return 5
    return min(4, int(ucj / target * 5))


def coverage_colour(ucj: float | None, target: float) -> str:
    klass = coverage_class(ucj, target)
    return NO_DATA if klass is None else PALETTE[klass]


def target_legend(target: float, reached: str) -> list[tuple[str, str]]:
    """(colour, label) of the target classes: five steps, then ``reached`` (the words for
    "target reached" in the reader's language)."""
    step = target / 5
    items = [(PALETTE[i], f"{i * step * 100:.0f}–{(i + 1) * step * 100:.0f} %") for i in range(5)]
    items.append((PALETTE[5], f"≥ {target * 100:.0f} % ({reached})"))
    return items


def desa_map_svg(
    regency: str,
    ucj_by_desa: Mapping[str, float | None],
    target: float,
    *,
    title: str,
    reached: str,
    width: int = 600,
    no_map: str = "",
) -> str:
    """The regency's desa coloured against the target, with a legend, as one standalone SVG
    (no script, no font file: a printed report or a slide). Desa outside ``ucj_by_desa``
    are drawn as outlines. Where the package has no boundaries (a province), the picture
    says ``no_map`` instead."""
    shapes = boundaries_if_bundled(regency, "desa")
    if not shapes:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 60" '
            f'font-family="sans-serif"><text x="8" y="34" font-size="14">'
            f"{escape(no_map)}</text></svg>"
        )
    view_box, paths = svg_paths(shapes, width=width)
    _, _, map_width, map_height = (float(v) for v in view_box.split())
    legend_x = map_width + 16  # beside the map, never over it
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {map_width + 200:.0f} '
        f'{map_height:.0f}" font-family="sans-serif">'
    ]
    for p in paths:
        inside = p.code in ucj_by_desa  # the others: outlines
        fill = coverage_colour(ucj_by_desa[p.code], target) if inside else "#eceff1"
        parts.append(f'<path d="{p.d}" fill="{fill}" stroke="#ffffff" stroke-width="0.6"/>')
    legend = target_legend(target, reached)
    parts.append(
        f'<g font-size="12" fill="#1d2a33"><text x="{legend_x}" y="16">{escape(title)}</text>'
    )
    for i, (colour, label) in enumerate(legend):
        y = 28 + 18 * i
        parts.append(
            f'<rect x="{legend_x}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 18}" y="{y + 10}">{escape(label)}</text>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def trend_svg(
    points: list[tuple[str, float | None]],
    target: float,
    *,
    forecast: tuple[str, float, float, float] | None = None,
    width: int = 640,
    height: int = 240,
) -> str:
    """UCJ over the kept dates against the target (dashed), with the year-end ``forecast``
    (label, low, expected, high) and its range when given, as one standalone SVG."""
    known = [(label, v) for label, v in points if v is not None]
    highest = [target, *(v for _, v in known), *(forecast[1:] if forecast else ())]
    top = max(highest) * 1.15 or 1.0
    left, right, pad = 44, 16, 16
    slots = len(known) + (1 if forecast and known else 0)
    step = (width - left - right) / max(1, slots - 1)

    def x(i: int) -> float:
        return round(left + i * step if slots > 1 else width / 2, 1)

    def y(value: float) -> float:
        return round(height - 2 * pad - (value / top) * (height - 3 * pad), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'font-family="sans-serif" font-size="11">',
        f'<line x1="{left}" y1="{y(0)}" x2="{width - right}" y2="{y(0)}" stroke="#999"/>',
    ]
    for tick in range(0, int(top * 100) + 1, 10):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick / 100) + 4}" text-anchor="end" fill="#555">'
            f"{tick} %</text>"
        )
    parts.append(
        f'<line x1="{left}" y1="{y(target)}" x2="{width - right}" y2="{y(target)}" '
        'stroke="#1a9850" stroke-dasharray="6 4"/>'
    )
    coords = [(x(i), y(v)) for i, (_, v) in enumerate(known)]
    if forecast and coords:
        label, low, mid, high = forecast
        last, fx = coords[-1], x(slots - 1)
        parts.append(
            f'<polygon points="{last[0]},{last[1]} {fx},{y(high)} {fx},{y(low)}" '
            'fill="#1b7f5a" fill-opacity="0.15"/>'
            f'<line x1="{last[0]}" y1="{last[1]}" x2="{fx}" y2="{y(mid)}" stroke="#1b7f5a" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
            f'<circle cx="{fx}" cy="{y(mid)}" r="4" fill="#fff" stroke="#1b7f5a"/>'
            f'<text x="{fx}" y="{height - 4}" text-anchor="end" fill="#555">{escape(label)}</text>'
        )
    if coords:
        line = " ".join(f"{cx},{cy}" for cx, cy in coords)
        parts.append(f'<polyline points="{line}" fill="none" stroke="#1d4e89" stroke-width="2"/>')
        for cx, cy in coords:
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="#1d4e89"/>')
        parts.append(
            f'<text x="{coords[0][0]}" y="{height - 4}" fill="#555">{escape(known[0][0])}</text>'
        )
        if len(coords) > 1 and not forecast:
            parts.append(
                f'<text x="{coords[-1][0]}" y="{height - 4}" text-anchor="end" fill="#555">'
                f"{escape(known[-1][0])}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
