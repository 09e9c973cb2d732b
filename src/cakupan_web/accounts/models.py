"""What each user is: a role and the scope of that role (areas by Kemendagri code, or a
partner). The scope is data here; issue #13's read layer applies it to every read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cakupan_web.access import ROLES


class UserScope(models.Model):
    """The role of one user and what it covers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scope"
    )
    role = models.CharField(max_length=32, choices=[(r, r) for r in ROLES])
    # Kecamatan or desa codes (a kecamatan covers its desa); empty for regency-wide roles.
    areas = models.JSONField(default=list, blank=True)
    partner = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
