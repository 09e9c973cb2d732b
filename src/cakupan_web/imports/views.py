"""Imports views: upload a source file, see what the import would do and fix its mapping,
confirm it (a job with live progress), and the history of every snapshot.

Only users who may load data (Disnaker admins, BPJS officers) reach these pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cakupan.errors import CakupanError, InputError
from cakupan_web.access import access_permission
from cakupan_web.imports import selectors, services
from cakupan_web.imports.forms import UploadForm
from cakupan_web.imports.tasks import STEPS
from cakupan_web.scoping import access_scope


def _may_load(request: HttpRequest) -> None:
    if not access_permission(user=request.user, permission="data.load"):
        raise CakupanError("access.not_allowed", what="imports")


@login_required
def upload_start(request: HttpRequest) -> HttpResponse:
    """The upload form and the latest uploads (those kept past the days the setting says
    lose their files first)."""
    _may_load(request)
    config = settings.CAKUPAN
    services.uploads_expire(data_dir=config.data_dir, keep_days=config.upload_keep_days)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                upload = services.upload_create(
                    user=request.user,
                    options=services.UploadOptions(
                        source_type=data["source_type"], segment=data["segment"],
                        partner=data["partner"], desa=data["desa"], as_of=data["as_of"],
                    ),
                    upload=data["file"], data_dir=settings.CAKUPAN.data_dir,
                    max_mib=settings.CAKUPAN.max_file_mib,
                )  # fmt: skip
            except InputError as error:
                form.add_error(None, error.message_in(request.LANGUAGE_CODE))  # type: ignore[attr-defined]
            else:
                return HttpResponseRedirect(reverse("imports:detail", args=[upload.id]))
        status = 400
    segmented = [name for name, _, needs in selectors.source_type_choices() if needs]
    context = {"form": form, "uploads": selectors.upload_list(), "needs_segment": segmented}
    return render(request, "imports/start.html", context, status=status)


@require_safe
@login_required
def upload_detail(request: HttpRequest, upload_id: str) -> HttpResponse:
    """An upload by its state: being checked, checked (preview, mapping, findings, confirm),
    being imported (progress), imported (summary and the change in coverage), failed."""
    upload = selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    scope = access_scope(user=request.user)
    data_dir = settings.CAKUPAN.data_dir
    check = selectors.upload_check_get(upload=upload, scope=scope, data_dir=data_dir)
    same = None
    if check is not None and upload.state == "checked":
        same = selectors.upload_same_file_get(upload=upload, check=check, data_dir=data_dir)
    chosen = {c.name: c.header for c in check.columns} if check else {}
    result = upload.result or {}
    change = None
    if result.get("ucj_before") is not None and result.get("ucj_after") is not None:
        change = (result["ucj_after"] - result["ucj_before"]) * 100
    context = {
        "upload": upload, "check": check, "same": same, "chosen": chosen, "result": result,
        "change": change, "steps": STEPS,
        "english": request.LANGUAGE_CODE == "en",  # type: ignore[attr-defined]
        "waiting": upload.state in ("checking", "importing"),
        "keep_days": settings.CAKUPAN.upload_keep_days,
    }  # fmt: skip
    return render(request, "imports/detail.html", context)


@require_POST
@login_required
def upload_mapping(request: HttpRequest, upload_id: str) -> HttpResponse:
    """Check the file again with the headers the user chose for each column."""
    upload = selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    overrides: dict[str, str] = {}
    for key in request.POST:
        header = request.POST.get(key, "")
        if key.startswith("col:") and header:
            if header in overrides:
                raise InputError("upload.header_twice", header=header)
            overrides[header[:200]] = key[4:][:40]
    sheet = request.POST.get("sheet", upload.sheet)[:100]
    services.upload_remap(upload=upload, overrides=overrides, sheet=sheet)
    return HttpResponseRedirect(reverse("imports:detail", args=[upload.id]))


@require_POST
@login_required
def upload_confirm(request: HttpRequest, upload_id: str) -> HttpResponse:
    upload = selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    services.upload_confirm(upload=upload, user=request.user)
    return HttpResponseRedirect(reverse("imports:detail", args=[upload.id]))


@require_POST
@login_required
def upload_discard(request: HttpRequest, upload_id: str) -> HttpResponse:
    upload = selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    services.upload_discard(upload=upload, data_dir=settings.CAKUPAN.data_dir)
    return HttpResponseRedirect(reverse("imports:start"))


@require_safe
@login_required
def upload_rejected(request: HttpRequest, upload_id: str) -> FileResponse:
    """The rows the import rejects (or rejected), with a reason column (logged export)."""
    upload = selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    scope = access_scope(user=request.user)
    data_dir = settings.CAKUPAN.data_dir
    check = selectors.upload_check_get(upload=upload, scope=scope, data_dir=data_dir)
    path = selectors.upload_rejected_get(
        upload=upload, scope=scope, data_dir=data_dir, rows=check.rejected if check else 0
    )
    name = f"ditolak-{upload.file_name.rsplit('.', 1)[0]}.xlsx"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def snapshot_history(request: HttpRequest) -> HttpResponse:
    """Every snapshot of the published warehouse, with who loaded it, and the uploads."""
    _may_load(request)
    return render(
        request,
        "imports/history.html",
        {"snapshots": selectors.snapshot_history_get(data_dir=settings.CAKUPAN.data_dir),
         "uploads": selectors.upload_list(limit=50)},
    )  # fmt: skip
