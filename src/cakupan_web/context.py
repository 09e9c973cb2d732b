"""What every page's header needs: which of the declared permissions the reader holds."""

from __future__ import annotations

from django.http import HttpRequest

from cakupan_web.access import PERMISSIONS, access_permission


def cakupan_permissions(request: HttpRequest) -> dict[str, dict[str, bool]]:
    user = getattr(request, "user", None)
    return {
        "perms_cakupan": {
            name.replace(".", "_"): access_permission(user=user, permission=name)
            for name in PERMISSIONS
        }
    }
