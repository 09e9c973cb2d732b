"""Reads for the dashboard: the warehouse (read-only) and the bundled boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cakupan import campaigns, compliance, coverage, geo, lapsed, pledges, targets
from cakupan.errors import CakupanError
from cakupan.results import (
    CampaignDesa,
    Compliance,
    CoverageOverview,
    CoverageRow,
    Gap,
    Lapsed,
    PledgeTotal,
)
from cakupan.warehouse import Warehouse


def dataset_get_meta(*, warehouse_path: Path) -> dict[str, str]:
    """The warehouse's ``meta`` table (dataset, as_of, regency…); empty when not built."""
    if not warehouse_path.exists():
        return {}
    with Warehouse(warehouse_path, read_only=True) as wh:
        return {row["key"]: row["value"] for row in wh.query("SELECT key, value FROM meta")}


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, read together."""

    overview: CoverageOverview
    kecamatan: tuple[CoverageRow, ...]
    desa: tuple[CoverageRow, ...]
    unallocated: CoverageRow | None
    segments: tuple[CoverageRow, ...]
    gap: Gap
    lapsed: Lapsed
    campaign: tuple[CampaignDesa, ...]
    compliance: Compliance | None  # None: no company registry, or no UMK for the date
    pledges: tuple[PledgeTotal, ...]


def _compliance(wh: Warehouse, regency: str) -> Compliance | None:
    try:
        return compliance.compliance_report(wh, regency=regency, limit=5)
    except CakupanError:  # no company registry imported, or no UMK for the date
        return None


def coverage_get_dashboard(
    *, warehouse_path: Path, regency: str, default_target: float
) -> DashboardData:
    """Everything the dashboard shows, in one read of the warehouse."""
    with Warehouse(warehouse_path, read_only=True) as wh:
        unallocated = coverage.coverage_areas(wh, level="unallocated")
        return DashboardData(
            overview=coverage.coverage_overview(wh),
            kecamatan=coverage.coverage_areas(wh, level="kecamatan"),
            desa=coverage.coverage_areas(wh, level="desa"),
            unallocated=unallocated[0] if unallocated else None,
            segments=coverage.coverage_segments(wh),
            gap=targets.gap_report(wh, default_target=default_target),
            lapsed=lapsed.lapsed_report(wh, limit=0),
            campaign=campaigns.campaign_ranking(wh, limit=5).rows,
            compliance=_compliance(wh, regency),
            pledges=pledges.pledge_summary(wh),
        )


@lru_cache(maxsize=8)
def boundaries_get_svg(*, regency: str, level: str) -> tuple[str, tuple[geo.SvgPath, ...]]:
    """The SVG ``viewBox`` and paths of a regency's bundled boundaries (cached)."""
    view_box, paths = geo.svg_paths(geo.bundled_boundaries(regency, level), width=800)
    return view_box, tuple(paths)
