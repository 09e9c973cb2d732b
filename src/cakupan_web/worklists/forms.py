"""The visit form an officer fills on a phone after a visit."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.followup import VisitOutcome
from cakupan_web.worklists.models import OUTCOMES


class VisitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOMES, widget=forms.RadioSelect)
    visited_on = forms.DateField(
        label=_("Date of the visit"), initial=dt.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    kpj = forms.CharField(
        label=_("KPJ number (registered, or already a member)"), required=False, max_length=20
    )
    payer = forms.CharField(label=_("Who pays (registered)"), required=False, max_length=100)
    reason = forms.CharField(label=_("Reason (refused)"), required=False, max_length=200)
    new_address = forms.CharField(
        label=_("New address or regency (moved)"), required=False, max_length=200
    )
    revisit_on = forms.DateField(
        label=_("Next visit (revisit)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def visit_outcome(self) -> VisitOutcome:
        return VisitOutcome(**self.cleaned_data)  # the fields are VisitOutcome's, by name
