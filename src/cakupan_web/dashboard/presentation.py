"""How figures look: colour classes of coverage against the target."""

from __future__ import annotations

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


def legend(target: float) -> list[tuple[str, str]]:
    """(colour, label) pairs of the map legend."""
    step = target / 5
    items = [(PALETTE[i], f"{i * step * 100:.0f}–{(i + 1) * step * 100:.0f} %") for i in range(5)]
    items.append((PALETTE[5], f"≥ {target * 100:.0f} %"))
    items.append((NO_DATA, "–"))
    return items
