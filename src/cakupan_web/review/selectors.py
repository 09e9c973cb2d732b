"""Reads of the review area: pending pairs of the published queue, minus the ones decided in
the web and not applied yet (through :func:`cakupan.matching.queue.review_page`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cakupan import people
from cakupan.matching.queue import KpjStatus, ReviewPage, kpj_status, review_page
from cakupan.privacy import mask_nik
from cakupan.publish import current_publication
from cakupan.scope import Scope
from cakupan_web.review.models import ReviewDecision


def _waiting() -> frozenset[str]:
    return frozenset(
        ReviewDecision.objects.filter(applied_at__isnull=True).values_list("pair_id", flat=True)
    )


def review_page_get(
    *, scope: Scope, data_dir: Path, source: str | None, kecamatan: str | None, offset: int
) -> ReviewPage:
    publication = current_publication(data_dir)
    if publication is None:
        return ReviewPage((), 0, offset, ())
    return review_page(
        publication, scope=scope, data_dir=data_dir, source=source, kecamatan=kecamatan,
        exclude=_waiting(), offset=offset, limit=1,
    )  # fmt: skip


def review_pair_exists(*, scope: Scope, pair_id: str, data_dir: Path) -> bool:
    publication = current_publication(data_dir)
    if publication is None:
        return False
    from cakupan.matching.queue import review_pair_ids

    return pair_id in review_pair_ids(publication, scope=scope, ids=[pair_id])


def review_waiting_count() -> int:
    """Decisions recorded in the web and not yet applied by the review job."""
    return ReviewDecision.objects.filter(applied_at__isnull=True).count()


@dataclass(frozen=True)
class MembershipClaim:
    """A visit that found the person "already a member", checked against the extract:
    ``finding`` is ``linked`` (the number is this person's), ``other`` (another person's),
    ``unlinked`` (in the extract, matched to nobody: check name and NIK with the branch),
    ``absent`` (not in the last extract) or ``no_kpj`` (no number given: ask the branch)."""

    person_key: str
    name: str
    desa_code: str
    kpj: str
    visited_on: object
    by: str
    finding: str
    active: bool | None


def _finding(kpj: str, person_key: str, found: KpjStatus | None) -> str:
    if not kpj:
        return "no_kpj"
    if found is None:
        return "absent"
    if found.person_key is None:
        return "unlinked"
    return "linked" if found.person_key == person_key else "other"


def membership_claims_get(
    *, scope: Scope, data_dir: Path, limit: int = 50
) -> list[MembershipClaim]:
    """Visits that reported a person already a member (latest first, within the request's
    scope), each checked against the published extract."""
    from cakupan_web.worklists.models import Visit

    visits = list(
        Visit.objects.filter(outcome="already_member")
        .select_related("recorded_by")
        .order_by("-recorded_at")[:limit]
    )
    publication = current_publication(data_dir)
    if not visits or publication is None:
        return []
    statuses = kpj_status(publication, scope=scope, kpjs=[v.kpj for v in visits if v.kpj])
    targets = people.visit_targets(
        publication, scope=scope, person_keys=[v.person_key for v in visits], data_dir=data_dir
    )
    claims = []
    for v in visits:
        target = targets.get(v.person_key)
        found = statuses.get(v.kpj)
        claims.append(
            MembershipClaim(
                person_key=v.person_key,
                name=(target.person.name if target else None) or "–",
                desa_code=v.desa_code,
                kpj=v.kpj if scope.full_nik else mask_nik(v.kpj),
                visited_on=v.visited_on,
                by=v.recorded_by.get_username(),
                finding=_finding(v.kpj, v.person_key, found),
                active=found.active if found else None,
            )
        )
    return claims
