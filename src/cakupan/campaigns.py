"""Where to campaign ("Kerja Keras Bebas Cemas" at markets, villages, mosques): desa ranked
by their unprotected informal workers; and what each recorded event did: the registrations of
people living in its desa in the weeks after it against the weeks before.

Example:
    >>> "informal" in campaign_sql()
    True
"""

from __future__ import annotations

from cakupan.coverage import require_coverage
from cakupan.results import CampaignDesa, CampaignRanking, EventEffect, EventEffects, rows_as
from cakupan.sql import Sql
from cakupan.warehouse import Warehouse

__all__ = ["campaign_ranking", "campaign_sql", "event_effect_sql", "event_effects"]


def campaign_sql() -> str:
    """Per desa: informal workers in the register, how many are unprotected, and the share."""
    return """
    SELECT r.desa_code, a.name AS desa, k.name AS kecamatan,
           count(*) AS informal_workers,
           count(*) FILTER (WHERE r.person_key NOT IN (SELECT person_key FROM active_person))
               AS unprotected,
           count(*) FILTER (WHERE r.person_key NOT IN (SELECT person_key FROM active_person))
               / count(*) AS unprotected_share
    FROM register_by_person r JOIN ref_occupation o ON o.label = r.occupation AND o.informal
    JOIN area a ON a.code = r.desa_code JOIN area k ON k.code = a.parent_code
    GROUP BY ALL
    """


def campaign_ranking(wh: Warehouse, *, limit: int = 20) -> CampaignRanking:
    """Desa with the most unprotected informal workers first."""
    require_coverage(wh)
    rows = wh.query(
        f"SELECT * FROM ({campaign_sql()}) ORDER BY unprotected DESC, desa_code LIMIT ?", [limit]
    )
    return CampaignRanking(
        rows=rows_as(CampaignDesa, rows),
        method="informal workers (pekerjaan marked informal: petani, pedagang, wiraswasta, "
        "buruh harian lepas…) living in the desa without an active membership",
    )


def event_effect_sql(*, weeks: int) -> Sql:
    """Per recorded event: memberships registered by people of its desa in the ``weeks``
    before the event day and in the ``weeks`` from it (the event day counts as after). A
    person's desa is the register's; a participant the register does not know counts by the
    desa of domicile in the extract."""
    return Sql(
        """
    WITH reg AS (
        SELECT p.registered_on, coalesce(r.desa_code, p.domicile) AS desa_code
        FROM participant p
        LEFT JOIN participant_person pp ON pp.participant_row = p.row_id
        LEFT JOIN register r ON r.row_id = pp.register_row
        WHERE p.registered_on IS NOT NULL)
    SELECT e.date, e.event_name, e.venue_type, e.desa AS desa_code, a.name AS desa,
           e.attendance, e.registrations AS reported_registrations,
           count(*) FILTER (WHERE reg.registered_on >= e.date - $days
                            AND reg.registered_on < e.date) AS before,
           count(*) FILTER (WHERE reg.registered_on >= e.date
                            AND reg.registered_on < e.date + $days) AS after
    FROM current_src_events e
    LEFT JOIN area a ON a.code = e.desa
    LEFT JOIN reg ON reg.desa_code = e.desa
    GROUP BY ALL ORDER BY e.date, e.desa
    """,
        {"days": int(weeks) * 7},
    )


def event_effects(wh: Warehouse, *, weeks: int = 4) -> EventEffects:
    """What each recorded event did: registrations from its desa after against before."""
    from cakupan.errors import InputError

    if not 1 <= weeks <= 26:
        raise InputError("campaign.bad_weeks", weeks=weeks)
    if not wh.scalar("SELECT count(*) FROM current_src_events"):
        return EventEffects(
            weeks=weeks, rows=(), participants_with_registration_date=0, method="no events imported"
        )
    rows = [
        dict(row, difference=row["after"] - row["before"])
        for row in wh.query(event_effect_sql(weeks=weeks))
    ]
    dated = wh.scalar("SELECT count(registered_on) FROM participant")
    return EventEffects(
        weeks=weeks,
        rows=rows_as(EventEffect, rows),
        participants_with_registration_date=dated,
        method=f"memberships registered by people of the event's desa (register, else "
        f"domicile) in the {weeks} weeks from the event day, against the {weeks} weeks "
        "before; needs the registration date (TGL KEPESERTAAN) in the participant extract",
    )
