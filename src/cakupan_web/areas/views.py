"""Area pages — a kecamatan or desa: coverage and trend, its desa, who is unprotected there
(counts), the way to its work list — and the regency's progress to the target. Aggregates
only: the demo's visitors see them too."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.errors import CakupanError
from cakupan.publish import current_publication
from cakupan.scope import Scope
from cakupan.serving import dashboard_for
from cakupan_web.areas import selectors
from cakupan_web.context import area_name
from cakupan_web.dashboard import presentation
from cakupan_web.dashboard.selectors import dashboard_get
from cakupan_web.scoping import reader_scope


def _reader(request: HttpRequest) -> tuple[Path, Scope] | HttpResponse:
    """The current publication and who reads it (a visitor is sent to sign in unless the
    data is an open demo)."""
    publication = current_publication(settings.CAKUPAN.data_dir)
    scope = reader_scope(user=request.user, publication=publication)
    if scope is None:
        return redirect_to_login(request.get_full_path())
    if publication is None:
        raise CakupanError("publication.none")
    return publication, scope


@require_safe
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    reader = _reader(request)
    if isinstance(reader, HttpResponse):
        return reader
    publication, scope = reader
    profile = selectors.area_profile_get(scope=scope, code=code[:32], publication=publication)
    dashboard = dashboard_get(publication=publication)
    target = dashboard.gap.target
    effects = dashboard_for(dashboard, scope).events
    events = [
        e for e in (effects.rows if effects else ())
        if e.desa_code == profile.code or (e.desa_code or "").startswith(profile.code + ".")
    ]  # fmt: skip
    return render(
        request,
        "areas/detail.html",
        {
            "profile": profile,
            "target": target,
            "colour": presentation.coverage_colour(profile.figure.ucj, target),
            "chart": presentation.trend_chart(
                [(p.as_of or "", p.ucj) for p in profile.trend], target
            ),
            "children": [
                {"row": c, "colour": presentation.coverage_colour(c.ucj, target)}
                for c in profile.children
            ],
            "persons": scope.persons,
            "events": events,
            "profile_title": area_name(profile.code),
            # a kecamatan's regency by its heading's name (the register writes it in capitals)
            "parent_title": area_name(profile.parent_code)
            if profile.level == "kecamatan" and profile.parent_code
            else profile.parent_name,
        },
    )


@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    """The target per year, the gap and the pace needed, and UCJ over the kept dates against
    the target with the forecast range."""
    reader = _reader(request)
    if isinstance(reader, HttpResponse):
        return reader
    publication, scope = reader
    data = selectors.progress_get(scope=scope, publication=publication)
    points = [(p.as_of, p.ucj) for p in data.history]
    gap, forecast = data.gap, None
    if gap.forecast is not None and gap.denominator:
        low, high = gap.forecast.year_end_range
        forecast = (
            f"{gap.year}-12-31", low / gap.denominator,
            gap.forecast.year_end_active_persons / gap.denominator, high / gap.denominator,
        )  # fmt: skip
    chart = presentation.trend_chart(points, gap.target, width=640, height=220, forecast=forecast)
    return render(request, "areas/progress.html", {"progress": data, "chart": chart})
