"""Who may do what, declared as data, and the ``access_*`` helpers that check it.

The roles (identifiers used by the command line and, later, the API) and what each may do;
a user's role and areas are in ``cakupan_web.accounts.models.UserScope``. A superuser is a
Disnaker admin.
"""

from __future__ import annotations

from typing import Any

ROLES = (
    "disnaker_admin",  # the whole regency; manages users
    "executive",  # the whole regency, aggregates only (the Bupati's office)
    "kecamatan_operator",  # one or more kecamatan (and their desa)
    "desa_operator",  # one or more desa
    "bpjs_officer",  # the whole regency; loads participant extracts and status answers
    "partner",  # only its own lists, pledges and their people (a bank, a sponsor)
)
# Roles whose scope is a set of areas (``--area``), and the one whose scope is a partner.
AREA_ROLES = frozenset({"kecamatan_operator", "desa_operator"})
PARTNER_ROLES = frozenset({"partner"})

PERMISSIONS: dict[str, frozenset[str]] = {
    "dashboard.view": frozenset(ROLES),
    "coverage.view_regency": frozenset({"disnaker_admin", "executive", "bpjs_officer"}),
    "data.load": frozenset({"disnaker_admin", "bpjs_officer"}),
    "users.manage": frozenset({"disnaker_admin"}),
}


def user_roles(user: Any) -> set[str]:
    """The roles of a user (a superuser holds every role)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(ROLES)
    scope = getattr(user, "scope", None)  # cakupan_web.accounts.models.UserScope
    return {scope.role} & set(ROLES) if scope is not None else set()


def access_permission(*, user: Any, permission: str) -> bool:
    """Whether ``user`` holds ``permission``."""
    return bool(user_roles(user) & PERMISSIONS[permission])


def access_dashboard(*, user: Any, demo_data: bool, demo_open: bool) -> bool:
    """The dashboard opens to users allowed to see it, and to anyone on demo data."""
    return (demo_data and demo_open) or access_permission(user=user, permission="dashboard.view")
