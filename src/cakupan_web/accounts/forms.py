"""The form a Disnaker admin fills to add a user (checked again by the service)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan_web.access import ROLES


class UserAddForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"), max_length=150, regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Letters, digits and . @ + - _ only.")},
    )  # fmt: skip
    role = forms.ChoiceField(label=_("Role"), choices=[(r, r) for r in ROLES])
    areas = forms.CharField(
        label=_("Areas (kecamatan or desa codes, separated by spaces)"), required=False,
        max_length=2000,
    )  # fmt: skip
    partner = forms.CharField(
        label=_("Partner"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"list": "partners"}),  # the names the data carries
    )  # fmt: skip
    email = forms.EmailField(label=_("E-mail"), required=False)

    def area_codes(self) -> list[str]:
        return [c for c in self.cleaned_data["areas"].replace(",", " ").split() if c]
