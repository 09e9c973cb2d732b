"""What every page needs: which of the declared permissions the reader holds, and the name
of the area the installation serves (a regency, or a province's office)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest

from cakupan.areas import display_name
from cakupan.errors import CakupanError
from cakupan_web.access import PERMISSIONS, access_permission


def cakupan_permissions(request: HttpRequest) -> dict[str, dict[str, bool]]:
    user = getattr(request, "user", None)
    return {
        "perms_cakupan": {
            name.replace(".", "_"): access_permission(user=user, permission=name)
            for name in PERMISSIONS
        }
    }


@functools.cache
def area_name(code: str) -> str:
    """``Kabupaten Mojokerto`` for ``35.16``; the code itself if it names no area."""
    try:
        return display_name(code)
    except CakupanError:
        return code


def cakupan_area(request: HttpRequest) -> dict[str, str]:
    return {"area_name": area_name(settings.CAKUPAN.regency_code)}
