"""The catalog's extremes: the cheapest GPU-hour, the cleanest grid hour, the largest GPU.

Intake uses them to tell a request that is impossible on this catalog ("$40 for 2,000
H100-hours") from one that is merely tight, and to say what would make it possible.
Every figure is a floor (or, for memory, a ceiling) over everything loaded: the cheapest
on-demand or spot price per accelerator (cloud) or capex rate (on-prem), the lowest
hourly carbon intensity in any zone, the lowest PUE, and the lowest GPU utilisation the
quoting model assumes, so a request flagged against them cannot be met by any offer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from gridwise.store import open_file
from tools.calibration import GPU_DRAW_SHARE, GPU_DRAW_UNCERTAINTY

_PRICE_SQL = """
SELECT accelerator, min(least(coalesce(spot_price_usd_per_h, 1e18),
                              coalesce(price_usd_per_h, 1e18)) / accelerator_count)
FROM instance_prices
WHERE accelerator IS NOT NULL AND accelerator_count > 0
GROUP BY accelerator
UNION ALL
SELECT n.accelerator, min(c.capex_usd_per_gpu_h)
FROM nodes n JOIN clusters c ON c.id = n.cluster
WHERE n.accelerator IS NOT NULL AND c.capex_usd_per_gpu_h IS NOT NULL
GROUP BY n.accelerator
"""


_PLACEMENT_SQL = """
SELECT DISTINCT ip.accelerator, ip.provider, ip.region, c.id, c.country, c.area, r.subarea,
       c.carbon_zone
FROM instance_prices ip JOIN clusters c ON c.id = ip.provider || ':' || ip.region
LEFT JOIN regions r ON r.provider = ip.provider AND r.region = ip.region
WHERE ip.accelerator IS NOT NULL
UNION
SELECT DISTINCT n.accelerator, c.provider, c.region, c.id, c.country, c.area, NULL, c.carbon_zone
FROM nodes n JOIN clusters c ON c.id = n.cluster
WHERE n.accelerator IS NOT NULL
"""


@dataclass(frozen=True)
class Placement:
    """Where one accelerator is offered: provider, region, cluster and the place it lies in."""

    provider: str
    region: str
    cluster: str
    country: str | None
    area: str | None
    subarea: str | None
    carbon_zone: str | None


@dataclass(frozen=True)
class CatalogLimits:
    """Floors and ceilings over the loaded catalog."""

    usd_per_gpu_h: dict[str, float]  # accelerator -> cheapest USD per GPU-hour anywhere
    min_g_per_kwh: float  # cleanest hour of any zone, g CO2 per kWh
    min_pue: float
    power_kw: dict[str, float]  # accelerator -> board power, kW
    memory_gb: dict[str, float]  # accelerator (offered) -> memory per GPU, GB
    peak_tflops: dict[str, float] = field(default_factory=dict)  # accelerator -> bf16 peak
    # the lowest draw any phase is quoted at (share of board power), less its uncertainty
    min_utilisation: float = min(GPU_DRAW_SHARE.values()) * (1 - GPU_DRAW_UNCERTAINTY)
    notes: list[str] = field(default_factory=list)
    #: accelerator -> every place it is offered (empty: availability is not checked)
    placements: dict[str, tuple[Placement, ...]] = field(default_factory=dict)
    #: carbon zone -> its cleanest hour in the data, g CO2 per kWh
    zone_min_g_per_kwh: dict[str, float] = field(default_factory=dict)

    def cheapest(self, accelerator: str | None) -> tuple[str, float] | None:
        """(accelerator, USD per GPU-hour) of the cheapest offer, of one type or of any."""
        prices = {k: v for k, v in self.usd_per_gpu_h.items() if v > 0}
        if accelerator is not None:
            prices = {k: v for k, v in prices.items()
                      if k == accelerator or k.split("-")[0] == accelerator}
        if not prices:
            return None
        name = min(prices, key=lambda k: prices[k])
        return name, prices[name]

    def least_kwh_per_gpu_h(self, accelerator: str | None) -> float | None:
        """Least energy one GPU-hour can take (kWh): lowest power, utilisation and PUE."""
        powers = {k: v for k, v in self.power_kw.items() if v > 0}
        if accelerator is not None:
            powers = {k: v for k, v in powers.items()
                      if k == accelerator or k.split("-")[0] == accelerator}
        if not powers:
            return None
        return min(powers.values()) * self.min_utilisation * self.min_pue

    def largest_gpu(self) -> tuple[str, float] | None:
        """(accelerator, GB) of the offered accelerator with the most memory per GPU."""
        if not self.memory_gb:
            return None
        name = max(self.memory_gb, key=lambda k: self.memory_gb[k])
        return name, self.memory_gb[name]


def catalog_limits(conn: duckdb.DuckDBPyConnection) -> CatalogLimits:
    """Read the limits from a loaded store (offers, carbon, clusters, accelerators)."""
    prices: dict[str, float] = {}
    for name, price in conn.execute(_PRICE_SQL).fetchall():
        if price is not None and price < 1e17:
            prices[name] = min(prices.get(name, float("inf")), float(price))
    g = conn.execute("SELECT min(gco2_per_kwh) FROM carbon_intensity "
                     "WHERE gco2_per_kwh > 0").fetchone()
    pue = conn.execute("SELECT min(pue) FROM clusters WHERE pue >= 1").fetchone()
    acc = conn.execute("SELECT name, power_w, memory_gb, peak_tflops_bf16 "
                       "FROM accelerators").fetchall()
    power = {n: float(p) / 1000 for n, p, _, _ in acc if p}
    memory = {n: float(m) for n, _, m, _ in acc if m and n in prices}
    peak = {n: float(t) for n, _, _, t in acc if t}
    placed: dict[str, list[Placement]] = {}
    for name, *where in conn.execute(_PLACEMENT_SQL).fetchall():
        placed.setdefault(name, []).append(Placement(*where))
    zones = dict(conn.execute("SELECT zone, min(gco2_per_kwh) FROM carbon_intensity "
                              "WHERE gco2_per_kwh > 0 GROUP BY zone").fetchall())
    return CatalogLimits(usd_per_gpu_h=prices,
                         min_g_per_kwh=float(g[0]) if g and g[0] is not None else 0.0,
                         min_pue=float(pue[0]) if pue and pue[0] is not None else 1.0,
                         power_kw=power, memory_gb=memory, peak_tflops=peak,
                         placements={k: tuple(v) for k, v in placed.items()},
                         zone_min_g_per_kwh={str(k): float(v) for k, v in zones.items()})


_CACHE: dict[tuple[str, float], CatalogLimits] = {}


def _cached(path: str, mtime: float) -> CatalogLimits | None:
    """Limits per (file, modification time); a failed read (locked file) is not cached."""
    key = (path, mtime)
    if key not in _CACHE:
        try:
            conn = open_file(path, read_only=True)
        except duckdb.Error:
            return None
        try:
            _CACHE.clear()
            _CACHE[key] = catalog_limits(conn)
        except duckdb.Error:
            return None
        finally:
            conn.close()
    return _CACHE[key]


def default_limits(db_file: Path | None = None) -> CatalogLimits | None:
    """The limits of the configured store (`GRIDWISE_HOME`), or None when none is loaded."""
    if db_file is None:
        from gridwise.settings import Settings

        try:
            db_file = Settings().db_file
        except Exception:  # noqa: BLE001 - a bad setting is reported elsewhere; no limits here
            return None
    if not db_file.is_file():
        return None
    return _cached(str(db_file), os.path.getmtime(db_file))
