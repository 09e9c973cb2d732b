"""Reads about users."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from cakupan.errors import CakupanError
from cakupan.partners import partner_names
from cakupan.publish import current_publication


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    areas: tuple[str, ...]
    partner: str
    active: bool
    last_login: str


def user_list() -> list[UserRow]:
    rows = []
    for user in get_user_model().objects.order_by("username").select_related("scope"):
        scope = getattr(user, "scope", None)
        role = scope.role if scope else ("disnaker_admin" if user.is_superuser else "")
        rows.append(
            UserRow(
                id=user.pk,
                username=user.get_username(),
                role=role,
                areas=tuple(scope.areas) if scope else (),
                partner=scope.partner if scope else "",
                active=user.is_active,
                last_login=user.last_login.isoformat(timespec="minutes") if user.last_login else "",
            )
        )
    return rows


def partner_choices(*, data_dir: Path) -> tuple[str, ...]:
    """The partner names of the current publication, offered when an account is added."""
    try:
        return partner_names(current_publication(data_dir))
    except CakupanError:  # an unreadable publication: the form still works, without hints
        return ()
