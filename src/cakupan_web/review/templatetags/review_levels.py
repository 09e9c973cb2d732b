"""``{{ e.level|level_text }}``: a comparison level in plain words (see ``review.levels``)."""

from __future__ import annotations

from django import template

from cakupan_web.review.levels import level_text

register = template.Library()
register.filter("level_text", level_text)
