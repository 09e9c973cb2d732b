"""The upload form: the file and what it is."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan_web.imports.selectors import source_type_choices

# What each source type is, in the UI's language (the library's descriptions are English).
TYPE_LABELS = {
    "register": _("Population register (Dukcapil, OpenSID, OpenDK, SIAK export)"),
    "participants": _("BPJS Ketenagakerjaan participant extract"),
    "participant-status": _("BPJS status answer (active/inactive per person)"),
    "segment": _("A partner's list of persons (KUR debtors, teachers, village apparatus…)"),
    "companies": _("Company registry (WLKP)"),
    "company-registration": _("BPJS registration per company (NPP)"),
    "denominator": _("Working population per area and year"),
    "payouts": _("Benefit payouts (santunan)"),
    "cards": _("Membership card hand-overs"),
    "events": _("Socialisation events"),
    "pledges": _("Sponsor pledges"),
}


class UploadForm(forms.Form):
    source_type = forms.ChoiceField(label=_("What the file holds"), choices=())
    segment = forms.CharField(
        label=_("List label (segment lists: KUR, GURU_TPQ…)"), max_length=60, required=False
    )
    partner = forms.CharField(label=_("Sent by (BRI, DPMD…)"), max_length=100, required=False)
    desa = forms.CharField(
        label=_("Desa of an OpenSID export (code or name)"), max_length=100, required=False
    )
    as_of = forms.DateField(
        label=_("Date the data describes (empty: today)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    file = forms.FileField(label=_("File (CSV, XLSX, XLS, ODS)"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["source_type"].choices = [  # type: ignore[attr-defined]
            (name, TYPE_LABELS.get(name, description))
            for name, description, _needs in source_type_choices()
        ]
