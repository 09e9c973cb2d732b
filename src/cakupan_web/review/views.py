"""Review views: one uncertain pair at a time, side by side with the evidence of each field;
accept (A), reject (R) or skip (S) from the keyboard. For roles that decide who is who
(Disnaker admins, BPJS officers)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cakupan.errors import CakupanError
from cakupan_web.access import access_permission
from cakupan_web.review import selectors, services
from cakupan_web.scoping import access_scope


def _may_review(request: HttpRequest) -> None:
    if not access_permission(user=request.user, permission="review.decide"):
        raise CakupanError("access.not_allowed", what="review")


def _filters(data: dict[str, str]) -> dict[str, str]:
    return {k: (data.get(k) or "").strip()[:40] for k in ("source", "kecamatan") if data.get(k)}


@require_safe
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _may_review(request)
    scope = access_scope(user=request.user)
    filters = _filters(request.GET.dict())
    try:
        offset = max(int(request.GET.get("skip", "0")), 0)
    except ValueError:
        offset = 0
    page = selectors.review_page_get(
        scope=scope, data_dir=settings.CAKUPAN.data_dir, source=filters.get("source"),
        kecamatan=filters.get("kecamatan"), offset=offset,
    )  # fmt: skip
    if not page.pairs and offset and page.total:  # skipped past the end: start again
        return HttpResponseRedirect(reverse("review:queue") + "?" + urlencode(filters))
    context = {
        "page": page, "pair": page.pairs[0] if page.pairs else None, "filters": filters,
        "skip_query": urlencode({**filters, "skip": offset + 1}),
        "waiting": selectors.review_waiting_count(),
        "decided": request.GET.get("decided", ""),
        "claims": selectors.membership_claims_get(
            scope=scope, data_dir=settings.CAKUPAN.data_dir
        ),
    }  # fmt: skip
    return render(request, "review/queue.html", context)


@require_POST
@login_required
def review_decide(request: HttpRequest) -> HttpResponse:
    _may_review(request)
    scope = access_scope(user=request.user)
    decision = request.POST.get("decision", "")
    services.review_decision_record(
        scope=scope, user=request.user, pair_id=request.POST.get("pair", "")[:16],
        decision=decision, data_dir=settings.CAKUPAN.data_dir,
    )  # fmt: skip
    filters = _filters(request.POST.dict())
    skip = request.POST.get("skip", "")[:6]
    query = urlencode(
        {**filters, **({"skip": skip} if skip.isdigit() else {}), "decided": decision}
    )
    return HttpResponseRedirect(reverse("review:queue") + "?" + query)
