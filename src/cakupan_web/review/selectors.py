"""Reads of the review area: pending pairs of the published queue, minus the ones decided in
the web and not applied yet (through :func:`cakupan.matching.queue.review_page`)."""

from __future__ import annotations

from pathlib import Path

from cakupan.matching.queue import ReviewPage, review_page
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
