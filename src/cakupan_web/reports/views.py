"""Reports views: which reports the published figures allow, and their downloads (made
within the reader's scope: a kecamatan operator's report holds its kecamatan only)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.publish import current_publication, dashboard_read, require_publication
from cakupan.reports import Period, parse_period
from cakupan.reports.documents import inpres_write, kur_write
from cakupan.reports.render import FORMATS, quarterly_write
from cakupan.scope import Scope
from cakupan_web.scoping import access_scope

TYPES = {"pdf": "application/pdf",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


@require_safe
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    scope = access_scope(user=request.user)
    publication = current_publication(settings.CAKUPAN.data_dir)
    period = None
    if publication is not None:
        as_of = dashboard_read(publication).gap.as_of
        period = Period.of(dt.date.fromisoformat(as_of[:10]))
    context = {"period": period, "scope": scope, "banks": _banks(scope, publication)}
    return render(request, "reports/list.html", context)


def _banks(scope: Scope, publication: Path | None) -> list[str]:
    """The KUR banks the reader may list debtors of (a partner: its own)."""
    if publication is None or not scope.persons:
        return []
    lists = dashboard_read(publication).segments
    banks = {(r.partner or "").upper() for r in lists if r.segment == "KUR" and r.list_key}
    return sorted(b for b in banks if b and scope.covers_partner(b))


def _document(
    request: HttpRequest, name: str, write: Callable[[Path, str, str], object]
) -> HttpResponse:
    """A document made in a private temporary folder by ``write(out, format, language)``
    (``format`` and ``lang`` from the request) and sent as an attachment ``name``."""
    file_format = request.GET.get("format", "pdf")
    file_format = file_format if file_format in FORMATS else "pdf"
    language = "en" if request.GET.get("lang") == "en" else "id"
    with tempfile.TemporaryDirectory(prefix="cakupan-report-") as folder:
        out = Path(folder) / f"document.{file_format}"
        write(out, file_format, language)
        data = out.read_bytes()
    response = HttpResponse(data, content_type=TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def report_quarterly(request: HttpRequest) -> HttpResponse:
    """The quarterly report of ``period`` as ``format`` (pdf, xlsx) in ``lang`` (id, en)."""
    scope = access_scope(user=request.user)
    period = parse_period(request.GET.get("period", "")[:16])
    publication = require_publication(settings.CAKUPAN.data_dir)

    def write(out: Path, file_format: str, language: str) -> object:
        return quarterly_write(
            publication, out, scope=scope, period=period, language=language,
            file_format=file_format,
        )  # fmt: skip

    return _document(request, f"laporan-ucj-{period.key.lower()}", write)


@require_safe
@login_required
def report_kur(request: HttpRequest) -> HttpResponse:
    """The KUR report; with ``bank`` (a partner: its own, always), its unprotected debtors
    (an export of personal data: logged)."""
    scope = access_scope(user=request.user)
    period = parse_period(request.GET.get("period", "")[:16])
    bank = (request.GET.get("bank") or "")[:60] or next(iter(sorted(scope.partners)), None)
    data_dir = settings.CAKUPAN.data_dir
    publication = require_publication(data_dir)

    def write(out: Path, file_format: str, language: str) -> object:
        return kur_write(
            publication, out, scope=scope, period=period, data_dir=data_dir, bank=bank,
            language=language, file_format=file_format,
        )  # fmt: skip

    name = f"laporan-kur-{period.key.lower()}" + (f"-{bank.lower()}" if bank else "")
    return _document(request, name, write)


@require_safe
@login_required
def report_inpres(request: HttpRequest) -> HttpResponse:
    scope = access_scope(user=request.user)
    try:
        year = int(request.GET.get("year", "0"))
    except ValueError:
        year = 0
    publication = require_publication(settings.CAKUPAN.data_dir)

    def write(out: Path, file_format: str, language: str) -> object:
        return inpres_write(
            publication, out, scope=scope, year=year, language=language,
            file_format=file_format,
        )  # fmt: skip

    return _document(request, f"inpres-2-2021-{year}", write)
