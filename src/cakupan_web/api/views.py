"""The API's endpoints (``/api/v1/``; the OpenAPI document at ``/api/v1/openapi.json``, the
interactive documentation at ``/api/v1/docs``). Each one: the token's user, their scope
(``access_scope``: none → 403), one call to the library or to the web's own services and
selectors, the typed answer. Errors answer ``{"code", "message"}`` with the catalogue's
status (``docs/errors.md``)."""

from __future__ import annotations

import dataclasses
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import django_scopes
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Form, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.files import UploadedFile
from ninja.params.functions import Form as FormField
from pydantic import Field

from cakupan import people
from cakupan.area_profile import area_profile
from cakupan.coverage import coverage_report
from cakupan.errors import CakupanError, InputError
from cakupan.followup import VisitOutcome
from cakupan.ingest import SOURCE_TYPES
from cakupan.progress import progress_read
from cakupan.publish import dashboard_read, open_publication, require_publication
from cakupan.reports import parse_period
from cakupan.reports.render import quarterly_write
from cakupan.serving import dashboard_for
from cakupan_web.access import access_permission
from cakupan_web.api import schemas
from cakupan_web.api.auth import TokenAuth
from cakupan_web.imports import selectors as upload_selectors
from cakupan_web.imports import services as upload_services
from cakupan_web.imports.models import Upload
from cakupan_web.scoping import access_scope, scope_dimensions
from cakupan_web.worklists import services as visit_services
from cakupan_web.worklists.models import Visit

api = NinjaAPI(
    title="Cakupan API",
    version="1",
    description="Employment social security coverage of a regency, as each user may see it.",
    urls_namespace="api",
    auth=TokenAuth(),
)
ERRORS: dict[int | frozenset[int], Any] = {frozenset({400, 401, 403, 404, 409, 413, 422, 429}):
                                            schemas.ErrorOut}  # fmt: skip


@api.exception_handler(CakupanError)
def cakupan_error(request: HttpRequest, error: CakupanError) -> HttpResponse:
    language = "en" if "en" in request.headers.get("Accept-Language", "")[:2] else "id"
    return api.create_response(
        request, {"code": error.code, "message": error.message_in(language)},
        status=error.http_status,
    )  # fmt: skip


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A request the document does not allow: which fields, in the catalogue's words."""
    fields = ", ".join(
        ".".join(str(part) for part in item.get("loc", ())[1:]) or "body" for item in error.errors
    )
    return cakupan_error(request, InputError("api.invalid_request", fields=fields or "–"))


def _row(row: Any) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}


Breakdown = Literal["regency", "kabupaten", "kecamatan", "desa", "segment", "membership"]
# The source types as the document's choices (the library's: a test keeps them equal).
SourceTypeName = Enum(  # type: ignore[misc]
    "SourceTypeName", {name.replace("-", "_"): name for name in SOURCE_TYPES}, type=str
)


@api.get("/coverage", response={200: list[schemas.CoverageRowOut], **ERRORS}, tags=["coverage"])
def coverage(request: HttpRequest, by: Breakdown = "regency", period: str | None = None) -> Any:
    """Coverage (UCJ = active persons ÷ working population) by area, segment list or kind of
    membership, as published, within the user's scope; with ``period`` (``2023Q1``,
    ``2023-03``), the figures of the latest data inside it (as ``cakupan coverage
    --period``). An area's scope gets its areas' rows."""
    scope = access_scope(user=request.user)
    publication = require_publication(settings.CAKUPAN.data_dir)
    if period:
        if not scope.regency and by not in ("kecamatan", "desa"):
            raise CakupanError("access.out_of_scope", what=f"coverage by {by}", who=scope.who)
        with open_publication(publication) as wh:  # the CLI's own report, on the published data
            report = coverage_report(wh, by=by, period=period[:16])
        return [_row(r) for r in report.rows
                if scope.regency or (r.area_code and scope.covers(r.area_code))]  # fmt: skip
    data = dashboard_for(dashboard_read(publication), scope)
    if by == "regency":
        o = data.overview
        return [{"level": "regency", "area_code": o.area_code, "active_persons": o.active_persons,
                 "denominator": o.denominator, "ucj": o.ucj}]  # fmt: skip
    if by == "membership":
        return [_row(m) for m in data.overview.memberships]
    if by == "kabupaten" and not data.kabupaten and scope.regency:  # as `cakupan coverage`
        raise InputError("coverage.not_a_province", area=data.overview.area_code)
    rows = {"kabupaten": data.kabupaten, "kecamatan": data.kecamatan, "desa": data.desa,
            "segment": data.segments}[by]  # fmt: skip
    if by != "segment" and data.unallocated is not None:  # members of no known area
        rows = (*rows, data.unallocated)
    return [_row(r) for r in rows]


@api.get("/gap", response={200: schemas.GapOut, **ERRORS}, tags=["coverage"])
def gap(request: HttpRequest) -> Any:
    """The year's target, the gap in persons and the pace needed, with the forecast."""
    scope = access_scope(user=request.user)
    data = dashboard_for(dashboard_read(require_publication(settings.CAKUPAN.data_dir)), scope)
    return _row(data.gap)


@api.get("/progress", response={200: schemas.ProgressOut, **ERRORS}, tags=["coverage"])
def progress(request: HttpRequest) -> Any:
    """UCJ at every kept date, with the gap to the target."""
    scope = access_scope(user=request.user)
    data = progress_read(require_publication(settings.CAKUPAN.data_dir), scope=scope)
    return {"gap": _row(data.gap), "history": [_row(p) for p in data.history]}


@api.get("/areas/{code}", response={200: schemas.AreaOut, **ERRORS}, tags=["coverage"])
def area(request: HttpRequest, code: str) -> Any:
    """One kecamatan or desa of the user's scope: coverage, its desa, who is unprotected
    there (counts). Another area is not found."""
    scope = access_scope(user=request.user)
    profile = area_profile(
        require_publication(settings.CAKUPAN.data_dir), scope=scope, code=code[:32]
    )
    figure = profile.figure
    return {
        "code": profile.code, "name": profile.name, "level": profile.level,
        "parent_code": profile.parent_code, "active_persons": figure.active_persons,
        "denominator": figure.denominator, "ucj": figure.ucj,
        "unprotected": profile.unprotected, "lapsed": profile.lapsed,
        "children": [{"code": c.code, "name": c.name, "active_persons": c.active_persons,
                      "denominator": c.denominator, "ucj": c.ucj} for c in profile.children],
        "by_occupation": [_row(c) for c in profile.by_occupation],
        "by_age": [_row(c) for c in profile.by_age],
    }  # fmt: skip


Text = Annotated[str, Field(max_length=64)]


class WorklistQuery(Schema):
    desa: Text | None = None
    kecamatan: Text | None = None
    segment: Text | None = None
    partner: Text | None = None
    rt: Text | None = None
    rw: Text | None = None
    occupation: Text | None = None
    age: Literal["15-24", "25-34", "35-44", "45-54", "55-64", "65+"] | None = None
    order: Literal["priority", "address", "oldest", "youngest", "name"] = "priority"
    offset: int = Field(0, ge=0, le=people.MAX_OFFSET)
    limit: int = Field(50, ge=1, le=people.MAX_PAGE)


@api.get("/worklists", response={200: schemas.WorklistOut, **ERRORS}, tags=["worklists"])
def worklist(request: HttpRequest, query: Query[WorklistQuery]) -> Any:
    """The unprotected working people of the user's scope — of one desa, kecamatan or list
    when asked — a page at a time (lapsed members first; NIKs masked unless the role sees
    them; every page audited)."""
    scope = access_scope(user=request.user)
    fields = query.dict()
    order, offset, limit = fields.pop("order"), fields.pop("offset"), fields.pop("limit")
    which = people.WorklistFilter(
        **{k: str(v)[:64] if v else None for k, v in fields.items()}  # type: ignore[arg-type]
    )
    data_dir = settings.CAKUPAN.data_dir
    page = people.worklist_page(
        require_publication(data_dir), scope=scope, which=which, data_dir=data_dir,
        offset=offset, limit=limit, order=order,
    )  # fmt: skip
    return {"total": page.total, "offset": page.offset, "limit": page.limit,
            "masked": page.masked, "persons": [_row(p) for p in page.rows]}  # fmt: skip


@api.post("/visits", response={201: schemas.VisitOut, **ERRORS}, tags=["worklists"])
def visit(request: HttpRequest, body: schemas.VisitIn) -> Any:
    """Record a visit to a person of the user's work lists (as the web's visit form)."""
    scope = access_scope(user=request.user)
    if not access_permission(user=request.user, permission="visits.record"):
        raise CakupanError("access.not_allowed", what="visits")
    data_dir = settings.CAKUPAN.data_dir
    fields = body.dict()
    key = fields.pop("person_key")[:32]
    with django_scopes.scope(**scope_dimensions(scope)):
        made = visit_services.visit_record(
            scope=scope, user=request.user, person_key=key, data=VisitOutcome(**fields),
            publication=require_publication(data_dir), data_dir=data_dir,
        )  # fmt: skip
    return Status(201, {"id": made.pk, "person_key": made.person_key, "outcome": made.outcome,
                        "visited_on": made.visited_on, "desa_code": made.desa_code})  # fmt: skip


class VisitQuery(Schema):
    desa: Text | None = None
    person_key: Text | None = None
    limit: int = Field(100, ge=1, le=500)


@api.get("/visits", response={200: list[schemas.VisitOut], **ERRORS}, tags=["worklists"])
def visits(request: HttpRequest, query: Query[VisitQuery]) -> Any:
    """The latest visits recorded within the user's scope (of one desa or person when
    asked): who was visited (their key in the work lists), the outcome and the date."""
    scope = access_scope(user=request.user)
    if not scope.persons:
        raise CakupanError("access.persons_hidden", who=scope.who)
    with django_scopes.scope(**scope_dimensions(scope)):
        found = Visit.objects.order_by("-recorded_at")
        if query.desa:
            found = found.filter(desa_code=query.desa)
        if query.person_key:
            found = found.filter(person_key=query.person_key)
        return [{"id": v.pk, "person_key": v.person_key, "outcome": v.outcome,
                 "visited_on": v.visited_on, "desa_code": v.desa_code}
                for v in found[: query.limit]]  # fmt: skip


def _upload(record: Upload) -> dict[str, Any]:
    result = record.result or {}
    return {
        "id": str(record.id), "file_name": record.file_name, "source_type": record.source_type,
        "state": record.state, "step": record.step, "error_code": record.error_code,
        "snapshot_id": result.get("snapshot_id"), "ucj_before": result.get("ucj_before"),
        "ucj_after": result.get("ucj_after"),
    }  # fmt: skip


@api.get("/uploads/{upload_id}", response={200: schemas.UploadOut, **ERRORS}, tags=["uploads"])
def upload_get(request: HttpRequest, upload_id: str) -> Any:
    """An upload's state (checking, checked, importing, imported, failed) and its counts."""
    record = upload_selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    scope = access_scope(user=request.user)
    out = _upload(record)
    check = upload_selectors.upload_check_get(
        upload=record, scope=scope, data_dir=settings.CAKUPAN.data_dir
    )
    if check is not None:
        out.update(rows_read=check.rows_read, accepted=check.accepted, rejected=check.rejected,
                   importable=check.importable)  # fmt: skip
    return out


@api.post("/uploads", response={201: schemas.UploadOut, **ERRORS}, tags=["uploads"])
def upload_create(
    request: HttpRequest,
    source_type: Form[SourceTypeName],
    file: File[UploadedFile],
    segment: str = FormField("", pattern=schemas.PRINTABLE),
    partner: str = FormField("", pattern=schemas.PRINTABLE),
    desa: str = FormField("", pattern=schemas.PRINTABLE),
) -> Any:
    """Upload a file to import (the check starts at once; confirm it when it is checked)."""
    if not access_permission(user=request.user, permission="data.load"):
        raise CakupanError("access.not_allowed", what="imports")
    record = upload_services.upload_create(
        user=request.user,
        options=upload_services.UploadOptions(source_type=source_type.value, segment=segment[:60],
                                              partner=partner[:100], desa=desa[:100]),
        upload=file, data_dir=settings.CAKUPAN.data_dir, max_mib=settings.CAKUPAN.max_file_mib,
    )  # fmt: skip
    record.refresh_from_db()
    return Status(201, _upload(record))


@api.post("/uploads/{upload_id}/confirm", response={202: schemas.UploadOut, **ERRORS},
          tags=["uploads"])  # fmt: skip
def upload_confirm(request: HttpRequest, upload_id: str) -> Any:
    """Import a checked upload (a job: poll the upload until it is imported)."""
    record = upload_selectors.access_upload_by_id(user=request.user, upload_id=upload_id)
    upload_services.upload_confirm(upload=record, user=request.user)
    record.refresh_from_db()
    return Status(202, _upload(record))


@api.get("/reports/quarterly", response={200: None, **ERRORS}, tags=["reports"])
def report_quarterly(
    request: HttpRequest,
    period: str,
    format: Literal["pdf", "xlsx"] = "pdf",
    lang: Literal["id", "en"] = "id",
) -> HttpResponse:
    """The quarterly UCJ report (PDF or XLSX) of the user's scope."""
    scope = access_scope(user=request.user)
    with tempfile.TemporaryDirectory(prefix="cakupan-api-") as folder:
        out = Path(folder) / f"report.{format}"
        quarterly_write(
            require_publication(settings.CAKUPAN.data_dir), out, scope=scope,
            period=parse_period(period[:16]), language=lang, file_format=format,
        )  # fmt: skip
        data = out.read_bytes()
    kind = (
        "application/pdf"
        if format == "pdf"
        else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="laporan-ucj.{format}"'
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(request, {"code": "not_found", "message": "Not found."}, status=404)
