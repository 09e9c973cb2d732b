"""The events page: registrations around each socialisation event (within the reader's
scope), the entries recorded here, and the forms to record an event (operators of the
desa, the branch, Disnaker) or a payout or card hand-over (the branch, Disnaker)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from cakupan.errors import CakupanError
from cakupan_web.access import access_permission
from cakupan_web.events import selectors, services
from cakupan_web.events.forms import FORMS
from cakupan_web.scoping import access_scope

PERMISSION = {"events": "events.record", "payouts": "benefits.record", "cards": "benefits.record"}


@login_required
def events_page(request: HttpRequest) -> HttpResponse:
    scope = access_scope(user=request.user)
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind", "events")
    if kind not in FORMS:
        kind = "events"
    kinds = [k for k in FORMS if access_permission(user=request.user, permission=PERMISSION[k])]
    form = None
    if kind in kinds:
        choices = selectors.desa_choices_get(scope=scope, regency=settings.CAKUPAN.regency_code)
        form = FORMS[kind](request.POST if request.method == "POST" else None, desa_choices=choices)
    if request.method == "POST":
        if form is None:
            raise CakupanError("access.not_allowed", what=kind)
        if form.is_valid():
            services.entry_record(scope=scope, user=request.user, kind=kind, row=form.row())
            return HttpResponseRedirect(reverse("events:list") + f"?kind={kind}&recorded=1")
    context = {
        "effects": selectors.event_effects_get(scope=scope, data_dir=settings.CAKUPAN.data_dir),
        # Payouts and cards name persons: never for a role that sees aggregates only.
        "entries": selectors.entries_recent_get() if scope.persons else [],
        "kind": kind, "kinds": kinds, "form": form,
        "recorded": request.GET.get("recorded") == "1",
        "english": request.LANGUAGE_CODE == "en",  # type: ignore[attr-defined]
    }  # fmt: skip
    status = 400 if form is not None and form.errors else 200
    return render(request, "events/list.html", context, status=status)
