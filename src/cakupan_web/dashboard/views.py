"""Dashboard views: parse, one selector call, render.

The dashboard's content depends only on the published version and the language, so it is
rendered once per (version, language) and kept; a request checks access and wraps the kept
content in the page (whose header shows who is signed in).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cakupan.serving import Dashboard
from cakupan_web.access import access_dashboard
from cakupan_web.dashboard import presentation, selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline UCJ against the target, the desa map, kecamatan and segment tables, as last
    published (a running import never delays or breaks this page)."""
    config = settings.CAKUPAN
    publication = selectors.publication_get(data_dir=config.data_dir)
    if publication is None:
        return render(request, "dashboard/empty.html", status=503)
    data = selectors.dashboard_get(publication=publication)
    if not access_dashboard(
        user=request.user,
        demo_data=data.meta.get("dataset") == "demo",
        demo_open=config.demo_open,
    ):
        return redirect_to_login(request.get_full_path())
    body = _body(publication, get_language() or settings.LANGUAGE_CODE)
    return render(
        request, "dashboard/index.html", {"body": body, "area_code": data.overview.area_code}
    )


@lru_cache(maxsize=8)
def _body(publication: Path, language: str) -> SafeString:
    """The rendered content of one published version in one language (``language`` is part
    of the key: the active translation renders it). Our own template, escaped as usual."""
    data = selectors.dashboard_get(publication=publication)
    return mark_safe(render_to_string("dashboard/_body.html", _context(data)))


def _context(data: Dashboard) -> dict[str, Any]:
    target = data.gap.target
    by_code = {row.area_code: row for row in data.desa}
    view_box, paths = selectors.boundaries_get_svg(regency=data.meta["regency"], level="desa")
    kecamatan_names = {row.area_code: row.name for row in data.kecamatan}
    shapes = []
    for p in paths:
        row = by_code.get(p.code)
        ucj = row.ucj if row else None
        shapes.append(
            {
                "code": p.code,
                "d": p.d,
                "name": (row.name if row else None) or p.name,
                "kecamatan": kecamatan_names.get(row.parent_code or "", "") if row else "",
                "ucj": ucj,
                "active": row.active_persons if row else None,
                "colour": presentation.coverage_colour(ucj, target),
            }
        )
    kecamatan = [
        {"row": row, "colour": presentation.coverage_colour(row.ucj, target)}
        for row in data.kecamatan
    ]
    return {
        "meta": data.meta,
        "overview": data.overview,
        "target": target,
        "needed": data.gap.gap_persons,
        "kecamatan": kecamatan,
        "unallocated": data.unallocated,
        "segments": data.segments,
        "gap": data.gap,
        "lapsed": data.lapsed,
        "campaign": data.campaign,
        "compliance": data.compliance,
        "pledges": data.pledges,
        "view_box": view_box,
        "shapes": shapes,
        "legend": presentation.legend(target),
    }
