"""Work-list follow-up: what happened when an officer visited an unprotected person.

Visits are records of the app database, area-scoped with django-scopes (the design pretix
uses for tenant isolation): ``Visit.objects`` answers only inside the scope the request
activated (``cakupan_web.scoping.ScopesMiddleware``) and refuses to run without one.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

OUTCOMES = [
    ("registered", _("Registered")),
    ("already_member", _("Already a member")),
    ("refused", _("Refused")),
    ("moved", _("Moved")),
    ("died", _("Died")),
    ("not_working", _("Not working")),
    ("not_found", _("Not found")),
    ("revisit", _("Revisit on a date")),
]


class Visit(models.Model):
    """One visit to a person of a work list and its outcome."""

    person_key = models.CharField(max_length=32, db_index=True)  # in the published work list
    nik = models.CharField(max_length=32, blank=True)  # to confirm a registration later
    desa_code = models.CharField(max_length=13, db_index=True)
    partner = models.CharField(max_length=100, blank=True)  # a partner's list, if from one
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    visited_on = models.DateField()
    kpj = models.CharField(max_length=20, blank=True)  # registered: the new membership
    payer = models.CharField(max_length=100, blank=True)  # registered: who pays
    reason = models.CharField(max_length=200, blank=True)  # refused
    new_address = models.CharField(max_length=200, blank=True)  # moved
    revisit_on = models.DateField(null=True, blank=True)  # revisit
    note = models.TextField(blank=True, max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Visit]] = ScopedManager(desa="desa_code", partner="partner")

    def __str__(self) -> str:
        return f"{self.person_key} {self.outcome} {self.visited_on}"


class Assignment(models.Model):
    """Who is to visit a person of a work list (the latest assignment stands)."""

    person_key = models.CharField(max_length=32, unique=True)
    desa_code = models.CharField(max_length=13, db_index=True)
    partner = models.CharField(max_length=100, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[models.Manager[Assignment]] = ScopedManager(
        desa="desa_code", partner="partner"
    )

    def __str__(self) -> str:
        return f"{self.person_key} → {self.officer}"
