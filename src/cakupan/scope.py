"""What one reader may see: the scope every read of person-level data receives and applies.

Deny by default: a reader with no scope gets an error (``access.no_scope``), not everything;
a scope with no areas, no partner and no regency covers nothing. Areas are Kemendagri codes;
a kecamatan covers its desa. The command line runs on the server as the account that owns
the data folder, which can read the warehouse file anyway: it reads with the whole regency's
scope. The web app gives each user the scope of their role (``docs/access.md``).

Example:
    >>> s = Scope(who="siti", areas=frozenset({"35.16.17"}))
    >>> s.covers("35.16.17.2001"), s.covers("35.16.12.2007")
    (True, False)
    >>> Scope(who="nobody").covers("35.16.17.2001")
    False
"""

from __future__ import annotations

from dataclasses import dataclass

from cakupan.errors import CakupanError

__all__ = ["Scope", "require_scope"]


@dataclass(frozen=True)
class Scope:
    """The areas and partner lists one reader may see, and whether persons at all."""

    who: str
    regency: bool = False  # the whole regency
    areas: frozenset[str] = frozenset()  # kecamatan or desa codes
    partners: frozenset[str] = frozenset()  # partner names (upper case)
    persons: bool = True  # False: aggregates only (never a NIK or a name)

    @classmethod
    def whole_regency(cls, who: str) -> Scope:
        return cls(who=who, regency=True)

    def covers(self, area_code: str | None) -> bool:
        """Whether a desa or kecamatan (by code) lies inside this scope."""
        if self.regency:
            return True
        if not area_code:
            return False
        return any(area_code == a or area_code.startswith(a + ".") for a in self.areas)

    def covers_partner(self, partner: str | None) -> bool:
        return self.regency or (partner or "").strip().upper() in self.partners


def require_scope(scope: Scope | None, *, persons: bool = False) -> Scope:
    """``scope``, or an error when there is none (or when it may not see persons and
    ``persons`` are asked for)."""
    if scope is None:
        raise CakupanError("access.no_scope")
    if persons and not scope.persons:
        raise CakupanError("access.persons_hidden", who=scope.who)
    return scope
