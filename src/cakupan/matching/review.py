"""The review queue: pairs the model is unsure of, shown with their evidence, and the
decisions that win over the model from then on.

A pair is known by the fingerprints of its two records (source, normalised name, birth date,
NIK digits, desa), so a decision survives new snapshots of the same data.

Example:
    >>> pair_id("a" * 32, "b" * 32)
    '67136305e6'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from cakupan.errors import CakupanError, InputError
from cakupan.scope import Scope, require_scope
from cakupan.warehouse import Warehouse

__all__ = [
    "Evidence",
    "ReviewPair",
    "ReviewRecord",
    "mask_nik",
    "pair_id",
    "review_decide",
    "review_list",
]

COMPARISONS = ("name", "birth_date", "nik", "area", "sex", "birth_place")


def pair_id(key_l: str, key_r: str) -> str:
    """A short, stable id of a pair (order-independent)."""
    a, b = sorted((key_l, key_r))
    return hashlib.md5(f"{a}|{b}".encode()).hexdigest()[:10]


def mask_nik(nik: str | None) -> str:
    """Only the kecamatan and the last two digits of a NIK (UU 27/2022: show no more than
    a reviewer needs).

    >>> mask_nik("3516125708860003")
    '351612********03'
    """
    if not nik:
        return ""
    return nik[:6] + "*" * max(len(nik) - 8, 0) + nik[-2:]


def _labels(wh: Warehouse) -> dict[str, list[tuple[float, str]]]:
    import math

    rows = wh.query("SELECT model FROM match_model ORDER BY trained_at DESC LIMIT 1")
    if not rows:
        return {}
    labels: dict[str, list[tuple[float, str]]] = {}
    for comparison in json.loads(rows[0]["model"])["comparisons"]:
        levels = []
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level"):
                levels.append((0.0, level.get("label_for_charts", "")))
            elif m and u:
                levels.append((math.log2(m / u), level.get("label_for_charts", "")))
        labels[comparison["output_column_name"]] = levels
    return labels


@dataclass(frozen=True)
class ReviewRecord:
    """One side of a pair, as a reviewer sees it (the NIK masked)."""

    source: str
    name: str
    birth_date: str
    nik: str
    desa: str


@dataclass(frozen=True)
class Evidence:
    """What one field says: the comparison level it fell in and its weight in bits
    (positive: the records agree; negative: they disagree)."""

    field: str
    level: str
    weight: float


@dataclass(frozen=True)
class ReviewPair:
    """A pair the model is unsure of, with both records and the evidence of each field."""

    id: str
    match_probability: float
    left: ReviewRecord
    right: ReviewRecord
    evidence: tuple[Evidence, ...]


def review_list(wh: Warehouse, *, scope: Scope, limit: int = 50) -> list[ReviewPair]:
    """Pending pairs, most probable first, with both records and the weight of each field
    (regency-wide work: a pair may join records of two areas)."""
    if not require_scope(scope, persons=True).regency:
        raise CakupanError("access.out_of_scope", what="review", who=scope.who)
    labels = _labels(wh)
    weights_sql = ", ".join(f"p.mw_{c}" for c in COMPARISONS)
    rows = wh.query(
        f"""
        SELECT p.key_l, p.key_r, p.match_probability, {weights_sql}, p.mw_tf_adj_name,
               l.source AS source_l, l.name_norm AS name_l, l.birth_date AS birth_l,
               l.nik_digits AS nik_l, l.desa_code AS desa_l,
               r.source AS source_r, r.name_norm AS name_r, r.birth_date AS birth_r,
               r.nik_digits AS nik_r, r.desa_code AS desa_r
        FROM match_pair p JOIN review_record l ON l.unique_id = p.unique_id_l
        JOIN review_record r ON r.unique_id = p.unique_id_r
        WHERE p.outcome = 'pending' ORDER BY p.match_probability DESC LIMIT ?
        """,
        [limit],
    )
    out = []
    for r in rows:
        evidence = []
        for c in COMPARISONS:
            weight = float(r[f"mw_{c}"] or 0.0)
            levels = labels.get(c, [])
            level = min(levels, key=lambda lv: abs(lv[0] - weight))[1] if levels else ""
            if c == "name" and r["mw_tf_adj_name"]:
                weight += float(r["mw_tf_adj_name"])
            evidence.append(Evidence(c, level, round(weight, 2)))
        sides = [
            ReviewRecord(
                source=r[f"source_{s}"] or "",
                name=r[f"name_{s}"] or "",
                birth_date=str(r[f"birth_{s}"] or ""),
                nik=mask_nik(r[f"nik_{s}"]),
                desa=r[f"desa_{s}"] or "",
            )
            for s in ("l", "r")
        ]
        out.append(
            ReviewPair(
                id=pair_id(r["key_l"], r["key_r"]),
                match_probability=round(float(r["match_probability"]), 4),
                left=sides[0],
                right=sides[1],
                evidence=tuple(evidence),
            )
        )
    return out


def _decidable(wh: Warehouse) -> dict[str, tuple[str, str]]:
    return {
        pair_id(r["key_l"], r["key_r"]): (r["key_l"], r["key_r"])
        for r in wh.query(
            "SELECT DISTINCT key_l, key_r FROM match_pair "
            "WHERE outcome IN ('pending', 'not_best', 'probabilistic', 'review', 'rejected')"
        )
    }


def review_decide(
    wh: Warehouse, ids: list[str], *, decision: str, by: str, skip_unknown: bool = False
) -> int:
    """Record ``decision`` (``accepted`` or ``rejected``) for the pairs ``ids``; returns how
    many were recorded. Unknown ids raise :class:`InputError` and record nothing, unless
    ``skip_unknown`` (decisions made on a page published before a re-match)."""
    if decision not in ("accepted", "rejected"):
        raise InputError("review.bad_decision")
    pending = _decidable(wh)
    unknown = [i for i in ids if i not in pending]
    if unknown and not skip_unknown:
        raise InputError(
            "review.unknown_pair",
            ids=", ".join(unknown),
        )
    known = [i for i in ids if i in pending]
    with wh.transaction():
        for i in known:
            key_l, key_r = pending[i]
            wh.execute(
                "INSERT OR REPLACE INTO review_decision VALUES (?, ?, ?, ?, now())",
                [key_l, key_r, decision, by],
            )
    return len(known)
