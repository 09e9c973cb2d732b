"""Work lists on paper and back: an XLSX an officer fills in the field (a dropdown for the
outcome of each visit), and the reading of the filled file, row by row, within limits.

The outcome codes and their labels are data here; the web app records them as visits
(``cakupan_web.worklists``). A filled file is hostile like any other: it is read by the
importer's reader (:func:`cakupan.ingest.readers.read_file`, in a child process held to the
limits), every bad cell is a finding naming its row and column, and nothing is lost.

Example:
    >>> outcome_code("Menolak"), outcome_code("not_found"), outcome_code("?")
    ('refused', 'not_found', None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cakupan._tables import DANGEROUS_START
from cakupan.errors import CakupanError, InputError
from cakupan.identity.dates import parse_date
from cakupan.ingest.limits import Limits

__all__ = [
    "EXPORTED_AT",
    "FOLLOWUP_COLUMNS",
    "OUTCOMES",
    "FollowupFile",
    "FollowupFinding",
    "FollowupRow",
    "VisitOutcome",
    "check_visit",
    "outcome_code",
    "read_followup",
    "write_followup",
]

# Code: (Bahasa Indonesia, English). The dropdown offers the Indonesian labels; a file
# filled with codes or English labels is read as well.
OUTCOMES: dict[str, tuple[str, str]] = {
    "registered": ("terdaftar", "registered"),
    "already_member": ("sudah peserta", "already a member"),
    "refused": ("menolak", "refused"),
    "moved": ("pindah", "moved"),
    "died": ("meninggal", "died"),
    "not_working": ("tidak bekerja", "not working"),
    "not_found": ("tidak ditemukan", "not found"),
    "revisit": ("kunjungi lagi", "revisit"),
}
FOLLOWUP_COLUMNS = (
    "outcome", "visited_on", "kpj", "payer", "reason", "new_address", "revisit_on", "note",
)  # fmt: skip
_SHEET, _ABOUT = "daftar kerja", "tentang"
EXPORTED_AT = "exported_at"  # when the list was downloaded (a CSV: a column; XLSX: "about")


def outcome_code(text: str | None) -> str | None:
    """The outcome code of a cell (a code, or its Indonesian or English label), or None."""
    wanted = " ".join((text or "").strip().lower().replace("_", " ").split())
    for code, labels in OUTCOMES.items():
        if wanted in (code.replace("_", " "), *labels):
            return code
    return None


def write_followup(
    path: Path, persons: Sequence[Any], *, columns: Sequence[str], exported_at: str, scope: str
) -> Path:
    """An XLSX of ``persons`` (rows with ``columns``) with empty follow-up columns, a dropdown
    of outcomes and date cells, and an "about" sheet with the export time (a file filled
    after someone recorded a visit in the web is reported as a conflict on its return)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _SHEET
    header = [*columns, *FOLLOWUP_COLUMNS]
    sheet.append(header)
    for person in persons:
        cells = [getattr(person, c) for c in columns]
        sheet.append([*cells, *([None] * len(FOLLOWUP_COLUMNS))])
    _as_text(sheet)
    last = max(2, len(persons) + 1)
    first_col = len(columns) + 1

    def letter(offset: int) -> str:
        from openpyxl.utils import get_column_letter

        return str(get_column_letter(first_col + offset))

    labels = ",".join(label for label, _ in OUTCOMES.values())
    choice = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    choice.error, choice.prompt = "Pilih dari daftar", "Hasil kunjungan"
    choice.add(f"{letter(0)}2:{letter(0)}{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    dates.error = "Tanggal (dd/mm/yyyy)"
    for name in ("visited_on", "revisit_on"):
        column = letter(FOLLOWUP_COLUMNS.index(name))
        dates.add(f"{column}2:{column}{last}")
        for row in range(2, last + 1):
            sheet[f"{column}{row}"].number_format = "DD/MM/YYYY"
    sheet.add_data_validation(choice)
    sheet.add_data_validation(dates)
    sheet.freeze_panes = "A2"
    about = book.create_sheet(_ABOUT)
    about.append(["key", "value"])
    about.append([EXPORTED_AT, exported_at])
    about.append(["scope", scope])
    about.append(["outcomes", labels])
    _as_text(about)
    book.save(path)
    path.chmod(0o600)
    return path


def _as_text(sheet: Any) -> None:
    """Every text cell stored as text (never a formula, whatever it starts with), shown as
    typed: the same rule as :func:`cakupan._tables.write_table`'s XLSX cells."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(DANGEROUS_START):
                    cell.quotePrefix = True


@dataclass(frozen=True)
class VisitOutcome:
    """What an officer reports of one visit (from the web form or a filled file)."""

    outcome: str
    visited_on: dt.date
    kpj: str = ""
    payer: str = ""
    reason: str = ""
    new_address: str = ""
    revisit_on: dt.date | None = None
    note: str = ""


def check_visit(visit: VisitOutcome, *, today: dt.date) -> None:
    """Refuse a report that cannot be recorded (``visit.*`` codes): an unknown outcome, an
    impossible date, or an outcome without what it must say."""
    if visit.outcome not in OUTCOMES:
        raise InputError("visit.bad_outcome", outcome=visit.outcome)
    if not dt.date(2000, 1, 1) <= visit.visited_on <= today:
        raise InputError("visit.bad_date", date=visit.visited_on.isoformat())
    if visit.outcome == "registered" and not visit.kpj:
        raise InputError("visit.kpj_required")
    if visit.outcome == "refused" and not visit.reason:
        raise InputError("visit.reason_required")
    if visit.outcome == "moved" and not visit.new_address:
        raise InputError("visit.address_required")
    if visit.outcome == "revisit" and not visit.revisit_on:
        raise InputError("visit.revisit_required")
    if visit.kpj and not (visit.kpj.isdigit() and 8 <= len(visit.kpj) <= 16):
        raise InputError("visit.bad_kpj", kpj=visit.kpj)
    if visit.revisit_on is not None and visit.revisit_on < visit.visited_on:
        raise InputError("visit.bad_date", date=visit.revisit_on.isoformat())


@dataclass(frozen=True)
class FollowupRow:
    """One filled row: a visit to record."""

    row_number: int
    person_key: str
    visit: VisitOutcome


@dataclass(frozen=True)
class FollowupFinding:
    """A cell that could not be read: its row and column as the user sees them."""

    row_number: int
    column: str
    value: str
    code: str  # a catalogue code (docs/errors.md)
    message: str


@dataclass(frozen=True)
class FollowupFile:
    file: str
    exported_at: str | None  # None: not a file this product wrote (no "about" sheet)
    rows: tuple[FollowupRow, ...]
    findings: tuple[FollowupFinding, ...]
    empty_rows: int  # rows without an outcome: not visited yet


def _exported_at(path: Path, limits: Limits) -> str | None:
    from cakupan.ingest.readers import read_file

    try:
        about = read_file(path, sheet=_ABOUT, limits=limits)
    except CakupanError:
        return None
    for values in _records(about):
        if values.get("key") == EXPORTED_AT:
            return values.get("value") or None
    return None


def _column_exported_at(raw: Any) -> str | None:
    """A CSV's export time: its ``exported_at`` column (the same on every row)."""
    for values in _records(raw):
        if values.get(EXPORTED_AT):
            return values[EXPORTED_AT]
    return None


def _records(raw: Any) -> list[dict[str, str]]:
    table = raw.table.to_pydict()
    names = raw.headers
    columns = [f"c{i}" for i in range(len(names))]
    count = len(table["row_number"])
    return [
        {"__row__": str(table["row_number"][i])}
        | {names[j].strip().lower(): (table[c][i] or "").strip() for j, c in enumerate(columns)}
        for i in range(count)
    ]


def read_followup(
    path: Path, *, limits: Limits | None = None, language: str = "id"
) -> FollowupFile:
    """The visits a filled work list holds, and a finding for every cell that cannot be read
    (the row is then left out, never half-read)."""
    from cakupan.ingest.readers import read_file

    limits = limits or Limits()
    wanted = {"person_key", *FOLLOWUP_COLUMNS}

    def score(cells: list[str]) -> int:
        return sum(1 for c in cells if c.strip().lower() in wanted)

    workbook = path.suffix.lower() != ".csv"
    raw = read_file(path, sheet=_SHEET if workbook else None, header_score=score, limits=limits)
    missing = {"person_key", "outcome", "visited_on"} - {h.strip().lower() for h in raw.headers}
    if missing:
        raise InputError("followup.not_ours", file=path.name, missing=", ".join(sorted(missing)))
    rows: list[FollowupRow] = []
    findings: list[FollowupFinding] = []
    empty = 0
    for values in _records(raw):
        if not values.get("outcome"):
            empty += 1
            continue
        read = _row(values, language)
        if isinstance(read, FollowupRow):
            rows.append(read)
        else:
            findings += read
    return FollowupFile(
        file=path.name,
        exported_at=_exported_at(path, limits) if workbook else _column_exported_at(raw),
        rows=tuple(rows),
        findings=tuple(findings),
        empty_rows=empty,
    )


def _row(values: dict[str, str], language: str) -> FollowupRow | list[FollowupFinding]:
    number = int(values["__row__"])
    problems: list[FollowupFinding] = []

    def fail(code: str, column: str, **params: object) -> None:  # a finding, not a raise
        text = CakupanError(code, **params).message_in(language)
        problems.append(FollowupFinding(number, column, values.get(column, ""), code, text))

    outcome = outcome_code(values["outcome"])
    if outcome is None:
        fail("followup.bad_outcome", "outcome", value=values["outcome"])
    dates: dict[str, dt.date | None] = {"visited_on": None, "revisit_on": None}
    for column in dates:
        text = values.get(column, "")
        if text:
            try:
                dates[column] = parse_date(text)
            except CakupanError:
                fail("followup.bad_date", column, value=text)
        elif column == "visited_on":
            fail("followup.no_date", column)
    if not values.get("person_key"):
        fail("followup.no_person", "person_key")
    visited = dates["visited_on"]
    if problems or outcome is None or visited is None:
        return problems
    texts = {name: values.get(name, "") for name in ("kpj", "payer", "reason", "new_address")}
    visit = VisitOutcome(
        outcome, visited, **texts, revisit_on=dates["revisit_on"], note=values.get("note", "")
    )
    return FollowupRow(number, values["person_key"], visit)
