"""Targets and the gap to them: how many people still to enrol, at what monthly pace, and
where the current pace leads.

Targets are data (per area and year, with who set them and when). Every coverage refresh
appends the regency figure to ``coverage_history`` (one row per participant as-of date), and
the forecast is a straight line through that history, with a range from the slowest and
fastest pace seen between consecutive points.

Example:
    >>> import datetime as dt
    >>> pace_needed(gap_persons=120_000, as_of=dt.date(2023, 3, 31), year=2023)
    (9, 13334)
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from cakupan.coverage import data_as_of, require_coverage
from cakupan.errors import InputError
from cakupan.results import CoverageOverview, Forecast, Gap
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["gap_report", "pace_needed", "record_history", "target_list", "target_set"]


def target_set(wh: Warehouse, *, year: int, percent: float, area_code: str, by: str) -> None:
    """Set the UCJ target (in percent, 0–100) of an area for a year."""
    if not 0 < percent <= 100:
        raise InputError(
            "target.bad_percent",
            p=percent,
        )
    if not 2000 <= year <= 2100:
        raise InputError("target.bad_year", year=year)
    wh.execute(
        "INSERT OR REPLACE INTO target VALUES (?, ?, ?, ?, now())",
        [area_code, year, percent / 100, by],
    )


def target_list(wh: Warehouse) -> list[dict[str, Any]]:
    """Every target set, newest year first."""
    return wh.query("SELECT * FROM target ORDER BY year DESC, area_code")


# Breakdowns kept per as-of date, so that `coverage --period 2023Q1 --by desa` answers for a
# quarter whose snapshot has since been replaced.
HISTORY_TABLES = ("coverage_area", "coverage_segment", "coverage_membership")


def record_history(wh: Warehouse, *, as_of: dt.date, summary: CoverageOverview) -> None:
    """Keep the regency figure of this as-of date for forecasts, and every breakdown."""
    for table in HISTORY_TABLES:
        history_sql = quote_identifier(f"{table}_history")
        wh.execute(f"DELETE FROM {history_sql} WHERE as_of = ?", [as_of])
        wh.execute(
            f"INSERT INTO {history_sql} BY NAME SELECT ?::DATE AS as_of, * "
            f"FROM {quote_identifier(table)}",
            [as_of],
        )
    wh.execute(
        "INSERT OR REPLACE INTO coverage_history VALUES (?, ?, ?, ?, ?, now())",
        [as_of, summary.area_code, summary.active_persons, summary.denominator, summary.ucj],
    )


def pace_needed(*, gap_persons: int, as_of: dt.date, year: int) -> tuple[int, int]:
    """(whole months left until 31 December of ``year``, persons to enrol per month)."""
    months = max((year - as_of.year) * 12 + 12 - as_of.month, 1)
    return months, math.ceil(max(gap_persons, 0) / months)


def _forecast(history: list[dict[str, Any]], year_end: dt.date) -> Forecast | None:
    if len(history) < 2:
        return None
    xs = [(h["as_of"] - history[0]["as_of"]).days for h in history]
    ys = [h["active_persons"] for h in history]
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    steps = [(ys[i + 1] - ys[i]) / max(xs[i + 1] - xs[i], 1) for i in range(n - 1)]
    days = (year_end - history[-1]["as_of"]).days
    return Forecast(
        active_persons_per_month=round(slope * 30.44),
        year_end_active_persons=round(ys[-1] + slope * days),
        year_end_range=(round(ys[-1] + min(steps) * days), round(ys[-1] + max(steps) * days)),
        points=n,
    )


def gap_report(wh: Warehouse, *, year: int | None = None, default_target: float) -> Gap:
    """Where the regency stands against its target for ``year`` (default: the data's year)."""
    require_coverage(wh)
    s = wh.query("SELECT * FROM coverage_summary")[0]
    as_of = data_as_of(wh)
    year = year or as_of.year
    target = wh.scalar(
        "SELECT ucj FROM target WHERE area_code = ? AND year = ?", [s["area_code"], year]
    )
    source = "target set for the year" if target is not None else "default setting"
    target = float(target) if target is not None else default_target
    target_persons = math.ceil(target * s["denominator"])
    gap_persons = max(target_persons - s["active_persons"], 0)
    months, pace = pace_needed(gap_persons=gap_persons, as_of=as_of, year=year)
    history = wh.query("SELECT as_of, active_persons FROM coverage_history ORDER BY as_of")
    return Gap(
        area_code=s["area_code"],
        year=year,
        as_of=as_of.isoformat(),
        active_persons=s["active_persons"],
        denominator=s["denominator"],
        ucj=s["ucj"],
        target=target,
        target_source=source,
        target_persons=target_persons,
        gap_persons=gap_persons,
        months_left=months,
        monthly_pace_needed=pace,
        forecast=_forecast(history, dt.date(year, 12, 31)),
        method="gap = ceil(target × working population) − active persons; pace = gap ÷ "
        "whole months left in the year; forecast: least-squares line through the "
        "history of snapshots, range from the slowest and fastest pace between them",
    )
