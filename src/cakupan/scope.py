"""What one reader may see: the scope every read of area- or person-level data receives and
applies, and the roles that give users their scope.

Deny by default: a reader with no scope gets an error (``access.no_scope``), not everything;
a scope with no areas, no partner and no regency covers nothing. Areas are Kemendagri codes;
a kecamatan covers its desa. The command line runs on the server as the account that owns
the data folder, which can read the warehouse file anyway: it reads with the whole regency's
scope. The web app gives each user the scope of their role (:func:`scope_for_role`,
``docs/access.md``).

Example:
    >>> s = scope_for_role("desa_operator", who="siti", areas=["35.16.17.2001"])
    >>> s.covers("35.16.17.2001"), s.covers("35.16.12.2007"), s.full_nik
    (True, False, True)
    >>> Scope(who="nobody").covers("35.16.17.2001")
    False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cakupan.errors import CakupanError
from cakupan.sql import Sql, int_literal_sql

__all__ = ["ROLES", "Role", "Scope", "require_scope", "scope_for_role"]


@dataclass(frozen=True)
class Role:
    """What a role's scope is made of and what it may see inside it."""

    name: str
    regency: bool  # the whole regency
    scope_by: str  # "regency", "kecamatan", "desa" or "partner": what --area/--partner give
    persons: bool  # names and NIKs at all (False: aggregates only)
    full_nik: bool  # the whole NIK (a desa operator visits people; the admin answers them)


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        Role("disnaker_admin", regency=True, scope_by="regency", persons=True, full_nik=True),
        Role("executive", regency=True, scope_by="regency", persons=False, full_nik=False),
        Role("kecamatan_operator", False, scope_by="kecamatan", persons=True, full_nik=False),
        Role("desa_operator", False, scope_by="desa", persons=True, full_nik=True),
        Role("bpjs_officer", regency=True, scope_by="regency", persons=True, full_nik=False),
        Role("partner", regency=False, scope_by="partner", persons=True, full_nik=False),
    )
}


@dataclass(frozen=True)
class Scope:
    """The areas and partner lists one reader may see, and whether persons at all."""

    who: str
    regency: bool = False  # the whole regency
    areas: frozenset[str] = frozenset()  # kecamatan or desa codes
    partners: frozenset[str] = frozenset()  # partner names (upper case)
    persons: bool = True  # False: aggregates only (never a NIK or a name)
    full_nik: bool = True  # False: NIKs masked (3516********0001)
    role: str = ""

    @classmethod
    def whole_regency(cls, who: str) -> Scope:
        return cls(who=who, regency=True)

    @property
    def label(self) -> str:
        """What the scope covers, for the audit log and the page header."""
        if self.regency:
            return "regency"
        parts = sorted(self.areas) + [f"partner:{p}" for p in sorted(self.partners)]
        return ",".join(parts) or "nothing"

    def covers(self, area_code: str | None) -> bool:
        """Whether a desa or kecamatan (by code) lies inside this scope."""
        if self.regency:
            return True
        if not area_code:
            return False
        return any(area_code == a or area_code.startswith(a + ".") for a in self.areas)

    def covers_partner(self, partner: str | None) -> bool:
        return self.regency or (partner or "").strip().upper() in self.partners

    def rows_sql(self, *, area_sql: str, partner_sql: str) -> Sql:
        """The condition a row of area- or person-level data must meet to be in this scope
        (``area_sql`` and ``partner_sql`` are the caller's column expressions; values are
        parameters). Kemendagri codes have fixed-width parts, so an area covers a code when
        the code's first ``len(area)`` characters are the area and a part ends there: one
        hash lookup per code length, not a scan of the areas per row."""
        if self.regency:
            return Sql("TRUE")
        tests, params = [], {}
        for length in sorted({len(a) for a in self.areas}):
            key = f"scope_areas_{length}"
            name_sql, size_sql = "$" + key, int_literal_sql(length)
            tests.append(
                f"(substr({area_sql}, 1, {size_sql}) IN (SELECT unnest({name_sql})) "
                f"AND (length({area_sql}) = {size_sql} "
                f"OR substr({area_sql}, {int_literal_sql(length + 1)}, 1) = '.'))"
            )
            params[key] = sorted(a for a in self.areas if len(a) == length)
        if self.partners:
            tests.append(f"upper({partner_sql}) IN (SELECT unnest($scope_partners))")
            params["scope_partners"] = sorted(self.partners)
        return Sql("(" + (" OR ".join(tests) or "FALSE") + ")", params)


def scope_for_role(role: str, *, who: str, areas: Iterable[str] = (), partner: str = "") -> Scope:
    """The scope of a user with ``role`` over ``areas`` (area roles) or ``partner``; an
    unknown role covers nothing."""
    spec = ROLES.get(role)
    if spec is None:
        return Scope(who=who)
    return Scope(
        who=who,
        regency=spec.regency,
        areas=frozenset(areas) if spec.scope_by in ("kecamatan", "desa") else frozenset(),
        partners=frozenset({partner.strip().upper()} - {""})
        if spec.scope_by == "partner"
        else frozenset(),
        persons=spec.persons,
        full_nik=spec.full_nik,
        role=role,
    )


def require_scope(scope: Scope | None, *, persons: bool = False) -> Scope:
    """``scope``, or an error when there is none (or when it may not see persons and
    ``persons`` are asked for)."""
    if scope is None:
        raise CakupanError("access.no_scope")
    if persons and not scope.persons:
        raise CakupanError("access.persons_hidden", who=scope.who)
    return scope
