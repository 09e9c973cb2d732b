"""NIK (Nomor Induk Kependudukan): cleaning, validation and decoding.

A NIK is ``PPRRSSDDMMYYXXXX``: the kecamatan of first registration (``PP.RR.SS``), the
birth date (40 added to the day for women) and a serial. Validation builds on
:mod:`stdnum.id.nik` and adds what office spreadsheets break: scientific notation
(``3.5161E+15``), the last digit lost when Excel stored the NIK as a number, a leading
apostrophe, and kecamatan codes that do not exist.

The same checks exist as a DuckDB SQL expression (:func:`nik_problem_sql`) for bulk
loads; tests keep the two in agreement.

Example:
    >>> info = parse_nik("3516 1257 0886 0003")
    >>> info.nik, info.district_code, info.birth_date.isoformat(), info.sex
    ('3516125708860003', '35.16.12', '1986-08-17', 'P')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum.exceptions import InvalidFormat, InvalidLength, ValidationError
from stdnum.id import nik as stdnum_nik

from cakupan.areas import district_code_from_nik, district_exists
from cakupan.errors import NikError
from cakupan.sql import quote_identifier

__all__ = [
    "NikInfo",
    "clean_nik",
    "decode_birth_date",
    "nik_clean_sql",
    "nik_problem_sql",
    "parse_nik",
]

_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+$")
_SEPARATORS = re.compile(r"[\s.\-_/\u00a0]")
_QUOTES = "'\"`\u2018\u2019\u201c\u201d"
# The same characters inside an SQL string literal (its ' doubled), for nik_clean_sql.
_QUOTES_SQL = "''\"`\u2018\u2019\u201c\u201d"


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a valid NIK says about its holder."""

    nik: str
    district_code: str
    birth_date: dt.date
    sex: str  # "L" laki-laki or "P" perempuan
    serial: str


def clean_nik(raw: object) -> tuple[str, bool]:
    """Strip what people and spreadsheets add around a NIK.

    Returns the cleaned text and whether the value came as a number (an Excel cell
    typed as number, or text like ``3516125708860000.0``), which matters because
    Excel keeps only 15 significant digits.

    >>> clean_nik(" '3516.1257.0886.0003 ")
    ('3516125708860003', False)
    >>> clean_nik(3516125708860000.0)
    ('3516125708860000', True)
    """
    if raw is None:
        return "", False
    if isinstance(raw, bool):
        return str(raw), False
    if isinstance(raw, int):
        return str(raw), True
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return "", False
        if raw.is_integer():
            return str(int(raw)), True
        return repr(raw), True
    text = str(raw).strip().strip(_QUOTES).strip()
    if _SCIENTIFIC.match(text):
        return text, True
    as_number = re.fullmatch(r"([0-9]{15,16})[.,]0+", text)
    if as_number:
        return as_number.group(1), True
    return _SEPARATORS.sub("", text), False


def decode_birth_date(nik: str, *, reference_year: int | None = None) -> dt.date:
    """The birth date written in a 16-digit NIK (day minus 40 for women).

    The year has two digits: it is taken in the 2000s unless that lies after
    ``reference_year`` (default: this year). Raises ``ValueError`` if impossible.
    """
    day, month, yy = int(nik[6:8]) % 40, int(nik[8:10]), int(nik[10:12])
    ref = reference_year or dt.date.today().year
    year = 2000 + yy if 2000 + yy <= ref else 1900 + yy
    return dt.date(year, month, day)


def parse_nik(raw: object, *, reference_year: int | None = None) -> NikInfo:
    """Clean, validate and decode a NIK; raise :class:`NikError` with a stable code.

    Codes: ``nik.missing``, ``nik.scientific_notation``, ``nik.non_digit``,
    ``nik.length``, ``nik.precision_lost``, ``nik.temporary`` (OpenSID's *NIK sementara*:
    ``0`` + the 10-digit desa code + a 5-digit serial; no province code starts with 0),
    ``nik.region_unknown``, ``nik.birth_date_invalid``, ``nik.serial_invalid``.

    >>> parse_nik("3.5161E+15")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cakupan.errors.NikError: Excel turned this NIK into scientific notation ...
    """
    text, numeric = clean_nik(raw)
    if not text:
        raise NikError("nik.missing")
    if _SCIENTIFIC.match(text):
        raise NikError(
            "nik.scientific_notation",
            value=text,
        )
    if numeric and len(text) == 15:
        raise NikError(
            "nik.precision_lost",
            value=text,
        )
    try:
        stdnum_nik.validate(text)
    except InvalidLength:
        raise NikError("nik.length", value=text, n=len(text)) from None
    except InvalidFormat:
        raise NikError("nik.non_digit", value=text) from None
    except ValidationError:
        pass  # region or date: the checks below say which, with our own area table
    if text.startswith("0"):
        raise NikError(
            "nik.temporary",
            value=text,
        )
    if numeric and text.endswith("0"):
        raise NikError(
            "nik.precision_lost",
            value=text,
        )
    district = district_code_from_nik(text)
    if not district_exists(district):
        raise NikError(
            "nik.region_unknown",
            value=text,
            district=district,
        )
    try:
        birth = decode_birth_date(text, reference_year=reference_year)
    except ValueError:
        raise NikError(
            "nik.birth_date_invalid",
            value=text,
            ddmmyy=text[6:12],
        ) from None
    if text[12:] == "0000":
        raise NikError("nik.serial_invalid", value=text)
    return NikInfo(
        nik=text,
        district_code=district,
        birth_date=birth,
        sex="P" if int(text[6:8]) > 40 else "L",
        serial=text[12:],
    )


def nik_problem_sql(column: str, *, districts_table: str = "ref_district") -> str:
    """A DuckDB expression giving the problem code of an already-cleaned NIK, or NULL.

    ``column`` holds the text produced by :func:`clean_nik` semantics; the numeric-origin
    check (``nik.precision_lost``) needs the raw cell type and is done by the loader.
    ``districts_table`` must have a ``nik_prefix`` column (six digits). Well-formed values
    (16 digits, nearly every row) take a fast path of plain arithmetic.

    >>> "nik.length" in nik_problem_sql("n")
    True
    """
    c_sql = column
    districts_sql = quote_identifier(districts_table)
    day_sql = f"(TRY_CAST(substr({c_sql}, 7, 2) AS INTEGER) % 40)"
    month_sql = f"TRY_CAST(substr({c_sql}, 9, 2) AS INTEGER)"
    yy_sql = f"TRY_CAST(substr({c_sql}, 11, 2) AS INTEGER)"
    # 2000+yy and 1900+yy have the same leap years except yy=00, where decode_birth_date
    # picks 2000 (a leap year), so "yy % 4 = 0" agrees with it.
    month_days_sql = (
        f"CASE {month_sql} WHEN 2 THEN CASE WHEN {yy_sql} % 4 = 0 THEN 29 ELSE 28 END "
        "WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END"
    )
    date_ok_sql = f"({month_sql} BETWEEN 1 AND 12 AND {day_sql} BETWEEN 1 AND {month_days_sql})"
    well_formed_sql = (
        f"CASE WHEN substr({c_sql}, 1, 1) = '0' THEN 'nik.temporary' "
        f"WHEN substr({c_sql}, 1, 6) NOT IN (SELECT nik_prefix FROM {districts_sql}) "
        "THEN 'nik.region_unknown' "
        f"WHEN NOT {date_ok_sql} THEN 'nik.birth_date_invalid' "
        f"WHEN substr({c_sql}, 13, 4) = '0000' THEN 'nik.serial_invalid' END"
    )
    return (
        "CASE "
        f"WHEN regexp_full_match({c_sql}, '[0-9]{{16}}') THEN {well_formed_sql} "
        f"WHEN {c_sql} IS NULL OR {c_sql} = '' THEN 'nik.missing' "
        f"WHEN regexp_matches({c_sql}, '^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$') "
        "THEN 'nik.scientific_notation' "
        f"WHEN NOT regexp_matches({c_sql}, '^[0-9]+$') THEN 'nik.non_digit' "
        "ELSE 'nik.length' END"
    )


def nik_clean_sql(raw: str) -> str:
    """A DuckDB expression doing what :func:`clean_nik` does to text values.

    >>> import duckdb
    >>> duckdb.execute("SELECT " + nik_clean_sql("' 3516.1257.0886.0003'")).fetchone()[0]
    '3516125708860003'
    """
    t = (
        f"regexp_replace(regexp_replace(regexp_replace(coalesce({raw}, ''), "
        f"'^\\s+|\\s+$', '', 'g'), '^[{_QUOTES_SQL}]+|[{_QUOTES_SQL}]+$', '', 'g'), "
        "'^\\s+|\\s+$', '', 'g')"
    )
    return (
        f"CASE WHEN regexp_full_match({raw}, '[0-9]{{16}}') THEN {raw} "
        f"WHEN regexp_matches({t}, '^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$') THEN {t} "
        f"WHEN regexp_matches({t}, '^[0-9]{{15,16}}[.,]0+$') "
        f"THEN regexp_extract({t}, '^([0-9]{{15,16}})', 1) "
        f"ELSE regexp_replace({t}, '[\\s.\\-_/\u00a0]', '', 'g') END"
    )
