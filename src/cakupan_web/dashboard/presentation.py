"""How figures look: colour classes of coverage against the target."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cakupan.figures import NO_DATA, PALETTE, coverage_class, coverage_colour, target_legend

__all__ = [
    "NO_DATA",
    "PALETTE",
    "MapClasses",
    "coverage_class",
    "coverage_colour",
    "legend",
    "trend_chart",
]


def legend(target: float) -> list[tuple[str, str]]:
    """(colour, label) pairs of the target classes, in the page's language."""
    return target_legend(target, _("target reached"))


def trend_chart(
    points: list[tuple[str, float | None]],
    target: float,
    *,
    width: int = 320,
    height: int = 140,
    forecast: tuple[str, float, float, float] | None = None,
) -> dict[str, object]:
    """Coordinates of a small line chart of coverage over time (drawn as inline SVG: no
    script, no internet), with the target as a line and, when given, the ``forecast``
    (label, low, expected, high) at the right edge: a dashed line from the last point to the
    expected value and a band to the range. The scale runs from 0 to a little above the
    highest of the target, the points and the forecast."""
    known = [(label, value) for label, value in points if value is not None]
    highest = [target, *(v for _, v in known), *(forecast[1:] if forecast else ())]
    top = max(highest) * 1.15 or 1.0
    pad = 12

    def y(value: float) -> float:
        return round(height - pad - (value / top) * (height - 2 * pad), 1)

    slots = len(known) + (1 if forecast and known else 0)
    step = (width - 2 * pad) / max(1, slots - 1)
    placed = [
        {"x": round(pad + i * step if slots > 1 else width / 2, 1), "y": y(v),
         "label": label, "value": v}
        for i, (label, v) in enumerate(known)
    ]  # fmt: skip
    path = " ".join(f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(placed))
    ahead = None
    if forecast and placed:
        label, low, mid, high = forecast
        last, x = placed[-1], round(width - pad, 1)
        ahead = {
            "x": x, "y": y(mid), "label": label, "value": mid, "low": low, "high": high,
            "path": f"M{last['x']},{last['y']} L{x},{y(mid)}",
            "band": f"{last['x']},{last['y']} {x},{y(high)} {x},{y(low)}",
        }  # fmt: skip
    return {
        "width": width,
        "height": height,
        "target_y": y(target),
        "path": path if len(placed) > 1 else "",
        "points": placed,
        "forecast": ahead,
    }


@dataclass(frozen=True)
class MapClasses:
    """How the map colours desa: ``target`` (five equal steps up to the target, then "target
    reached") or ``quantile`` (five groups of as many desa each, for contrast when most desa
    are far from the target)."""

    kind: str
    target: float
    breaks: tuple[float, ...] = ()  # quantile: the four inner boundaries

    @classmethod
    def of(cls, kind: str, target: float, values: list[float | None]) -> MapClasses:
        if kind != "quantile":
            return cls("target", target)
        known = sorted(v for v in values if v is not None)
        if len(known) < 5:
            return cls("target", target)
        breaks = tuple(known[len(known) * i // 5] for i in range(1, 5))
        return cls("quantile", target, breaks)

    def klass(self, ucj: float | None) -> int | None:
        if self.kind == "target":
            return coverage_class(ucj, self.target)
        if ucj is None:
            return None
        return sum(1 for b in self.breaks if ucj >= b)

    def colour(self, ucj: float | None) -> str:
        klass = self.klass(ucj)
        return NO_DATA if klass is None else PALETTE[klass]

    def legend(self, values: list[float | None]) -> list[tuple[str, str, int]]:
        """(colour, label, how many desa) for each class, then "no data"."""
        counts: dict[int | None, int] = {}
        for value in values:
            klass = self.klass(value)
            counts[klass] = counts.get(klass, 0) + 1
        if self.kind == "target":
            rows = [
                (c, label, counts.get(i, 0)) for i, (c, label) in enumerate(legend(self.target))
            ]
        else:
            edges = [0.0, *self.breaks]
            rows = [
                (PALETTE[i], f"{edges[i] * 100:.1f}–"
                 f"{(self.breaks[i] * 100 if i < 4 else max(v or 0 for v in values) * 100):.1f} %",
                 counts.get(i, 0))
                for i in range(5)
            ]  # fmt: skip
        return [*rows, (NO_DATA, "–", counts.get(None, 0))]
