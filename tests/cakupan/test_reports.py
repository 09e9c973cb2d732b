"""The quarterly report: every figure in the PDF (read back as text) and the XLSX (read back
as numbers) is the published figure; tables add up; an area's report holds its area only."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from cakupan.errors import InputError
from cakupan.formatting import format_number, format_percent, format_rupiah
from cakupan.publish import current_publication, dashboard_read
from cakupan.reports import Period, format_date, parse_period, quarterly_report
from cakupan.reports.render import quarterly_write
from cakupan.scope import Scope

REGENCY = Scope.whole_regency("test")


@pytest.fixture(scope="module")
def published(demo_build, demo_settings):
    publication = current_publication(demo_settings.data_dir)
    return publication, dashboard_read(publication)


@pytest.fixture(scope="module")
def period(published):
    return Period.of(dt.date.fromisoformat(published[1].gap.as_of[:10]))


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_figure_of_the_pdf_is_the_published_one(published, period, tmp_path):
    publication, dashboard = published
    out = tmp_path / "laporan.pdf"
    report = quarterly_write(publication, out, scope=REGENCY, period=period)
    text = _text(out)
    overview, gap = dashboard.overview, dashboard.gap
    for figure in (format_percent(overview.ucj), format_number(overview.active_persons),
                   format_number(overview.denominator), format_number(gap.gap_persons),
                   format_number(gap.monthly_pace_needed), period.label("id")):  # fmt: skip
        assert figure in text, figure
    lines = text.splitlines()
    for row in dashboard.kecamatan:  # one line per kecamatan: name, active, working, UCJ
        expected = (f"{row.name} {format_number(row.active_persons)} "
                    f"{format_number(row.denominator)} {format_percent(row.ucj)}")  # fmt: skip
        assert expected in lines, expected
    total = sum(r.active_persons for r in dashboard.kecamatan) + (
        dashboard.unallocated.active_persons if dashboard.unallocated else 0
    )
    assert total == overview.active_persons  # the kecamatan table adds up to the headline
    assert f"Jumlah {format_number(total)} {format_number(overview.denominator)}" in text
    for m in overview.memberships:
        assert f"{m.membership} {format_number(m.active_persons)} {format_percent(m.ucj)}" in lines
    for seg in (r for r in dashboard.segments if r.list_key is None):
        expected = (f"{seg.segment} {format_number(seg.persons)} "
                    f"{format_number(seg.active_persons)} {format_percent(seg.ucj)}")  # fmt: skip
        assert expected in lines, expected
    if dashboard.lapsed:
        assert format_number(dashboard.lapsed.persons) in text
        assert format_rupiah(dashboard.lapsed.monthly_cost_total) in text
    if dashboard.compliance:
        for figure in (dashboard.compliance.companies_checked, dashboard.compliance.non_compliant):
            assert format_number(figure) in text
        assert format_rupiah(dashboard.compliance.potential_monthly_total) in text
    quarter = [r for r in dashboard.activity.payouts if r["quarter"] == period.key]
    assert report.payouts_amount == sum(int(r["amount"]) for r in quarter) > 0
    assert format_rupiah(report.payouts_amount) in text
    for source in report.sources:
        assert source.as_of is None or format_date(source.as_of, "id") in text
    spent = sum(p.spent for p in report.payers)
    assert format_rupiah(spent) in text and report.payers
    assert sum(p.persons for p in report.payers) == sum(p.persons for p in dashboard.pledges)


def test_the_english_pdf(published, period, tmp_path):
    out = tmp_path / "report.pdf"
    quarterly_write(published[0], out, scope=REGENCY, period=period, language="en")
    text = _text(out)
    assert "Employment Social Security Coverage Report" in text and period.label("en") in text
    assert format_percent(published[1].overview.ucj) in text  # Indonesian numbers still


def test_the_workbook_holds_numbers_that_add_up_and_native_charts(published, period, tmp_path):
    publication, dashboard = published
    out = tmp_path / "laporan.xlsx"
    quarterly_write(publication, out, scope=REGENCY, period=period)
    book = openpyxl.load_workbook(out)
    sheet = book["Cakupan per kecamatan"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    *areas, total = rows
    by_code = {r.area_code: r for r in dashboard.kecamatan}
    for code, _name, active, working, ucj in areas:
        if code:
            assert (active, working) == (by_code[code].active_persons, by_code[code].denominator)
            assert ucj == pytest.approx(by_code[code].ucj, abs=1e-6)
            assert isinstance(active, int) and isinstance(ucj, float)
    assert sum(r[2] for r in areas) == total[2] == dashboard.overview.active_persons
    assert total[4] == pytest.approx(dashboard.overview.ucj, abs=1e-6)
    assert len(sheet._charts) == 1 and len(book["Perkembangan UCJ"]._charts) == 1
    summary = dict(book["Capaian UCJ"].iter_rows(min_row=2, values_only=True))
    overview, gap = dashboard.overview, dashboard.gap
    assert summary["Peserta aktif (orang)"] == overview.active_persons
    assert summary["Penduduk bekerja"] == overview.denominator
    assert summary["Kekurangan untuk mencapai target"] == gap.gap_persons
    assert summary["Universal Coverage Jamsostek (UCJ)"] == pytest.approx(overview.ucj, abs=1e-6)
    kinds = {r[0]: r[1:] for r in book["Kepesertaan menurut jenis"].iter_rows(
        min_row=2, values_only=True)}  # fmt: skip
    assert {k: v[0] for k, v in kinds.items()} == {
        m.membership: m.active_persons for m in overview.memberships
    }
    lists = list(book["Cakupan daftar segmen"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3]) for r in lists] == [
        (s.segment, s.persons, s.active_persons) for s in dashboard.segments
    ]
    desa = list(book["Desa"].iter_rows(min_row=2, values_only=True))
    assert {r[0]: r[3] for r in desa} == {d.area_code: d.active_persons for d in dashboard.desa}
    payers = list(book["Pembiayaan menurut sumber dana"].iter_rows(min_row=2, values_only=True))
    *lines, payers_total = payers
    assert [sum(r[i] for r in lines) for i in range(1, 5)] == list(payers_total[1:])
    for ws in book.worksheets:  # an export never holds a live formula
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)


def test_an_area_report_holds_its_area_only(published, period, tmp_path):
    publication, dashboard = published
    kecamatan = dashboard.kecamatan[0]
    scope = Scope(who="camat", areas=frozenset({kecamatan.area_code}))
    report = quarterly_report(publication, scope=scope, period=period)
    assert [k.area_code for k in report.kecamatan] == [kecamatan.area_code]
    assert all(d.area_code.startswith(kecamatan.area_code + ".") for d in report.desa)
    assert report.overview.active_persons == kecamatan.active_persons
    assert report.segments == () and report.compliance is None and report.unallocated is None
    out = tmp_path / "camat.pdf"
    quarterly_write(publication, out, scope=scope, period=period)
    text = _text(out)
    others = [k.name for k in dashboard.kecamatan[1:] if k.name]
    assert kecamatan.name in text and not any(re.search(rf"\b{n}\b", text) for n in others)


def test_a_period_the_figures_do_not_describe_is_refused(published, period, tmp_path):
    with pytest.raises(InputError) as raised:
        quarterly_report(published[0], scope=REGENCY, period=period.previous())
    assert raised.value.code == "report.period_not_published"
    with pytest.raises(InputError):
        quarterly_write(published[0], tmp_path / "x.docx", scope=REGENCY, period=period)


@given(st.integers(2000, 2100), st.integers(1, 4), st.sampled_from(["{y}Q{q}", "{y}-q{q}",
       "Q{q}-{y}", " q{q}{y} "]))  # fmt: skip
def test_periods_are_read_however_they_are_written(year, quarter, spelling):
    period = parse_period(spelling.format(y=year, q=quarter))
    assert (period.year, period.quarter) == (year, quarter)
    assert period.start <= period.end and Period.of(period.end) == period
    assert period.previous().end.toordinal() + 1 == period.start.toordinal()


@pytest.mark.parametrize("text", ["", "2023", "2023Q5", "Q0-2023", "1999Q1", "kuartal 1"])
def test_a_bad_period_is_explained(text):
    with pytest.raises(InputError) as raised:
        parse_period(text)
    assert raised.value.code == "report.bad_period"


def test_the_kur_report_is_the_published_lists_and_a_bank_sees_its_own(
    published, period, tmp_path, demo_settings
):
    import duckdb

    from cakupan.audit import audit_read
    from cakupan.reports.documents import kur_write
    from cakupan.scope import scope_for_role

    publication, _ = published
    con = duckdb.connect(str(publication), read_only=True)
    lists = dict(con.sql(
        "SELECT upper(partner), [persons, active_persons] FROM coverage_segment "
        "WHERE segment = 'KUR' AND list_key IS NOT NULL"
    ).fetchall())  # fmt: skip
    kur_niks = "SELECT nik FROM worklist WHERE segment = 'KUR' AND nik IS NOT NULL AND "
    bni_niks = {n for (n,) in con.sql(kur_niks + "upper(partner) = 'BNI'").fetchall()}
    others = {n for (n,) in con.sql(kur_niks + "upper(partner) <> 'BNI'").fetchall()}
    con.close()
    out = tmp_path / "kur.xlsx"
    report = kur_write(publication, out, scope=REGENCY, period=period, data_dir=tmp_path)
    assert {b.bank: [b.debtors, b.protected] for b in report.banks} == lists
    sheet = openpyxl.load_workbook(out).worksheets[0]
    *rows, total = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [sum(r[i] for r in rows) for i in (1, 2, 3)] == list(total[1:4])
    assert all(r[1] == r[2] + r[3] for r in rows)  # debtors = protected + unprotected
    # The bank's own report: its line and its unprotected debtors, no other bank's debtor.
    bni = scope_for_role("partner", who="bni", partner="BNI")
    out = tmp_path / "kur-bni.pdf"
    report = kur_write(publication, out, scope=bni, period=period, data_dir=demo_settings.data_dir,
                       bank="BNI")  # fmt: skip
    assert [b.bank for b in report.banks] == ["BNI"]
    assert len(report.debtors) == lists["BNI"][0] - lists["BNI"][1]
    assert {d.partner.upper() for d in report.debtors} == {"BNI"}
    text = _text(out)
    assert "BRI" not in text and "MANDIRI" not in text
    assert not re.findall(r"(?<!\d)\d{16}(?!\d)", text)  # a partner sees NIKs masked
    assert len(re.findall(r"\d{4}\*{8}\d{4}", text)) == len(report.debtors)
    whole = kur_write(publication, tmp_path / "kur-bni-admin.pdf", scope=REGENCY, period=period,
                      data_dir=tmp_path, bank="BNI")  # fmt: skip
    niks = set(re.findall(r"(?<!\d)\d{16}(?!\d)", _text(tmp_path / "kur-bni-admin.pdf")))
    assert niks and niks <= bni_niks and not niks & (others - bni_niks)
    assert len(whole.debtors) == len(report.debtors)
    assert any(r.what.startswith("KUR report") and r.by == "bni"
               for r in audit_read(demo_settings.data_dir))  # fmt: skip
    with pytest.raises(Exception) as raised:
        kur_write(publication, tmp_path / "x.pdf", scope=bni, period=period,
                  data_dir=tmp_path, bank="BRI")  # fmt: skip
    assert getattr(raised.value, "code", "") == "access.out_of_scope"


def test_the_inpres_report_adds_up_the_lists_and_the_pledges(published, period, tmp_path):
    from cakupan.reports.documents import inpres_write

    publication, dashboard = published
    out = tmp_path / "inpres.xlsx"
    report = inpres_write(publication, out, scope=REGENCY, year=period.year)
    totals = {r.segment: r for r in dashboard.segments if r.list_key is None}
    village = next(e for e in report.ecosystems if e.key == "village")
    listed = [totals[s] for s in ("PERANGKAT_DESA", "RT_RW") if s in totals]
    assert village.persons == sum(r.persons for r in listed) > 0
    assert village.protected == sum(r.active_persons for r in listed)
    book = openpyxl.load_workbook(out)
    *lines, total = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert total[2] == sum(p.budget for p in dashboard.pledges) == sum(r[2] for r in lines)
    assert total[4] == sum(p.persons for p in dashboard.pledges)
    pdf = tmp_path / "inpres.pdf"
    inpres_write(publication, pdf, scope=REGENCY, year=period.year)
    assert format_number(village.persons) in _text(pdf)
    with pytest.raises(InputError):
        inpres_write(publication, pdf, scope=REGENCY, year=period.year - 1)
