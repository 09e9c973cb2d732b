"""The quarterly report as a document: a PDF typeset with Typst (offline; the typst wheel
carries its own fonts) or an XLSX with one sheet per table, real numbers and native charts.

Every figure is the report's (:class:`cakupan.reports.quarterly.QuarterlyReport`), written
the Indonesian way (``1.234``, ``29,97 %``, ``Rp16.800``, ``31 Maret 2023``) in the PDF and
as numbers in the XLSX (formatted by the cell, never text).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cakupan.figures import desa_map_svg, trend_svg
from cakupan.formatting import format_number, format_percent, format_rupiah
from cakupan.reports.periods import Period, format_date
from cakupan.reports.quarterly import QuarterlyReport, quarterly_report
from cakupan.reports.typeset import FORMATS, labels, output_format, typeset, typeset_pdf
from cakupan.scope import Scope

__all__ = [
    "FORMATS",
    "labels",
    "quarterly_pages",
    "quarterly_pdf",
    "quarterly_write",
    "quarterly_xlsx",
]


def _forecast(report: QuarterlyReport) -> tuple[str, float, float, float] | None:
    gap = report.gap
    if gap.forecast is None or not gap.denominator:
        return None
    low, high = gap.forecast.year_end_range
    expected = gap.forecast.year_end_active_persons
    return (f"{gap.year}-12-31", low / gap.denominator, expected / gap.denominator,
            high / gap.denominator)  # fmt: skip


def _document(report: QuarterlyReport, language: str) -> dict[str, Any]:
    """What the Typst template reads: every figure already written as text."""
    words = labels(language)
    gap, overview = report.gap, report.overview
    forecast = _forecast(report)
    kecamatan = [
        [k.name or k.area_code, format_number(k.active_persons), format_number(k.denominator),
         format_percent(k.ucj)]
        for k in report.kecamatan
    ]  # fmt: skip
    active_total = sum(k.active_persons for k in report.kecamatan)
    if report.unallocated is not None:
        kecamatan.append(
            [words["unallocated"], format_number(report.unallocated.active_persons), "", ""]
        )
        active_total += report.unallocated.active_persons
    return {
        "l": words,
        "lang": "en" if language == "en" else "id",
        "regency": report.regency_name,
        "period": report.period.label(language),
        "as_of": format_date(report.as_of, language),
        "published": format_date(report.published_at[:10] or None, language),
        "today": format_date(dt.date.today(), language),
        "scope": words["whole_regency"] if report.regency_wide else report.scope_label,
        "headline": {
            "ucj": format_percent(overview.ucj),
            "active": format_number(overview.active_persons),
            "working": format_number(overview.denominator),
            "target": format_percent(gap.target, 0),
            "target_year": str(gap.year),
            "gap": format_number(gap.gap_persons),
            "pace": format_number(gap.monthly_pace_needed),
            "months_left": str(gap.months_left),
            "forecast": None
            if forecast is None
            else (
                f"{format_percent(forecast[2])} ({format_percent(forecast[1], 1)}–"
                f"{format_percent(forecast[3], 1)})"
            ),
        },
        "sources": [
            [
                words.get("source_" + s.source_type.replace("-", "_"), s.source_type),
                format_number(s.files),
                format_date(s.as_of, language),
            ]
            for s in report.sources
        ],
        "kecamatan": kecamatan,
        "kecamatan_total": [
            words["total"],
            format_number(active_total),
            format_number(overview.denominator),
            format_percent(overview.ucj),
        ],
        "memberships": [
            [m.membership, format_number(m.active_persons), format_percent(m.ucj)]
            for m in report.memberships
        ],
        "segments": [
            [
                s.segment or "",
                format_number(s.persons),
                format_number(s.active_persons),
                format_percent(s.ucj),
            ]
            for s in report.segments
            if s.list_key is None
        ],
        "lapsed": None
        if report.lapsed is None
        else {
            "persons": format_number(report.lapsed.persons),
            "cost": format_rupiah(report.lapsed.monthly_cost_total),
        },
        "compliance": None
        if report.compliance is None
        else {
            "checked": format_number(report.compliance.companies_checked),
            "non_compliant": format_number(report.compliance.non_compliant),
            "potential": format_rupiah(report.compliance.potential_monthly_total),
        },
        "payers": [
            [
                p.payer_type,
                format_number(p.pledges),
                format_rupiah(p.budget),
                format_number(p.persons),
                format_rupiah(p.spent),
            ]
            for p in report.payers
        ],
        "payers_total": [
            words["total"],
            format_number(sum(p.pledges for p in report.payers)),
            format_rupiah(sum(p.budget for p in report.payers)),
            format_number(sum(p.persons for p in report.payers)),
            format_rupiah(sum(p.spent for p in report.payers)),
        ],
        "activity": {
            "payouts": format_number(report.payouts_records),
            "amount": format_rupiah(report.payouts_amount),
            "cards": format_number(report.cards),
            "events": format_number(report.events),
        },
    }


def quarterly_pdf(report: QuarterlyReport, *, language: str = "id") -> bytes:
    """The report as a PDF (A4), typeset by Typst from ``data/reports/quarterly.typ``."""
    return typeset_pdf("quarterly", _document(report, language), files=_pictures(report, language))


def quarterly_pages(
    report: QuarterlyReport, *, language: str = "id", ppi: int = 110
) -> list[bytes]:
    """The report's pages as PNG images (for a preview, or the documentation)."""
    pages = typeset(
        "quarterly", _document(report, language), files=_pictures(report, language),
        file_format="png", ppi=ppi,
    )  # fmt: skip
    return pages if isinstance(pages, list) else [pages]


def _pictures(report: QuarterlyReport, language: str) -> dict[str, str]:
    """The desa map and the trend, as the SVG files the template places."""
    ucj_by_desa = {r.area_code: r.ucj for r in report.desa if r.area_code}
    points = [(p.as_of, p.ucj) for p in report.history]
    return {
        "map.svg": desa_map_svg(
            report.regency, ucj_by_desa, report.gap.target,
            title=f"UCJ {format_date(report.as_of, language)}",
            reached=labels(language)["target_reached"], no_map=labels(language)["no_map"],
        ),
        "trend.svg": trend_svg(points, report.gap.target, forecast=_forecast(report)),
    }  # fmt: skip


def quarterly_xlsx(report: QuarterlyReport, out: Path, *, language: str = "id") -> Path:
    """The report as an XLSX: one sheet per table with numbers as numbers, totals that add
    up (as formulas' results written as values: no live formula in an export), and native
    charts (UCJ by kecamatan, UCJ over time)."""
    from cakupan.reports.workbook import write_quarterly_workbook

    return write_quarterly_workbook(report, out, words=labels(language), language=language)


def quarterly_write(
    publication: Path,
    out: Path,
    *,
    scope: Scope,
    period: Period,
    language: str = "id",
    file_format: str | None = None,
) -> QuarterlyReport:
    """Write the quarterly report of ``period`` within ``scope`` to ``out`` as PDF or XLSX
    (``file_format``, else ``out``'s suffix) and return its figures.

    Example (after ``cakupan demo``)::

        quarterly_write(require_publication(data_dir), Path("ucj-2023q1.pdf"),
                        scope=Scope.whole_regency("dinas"), period=parse_period("2023Q1"))
    """
    chosen = output_format(out, file_format)
    report = quarterly_report(publication, scope=scope, period=period)
    if chosen == "pdf":
        out.write_bytes(quarterly_pdf(report, language=language))
    else:
        quarterly_xlsx(report, out, language=language)
    return report
