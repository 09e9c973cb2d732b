"""The KUR report (Permenko Perekonomian 1/2023: KUR debtors enrolled in BPJS
Ketenagakerjaan): per bank, its debtors, how many are protected, how many are not, how many
registered since the last kept date; and, for one bank, the list of its unprotected debtors
— the list the bank and the regency's KUR committee work from.

Banks are the partners of the ``KUR`` segment lists; a bank's user sees its own line and
list only. A report that lists debtors is an export of personal data: logged.

Example:
    >>> BankLine("BRI", 100, 30, 70, 0.3, None).unprotected
    70
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cakupan.errors import CakupanError, InputError
from cakupan.people import WorklistFilter, WorklistPerson, worklist_persons
from cakupan.privacy import log_export
from cakupan.reports.periods import Period
from cakupan.scope import Scope, require_scope
from cakupan.sql import Sql

__all__ = ["KUR", "BankLine", "KurReport", "kur_report"]

KUR = "KUR"


@dataclass(frozen=True)
class BankLine:
    bank: str
    debtors: int
    protected: int
    unprotected: int
    share: float | None
    new_since: int | None  # protected now minus at the previous kept date (None: no such date)


@dataclass(frozen=True)
class KurReport:
    regency: str
    period: Period
    as_of: str
    previous_as_of: str | None
    banks: tuple[BankLine, ...]
    total: BankLine
    bank: str | None  # the bank whose unprotected debtors are listed
    debtors: tuple[WorklistPerson, ...]
    scope_label: str


def kur_report(
    publication: Path, *, scope: Scope, period: Period, data_dir: Path, bank: str | None = None
) -> KurReport:
    """The KUR report of ``period`` within ``scope``; with ``bank``, its unprotected
    debtors listed (the bank must lie in the scope: another bank is not found)."""
    from cakupan.publish import dashboard_read, open_publication

    scope = require_scope(scope)
    as_of = dashboard_read(publication).gap.as_of
    published = Period.of(dt.date.fromisoformat(as_of[:10]))
    if published != period:
        raise InputError(
            "report.period_not_published",
            period=period.key,
            as_of=as_of,
            published=published.key,
        )
    chosen = bank.strip().upper() if bank else None
    if chosen and not scope.covers_partner(chosen):
        raise CakupanError("access.out_of_scope", what=chosen, who=scope.who)
    with open_publication(publication) as wh:
        now = wh.query(
            Sql(
                "SELECT upper(partner) AS bank, persons, active_persons, ucj "
                "FROM coverage_segment WHERE segment = $kur AND list_key IS NOT NULL "
                "ORDER BY persons DESC",
                {"kur": KUR},
            )
        )
        previous_as_of = wh.scalar(
            Sql(
                "SELECT max(as_of) FROM coverage_segment_history WHERE segment = $kur "
                "AND as_of < $start",
                {"kur": KUR, "start": period.start},
            )
        )
        before = {
            r["bank"]: int(r["active_persons"])
            for r in wh.query(
                Sql(
                    "SELECT upper(partner) AS bank, active_persons FROM "
                    "coverage_segment_history WHERE segment = $kur AND as_of = $day "
                    "AND list_key IS NOT NULL",
                    {"kur": KUR, "day": previous_as_of},
                )
            )
        }
    lines = tuple(
        BankLine(
            bank=r["bank"],
            debtors=int(r["persons"]),
            protected=int(r["active_persons"]),
            unprotected=int(r["persons"]) - int(r["active_persons"]),
            share=r["ucj"],
            new_since=(int(r["active_persons"]) - before[r["bank"]])
            if r["bank"] in before
            else None,
        )
        for r in now
        if scope.covers_partner(r["bank"])
    )
    if chosen and chosen not in {line.bank for line in lines}:
        raise CakupanError("access.out_of_scope", what=chosen, who=scope.who)
    debtors: tuple[WorklistPerson, ...] = ()
    if chosen:
        which = WorklistFilter(segment=KUR, partner=chosen)
        debtors = worklist_persons(publication, scope=scope, which=which, order="address")
    debtors_total = sum(line.debtors for line in lines)
    protected_total = sum(line.protected for line in lines)
    news = [line.new_since for line in lines if line.new_since is not None]
    total = BankLine(
        bank="",
        debtors=debtors_total,
        protected=protected_total,
        unprotected=debtors_total - protected_total,
        share=protected_total / debtors_total if debtors_total else None,
        new_since=sum(news) if news else None,
    )
    return KurReport(
        regency=dashboard_read(publication).gap.area_code,
        period=period,
        as_of=as_of,
        previous_as_of=str(previous_as_of) if previous_as_of else None,
        banks=lines,
        total=total,
        bank=chosen,
        debtors=debtors,
        scope_label=scope.label,
    )


def log_debtors(report: KurReport, *, out: Path, data_dir: Path, scope: Scope) -> None:
    """Record a written KUR report that lists debtors as an export of personal data."""
    if report.debtors:
        log_export(
            data_dir,
            what=f"KUR report {report.period.key} {report.bank}",
            rows=len(report.debtors),
            file=out,
            by=scope.who,
            scope=scope.label,
        )
