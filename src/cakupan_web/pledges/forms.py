"""The form a Disnaker admin fills to record a pledge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.pledges import PAYER_TYPES


class PledgeForm(forms.Form):
    payer = forms.CharField(label=_("Payer (RS Islam Sakinah, Pemdes Jabon…)"), max_length=100)
    payer_type = forms.ChoiceField(
        label=_("Source of the money"), choices=[(t, t) for t in PAYER_TYPES]
    )
    budget = forms.IntegerField(label=_("Budget (rupiah)"), min_value=1, max_value=10**13)
    months = forms.IntegerField(label=_("Months of cover"), min_value=1, max_value=120, initial=12)
    segment = forms.CharField(
        label=_("Only this list (KUR, GURU_TPQ…)"), max_length=60, required=False
    )
    area_code = forms.CharField(
        label=_("Only this kecamatan or desa (code)"), max_length=13, required=False
    )
    age_min = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=120, required=False)
    age_max = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=120, required=False)
    priority = forms.IntegerField(
        label=_("Priority (lower goes first)"), min_value=0, max_value=10_000, initial=100
    )

    def pledge(self) -> dict[str, Any]:
        """The pledge as :func:`cakupan.pledges.pledge_add` takes it (by field name)."""
        data = dict(self.cleaned_data)
        for name in ("segment", "area_code"):
            data[name] = (data[name] or "").strip() or None
        return data
