"""Company compliance: who registers part of its staff, under-reports wages, skips programs,
or has not registered at all — with the evidence and the contribution not being paid.

* **PDS-TK** (*perusahaan daftar sebagian tenaga kerja*): declared workers > registered;
* **PDS-Upah**: reported wage below the UMK in force, or below the declared wage;
* **PDS-Program**: a mandatory program (JKK, JKM, JHT, JP) missing;
* **PWBD** (*perusahaan wajib belum daftar*): in the registry with workers, no NPP.

The potential contribution is a month of PU contributions by regulation
(:func:`cakupan.rules.pu_contribution`) at the company's risk class.

Example:
    >>> sorted(MANDATORY_PROGRAMS)
    ['JHT', 'JKK', 'JKM', 'JP']
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cakupan.coverage import data_as_of
from cakupan.errors import InputError, RuleError
from cakupan.results import Compliance
from cakupan.rules import pu_contribution, umk
from cakupan.warehouse import Warehouse

__all__ = ["MANDATORY_PROGRAMS", "company_findings", "compliance_report"]

MANDATORY_PROGRAMS = frozenset({"JKK", "JKM", "JHT", "JP"})


def _monthly(
    wage: int, risk_class: int, on: dt.date, programs: frozenset[str] | set[str] | None = None
) -> int:
    if wage <= 0:
        return 0
    c = pu_contribution(wage=wage, risk_class=risk_class, on=on)
    return sum(p.total for code, p in c.programs.items() if programs is None or code in programs)


def company_findings(
    company: dict[str, Any], *, umk_value: int, on: dt.date
) -> list[dict[str, Any]]:
    """The compliance findings of one company (registry row joined to its registration)."""
    risk = int(company.get("risk_class") or 1)
    declared = int(company.get("declared_workers") or 0)
    declared_wage = int(company.get("declared_wage") or 0)
    found: list[dict[str, Any]] = []
    if not company.get("npp"):
        if declared > 0:
            wage = max(declared_wage, umk_value)
            found.append(
                {
                    "code": "PWBD",
                    "evidence": f"{declared} workers declared, no NPP",
                    "potential_monthly": declared * _monthly(wage, risk, on),
                }
            )
        return found
    registered = int(company.get("registered_workers") or 0)
    reported = int(company.get("reported_wage") or 0)
    basis_wage = max(declared_wage, umk_value)
    if declared > registered:
        found.append(
            {
                "code": "PDS-TK",
                "evidence": f"{declared} workers declared, {registered} registered",
                "potential_monthly": (declared - registered) * _monthly(basis_wage, risk, on),
            }
        )
    if registered and reported and reported < basis_wage:
        why = "below the UMK" if reported < umk_value else "below the declared wage"
        found.append(
            {
                "code": "PDS-Upah",
                "evidence": f"reported wage Rp{reported:,} {why} (UMK Rp{umk_value:,}, "
                f"declared Rp{declared_wage:,})".replace(",", "."),
                "potential_monthly": registered
                * (_monthly(basis_wage, risk, on) - _monthly(reported, risk, on)),
            }
        )
    programs = {
        p.strip().upper() for p in str(company.get("programs") or "").split(",") if p.strip()
    }
    missing = MANDATORY_PROGRAMS - programs
    if registered and missing:
        wage = reported or basis_wage
        found.append(
            {
                "code": "PDS-Program",
                "evidence": "missing " + ", ".join(sorted(missing)),
                "potential_monthly": registered * _monthly(wage, risk, on, missing),
            }
        )
    return found


def compliance_report(wh: Warehouse, *, regency: str, limit: int = 50) -> Compliance:
    """Every non-compliant company with its findings, largest potential first."""
    if not wh.scalar("SELECT count(*) FROM current_src_companies"):
        raise InputError("compliance.no_data")
    as_of = data_as_of(wh)
    try:
        umk_value = int(umk(regency, on=as_of).value or 0)
    except RuleError:
        raise InputError(
            "compliance.no_umk",
            regency=regency,
            day=as_of.isoformat(),
        ) from None
    rows = wh.query("""
        SELECT c.npp, c.company_name, c.desa, c.sector, c.risk_class, c.declared_workers,
               c.declared_wage, r.registered_workers, r.reported_wage, r.programs
        FROM current_src_companies c
        LEFT JOIN current_src_company_registration r ON r.npp = c.npp
        ORDER BY c.company_name""")
    companies = []
    totals: dict[str, dict[str, int]] = {}
    for company in rows:
        findings = company_findings(company, umk_value=umk_value, on=as_of)
        if not findings:
            continue
        for f in findings:
            t = totals.setdefault(f["code"], {"companies": 0, "potential_monthly": 0})
            t["companies"] += 1
            t["potential_monthly"] += f["potential_monthly"]
        companies.append(
            {
                **company,
                "findings": findings,
                "potential_monthly": sum(f["potential_monthly"] for f in findings),
            }
        )
    companies.sort(key=lambda c: -c["potential_monthly"])
    return Compliance(
        as_of=as_of.isoformat(),
        umk=umk_value,
        companies_checked=len(rows),
        non_compliant=len(companies),
        by_code=totals,
        potential_monthly_total=sum(c["potential_monthly"] for c in companies),
        companies=tuple(companies[:limit]),
    )
