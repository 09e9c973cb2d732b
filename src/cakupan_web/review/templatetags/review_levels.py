"""``{{ e.level|level_text }}``: a comparison level in plain words (see ``review.levels``)."""

from __future__ import annotations

from django import template

from cakupan_web.review.levels import level_text as _level_text

register = template.Library()


@register.filter
def level_text(label: str) -> str:
    return _level_text(label)
