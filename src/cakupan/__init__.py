"""Cakupan: universal coverage of employment social security (BPJS Ketenagakerjaan)
for an Indonesian regency.

The library holds the domain and the engine; the ``cakupan`` command line and the web
app (package ``cakupan_web``) are thin shells over it.

Example:
    >>> import cakupan
    >>> cakupan.bpu_contribution(income=1_000_000).total
    16800
    >>> cakupan.parse_nik("3516125708860003").district_code
    '35.16.12'
"""

from cakupan.errors import CakupanError
from cakupan.identity import normalise_name, parse_date, parse_nik
from cakupan.rules import (
    bpu_contribution,
    jakon_contribution,
    jkk_death_benefit,
    jkm_benefit,
    pu_contribution,
)
from cakupan.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "CakupanError",
    "Settings",
    "bpu_contribution",
    "jakon_contribution",
    "jkk_death_benefit",
    "jkm_benefit",
    "load_settings",
    "normalise_name",
    "parse_date",
    "parse_nik",
    "pu_contribution",
]
