"""The partners the published data names — each segment list's sender (a bank's KUR
debtors, a Kemenag office's teachers) and each pledge's payer — so that a partner's account
is given a name its data carries: a partner sees the lists and pledges whose name is its
own, letter for letter (``cakupan.scope``), and an account for "Bank BRI" when the lists
say "BRI" would see nothing.

Example:
    >>> partner_suggestions("bank bri", ("BNI", "BRI", "BAZNAS KABUPATEN MOJOKERTO"))
    ('BRI',)
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from cakupan.payers import PLEDGE_TABLE
from cakupan.publish import open_publication
from cakupan.sql import quote_identifier

__all__ = ["partner_names", "partner_suggestions"]

# Words that say what kind of body a partner is, not which one ("Bank BRI", "PT Bank …").
_GENERIC = re.compile(r"\b(BANK|PT|TBK|PERSERO|KANTOR|CABANG|KAB|KABUPATEN|KOTA)\b")


def partner_names(publication: Path | None) -> tuple[str, ...]:
    """Every partner name of a published version, in capitals as scopes compare them
    (none before the first publication)."""
    if publication is None:
        return ()
    with open_publication(publication) as wh:
        rows = wh.query(
            "SELECT DISTINCT upper(trim(partner)) AS name FROM coverage_segment "
            "WHERE partner IS NOT NULL "
            f"UNION SELECT DISTINCT upper(trim(payer)) FROM {quote_identifier(PLEDGE_TABLE)} "
            "WHERE payer IS NOT NULL ORDER BY 1"
        )
    return tuple(r["name"] for r in rows if r["name"])


def _core(name: str) -> str:
    return " ".join(_GENERIC.sub(" ", re.sub(r"[^0-9A-Z]+", " ", name.upper())).split())


def partner_suggestions(name: str, known: tuple[str, ...], *, limit: int = 3) -> tuple[str, ...]:
    """The known names ``name`` most likely means (``Bank BRI`` → ``BRI``), best first."""
    wanted = _core(name)
    cores = {_core(k): k for k in known}
    if wanted in cores:  # the same name but for "Bank", "Kab." and punctuation
        return (cores[wanted],)
    words = set(wanted.split())
    # One name inside the other ("Himpaudi Mojokerto" for HIMPAUDI) first, then the closest.
    inside = [c for c in cores if words and (set(c.split()) <= words or words <= set(c.split()))]
    close = difflib.get_close_matches(wanted, list(cores), n=limit, cutoff=0.6)
    found = inside + [c for c in close if c not in inside]
    return tuple(cores[c] for c in found[:limit])
