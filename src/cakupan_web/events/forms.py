"""The forms of the events page, one per kind; field names are the source types' column
names (``cakupan.ingest.schemas``), so an entry is a row of a file."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
         "initial": dt.date.today}  # fmt: skip
VENUES = [("pasar", _("Market")), ("desa", _("Village hall")), ("masjid", _("Mosque")),
          ("sekolah", _("School")), ("kantor", _("Office")), ("lainnya", _("Other"))]  # fmt: skip
PROGRAMS = [(p, p) for p in ("JKK", "JKM", "JHT", "JP", "JKP")]


class _EntryForm(forms.Form):
    desa = forms.ChoiceField(label=_("Desa"), choices=())

    def __init__(self, *args: object, desa_choices: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["desa"].choices = desa_choices  # type: ignore[attr-defined]

    def row(self) -> dict[str, str]:
        """The entry as a row of a file: column name → text."""
        out = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = "" if value is None else str(value)
        return out


class EventForm(_EntryForm):
    date = forms.DateField(label=_("Date"), **_DATE)  # type: ignore[arg-type]
    event_name = forms.CharField(label=_("Event"), max_length=200, required=False)
    venue_type = forms.ChoiceField(label=_("Venue"), choices=VENUES)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=0, required=False)
    registrations = forms.IntegerField(
        label=_("Registered on the spot"), min_value=0, required=False
    )


class PayoutForm(_EntryForm):
    program = forms.ChoiceField(label=_("Programme"), choices=PROGRAMS)
    name = forms.CharField(label=_("Name"), max_length=200)
    nik = forms.CharField(label="NIK", max_length=16, min_length=16)
    kpj = forms.CharField(label="KPJ", max_length=20, required=False)
    amount = forms.IntegerField(label=_("Amount (rupiah)"), min_value=1, max_value=10**11)
    date = forms.DateField(label=_("Date"), **_DATE)  # type: ignore[arg-type]
    cause = forms.CharField(label=_("Cause"), max_length=200, required=False)


class CardForm(_EntryForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    nik = forms.CharField(label="NIK", max_length=16, min_length=16)
    kpj = forms.CharField(label="KPJ", max_length=20, required=False)
    date = forms.DateField(label=_("Date"), **_DATE)  # type: ignore[arg-type]
    event_name = forms.CharField(label=_("At which event"), max_length=200, required=False)


FORMS: dict[str, type[_EntryForm]] = {"events": EventForm, "payouts": PayoutForm, "cards": CardForm}
