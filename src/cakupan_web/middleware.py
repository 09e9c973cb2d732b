"""Language and errors, for every request.

Language: Bahasa Indonesia unless the user chose English (cookie set by ``set_language``).
Django's own LocaleMiddleware would follow the browser's Accept-Language; a regency's
officers use English-language browsers but expect the app in Indonesian.

Errors: one middleware renders every Cakupan error the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from cakupan.errors import CakupanError

logger = logging.getLogger("cakupan_web")


class DefaultLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CakupanErrorMiddleware:
    """Every :class:`~cakupan.errors.CakupanError` a view lets through becomes a page with its
    message in the page's language, its code and its HTTP status (the catalogue's,
    ``docs/errors.md``), never a bare 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django_scopes.exceptions import ScopeError

        if isinstance(exception, ScopeError):  # a scoped record read without a scope
            logger.warning("scoped query without a scope: %s", exception)
            exception = CakupanError("access.no_scope")
        if not isinstance(exception, CakupanError):
            return None
        status = exception.http_status
        if status >= 500:
            logger.warning("%s [%s]", exception.message, exception.code)
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return render(
            request,
            "error.html",
            {"message": exception.message_in(language), "code": exception.code},
            status=status,
        )


class UploadLimitMiddleware:
    """A request body larger than the file limit (``max_file_mib``, plus 1 MiB for the
    form's other fields) is refused from its announced size, before anything reads it:
    Django's CSRF check reads the form, and with it would store the whole upload first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = settings.CAKUPAN.max_file_mib
        if size > (limit + 1) * 1024 * 1024:
            error = CakupanError("upload.too_large", found=f"{size / 2**20:,.0f}", limit=limit)
            language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
            return render(
                request,
                "error.html",
                {"message": error.message_in(language), "code": error.code},
                status=error.http_status,
            )
        return self.get_response(request)


class AccessLogUserMiddleware:
    """Tells the access log (``cakupan_web.access_log``) who made the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.META["cakupan.user"] = user.get_username()
        return self.get_response(request)
