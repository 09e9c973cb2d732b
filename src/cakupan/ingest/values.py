"""Pure readers of single cell values, applied once per distinct value of a column.

Each returns ``(value, code, params)``: the typed value, or None with a problem code and
the parameters of its message.

Example:
    >>> parse_amount("Rp 1.500.000,00")
    (1500000, None, {})
    >>> parse_month("Feb 2023")
    (datetime.date(2023, 2, 1), None, {})
    >>> parse_kpj("3.5E+10")[1]
    'kpj.scientific_notation'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cakupan import areas
from cakupan.codes import code_key, code_list
from cakupan.errors import DateParseError, NikError
from cakupan.identity.dates import MONTHS, parse_date
from cakupan.identity.nik import clean_nik, parse_nik
from cakupan.ingest.schemas import Column

__all__ = [
    "AreaResolver",
    "Parsed",
    "parse_amount",
    "parse_area_code",
    "parse_code",
    "parse_enum",
    "parse_identifier",
    "parse_int",
    "parse_kpj",
    "parse_month",
    "parse_text",
    "parse_ttl",
    "parse_value",
]

Parsed = tuple[Any, str | None, dict[str, Any]]
_OK: dict[str, Any] = {}
_NUMERIC_CELL = re.compile(r"^-?\d+\.0+$")
_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")


def parse_text(raw: str) -> Parsed:
    """Trimmed text; a number typed into a cell (``"2.0"``) back to ``"2"``."""
    text = " ".join(raw.split())
    if _NUMERIC_CELL.match(text):
        text = text.split(".")[0]
    return (text or None), None, _OK


def parse_amount(raw: str) -> Parsed:
    """Rupiah amounts as offices write them: ``1.500.000``, ``Rp1,500,000.00``, ``1500000``."""
    text = re.sub(r"(?i)^rp\.?|\s|rupiah", "", raw.strip())
    if not text:
        return None, "value.missing", _OK
    if _NUMERIC_CELL.match(text):
        return int(text.split(".")[0]), None, _OK
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):  # 1.500.000,00
        return int(text.split(",")[0].replace(".", "")), None, _OK
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d{1,2})?", text):  # 1,500,000.00
        return int(text.split(".")[0].replace(",", "")), None, _OK
    if re.fullmatch(r"-?\d+([.,]\d{1,2})?", text):
        return int(re.split(r"[.,]", text)[0]), None, _OK
    return None, "value.not_number", {"value": raw}


def parse_int(raw: str, column: Column | None = None) -> Parsed:
    """A whole number within the column's bounds."""
    value, code, params = parse_amount(raw)
    if code:
        return value, code, params
    if column is not None:
        if column.minimum is not None and value < column.minimum:
            return None, "value.too_small", {"value": raw, "minimum": column.minimum}
        if column.maximum is not None and value > column.maximum:
            return None, "value.too_large", {"value": raw, "maximum": column.maximum}
    return value, None, _OK


def parse_month(raw: str) -> Parsed:
    """A month: ``2023-02``, ``02/2023``, ``202302``, ``Feb 2023``, ``Februari 2023`` or a
    full date (its month is kept)."""
    text = raw.strip().lower()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", text) or re.fullmatch(r"(\d{4})(\d{2})", text)
    if m:
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", text):
        year, month = int(m[2]), int(m[1])
    elif (m := re.fullmatch(r"([a-z]+)\.?[\s\-/]*(\d{4})", text)) and m[1] in MONTHS:
        year, month = int(m[2]), MONTHS[m[1]]
    else:
        try:
            day = parse_date(raw)
        except DateParseError:
            return None, "month.unreadable", {"value": raw}
        return day.replace(day=1), None, _OK
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None, "month.unreadable", {"value": raw}
    return dt.date(year, month, 1), None, _OK


def parse_enum(raw: str, column: Column) -> Parsed:
    """One of the column's allowed values, through its aliases; case- and space-blind."""
    key = " ".join(raw.strip().upper().replace("_", " ").split())
    if _NUMERIC_CELL.match(key):
        key = key.split(".")[0]
    for alias, value in column.aliases:
        if key == alias:
            return value, None, _OK
    for value in column.allowed:
        if key == value.upper():
            return value, None, _OK
    return None, "value.not_allowed", {"value": raw, "allowed": ", ".join(column.allowed)}


def parse_code(raw: str, column: Column) -> Parsed:
    """A value of the column's code list (number, label or alias) as the value Cakupan stores;
    the column's aliases (a layout's quirks) are tried first. A value outside the list is
    kept as written (upper case) with the column's ``unknown`` warning, so nothing is lost;
    an entry may carry a finding of its own (a resident who died is kept but set aside)."""
    key = code_key(raw)
    for alias, target in column.aliases:
        if key == code_key(alias):
            key = code_key(target)
            break
    entry = code_list(column.codes or "").lookup.get(key)
    if entry is None:
        text = str(parse_text(raw)[0] or "").upper() or None if column.keep_unknown else None
        return text, column.unknown, {"value": raw, "list": column.codes}
    finding = entry.attrs.get("finding") or None
    return entry.value, finding, ({"value": raw, "status": entry.value} if finding else _OK)


def parse_kpj(raw: str) -> Parsed:
    """A participant number (KPJ): 8 to 13 digits once spaces and quotes are gone."""
    stripped = raw.strip()
    text = stripped.split(".")[0] if _NUMERIC_CELL.match(stripped) else clean_nik(raw)[0]
    if _SCIENTIFIC.match(text):
        return None, "kpj.scientific_notation", {"value": raw}
    if not text.isdigit() or not 8 <= len(text) <= 13:
        return None, "kpj.invalid", {"value": raw}
    return text, None, _OK


def parse_identifier(raw: str) -> Parsed:
    """A NIK, or a keyed hash: hexadecimal, or Cakupan's exchange tokens (hexadecimal with
    the digits written g–p, :mod:`cakupan.exchange`), 32 to 128 characters."""
    text = raw.strip().strip("'").lower()
    if re.fullmatch(r"[0-9a-f]{32,128}|[a-p]{32,128}", text) and not text.isdigit():
        return text, None, _OK
    if text == "unmatched":  # an answer's count of participants no token finds
        return text, None, _OK
    try:
        return parse_nik(raw).nik, None, _OK
    except NikError as exc:
        return None, "identifier.invalid", {"value": raw, "why": exc.message}


def parse_area_code(raw: str) -> Parsed:
    """A Kemendagri area code that exists (``35.16``, ``3516`` or ``35.16.12``)."""
    text = raw.strip()
    if re.fullmatch(r"\d{2}(\d{2}(\d{2}(\d{4})?)?)?", text):
        parts = [text[0:2], text[2:4], text[4:6], text[6:10]]
        text = ".".join(p for p in parts if p)
    try:
        return areas.get(text).code, None, _OK
    except Exception:
        return None, "area.unknown", {"value": raw}


def parse_ttl(raw: str) -> tuple[str | None, Parsed]:
    """Split ``"MOJOKERTO, 31-01-1986"`` (tempat, tanggal lahir) into place and date."""
    text = raw.strip()
    m = re.match(r"^(.*?)[,/]\s*(\d.*)$", text) or re.match(r"^(\D*?)\s+(\d.*)$", text)
    if not m:
        return (text or None), (None, "date.unreadable", {"value": raw})
    place = m[1].strip(" ,/") or None
    try:
        return place, (parse_date(m[2].strip()), None, _OK)
    except DateParseError as exc:
        return place, (None, exc.code, {"value": m[2].strip()})


def _date(raw: str) -> Parsed:
    try:
        return parse_date(raw), None, _OK
    except DateParseError as exc:
        return None, exc.code, {"value": raw}


def parse_value(raw: str, column: Column) -> Parsed:
    """Dispatch on the column's kind (for kinds read one distinct value at a time)."""
    if not raw.strip():
        return None, "value.missing", _OK
    kind = column.kind
    if kind == "date":
        return _date(raw)
    if kind == "month":
        return parse_month(raw)
    if kind == "int":
        return parse_int(raw, column)
    if kind == "money":
        return parse_int(raw, column)
    if kind == "enum":
        return parse_enum(raw, column)
    if kind == "code":
        return parse_code(raw, column)
    if kind == "kpj":
        return parse_kpj(raw)
    if kind == "identifier":
        return parse_identifier(raw)
    if kind == "area":
        return parse_area_code(raw)
    return parse_text(raw)


def _dotted(raw: str) -> str:
    """An area code written without dots (OpenDK's ``3516122008``, a spreadsheet's
    ``3516122008.0``) in Kemendagri's dotted form; other text unchanged."""
    text = raw.strip()
    if _NUMERIC_CELL.match(text):
        text = text.split(".")[0]
    if re.fullmatch(r"\d{10}", text):
        return f"{text[0:2]}.{text[2:4]}.{text[4:6]}.{text[6:10]}"
    if re.fullmatch(r"\d{6}", text):
        return f"{text[0:2]}.{text[2:4]}.{text[4:6]}"
    return text


def _same_name(one: str, other: str) -> bool:
    return areas.normalise_area_name(areas.get(one).name) == areas.normalise_area_name(
        areas.get(other).name
    )


class AreaResolver:
    """Desa and kecamatan of one regency (or of a province's regencies) from codes or names
    as people write them."""

    def __init__(self, regency: str) -> None:
        self.regency = regency
        self.kecamatan = areas.kecamatan_under(regency)
        self.desa = {k.code: areas.children(k.code) for k in self.kecamatan}
        self._kec_by_name = {areas.normalise_area_name(k.name): k for k in self.kecamatan}
        self._desa_by_name: dict[str, list[areas.Area]] = {}
        for group in self.desa.values():
            for d in group:
                self._desa_by_name.setdefault(areas.normalise_area_name(d.name), []).append(d)

    def kecamatan_of(self, raw: str) -> Parsed:
        text = _dotted(raw)
        if text.startswith(self.regency + ".") and text.count(".") == 2:
            hit = next((k for k in self.kecamatan if k.code == text), None)
            if hit:
                return hit.code, None, _OK
        hit = self._kec_by_name.get(areas.normalise_area_name(text))
        if hit:
            return hit.code, None, _OK
        close = ", ".join(a.name for a in areas.suggest(text, self.kecamatan))
        return None, "kecamatan.not_found", {"value": raw, "close": close}

    def resolve(self, desa_raw: str, kec_raw: str) -> tuple[Parsed, Parsed]:
        """(desa, kecamatan) results; the desa is looked for inside the kecamatan given."""
        kec: Parsed = (None, None, _OK)
        if kec_raw.strip():
            kec = self.kecamatan_of(kec_raw)
        if not desa_raw.strip():
            return (None, "value.missing", _OK), kec
        text = _dotted(desa_raw)
        if text.startswith(self.regency + ".") and text.count(".") == 3:
            parent = text.rsplit(".", 1)[0]
            if any(d.code == text for d in self.desa.get(parent, [])):
                # The code says the kecamatan; a name given beside it that another kecamatan
                # of a province shares (two Sukodono) is the code's.
                if not kec[0] or _same_name(str(kec[0]), parent):
                    return (text, None, _OK), (parent, None, _OK)
                return (text, None, _OK), kec
            return (None, "desa.not_found", {"value": desa_raw, "close": ""}), kec
        hits = self._desa_by_name.get(areas.normalise_area_name(text), [])
        if kec[0]:
            inside = [d for d in hits if d.parent_code == kec[0]]
            if inside:
                return (inside[0].code, None, _OK), kec
            pool = self.desa.get(str(kec[0]), [])
            close = ", ".join(a.name for a in areas.suggest(text, pool))
            if hits:
                where = ", ".join(areas.get(d.parent_code or "").name for d in hits)
                return (
                    None,
                    "desa.other_kecamatan",
                    {"value": desa_raw, "where": where, "kecamatan": kec_raw},
                ), kec
            return (None, "desa.not_found", {"value": desa_raw, "close": close}), kec
        if len(hits) == 1:
            return (hits[0].code, None, _OK), (hits[0].parent_code, None, _OK)
        if len(hits) > 1:
            where = ", ".join(areas.get(d.parent_code or "").name for d in hits)
            return (None, "desa.ambiguous", {"value": desa_raw, "where": where}), kec
        every = [d for group in self.desa.values() for d in group]
        close = ", ".join(a.name for a in areas.suggest(text, every))
        return (None, "desa.not_found", {"value": desa_raw, "close": close}), kec
