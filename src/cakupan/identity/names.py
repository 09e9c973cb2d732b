"""Person names as they are written in Indonesian lists, and a normal form for matching.

The original spelling is always kept for display; :func:`normalise_name` gives the form
used to compare records: lower case, no punctuation, religious and academic titles
removed (``H.``, ``Hj.``, ``Drs.``, ``S.Pd``…), the many spellings of Muhammad made one,
and the pre-1972 spellings (``oe``→``u``, ``dj``→``j``, ``tj``→``c``) made modern.

Example:
    >>> normalise_name("Hj. SITI  NUR'AINI, S.Pd.I")
    'siti nuraini'
    >>> normalise_name("M. Soeharto") == normalise_name("Mochammad Suharto")
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["MUHAMMAD_VARIANTS", "POST_TITLES", "PRE_TITLES", "name_tokens", "normalise_name"]

# Written before the name; compared without dots and case.
PRE_TITLES = frozenset(
    "h hj haji hajah hajjah drs dra ir dr drg kh kyai kiai nyai ny tn sdr sdri bpk bapak "
    "ibu prof ust ustad ustadz ustadzah almarhum alm".split()
)
# Academic degrees written after the name (often after a comma).
POST_TITLES = frozenset(
    "spd spdi sag amd amdkeb amdkep mpd mpdi se sh st skom mm msi ssos skep sip mag lc ma "
    "mh mt sthi spsi sked ssi sfarm ak bsc msc phd mba me apt ners spt stp sp sei shi sthi "
    "mkes skm sgz sn ssn mkom mt mh mhum shum ssy spdsd mpdi sstp".split()
)
MUHAMMAD_VARIANTS = frozenset(
    "muhammad muhamad muhammat muhamat mohammad mohamad mohammed mohamed mochammad mochamad "
    "mokhammad mukhammad muchammad muchamad mochamat moch moh mohd mhd muh much mch mukh "
    "mochammat".split()
)
_OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh"))


_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_TAIL_SPLIT = re.compile(r"[\s,]+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Name parts repeat endlessly across a register (a few thousand distinct parts make a million
# names): caching per part makes matching's normalisation of every spelling cheap.
@lru_cache(maxsize=1 << 16)
def _bare(token: str) -> str:
    return _NOT_ALNUM.sub("", token)


@lru_cache(maxsize=1 << 16)
def _modern(bare: str) -> str:
    modern = bare
    for old, new in _OLD_SPELLINGS:
        modern = modern.replace(old, new)
    # "ch" would become "kh", a title: normalising the result again would drop it.
    return bare if modern in PRE_TITLES and bare not in PRE_TITLES else modern


def name_tokens(raw: object) -> list[str]:
    """The normalised parts of a name, in order (see :func:`normalise_name`)."""
    if raw is None:
        return []
    text = _fold(str(raw))
    # Everything after the first comma is degrees ("Budi, S.Pd., M.Pd"), unless nothing is
    # before it; keep parts after the comma that are not degrees (a reversed "SANTOSO, BUDI").
    head, _, tail = text.partition(",")
    tail_tokens = [t for t in _TAIL_SPLIT.split(tail) if _bare(t) and _bare(t) not in POST_TITLES]
    tokens = _SPACES.split(head.replace("-", " ")) + tail_tokens
    tokens = [t for t in tokens if _bare(t)]

    while len(tokens) > 1 and _bare(tokens[0]) in PRE_TITLES:
        tokens.pop(0)
    while len(tokens) > 1 and "." in tokens[-1] and _bare(tokens[-1]) in POST_TITLES:
        tokens.pop()

    out: list[str] = []
    for index, token in enumerate(tokens):
        bare = _bare(token)
        if bare in MUHAMMAD_VARIANTS or (bare == "m" and index == 0 and len(tokens) > 1):
            out.append("muhammad")
            continue
        out.append(_modern(bare))
    return out


def normalise_name(raw: object) -> str:
    """A name's normal form for matching; empty string for an empty name.

    >>> normalise_name("  DRS.  DJOKO   TJAHJONO ")
    'joko cahjono'
    """
    return " ".join(name_tokens(raw))
