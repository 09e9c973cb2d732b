"""Template filters for Indonesian number formats."""

from __future__ import annotations

from django import template

from cakupan.formatting import format_number, format_percent, format_rupiah

register = template.Library()


@register.filter
def number(value: float | None) -> str:
    return "–" if value is None else format_number(value)


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else format_percent(value, digits)


@register.filter
def rupiah(value: int | None) -> str:
    return "–" if value is None else format_rupiah(int(value))


@register.filter
def width(value: float | None, scale: float = 1.0) -> str:
    """A CSS width percentage for bars, capped at 100."""
    return "0" if value is None else f"{min(100.0, value * 100 / scale):.1f}"


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    """``mapping[key]``, or None (templates cannot index a dictionary by a variable)."""
    return (mapping or {}).get(key)
