"""The quarterly report as a workbook: one sheet per table, numbers stored as numbers with
an Indonesian display format, totals written as values that add up (no live formula: an
export never holds one), and native Excel charts that read the sheets' cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cakupan._tables import DANGEROUS_START
from cakupan.reports.periods import format_date
from cakupan.reports.quarterly import QuarterlyReport

__all__ = ["bold_last", "fraction", "new_workbook", "write_quarterly_workbook", "write_sheet"]

NUMBER, RUPIAH, PERCENT = "#,##0", '"Rp"#,##0', "0.00%"


def write_sheet(
    book: Any,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None],
) -> Any:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    for column, number_format in enumerate(formats, start=1):
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = number_format
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return sheet


def fraction(value: float | None) -> float | None:
    """A fraction to six decimals (0.299692 shows as 29,97 %): enough for any display,
    and no 16-digit run that reads like a NIK."""
    return None if value is None else round(value, 6)


def _as_text(cell: Any) -> None:
    """A text cell stays text: ``=SUM(…)`` typed as a name is never run as a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(DANGEROUS_START):
            cell.quotePrefix = True


def new_workbook() -> Any:
    """An empty workbook (its default sheet removed: each table adds its own)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    return book


def bold_last(sheet: Any) -> None:
    from openpyxl.styles import Font

    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def write_quarterly_workbook(
    report: QuarterlyReport, out: Path, *, words: dict[str, str], language: str
) -> Path:
    """Write ``report`` to ``out`` (XLSX) in the language of ``words``."""
    from openpyxl.chart import BarChart, LineChart, Reference

    book = new_workbook()
    overview, gap = report.overview, report.gap
    summary = [
        (words["period"], report.period.label(language), None),
        (words["as_of"], format_date(report.as_of, language), None),
        (
            words["scope"],
            words["whole_regency"] if report.regency_wide else report.scope_label,
            None,
        ),
        (words["ucj"], fraction(overview.ucj), PERCENT),
        (words["active"], overview.active_persons, NUMBER),
        (words["working"], overview.denominator, NUMBER),
        (f"{words['target']} {gap.year}", fraction(gap.target), PERCENT),
        (words["gap"], gap.gap_persons, NUMBER),
        (words["pace"], gap.monthly_pace_needed, NUMBER),
        (words["months_left"], gap.months_left, NUMBER),
    ]
    if gap.forecast is not None:
        summary.append((words["forecast"], gap.forecast.year_end_active_persons, NUMBER))
    sheet = write_sheet(
        book, words["headline"], ("", report.regency_name), [r[:2] for r in summary], ()
    )
    for row, (_, _, number_format) in enumerate(summary, start=2):
        if number_format:
            sheet.cell(row, 2).number_format = number_format
    # Coverage by kecamatan, with the participants of no area, adding up to the headline.
    rows: list[list[Any]] = [
        [k.area_code, k.name, k.active_persons, k.denominator, fraction(k.ucj)]
        for k in report.kecamatan
    ]
    if report.unallocated is not None:
        rows.append(["", words["unallocated"], report.unallocated.active_persons, None, None])
    active_total = sum(int(r[2]) for r in rows)
    rows.append(["", words["total"], active_total, overview.denominator, fraction(overview.ucj)])
    sheet = write_sheet(
        book,
        words["kecamatan"],
        ("code", words["name"], words["active"], words["working"], "UCJ"),
        rows,
        (None, None, NUMBER, NUMBER, PERCENT),
    )
    bold_last(sheet)
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "bar", words["kecamatan"], "UCJ"
    chart.y_axis.number_format = "0%"
    count = len(report.kecamatan)
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=count + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=count + 1))
    chart.height, chart.width = 12, 18
    sheet.add_chart(chart, "H2")
    write_sheet(
        book,
        "Desa",
        ("code", words["name"], "kecamatan", words["active"], words["working"], "UCJ"),
        [
            [d.area_code, d.name, d.parent_code, d.active_persons, d.denominator, fraction(d.ucj)]
            for d in report.desa
        ],
        (None, None, None, NUMBER, NUMBER, PERCENT),
    )
    sheet = write_sheet(
        book,
        words["trend"],
        (words["as_of"], words["active"], words["working"], "UCJ"),
        [[p.as_of, p.active_persons, p.denominator, fraction(p.ucj)] for p in report.history],
        (None, NUMBER, NUMBER, PERCENT),
    )
    line = LineChart()
    line.title, line.y_axis.title, line.y_axis.number_format = words["trend"], "UCJ", "0%"
    points = len(report.history)
    line.add_data(Reference(sheet, min_col=4, min_row=1, max_row=points + 1), titles_from_data=True)
    line.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=points + 1))
    sheet.add_chart(line, "F2")
    write_sheet(
        book,
        words["memberships"],
        (words["membership"], words["active"], "UCJ"),
        [[m.membership, m.active_persons, fraction(m.ucj)] for m in report.memberships],
        (None, NUMBER, PERCENT),
    )
    write_sheet(
        book,
        words["segments"],
        (words["segment"], words["partner"], words["persons"], words["active"], "UCJ"),
        [
            [
                s.segment,
                s.partner if s.list_key else "",
                s.persons,
                s.active_persons,
                fraction(s.ucj),
            ]
            for s in report.segments
        ],
        (None, None, NUMBER, NUMBER, PERCENT),
    )
    payers: list[list[Any]] = [
        [p.payer_type, p.pledges, p.budget, p.persons, p.spent] for p in report.payers
    ]
    payers.append([words["total"], *(sum(int(r[i]) for r in payers) for i in range(1, 5))])
    sheet = write_sheet(
        book,
        words["payers"],
        (words["payer_type"], words["pledges"], words["budget"], words["covered"], words["spent"]),
        payers,
        (None, NUMBER, RUPIAH, NUMBER, RUPIAH),
    )
    bold_last(sheet)
    other: list[tuple[str, Any, str]] = [
        (words["payouts"], report.payouts_records, NUMBER),
        (words["payouts_amount"], report.payouts_amount, RUPIAH),
        (words["cards"], report.cards, NUMBER),
        (words["events"], report.events, NUMBER),
    ]
    if report.lapsed is not None:
        other += [
            (words["lapsed_persons"], report.lapsed.persons, NUMBER),
            (words["lapsed_cost"], report.lapsed.monthly_cost_total, RUPIAH),
        ]
    if report.compliance is not None:
        other += [
            (words["companies_checked"], report.compliance.companies_checked, NUMBER),
            (words["non_compliant"], report.compliance.non_compliant, NUMBER),
            (words["potential"], report.compliance.potential_monthly_total, RUPIAH),
        ]
    sheet = write_sheet(book, words["activity"], ("", ""), [r[:2] for r in other], ())
    for row, (_, _, number_format) in enumerate(other, start=2):
        sheet.cell(row, 2).number_format = number_format
    write_sheet(
        book,
        words["sources"],
        (words["source"], words["files"], words["as_of"]),
        [
            [
                words.get("source_" + s.source_type.replace("-", "_"), s.source_type),
                s.files,
                s.as_of,
            ]
            for s in report.sources
        ],
        (None, NUMBER, None),
    )
    write_sheet(book, words["method"], (words["method"],), [[words["method_text"]]], ())
    book.save(out)
    return out
