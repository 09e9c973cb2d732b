"""Payers' views: the pledges a reader may see (all for the regency, a partner's own), with
what each covers and why no more; Disnaker admins record pledges and run the allocation or
the optimiser (jobs); a pledge's collective-registration batch for those who see persons."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cakupan.errors import CakupanError, InputError
from cakupan.payers import pledge_batch_export
from cakupan.publish import require_publication
from cakupan_web.access import access_permission
from cakupan_web.pledges import selectors
from cakupan_web.pledges.forms import PledgeForm
from cakupan_web.pledges.tasks import pledge_record, pledges_allocate, pledges_plan
from cakupan_web.scoping import access_scope

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}  # fmt: skip


def _may_manage(request: HttpRequest) -> None:
    if not access_permission(user=request.user, permission="pledges.manage"):
        raise CakupanError("access.not_allowed", what="pledges")


@login_required
def pledge_list(request: HttpRequest) -> HttpResponse:
    scope = access_scope(user=request.user)
    may_manage = access_permission(user=request.user, permission="pledges.manage")
    form = PledgeForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        _may_manage(request)
        assert form is not None
        if form.is_valid():
            job = pledge_record.enqueue(
                requested_by=request.user.get_username(), pledge=form.pledge()
            )
            return HttpResponseRedirect(reverse("jobs:detail", args=[job.id]))
    data_dir = settings.CAKUPAN.data_dir
    plan, planned_at = selectors.plan_latest_get() if may_manage else (None, None)
    pledges = selectors.pledge_list_get(scope=scope, data_dir=data_dir)
    context = {
        "pledges": pledges, "form": form, "may_manage": may_manage, "plan": plan,
        "planned_at": planned_at, "budget": sum(p.budget for p in pledges),
        "covered": sum(p.persons for p in pledges), "spent": sum(p.spent for p in pledges),
    }  # fmt: skip
    return render(
        request, "pledges/list.html", context, status=400 if form and form.errors else 200
    )


@require_POST
@login_required
def pledge_allocate(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    job = pledges_allocate.enqueue(requested_by=request.user.get_username())
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.id]))


@require_POST
@login_required
def pledge_plan(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    job = pledges_plan.enqueue(requested_by=request.user.get_username())
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.id]))


@require_safe
@login_required
def pledge_detail(request: HttpRequest, pledge_id: int) -> HttpResponse:
    scope = access_scope(user=request.user)
    data_dir = settings.CAKUPAN.data_dir
    found = [
        p for p in selectors.pledge_list_get(scope=scope, data_dir=data_dir) if p.id == pledge_id
    ]
    if not found:
        raise CakupanError("pledge.not_found", id=pledge_id)
    desa = selectors.pledge_desa_get(scope=scope, data_dir=data_dir, pledge_id=pledge_id)
    may_download = scope.persons and scope.regency and scope.full_nik
    return render(
        request, "pledges/detail.html",
        {"pledge": found[0], "desa": desa, "may_download": may_download},
    )  # fmt: skip


@require_safe
@login_required
def pledge_batch(request: HttpRequest, pledge_id: int) -> HttpResponse:
    """The pledge's collective-registration batch (persons; logged as an export)."""
    scope = access_scope(user=request.user)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in FORMATS:
        raise InputError("export.bad_format", allowed=", ".join(FORMATS), suffix=file_format)
    data_dir = settings.CAKUPAN.data_dir
    with tempfile.TemporaryDirectory(prefix="cakupan-batch-") as folder:
        out = Path(folder) / f"batch.{file_format}"
        pledge_batch_export(
            require_publication(data_dir), out, scope=scope, pledge_id=pledge_id,
            data_dir=data_dir, file_format=file_format,
        )  # fmt: skip
        data = out.read_bytes()
    response = HttpResponse(data, content_type=FORMATS[file_format])
    name = f"pendaftaran-kolektif-{pledge_id}-{dt.date.today():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
