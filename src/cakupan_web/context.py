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


def served_area() -> str:
    """The code of the area the current publication serves (the installation's setting
    before the first publication)."""
    from cakupan.publish import current_publication
    from cakupan_web.dashboard.selectors import dashboard_get

    setting = str(settings.CAKUPAN.regency_code)
    try:
        publication = current_publication(settings.CAKUPAN.data_dir)
        if publication is None:
            return setting
        return dashboard_get(publication=publication).meta.get("regency") or setting
    except CakupanError:  # an unreadable publication: the page that reads it says so
        return setting


def cakupan_area(request: HttpRequest) -> dict[str, str]:
    code = served_area()
    return {"area_name": area_name(code), "area_code": code}
