"""Jobs views: the queue, one job's status, and the refresh action (admins and BPJS
officers, who may load data)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cakupan_web.access import access_permission
from cakupan_web.jobs import selectors, services


def _denied(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access_permission(user=request.user, permission="data.load"):
        return render(request, "jobs/denied.html", status=403)
    return None


def job_list(request: HttpRequest) -> HttpResponse:
    if (refused := _denied(request)) is not None:
        return refused
    return render(
        request,
        "jobs/list.html",
        {
            "jobs": selectors.job_list(),
            "writer": selectors.writer_get(data_dir=settings.CAKUPAN.data_dir),
        },
    )


def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    if (refused := _denied(request)) is not None:
        return refused
    job = selectors.job_get(job_id=job_id)
    if job is None:
        raise Http404
    return render(request, "jobs/detail.html", {"job": job})


@require_POST
def refresh_start(request: HttpRequest) -> HttpResponse:
    if (refused := _denied(request)) is not None:
        return refused
    job_id = services.refresh_enqueue(user=request.user)
    return HttpResponseRedirect(reverse("jobs:detail", args=[job_id]))
