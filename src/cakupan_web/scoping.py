"""The scope of each request: who is reading, and what their role lets them see.

Every view that reads area- or person-level data gets its :class:`cakupan.scope.Scope` from
:func:`access_scope` and hands it to the library's read layer, which applies it; no view
filters rows itself. A signed-in user without a role or scope has none: they see nothing
(HTTP 403), never everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from cakupan.errors import CakupanError
from cakupan.scope import Scope, scope_for_role
from cakupan_web.access import user_role

# Anyone on demo data when the demo is open (``demo_open``): the regency's aggregates only.
DEMO_VISITOR = Scope(who="demo visitor", regency=True, persons=False, full_nik=False)


def scope_for_user(user: Any) -> Scope | None:
    """The scope of ``user``'s role, or None (no role, not signed in, disabled)."""
    role = user_role(user)
    if role is None:
        return None
    record = getattr(user, "scope", None)
    return scope_for_role(
        role,
        who=user.get_username(),
        areas=list(record.areas) if record is not None else [],
        partner=record.partner if record is not None else "",
    )


def access_scope(*, user: Any) -> Scope:
    """The scope of a signed-in ``user``, or ``access.no_scope`` (HTTP 403)."""
    scope = scope_for_user(user)
    if scope is None:
        raise CakupanError("access.no_scope")
    return scope


def reader_scope(*, user: Any, publication: Path | None) -> Scope | None:
    """The scope of whoever reads an aggregate page (dashboard, map, area, progress): a
    signed-in user's (``access.no_scope`` without a role), a visitor's on open demo data, or
    None — the reader must sign in first."""
    if getattr(user, "is_authenticated", False):
        return access_scope(user=user)
    if publication is None or not settings.CAKUPAN.demo_open:
        return None
    from cakupan_web.dashboard.selectors import dashboard_get

    return DEMO_VISITOR if dashboard_get(publication=publication).is_demo else None


def scope_dimensions(scope: Scope) -> dict[str, list[str] | None]:
    """The django-scopes dimensions of ``scope`` for app-database records: ``desa`` (the desa
    codes it covers; None: every one) and ``partner`` (None: every one). A kecamatan covers
    its desa, listed from the regency's areas."""
    from cakupan import areas

    if scope.regency:
        return {"desa": None, "partner": None}
    desa: set[str] = set()
    pending = list(scope.areas)
    while pending:
        code = pending.pop()
        below = areas.children(code)
        if below:
            pending.extend(a.code for a in below)
        else:
            desa.add(code)
    if scope.partners and not scope.areas:
        return {"desa": None, "partner": sorted(scope.partners)}
    return {"desa": sorted(desa), "partner": None if desa else []}


class ScopesMiddleware:
    """Activates the signed-in user's scope for app-database records (django-scopes) for the
    whole request: a scoped model's queries then answer only inside it, and refuse to run
    (``ScopeError``) for a request with no scope."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        import django_scopes

        user = getattr(request, "user", None)
        scope = scope_for_user(user) if user is not None else None
        if scope is None:
            return self.get_response(request)
        with django_scopes.scope(**scope_dimensions(scope)):
            return self.get_response(request)
