"""Token authentication and the rate limit of the API."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from cakupan.errors import CakupanError
from cakupan_web.api.models import ApiToken, token_hash

RATE_PER_MINUTE = 120  # requests per token and minute; more answer 429


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ckp_…`` — a token of an active user (``cakupan user token``
    or the web's Pengguna page)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user", "user__scope")
            .filter(key_hash=token_hash(token), revoked=False)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        window = int(timezone.now().timestamp() // 60)
        key = f"cakupan-api-rate:{found.key_hash[:20]}:{window}"
        count = int(cache.get_or_set(key, 0, timeout=120) or 0)
        if count >= RATE_PER_MINUTE:
            raise CakupanError("api.rate_limited", limit=RATE_PER_MINUTE)
        cache.incr(key)
        if found.last_used_at is None or (timezone.now() - found.last_used_at).seconds > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user
