"""A reviewer's decision on one pair, kept until a job has applied it to the warehouse."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DECISIONS = [("accepted", _("Same person")), ("rejected", _("Different persons"))]


class ReviewDecision(models.Model):
    pair_id = models.CharField(max_length=16, db_index=True)  # cakupan.matching.review.pair_id
    decision = models.CharField(max_length=10, choices=DECISIONS)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)  # by the job, once published
    stale = models.BooleanField(default=False)  # the pair was gone when the job ran

    class Meta:
        ordering = ("decided_at",)
