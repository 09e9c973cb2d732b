"""Parsing of the identity fields found in Indonesian lists: NIK, names and dates.

Example:
    >>> from cakupan.identity import parse_nik, normalise_name, parse_date
    >>> parse_nik("'3516125708860003").sex
    'P'
    >>> normalise_name("H. MOCH. DJOKO SOEPRAPTO, S.Pd")
    'muhammad joko suprapto'
    >>> parse_date("14 Agt 2023").isoformat()
    '2023-08-14'
"""

from cakupan.identity.dates import parse_date
from cakupan.identity.names import normalise_name
from cakupan.identity.nik import NikInfo, clean_nik, nik_problem_sql, parse_nik

__all__ = ["NikInfo", "clean_nik", "nik_problem_sql", "normalise_name", "parse_date", "parse_nik"]
