"""Who may do what, declared as data, and the ``access_*`` helpers that check it.

The roles and what each role's scope is are the library's (:data:`cakupan.scope.ROLES`); a
user's role and areas are in ``cakupan_web.accounts.models.UserScope``. A superuser is a
Disnaker admin. What a user may *read* is their :class:`cakupan.scope.Scope`
(``cakupan_web.scoping``); what they may *do* is below.
"""

from __future__ import annotations

from typing import Any

from cakupan.scope import ROLES as ROLE_SCOPES

ROLES = tuple(ROLE_SCOPES)
# Roles whose scope is a set of areas (``--area``), and the one whose scope is a partner.
AREA_ROLES = frozenset(r.name for r in ROLE_SCOPES.values() if r.scope_by in ("kecamatan", "desa"))
PARTNER_ROLES = frozenset(r.name for r in ROLE_SCOPES.values() if r.scope_by == "partner")

PERMISSIONS: dict[str, frozenset[str]] = {
    "dashboard.view": frozenset(ROLES),
    "worklists.view": frozenset(ROLES),  # persons for roles that see persons, else counts
    "visits.record": frozenset(ROLES) - {"executive"},  # within their scope
    "worklists.assign": frozenset({"disnaker_admin", "kecamatan_operator", "bpjs_officer"}),
    "data.load": frozenset({"disnaker_admin", "bpjs_officer"}),
    "review.decide": frozenset({"disnaker_admin", "bpjs_officer"}),  # who is who
    "pledges.manage": frozenset({"disnaker_admin"}),  # the regency's budgets and sponsors
    "events.record": frozenset(  # socialisation events, in their areas
        {"disnaker_admin", "bpjs_officer", "kecamatan_operator", "desa_operator"}
    ),
    "benefits.record": frozenset({"disnaker_admin", "bpjs_officer"}),  # payouts, cards
    "users.manage": frozenset({"disnaker_admin"}),
    "audit.read": frozenset({"disnaker_admin"}),
}


def user_role(user: Any) -> str | None:
    """The role of a signed-in user (a superuser is a Disnaker admin), or None."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    if getattr(user, "is_superuser", False):
        return "disnaker_admin"
    scope = getattr(user, "scope", None)  # cakupan_web.accounts.models.UserScope
    return scope.role if scope is not None and scope.role in ROLE_SCOPES else None


def user_roles(user: Any) -> set[str]:
    """The roles of a user (none, or one)."""
    role = user_role(user)
    return {role} if role else set()


def access_permission(*, user: Any, permission: str) -> bool:
    """Whether ``user`` holds ``permission``."""
    return bool(user_roles(user) & PERMISSIONS[permission])


def access_dashboard(*, user: Any, demo_data: bool, demo_open: bool) -> bool:
    """The dashboard opens to users allowed to see it, and to anyone on demo data."""
    return (demo_data and demo_open) or access_permission(user=user, permission="dashboard.view")
