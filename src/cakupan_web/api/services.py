"""Writes of the API area: tokens issued and revoked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from cakupan.errors import InputError
from cakupan_web.api.models import ApiToken


def token_issue(*, username: str | None = None, user: Any = None) -> str:
    """A new API token for a user (by name or the user itself); shown only now."""
    if user is None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise InputError("user.not_found", username=username)
    return ApiToken.issue(user)


def token_revoke_all(*, user: Any) -> int:
    """Revoke every token of ``user``; how many were live."""
    return ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
