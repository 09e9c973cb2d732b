"""The KUR report and the Inpres 2/2021 progress report as documents: a PDF of tables
(``data/reports/tables.typ``) or an XLSX (one sheet per table, numbers as numbers, totals).

Example (after ``cakupan demo``)::

    kur_write(require_publication(data_dir), Path("kur-bri.pdf"), scope=scope,
              period=parse_period("2023Q1"), data_dir=data_dir, bank="BRI")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cakupan import areas
from cakupan.formatting import format_number, format_percent, format_rupiah
from cakupan.reports.inpres import InpresReport, inpres_report
from cakupan.reports.kur import KurReport, kur_report, log_debtors
from cakupan.reports.periods import Period, format_date
from cakupan.reports.quarterly import PayerType
from cakupan.reports.typeset import labels, output_format, typeset_pdf
from cakupan.reports.workbook import (
    NUMBER,
    PERCENT,
    RUPIAH,
    bold_last,
    fraction,
    new_workbook,
    write_sheet,
)
from cakupan.scope import Scope

__all__ = ["inpres_write", "kur_write"]


def _section(
    title: str,
    header: list[str],
    rows: list[list[str]],
    *,
    total: list[str] | None = None,
    text: str | None = None,
    note: str | None = None,
    left: tuple[int, ...] = (),
) -> dict[str, Any]:
    return {
        "title": title,
        "header": header,
        "rows": rows,
        "total": total,
        "text": text,
        "note": note,
        "left": list(left),
    }


def _cover(
    words: dict[str, str],
    regency: str,
    language: str,
    title: str,
    subtitle: str,
    period: str,
    facts: list[str],
) -> dict[str, Any]:
    return {
        "lang": "en" if language == "en" else "id",
        "regency": areas.get(regency).name.title(),
        "title": title,
        "subtitle": subtitle,
        "period": period,
        "facts": facts,
        "today": format_date(dt.date.today(), language),
        "page_word": words["page"],
        "none_word": words["none"],
        "sign": words["sign"],
        "sign_role": words["sign_role"],
    }


def _payer_rows(payers: tuple[PayerType, ...]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [p.payer_type, p.pledges, p.budget, p.spent, p.persons] for p in payers
    ]
    rows.append(["", *(sum(int(r[i]) for r in rows) for i in range(1, 5))])
    return rows


def kur_write(
    publication: Path,
    out: Path,
    *,
    scope: Scope,
    period: Period,
    data_dir: Path,
    bank: str | None = None,
    language: str = "id",
    file_format: str | None = None,
) -> KurReport:
    """Write the KUR report (PDF or XLSX); with ``bank``, its unprotected debtors listed
    (logged as an export)."""
    chosen = output_format(out, file_format)
    report = kur_report(publication, scope=scope, period=period, data_dir=data_dir, bank=bank)
    words = labels(language)
    since = (
        f"{words['new_since']} {format_date(report.previous_as_of, language)}"
        if report.previous_as_of
        else words["new_since"]
    )
    header = [
        words["bank"],
        words["debtors"],
        words["protected"],
        words["unprotected"],
        words["share"],
        since,
    ]
    lines = [
        [b.bank, b.debtors, b.protected, b.unprotected, fraction(b.share), b.new_since]
        for b in report.banks
    ]
    t = report.total
    total = [words["total"], t.debtors, t.protected, t.unprotected, fraction(t.share), t.new_since]
    person_header = [
        words["nik"],
        words["name"],
        words["desa"],
        words["rt_rw"],
        words["occupation"],
    ]
    persons = [
        [
            p.nik or "",
            p.name or "",
            p.desa_code or "",
            f"{p.rt or ''}/{p.rw or ''}",
            p.occupation or "",
        ]
        for p in report.debtors
    ]
    if chosen == "pdf":

        def text(row: list[Any]) -> list[str]:
            return [
                row[0],
                *(format_number(v) for v in row[1:4]),
                format_percent(row[4]),
                format_number(row[5]) if row[5] is not None else words["no_previous"],
            ]

        sections = [_section(words["banks"], header, [text(r) for r in lines], total=text(total))]
        if report.bank:
            sections.append(
                _section(
                    f"{words['debtor_list']} — {report.bank}",
                    person_header,
                    persons,
                    note=words["debtor_note"],
                    left=(1, 2, 3, 4),
                )
            )
        document = _cover(
            words,
            report.regency,
            language,
            words["kur_title"],
            words["kur_subtitle"],
            report.period.label(language),
            [f"{words['as_of']}: {format_date(report.as_of, language)}"],
        )
        document["sections"] = sections
        out.write_bytes(typeset_pdf("tables", document))
    else:
        book = new_workbook()
        sheet = write_sheet(
            book,
            words["banks"],
            header,
            [*lines, total],
            (None, NUMBER, NUMBER, NUMBER, PERCENT, NUMBER),
        )
        bold_last(sheet)
        if report.bank:
            write_sheet(book, words["debtor_list"], person_header, persons, ())
        book.save(out)
    log_debtors(report, out=out, data_dir=data_dir, scope=scope)
    return report


def inpres_write(
    publication: Path,
    out: Path,
    *,
    scope: Scope,
    year: int,
    language: str = "id",
    file_format: str | None = None,
) -> InpresReport:
    """Write the Inpres 2/2021 progress report of ``year`` (PDF or XLSX)."""
    chosen = output_format(out, file_format)
    report = inpres_report(publication, scope=scope, year=year, language=language)
    words = labels(language)
    header = [
        words["ecosystem"],
        words["lists"],
        words["persons"],
        words["protected"],
        words["unprotected"],
        words["share"],
    ]
    lines = [
        [
            e.name,
            ", ".join(e.lists) or words["not_listed"],
            e.persons,
            e.protected,
            e.unprotected,
            fraction(e.share),
        ]
        for e in report.ecosystems
    ]
    budget_header = [
        words["payer_type"],
        words["pledges"],
        words["budget"],
        words["spent"],
        words["covered"],
    ]
    budget = _payer_rows(report.payers)
    budget[-1][0] = words["total"]
    if chosen == "pdf":

        def text(row: list[Any]) -> list[str]:
            return [row[0], row[1], *(format_number(v) for v in row[2:5]), format_percent(row[5])]

        def money(row: list[Any]) -> list[str]:
            return [
                row[0],
                format_number(row[1]),
                format_rupiah(row[2]),
                format_rupiah(row[3]),
                format_number(row[4]),
            ]

        document = _cover(
            words,
            report.regency,
            language,
            words["inpres_title"],
            words["inpres_subtitle"],
            f"{words['year']} {report.year}",
            [f"{words['as_of']}: {format_date(report.as_of, language)}"],
        )
        document["sections"] = [
            _section(
                words["ecosystems"],
                header,
                [text(r) for r in lines],
                note=words["ecosystem_note"],
                left=(1,),
            ),
            _section(
                words["budget_title"],
                budget_header,
                [money(r) for r in budget[:-1]],
                total=money(budget[-1]),
            ),
        ]
        out.write_bytes(typeset_pdf("tables", document))
    else:
        book = new_workbook()
        write_sheet(
            book, words["ecosystems"], header, lines, (None, None, NUMBER, NUMBER, NUMBER, PERCENT)
        )
        sheet = write_sheet(
            book,
            words["budget_title"],
            budget_header,
            budget,
            (None, NUMBER, RUPIAH, RUPIAH, NUMBER),
        )
        bold_last(sheet)
        book.save(out)
    return report
