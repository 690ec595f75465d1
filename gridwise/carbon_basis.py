"""Which carbon intensity a CO2 figure uses, said the same way everywhere.

The Electricity Maps files carry two hourly intensities per zone: life-cycle
(`ci_lca_gco2eq_per_kwh`, stored as `gco2_per_kwh`) and direct, combustion-only
(`ci_direct_gco2eq_per_kwh`, stored as `gco2_direct_per_kwh`). Both are average (not
marginal), location-based intensities. Let's-Wait-Awhile rows (2020) have no direct value.
"""

from __future__ import annotations

from typing import Any

import duckdb

CARBON_BASIS_TEXT: dict[str, str] = {
    "lca": "Electricity Maps life-cycle (LCA) intensity, average, location-based",
    "direct": "Electricity Maps direct (combustion-only) intensity, average, location-based",
}


def coverage(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Zones and hours with each basis, and the spread of LCA / direct across zones."""
    row = conn.execute(
        "SELECT count(DISTINCT zone), count(DISTINCT zone) FILTER "
        "(WHERE gco2_direct_per_kwh IS NOT NULL), count(*), "
        "count(gco2_direct_per_kwh) FROM carbon_intensity").fetchone()
    ratios = conn.execute(
        "SELECT min(r), max(r) FROM (SELECT zone, avg(gco2_per_kwh) / "
        "nullif(avg(gco2_direct_per_kwh), 0) AS r FROM carbon_intensity "
        "WHERE gco2_direct_per_kwh IS NOT NULL GROUP BY zone)").fetchone()
    borrowed = conn.execute(
        "SELECT count(*) FILTER (WHERE zone_proxy), count(*) FROM regions "
        "WHERE carbon_zone IS NOT NULL").fetchone()
    zones, direct_zones, hours, direct_hours = row if row else (0, 0, 0, 0)
    lo, hi = ratios if ratios else (None, None)
    return {"lca_zones": zones, "direct_zones": direct_zones, "lca_hours": hours,
            "direct_hours": direct_hours,
            "lca_over_direct": None if lo is None else [round(lo, 2), round(hi, 2)],
            "regions_on_a_borrowed_grid": f"{borrowed[0]} of {borrowed[1]}" if borrowed else None,
            "bases": CARBON_BASIS_TEXT}
