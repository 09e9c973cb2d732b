"""Work list views: the unprotected working people of the reader's areas or lists.

Parse the request, get the reader's scope, make one selector call, render. A desa,
kecamatan or partner outside the scope is answered 404 by the read layer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cakupan.errors import CakupanError, InputError
from cakupan.people import AGE_BANDS, ORDERS, WorklistFilter
from cakupan_web.access import access_permission
from cakupan_web.scoping import access_scope
from cakupan_web.worklists import selectors, services
from cakupan_web.worklists.forms import VisitForm

PAGE = 50
MAX_ASSIGN = 200  # persons in one assignment (a page holds 50)
FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}  # fmt: skip


def _filter(request: HttpRequest, *, partner: str) -> WorklistFilter:
    get = request.GET

    def value(name: str) -> str | None:
        return (get.get(name) or "").strip()[:64] or None

    return WorklistFilter(
        desa=value("desa"), kecamatan=value("kecamatan"), segment=value("segment"),
        partner=value("partner") or partner or None,  # a partner's list is its own
        rt=value("rt"), rw=value("rw"), occupation=value("occupation"), age=value("age"),
    )  # fmt: skip


def _offset(request: HttpRequest) -> int:
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        raise InputError("worklist.bad_page", limit=PAGE) from None
    return (max(page, 1) - 1) * PAGE


def _order(request: HttpRequest) -> str:
    return (request.GET.get("order") or "priority")[:16]


@require_safe
@login_required
def worklist_list(request: HttpRequest) -> HttpResponse:
    """Counts per desa for every role; the persons of one desa, kecamatan or list for roles
    that see persons (masked NIKs unless the role needs the whole number)."""
    scope = access_scope(user=request.user)
    data_dir = settings.CAKUPAN.data_dir
    partner = next(iter(sorted(scope.partners)), "")
    which = _filter(request, partner=partner)
    if request.GET.get("mine") == "1":  # the persons assigned to me
        keys = selectors.assigned_keys_get(user=request.user)
        which = dataclasses.replace(which, person_keys=keys)
    chosen = which != WorklistFilter()
    context: dict[str, object] = {
        "which": which, "scope": scope, "chosen": chosen, "age_bands": list(AGE_BANDS),
        "orders": list(ORDERS), "order": _order(request),
    }  # fmt: skip
    if not scope.partners:
        context["counts"] = selectors.worklist_counts_get(scope=scope, data_dir=data_dir)
        context["progress"] = selectors.visit_progress_get(scope=scope, data_dir=data_dir)
    if scope.persons and chosen:
        page = selectors.worklist_page_get(
            scope=scope, which=which, data_dir=data_dir, offset=_offset(request), limit=PAGE,
            order=_order(request),
        )  # fmt: skip
        context.update(
            page=page,
            visits=selectors.visit_latest_get(person_keys=[p.person_key for p in page.rows]),
            assigned=selectors.assignment_get(person_keys=[p.person_key for p in page.rows]),
            may_record=access_permission(user=request.user, permission="visits.record"),
            # Reversed once, not per row (a page reverses 50 links otherwise).
            visit_prefix=reverse("worklists:visit", args=["-"])[:-2],
            number=page.offset // PAGE + 1,
            pages=max(1, -(-page.total // PAGE)),
            query=request.GET.copy(),
        )
    if "page" in context and access_permission(user=request.user, permission="worklists.assign"):
        context["officers"] = selectors.officer_choices_get(scope=scope)
    return render(request, "worklists/list.html", context)


@require_safe
@login_required
def worklist_export(request: HttpRequest) -> HttpResponse:
    """The whole chosen list as XLSX (default) or CSV, logged in the audit trail."""
    scope = access_scope(user=request.user)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in FORMATS:
        raise InputError("export.bad_format", allowed=", ".join(FORMATS), suffix=file_format)
    partner = next(iter(sorted(scope.partners)), "")
    which = _filter(request, partner=partner)
    if which == WorklistFilter():
        raise InputError("worklist.choose_one")
    data = selectors.worklist_export_get(
        scope=scope, which=which, data_dir=settings.CAKUPAN.data_dir, file_format=file_format,
        order=_order(request),
    )  # fmt: skip
    response = HttpResponse(data, content_type=FORMATS[file_format])
    name = f"daftar-kerja-{dt.date.today():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def visit_form(request: HttpRequest, person_key: str) -> HttpResponse:
    """Record what happened at a visit to one person of the reader's work lists."""
    scope = access_scope(user=request.user)
    if not access_permission(user=request.user, permission="visits.record"):
        raise CakupanError("access.not_allowed", what="visits")
    data_dir = settings.CAKUPAN.data_dir
    target = selectors.visit_target_get(scope=scope, person_key=person_key, data_dir=data_dir)
    form = VisitForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.visit_record(
                    scope=scope, user=request.user, person_key=person_key,
                    data=form.visit_outcome(), publication=selectors.publication_get(data_dir),
                    data_dir=data_dir,
                )  # fmt: skip
            except InputError as error:
                form.add_error(None, error.message_in(request.LANGUAGE_CODE))  # type: ignore[attr-defined]
            else:
                back = reverse("worklists:list") + f"?desa={target.person.desa_code or ''}"
                return HttpResponseRedirect(back + "&recorded=" + person_key)
        status = 400
    history = selectors.visit_latest_get(person_keys=[person_key])
    return render(
        request,
        "worklists/visit.html",
        {"person": target.person, "form": form, "last": history.get(person_key)},
        status=status,
    )


@login_required
def visits_import(request: HttpRequest) -> HttpResponse:
    """Upload a work list filled in the field (the XLSX downloaded here): its visits are
    recorded; every row left out is listed with its row, column and reason."""
    scope = access_scope(user=request.user)
    if not access_permission(user=request.user, permission="visits.record"):
        raise CakupanError("access.not_allowed", what="visits")
    if request.method != "POST":
        return render(request, "worklists/import.html", {})
    # Refused from its announced size, before Django stores any of it.
    limit = settings.CAKUPAN.max_file_mib
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    if size > limit * 1024 * 1024:
        raise CakupanError("followup.too_large", file="upload", mib=size >> 20, limit=limit)
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "worklists/import.html", {"missing": True}, status=400)
    report = selectors.visits_import_run(
        scope=scope, user=request.user, upload=upload, settings=settings.CAKUPAN,
        language=request.LANGUAGE_CODE,  # type: ignore[attr-defined]
    )  # fmt: skip
    return render(request, "worklists/import.html", {"report": report})


@require_POST
@login_required
def assign(request: HttpRequest) -> HttpResponse:
    """Send an officer to visit the persons ticked on a work list page."""
    scope = access_scope(user=request.user)
    if not access_permission(user=request.user, permission="worklists.assign"):
        raise CakupanError("access.not_allowed", what="assignments")
    try:
        officer_id = int(request.POST.get("officer", ""))
    except ValueError:
        raise InputError("assign.no_officer") from None
    officer = next(
        (o for o in selectors.officer_choices_get(scope=scope) if o.id == officer_id), None
    )
    if officer is None:
        raise Http404
    keys = [k[:32] for k in request.POST.getlist("person")][:MAX_ASSIGN]
    if not keys:
        raise InputError("assign.no_person")
    data_dir = settings.CAKUPAN.data_dir
    count = services.assignments_set(
        scope=scope, user=request.user, officer=get_user_model().objects.get(pk=officer.id),
        person_keys=keys, publication=selectors.publication_get(data_dir), data_dir=data_dir,
    )  # fmt: skip
    back = request.POST.get("next", "")
    if not back.startswith("/worklists/"):  # never elsewhere (an open redirect)
        back = reverse("worklists:list")
    joiner = "&" if "?" in back else "?"
    return HttpResponseRedirect(f"{back}{joiner}assigned={count}")
