"""Formatting of figures the Indonesian way.

Example:
    >>> format_rupiah(16800), format_rupiah(-1500000)
    ('Rp16.800', '-Rp1.500.000')
    >>> format_percent(0.3043)
    '30,43 %'
    >>> format_number(1120000)
    '1.120.000'
"""

from __future__ import annotations

__all__ = ["format_number", "format_percent", "format_rupiah"]


def format_number(value: int | float | None) -> str:
    """Thousands separated by dots, as written in Indonesia; ``–`` when unknown."""
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", ".")


def format_rupiah(amount: int) -> str:
    """Rupiah with dot thousands separators and no decimals: ``Rp16.800``."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{format_number(abs(amount))}"


def format_percent(fraction: float | None, digits: int = 2) -> str:
    """A fraction as a percentage with a decimal comma: ``30,43 %``; ``–`` when unknown."""
    if fraction is None:
        return "–"
    return f"{fraction * 100:.{digits}f} %".replace(".", ",")
