"""Area pages: a kecamatan or desa — coverage and trend, its desa, who is unprotected there
(counts), and the way to its work list. Aggregates only: the demo's visitors see them too."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.publish import current_publication
from cakupan_web.areas import selectors
from cakupan_web.dashboard import presentation
from cakupan_web.dashboard.selectors import dashboard_get
from cakupan_web.scoping import DEMO_VISITOR, access_scope


@require_safe
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    config = settings.CAKUPAN
    publication = current_publication(config.data_dir)
    if request.user.is_authenticated:
        scope = access_scope(user=request.user)
    elif (
        publication is not None
        and config.demo_open
        and dashboard_get(publication=publication).is_demo
    ):
        scope = DEMO_VISITOR
    else:
        return redirect_to_login(request.get_full_path())
    profile = selectors.area_profile_get(scope=scope, code=code[:32], data_dir=config.data_dir)
    target = dashboard_get(publication=publication).gap.target if publication else 0.6
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
        },
    )
