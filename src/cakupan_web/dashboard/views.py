"""Dashboard views: parse, one selector call, render.

The dashboard's content depends only on the published version, the language and what the
reader's scope lets them see, so it is rendered once per (version, language, scope) and
kept; a request checks access and wraps the kept content in the page.
"""

from __future__ import annotations

import dataclasses
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
from django.views.decorators.http import require_safe

from cakupan.scope import Scope
from cakupan.serving import Dashboard
from cakupan_web.context import area_name
from cakupan_web.dashboard import presentation, selectors
from cakupan_web.scoping import reader_scope


def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline UCJ against the target, the desa map, kecamatan and segment tables, as last
    published and as far as the reader's scope goes."""
    config = settings.CAKUPAN
    publication = selectors.publication_get(data_dir=config.data_dir)
    if publication is None:
        return render(request, "dashboard/empty.html", status=503)
    scope = reader_scope(user=request.user, publication=publication)
    if scope is None:
        return redirect_to_login(request.get_full_path())
    view = dataclasses.replace(scope, who="")  # the content does not depend on who reads
    classes = "quantile" if request.GET.get("classes") == "quantile" else "target"
    body = _body(publication, get_language() or settings.LANGUAGE_CODE, view, classes)
    return render(request, "dashboard/index.html", {"body": body})


@require_safe
def map_svg(request: HttpRequest) -> HttpResponse:
    """The desa map as a standalone SVG file (for a report or a slide), as the reader sees
    it: their areas, the chosen classes, the legend with counts; ``map.png`` the same map
    as a picture (rendered here with resvg: no browser, no internet)."""
    config = settings.CAKUPAN
    publication = selectors.publication_get(data_dir=config.data_dir)
    if publication is None:
        return render(request, "dashboard/empty.html", status=503)
    scope = reader_scope(user=request.user, publication=publication)
    if scope is None:
        return redirect_to_login(request.get_full_path())
    classes = "quantile" if request.GET.get("classes") == "quantile" else "target"
    data = selectors.dashboard_get_scoped(publication=publication, scope=scope)
    context = _context(data, scope, classes)
    svg = render_to_string("dashboard/map.svg", context, request=request)
    if request.path.endswith(".png"):
        import resvg_py

        png = resvg_py.svg_to_bytes(svg_string=svg, width=PNG_WIDTH, background="#ffffff")
        response = HttpResponse(bytes(png), content_type="image/png")
        response["Content-Disposition"] = 'attachment; filename="peta-cakupan-desa.png"'
        return response
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = 'attachment; filename="peta-cakupan-desa.svg"'
    return response


PNG_WIDTH = 1600  # pixels: sharp on a slide or an A4 page


# One entry per (version, language, scope's view): every kecamatan and a few hundred desa
# operators fit; an entry is one rendered page (a few hundred kB).
@lru_cache(maxsize=256)
def _body(publication: Path, language: str, scope: Scope, classes: str) -> SafeString:
    """The rendered content of one published version, in one language, for one scope's view
    and map classes (``language`` is part of the key: the active translation renders it)."""
    data = selectors.dashboard_get_scoped(publication=publication, scope=scope)
    return mark_safe(render_to_string("dashboard/_body.html", _context(data, scope, classes)))


def _context(data: Dashboard, scope: Scope, classes: str = "target") -> dict[str, Any]:
    target = data.gap.target

    by_code = {row.area_code: row for row in data.desa}
    view_box, paths = selectors.boundaries_get_svg(regency=data.meta["regency"], level="desa")
    # The values the map shows (a desa without figures: None), for its classes and legend.
    values = [by_code[p.code].ucj if p.code in by_code else None for p in paths
              if scope.covers(p.code)]  # fmt: skip
    colours = presentation.MapClasses.of(classes, target, values)
    kecamatan_names = {row.area_code: row.name for row in data.kecamatan}
    shapes, outlines = [], []
    for p in paths:
        row = by_code.get(p.code)
        if not scope.covers(p.code):  # another area's desa: its outline only, no code or figure
            outlines.append(p.d)
            continue
        ucj = row.ucj if row else None
        shapes.append(
            {
                "code": p.code,
                "d": p.d,
                "name": (row.name if row else None) or p.name,
                "kecamatan": kecamatan_names.get(row.parent_code or "", "") if row else "",
                "ucj": ucj,
                "active": row.active_persons if row else None,
                "colour": colours.colour(ucj),
            }
        )
    legend = colours.legend(values)
    # A province's table lists its regencies (its kecamatan are on their pages).
    kecamatan = [
        {"row": row, "colour": presentation.coverage_colour(row.ucj, target)}
        for row in (
            tuple(dataclasses.replace(r, name=area_name(r.area_code)) for r in data.kabupaten)
            or data.kecamatan
        )
    ]
    return {
        "meta": data.meta,
        "area_name": area_name(data.meta.get("regency", settings.CAKUPAN.regency_code)),
        "by_regency": bool(data.kabupaten),
        "regency_view": scope.regency,
        "area_view": bool(scope.areas),
        "scope_label": scope.label,
        "overview": data.overview,
        "target": target,
        "needed": data.gap.gap_persons,
        "kecamatan": kecamatan,
        "desa_rows": data.desa if not scope.regency else (),
        "unallocated": data.unallocated,
        "segments": data.segments,
        "gap": data.gap,
        "lapsed": data.lapsed,
        "campaign": data.campaign,
        "compliance": data.compliance,
        "pledges": data.pledges,
        "view_box": view_box,
        "shapes": shapes,
        "outlines": outlines,
        "legend": legend,
        "legend_rows": [(c, label, n, 24 + 16 * i) for i, (c, label, n) in enumerate(legend)],
        "legend_height": 30 + 16 * len(legend),
        "classes": colours.kind,
    }
