"""Mapping a file's headers to a schema's columns, without configuration.

Example:
    >>> from cakupan.ingest.schemas import SOURCE_TYPES
    >>> m = map_headers(["No.", "Nama Debitur", "NO. KTP", "Tgl Lahir"], SOURCE_TYPES["segment"])
    >>> m.columns
    {'name': 'Nama Debitur', 'nik': 'NO. KTP', 'birth_date': 'Tgl Lahir'}
    >>> m.extra
    ['No.']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from cakupan.errors import InputError
from cakupan.ingest.schemas import SYNONYMS, SourceType

__all__ = ["HeaderMap", "map_headers", "normalise_header", "parse_map_options"]


def normalise_header(text: object) -> str:
    """Case-, space- and punctuation-blind form of a header.

    >>> normalise_header(" No. KTP ") == normalise_header("NO_KTP")
    True
    """
    return re.sub(r"[^0-9A-Z]", "", str(text or "").upper())


@dataclass
class HeaderMap:
    """Which file header feeds which schema column."""

    columns: dict[str, str]  # schema column -> file header
    extra: list[str] = field(default_factory=list)  # headers kept aside, unmapped
    ttl: str | None = None  # a "TTL" header to split into birth_place and birth_date
    notes: list[str] = field(default_factory=list)


def parse_map_options(options: list[str] | None) -> dict[str, str]:
    """``["KOLOM X=nik"]`` → ``{"KOLOM X": "nik"}``; raises on a malformed option."""
    result: dict[str, str] = {}
    for option in options or []:
        header, sep, column = option.rpartition("=")
        if not sep or not header.strip() or not column.strip():
            raise InputError(
                "header.bad_map",
                option=option,
            )
        result[header.strip()] = column.strip()
    return result


def map_headers(
    headers: list[str], source: SourceType, overrides: dict[str, str] | None = None
) -> HeaderMap:
    """Map ``headers`` to ``source``'s columns; raise :class:`InputError` naming the headers
    found and the closest candidates when a required column is missing."""
    wanted = {c.name for c in source.columns}
    lookup: dict[str, str] = {}
    for column in source.columns:
        for spelling in (column.name, *column.synonyms):
            lookup.setdefault(normalise_header(spelling), column.name)
    ttl_spellings = {normalise_header(s) for s in SYNONYMS["ttl"]}
    overrides = dict(overrides or {})
    by_norm_override = {normalise_header(h): c for h, c in overrides.items()}
    for header, target in overrides.items():
        if target not in wanted:
            raise InputError(
                "header.bad_map_column",
                header=header,
                column=target,
                source=source.name,
                columns=", ".join(c.name for c in source.columns),
            )
        if normalise_header(header) not in {normalise_header(h) for h in headers}:
            raise InputError(
                "header.bad_map_header",
                header=header,
                column=target,
                found=", ".join(map(str, headers)),
            )
    result = HeaderMap(columns={})
    for header in headers:
        norm = normalise_header(header)
        mapped = by_norm_override.get(norm) or lookup.get(norm)
        if mapped is None and norm in ttl_spellings and {"birth_date", "birth_place"} & wanted:
            result.ttl = header
            continue
        if mapped is None or not norm:
            result.extra.append(header)
        elif mapped in result.columns:
            result.extra.append(header)
            result.notes.append(
                f"'{header}' also looks like {mapped}; '{result.columns[mapped]}' is used"
            )
        else:
            result.columns[mapped] = header
    missing = [
        c
        for c in source.columns
        if c.required
        and c.name not in result.columns
        and not (c.name == "birth_date" and result.ttl)
    ]
    if missing:
        raise InputError(
            "header.missing_required",
            source=source.name,
            missing=", ".join(c.name for c in missing),
            found=", ".join(f"'{h}'" for h in headers) or "none",
            hints=_hints(missing[0].name, missing[0].synonyms, result.extra),
            first=missing[0].name,
        )
    return result


def _hints(column: str, synonyms: tuple[str, ...], candidates: list[str]) -> str:
    spellings = {normalise_header(s) for s in synonyms}
    scored = []
    for header in candidates:
        norm = normalise_header(header)
        score = max(
            (difflib.SequenceMatcher(None, norm, s).ratio() for s in spellings), default=0.0
        )
        if score >= 0.5:
            scored.append((score, header))
    if not scored:
        return f"Usual headers for {column}: {', '.join(synonyms[:4])}. "
    best = ", ".join(f"'{h}'" for _, h in sorted(scored, reverse=True)[:3])
    return f"Closest candidates for {column}: {best}. "
