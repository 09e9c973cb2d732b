"""Who may do what, declared as data, and the ``access_*`` helpers that check it.

Roles are Django groups named after DESIGN.md's roles; a superuser is a Disnaker admin.
"""

from __future__ import annotations

from typing import Any

ROLES = ("disnaker_admin", "executive", "area_operator", "bpjs_officer", "partner")

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
    return {g.name for g in user.groups.all()} & set(ROLES)


def access_permission(*, user: Any, permission: str) -> bool:
    """Whether ``user`` holds ``permission``."""
    return bool(user_roles(user) & PERMISSIONS[permission])


def access_dashboard(*, user: Any, demo_data: bool, demo_open: bool) -> bool:
    """The dashboard opens to users allowed to see it, and to anyone on demo data."""
    return (demo_data and demo_open) or access_permission(user=user, permission="dashboard.view")
