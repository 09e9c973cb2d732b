"""What happened on the ground: benefits paid (*santunan*), membership cards handed over and
campaign events, summed per quarter and kecamatan from the imported files.

Example:
    >>> 'sum("amount")' in activity_sql("current_src_payouts", "amount")
    True
"""

from __future__ import annotations

from cakupan.results import Activity
from cakupan.sql import quote_identifier
from cakupan.warehouse import Warehouse

__all__ = ["activity_report", "activity_sql"]


def activity_sql(table: str, amount: str | None = None) -> str:
    """Rows of ``table`` counted (and ``amount`` summed) per quarter and kecamatan."""
    total_sql = f", sum({quote_identifier(amount)}) AS amount" if amount else ""
    return f"""
    SELECT strftime(date, '%Y') || 'Q' || quarter(date) AS quarter,
           coalesce(kecamatan, 'unknown') AS kecamatan_code, count(*) AS records{total_sql}
    FROM {quote_identifier(table)} WHERE date IS NOT NULL
    GROUP BY ALL ORDER BY quarter, kecamatan_code
    """


def activity_report(wh: Warehouse) -> Activity:
    """Payouts by program, cards and events, per quarter and kecamatan (empty where nothing
    was imported)."""
    return Activity(
        payouts=tuple(wh.query(activity_sql("current_src_payouts", "amount"))),
        payouts_by_program=tuple(
            wh.query(
                "SELECT program, count(*) AS records, sum(amount) AS amount "
                "FROM current_src_payouts GROUP BY program ORDER BY program"
            )
        ),
        cards=tuple(wh.query(activity_sql("current_src_cards"))),
        events=tuple(
            wh.query(
                "SELECT date, event_name, venue_type, desa, kecamatan, attendance, registrations "
                "FROM current_src_events ORDER BY date"
            )
        ),
    )
