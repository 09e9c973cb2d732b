"""Dashboard views: parse, one selector call, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cakupan_web.access import access_dashboard
from cakupan_web.dashboard import presentation, selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline UCJ against the target, the desa map, kecamatan and segment tables, as last
    published (a running import never delays or breaks this page)."""
    config = settings.CAKUPAN
    data = selectors.dashboard_get(data_dir=config.data_dir)
    if data is None:
        return render(request, "dashboard/empty.html", status=503)
    meta = data.meta
    if not access_dashboard(
        user=request.user, demo_data=meta.get("dataset") == "demo", demo_open=config.demo_open
    ):
        return redirect_to_login(request.get_full_path())
    target = data.gap.target
    by_code = {row.area_code: row for row in data.desa}
    view_box, paths = selectors.boundaries_get_svg(regency=meta["regency"], level="desa")
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
                "kecamatan": kecamatan_names.get(row.parent_code if row else None, ""),
                "ucj": ucj,
                "active": row.active_persons if row else None,
                "colour": presentation.coverage_colour(ucj, target),
            }
        )
    kecamatan = [
        {"row": row, "colour": presentation.coverage_colour(row.ucj, target)}
        for row in data.kecamatan
    ]
    return render(
        request,
        "dashboard/index.html",
        {
            "meta": meta,
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
        },
    )
