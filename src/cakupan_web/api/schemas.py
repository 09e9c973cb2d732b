"""What the API answers: the library's typed results, as JSON schemas (pydantic, through
django-ninja), so that the OpenAPI document says exactly what each field is."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import StringConstraints

# Text a client sends that may be stored: no control characters (a tab or newline may stay),
# as Django's forms refuse a NUL: PostgreSQL cannot store one, and no field needs any.
PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Text = Annotated[str, StringConstraints(pattern=PRINTABLE)]


class ErrorOut(Schema):
    code: str
    message: str


class CoverageRowOut(Schema):
    """One line of a breakdown: an area (``level``), a segment list or a kind of membership."""

    level: str | None = None
    area_code: str | None = None
    name: str | None = None
    parent_code: str | None = None
    segment: str | None = None
    partner: str | None = None
    list_key: str | None = None  # a segment list (None: the segment's total)
    membership: str | None = None
    active_persons: int
    denominator: float | None = None
    ucj: float | None = None


class ForecastOut(Schema):
    active_persons_per_month: int
    year_end_active_persons: int
    year_end_range: tuple[int, int]


class GapOut(Schema):
    area_code: str
    year: int
    as_of: str
    active_persons: int
    denominator: int
    ucj: float
    target: float
    target_persons: int
    gap_persons: int
    months_left: int
    monthly_pace_needed: int
    forecast: ForecastOut | None = None


class PointOut(Schema):
    as_of: str
    active_persons: int
    denominator: int | None = None
    ucj: float | None = None


class ProgressOut(Schema):
    gap: GapOut
    history: list[PointOut]


class CountOut(Schema):
    label: str
    persons: int


class AreaChildOut(Schema):
    code: str
    name: str | None = None
    active_persons: int
    denominator: float | None = None
    ucj: float | None = None


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = None
    active_persons: int
    denominator: float | None = None
    ucj: float | None = None
    unprotected: int
    lapsed: int
    children: list[AreaChildOut]
    by_occupation: list[CountOut]
    by_age: list[CountOut]


class PersonOut(Schema):
    person_key: str
    nik: str | None = None  # masked unless the user's role sees whole NIKs
    name: str | None = None
    sex: str | None = None
    birth_date: str | None = None
    rt: str | None = None
    rw: str | None = None
    desa_code: str | None = None
    occupation: str | None = None
    segment: str | None = None
    partner: str | None = None
    lapsed_kpj: str | None = None


class WorklistOut(Schema):
    total: int
    offset: int
    limit: int
    masked: bool
    persons: list[PersonOut]


class VisitIn(Schema):
    person_key: Text
    outcome: Text
    visited_on: dt.date
    kpj: Text = ""
    payer: Text = ""
    reason: Text = ""
    new_address: Text = ""
    revisit_on: dt.date | None = None
    note: Text = ""


class VisitOut(Schema):
    id: int
    person_key: str
    outcome: str
    visited_on: dt.date
    desa_code: str


class UploadOut(Schema):
    id: str
    file_name: str
    source_type: str
    state: str
    step: str
    rows_read: int | None = None
    accepted: int | None = None
    rejected: int | None = None
    importable: bool | None = None
    error_code: str = ""
    snapshot_id: int | None = None
    ucj_before: float | None = None
    ucj_after: float | None = None
