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
from typing import Any

from cakupan.errors import CakupanError, InputError
from cakupan.scope import Scope, require_scope
from cakupan.warehouse import Warehouse

__all__ = ["mask_nik", "pair_id", "review_decide", "review_list"]

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


def review_list(wh: Warehouse, *, scope: Scope, limit: int = 50) -> list[dict[str, Any]]:
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
        FROM match_pair p JOIN match_record l ON l.unique_id = p.unique_id_l
        JOIN match_record r ON r.unique_id = p.unique_id_r
        WHERE p.outcome = 'pending' ORDER BY p.match_probability DESC LIMIT ?
        """,
        [limit],
    )
    out = []
    for r in rows:
        evidence = {}
        for c in COMPARISONS:
            weight = float(r[f"mw_{c}"] or 0.0)
            levels = labels.get(c, [])
            level = min(levels, key=lambda lv: abs(lv[0] - weight))[1] if levels else ""
            if c == "name" and r["mw_tf_adj_name"]:
                weight += float(r["mw_tf_adj_name"])
            evidence[c] = {"level": level, "weight": round(weight, 2)}
        out.append(
            {
                "id": pair_id(r["key_l"], r["key_r"]),
                "match_probability": round(float(r["match_probability"]), 4),
                "left": {
                    "source": r["source_l"],
                    "name": r["name_l"],
                    "birth_date": str(r["birth_l"] or ""),
                    "nik": mask_nik(r["nik_l"]),
                    "desa": r["desa_l"],
                },
                "right": {
                    "source": r["source_r"],
                    "name": r["name_r"],
                    "birth_date": str(r["birth_r"] or ""),
                    "nik": mask_nik(r["nik_r"]),
                    "desa": r["desa_r"],
                },
                "evidence": evidence,
            }
        )
    return out


def review_decide(wh: Warehouse, ids: list[str], *, decision: str, by: str) -> int:
    """Record ``decision`` (``accepted`` or ``rejected``) for the pairs ``ids``; returns how
    many were found. Unknown ids raise :class:`InputError` and record nothing."""
    if decision not in ("accepted", "rejected"):
        raise InputError("review.bad_decision")
    pending = {
        pair_id(r["key_l"], r["key_r"]): (r["key_l"], r["key_r"])
        for r in wh.query(
            "SELECT DISTINCT key_l, key_r FROM match_pair "
            "WHERE outcome IN ('pending', 'not_best', 'probabilistic', 'review', 'rejected')"
        )
    }
    unknown = [i for i in ids if i not in pending]
    if unknown:
        raise InputError(
            "review.unknown_pair",
            ids=", ".join(unknown),
        )
    with wh.transaction():
        for i in ids:
            key_l, key_r = pending[i]
            wh.execute(
                "INSERT OR REPLACE INTO review_decision VALUES (?, ?, ?, ?, now())",
                [key_l, key_r, decision, by],
            )
    return len(ids)
