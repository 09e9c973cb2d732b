"""The audit trail, for Disnaker admins: read it, download it; nobody edits it here."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.errors import CakupanError
from cakupan_web.access import access_permission
from cakupan_web.audit import selectors

PAGE = 100


def _require(request: HttpRequest) -> None:
    if not access_permission(user=request.user, permission="audit.read"):
        raise CakupanError("access.not_allowed", what="audit")


@require_safe
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    data_dir = settings.CAKUPAN.data_dir
    records, total = selectors.audit_list(data_dir=data_dir, offset=(page - 1) * PAGE, limit=PAGE)
    return render(
        request,
        "audit/list.html",
        {
            "records": records,
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PAGE)),
            "check": selectors.audit_check(data_dir=data_dir),
        },
    )


@require_safe
@login_required
def audit_download(request: HttpRequest) -> HttpResponse:
    _require(request)
    data = selectors.audit_csv(data_dir=settings.CAKUPAN.data_dir)
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    name = f"jejak-audit-{dt.date.today():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
