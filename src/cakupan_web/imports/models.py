"""An uploaded source file on its way into the warehouse.

The file itself and its check (the preview holds personal data) are private files in
``DATA_DIR/uploads/<id>/`` (0600), not rows of the app database; a row here holds the
options, the state and the counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

STATES = [
    ("checking", _("Checking")),
    ("checked", _("Checked")),
    ("importing", _("Importing")),
    ("imported", _("Imported")),
    ("failed", _("Failed")),
    ("discarded", _("Discarded")),
    ("expired", _("Expired")),  # never imported: its file deleted after the days kept
]


class Upload(models.Model):
    """One file uploaded to be imported, and what became of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source_type = models.CharField(max_length=40)
    segment = models.CharField(max_length=60, blank=True)
    partner = models.CharField(max_length=100, blank=True)
    desa = models.CharField(max_length=100, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    as_of = models.DateField(null=True, blank=True)
    file_name = models.CharField(max_length=200)
    size = models.BigIntegerField(default=0)
    overrides = models.JSONField(default=dict, blank=True)  # file header -> column
    state = models.CharField(max_length=12, choices=STATES, default="checking")
    job_id = models.CharField(max_length=64, blank=True)  # the check or the import
    step = models.CharField(max_length=20, blank=True)
    step_done = models.PositiveSmallIntegerField(default=0)
    step_total = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)  # counts and figures: no personal data
    error_code = models.CharField(max_length=60, blank=True)
    error_id = models.TextField(blank=True)
    error_en = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    files_deleted_at = models.DateTimeField(null=True, blank=True)  # file, check, rejected rows

    class Meta:
        ordering = ("-created_at",)
