"""Reports the regent signs, from the published figures: the quarterly UCJ report (PDF and
XLSX), and the tables behind them.

The figures are read from the publication the dashboard shows (never recomputed another
way), cut to the reader's scope like every page."""

from cakupan.reports.periods import Period, format_date, parse_period
from cakupan.reports.quarterly import QuarterlyReport, quarterly_report

__all__ = ["Period", "QuarterlyReport", "format_date", "parse_period", "quarterly_report"]
