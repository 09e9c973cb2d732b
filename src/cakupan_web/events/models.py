"""What users recorded in the web: one event, payout or card hand-over each, kept here and
imported into the warehouse by a job (``cakupan.entries``). Area-scoped (django-scopes)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

KINDS = [("events", _("Socialisation event")), ("payouts", _("Benefit payout")),
         ("cards", _("Card hand-over"))]  # fmt: skip
STATES = [("waiting", _("Waiting for the job")), ("applied", _("In the figures")),
          ("rejected", _("Rejected"))]  # fmt: skip


class Entry(models.Model):
    kind = models.CharField(max_length=10, choices=KINDS)
    data = models.JSONField()  # column name -> text, as the source type names its columns
    desa_code = models.CharField(max_length=13, db_index=True)
    partner = models.CharField(max_length=100, blank=True)  # never set: not a partner's
    state = models.CharField(max_length=10, choices=STATES, default="waiting")
    message_id = models.TextField(blank=True)
    message_en = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Entry]] = ScopedManager(desa="desa_code", partner="partner")

    class Meta:
        ordering = ("-recorded_at",)
