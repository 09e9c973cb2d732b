"""Reports views: which reports the published figures allow, and their downloads (made
within the reader's scope: a kecamatan operator's report holds its kecamatan only)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.publish import current_publication, dashboard_read, require_publication
from cakupan.reports import Period, parse_period
from cakupan.reports.render import FORMATS, quarterly_write
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
    return render(request, "reports/list.html", {"period": period, "scope": scope})


@require_safe
@login_required
def report_quarterly(request: HttpRequest) -> HttpResponse:
    """The quarterly report of ``period`` as ``format`` (pdf, xlsx) in ``lang`` (id, en)."""
    scope = access_scope(user=request.user)
    period = parse_period(request.GET.get("period", "")[:16])
    file_format = request.GET.get("format", "pdf")
    file_format = file_format if file_format in FORMATS else "pdf"
    language = "en" if request.GET.get("lang") == "en" else "id"
    with tempfile.TemporaryDirectory(prefix="cakupan-report-") as folder:
        out = Path(folder) / f"report.{file_format}"
        quarterly_write(
            require_publication(settings.CAKUPAN.data_dir), out, scope=scope, period=period,
            language=language, file_format=file_format,
        )  # fmt: skip
        data = out.read_bytes()
    response = HttpResponse(data, content_type=TYPES[file_format])
    name = f"laporan-ucj-{period.key.lower()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
