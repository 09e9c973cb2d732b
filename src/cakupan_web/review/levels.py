"""The comparison levels of the matching model as the review page says them: plain words in
the user's language, not Splink's labels (``Exact match on name_norm``, ``Jaro-Winkler
distance of name_norm >= 0.92``), which stay the stable names in the model, the CLI and the
API. Every level of :func:`cakupan.matching.model.new_linker`'s settings has a text here (a
test checks it, and its Indonesian translation).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LEVEL_TEXT: dict[str, Promise] = {
    "All other comparisons": _("different"),
    # name
    "name_norm is NULL": _("no name on one side"),
    "Exact match on name_norm": _("the same name"),
    "same parts, reordered": _("the same parts of the name, in another order"),
    "Jaro-Winkler distance of name_norm >= 0.92": _("very similar names"),
    "one name inside the other": _("one name inside the other"),
    "Jaro-Winkler distance of name_norm >= 0.8": _("somewhat similar names"),
    # birth date
    "birth_date is NULL": _("no birth date on one side"),
    "Exact match on birth_date": _("the same birth date"),
    "day and month swapped": _("day and month swapped"),
    "one year off": _("one year apart"),
    "one digit off": _("one digit different"),
    # NIK
    "nik_digits is NULL": _("no NIK on one side"),
    "Exact match on nik_digits": _("the same NIK"),
    "differ only as the birth dates do": _("differ only where the birth dates differ"),
    "the sex digit differs": _("only the sex digit differs"),
    "one typo in the birth-date digits": _("one typo in the birth-date digits"),
    "one typo in the province or regency digits": _("one typo in the province or regency digits"),
    "one typo in the kecamatan digits": _("one typo in the kecamatan digits"),
    "one typo in the serial's last digit": _("one typo in the serial number's last digit"),
    "one typo in the serial": _("one typo in the serial number"),
    # area
    "area unknown": _("area unknown on one side"),
    "same desa, dusun, RT and RW": _("the same desa, dusun, RT and RW"),
    "same desa and dusun": _("the same desa and dusun"),
    "Exact match on desa_code": _("the same desa"),
    "Exact match on kecamatan_code": _("the same kecamatan"),
    "address in the other's NIK kecamatan": _("lives in the kecamatan of the other's NIK"),
    # sex
    "sex unknown or in both NIKs": _("sex unknown, or already told by both NIKs"),
    "Exact match on sex": _("the same sex"),
    # birth place
    "birth_place is NULL": _("no birth place on one side"),
    "Exact match on birth_place": _("the same birth place"),
    "Jaro-Winkler distance of birth_place >= 0.88": _("similar birth places"),
}


def level_text(label: str) -> str:
    """What a comparison level means, in the active language (the label itself for a level
    this catalogue does not know)."""
    text = LEVEL_TEXT.get(label)
    return str(text) if text is not None else label
