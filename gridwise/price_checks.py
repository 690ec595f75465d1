"""Catalog plausibility: each row's per-GPU price against its provider's and its market's.

Catalog rows are list prices from bot-updated mirrors (`../shared/data/catalog/SOURCE.md`);
some are wrong (GCP's GPU-only H100 rows put a3-highgpu-8g in us-central1 at half what
Google publishes). A row is compared with
- the same instance type's median price across the provider's regions (providers price an
  instance within a narrow band across regions): outside `PROVIDER_BAND` -> flagged;
- the median of the providers' median per-GPU prices in its market class (clouds, or
  marketplaces / decentralised networks) for the same accelerator, where two or more
  providers list it: below
  `MARKET_BAND[0]` -> flagged, below `MARKET_DROP_BAND[0]` -> dropped (a price that low wins
  "cheapest" on a typo); far above only flags (it never wins, and instances with many
  vCPUs per GPU are legitimately dear per GPU).
Flagged rows stay but lose confidence and say why; dropped rows are not quoted.

Prices are also point-in-time snapshots (`SNAPSHOT_DATES`); a quote at an earlier clock
says that its price is a later snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import duckdb

#: Ratio to the instance type's median across the provider's regions (>= 3) still plausible.
PROVIDER_BAND = (0.6, 1.8)
#: Ratio to the market-class median (same accelerator, >= 2 providers) still plausible.
MARKET_BAND = (1 / 3, 6.0)
#: Below this ratio to the market-class median a row is dropped.
MARKET_DROP_BAND = (1 / 6, float("inf"))
MIN_REGIONS = 3
MIN_PROVIDERS = 2
#: When each catalog's prices were captured (catalog SOURCE.md): AWS rows from anycloud's
#: 2026-04-02 bootstrap (Karpenter's 2026-07-20 table for the fill-ins), GCP and Azure from
#: anycloud HEAD 2026-05-20. The SkyPilot-format catalogs give no date.
SNAPSHOT_DATES: dict[tuple[str, str], date] = {
    ("catalog/hyperscalers.csv", "aws"): date(2026, 4, 2),
    ("catalog/hyperscalers.csv", "gcp"): date(2026, 5, 20),
    ("catalog/hyperscalers.csv", "azure"): date(2026, 5, 20),
}

CHECK_SQL = f"""
    WITH r AS (
        SELECT provider, kind, region, instance_type, accelerator, accelerator_count,
               price_usd_per_h, price_usd_per_h / accelerator_count AS per_gpu,
               CASE WHEN kind IN ('marketplace', 'decentralised') THEN 'marketplace'
                    ELSE 'cloud' END AS class
        FROM instance_prices
        WHERE accelerator IS NOT NULL AND accelerator_count >= 1 AND price_usd_per_h > 0
    ), p AS (
        SELECT provider, accelerator, coalesce(instance_type, '') AS it, accelerator_count,
               median(price_usd_per_h) AS p_med, count(DISTINCT region) AS regions
        FROM r GROUP BY ALL
    ), m AS (  -- one vote per provider: hyperscalers list far more rows than neoclouds
        SELECT class, accelerator, median(pm) AS m_med, count(*) AS providers
        FROM (SELECT class, accelerator, provider, median(per_gpu) AS pm FROM r GROUP BY ALL)
        GROUP BY class, accelerator
    )
    SELECT r.provider, r.region, r.instance_type, r.accelerator, r.accelerator_count,
           r.price_usd_per_h, r.per_gpu, p.p_med, m.m_med,
           CASE WHEN p.regions >= {MIN_REGIONS} THEN r.price_usd_per_h / p.p_med END,
           CASE WHEN m.providers >= {MIN_PROVIDERS} THEN r.per_gpu / m.m_med END
    FROM r JOIN p ON p.provider = r.provider AND p.accelerator = r.accelerator
                 AND p.it = coalesce(r.instance_type, '')
                 AND p.accelerator_count = r.accelerator_count
           JOIN m ON m.class = r.class AND m.accelerator = r.accelerator
"""


@dataclass(frozen=True)
class PriceCheck:
    """The verdict on one catalog row: 'ok', 'flag' or 'drop', and why."""

    verdict: str
    reason: str | None


def _verdict(row: tuple[Any, ...]) -> PriceCheck:
    provider, _, it, acc, _, price, per_gpu, p_med, m_med, p_ratio, m_ratio = row
    if m_ratio is not None and not MARKET_DROP_BAND[0] <= m_ratio <= MARKET_DROP_BAND[1]:
        return PriceCheck("drop", f"${per_gpu:.2f}/GPU-h is {m_ratio:.2f}x the market median "
                          f"for {acc} (${m_med:.2f})")
    if p_ratio is not None and not PROVIDER_BAND[0] <= p_ratio <= PROVIDER_BAND[1]:
        return PriceCheck("flag", f"${price:.2f}/h is {p_ratio:.2f}x {provider}'s median for "
                          f"{it or acc} across its regions (${p_med:.2f}/h)")
    if m_ratio is not None and not MARKET_BAND[0] <= m_ratio <= MARKET_BAND[1]:
        return PriceCheck("flag", f"${per_gpu:.2f}/GPU-h is {m_ratio:.2f}x the market median "
                          f"for {acc} (${m_med:.2f})")
    return PriceCheck("ok", None)


def price_checks(conn: duckdb.DuckDBPyConnection
                 ) -> dict[tuple[str, str, str | None, str, float, float], PriceCheck]:
    """Verdict per (provider, region, instance type, accelerator, count, price) row."""
    return {tuple(row[:6]): _verdict(row)
            for row in conn.execute(CHECK_SQL).fetchall()}


def summary(conn: duckdb.DuckDBPyConnection, examples: int = 5) -> dict[str, Any]:
    """Counts of ok / flagged / dropped rows and the worst examples, for `data info`."""
    checks = price_checks(conn)
    counts = {"ok": 0, "flag": 0, "drop": 0}
    for c in checks.values():
        counts[c.verdict] += 1
    bad = [(k, c) for k, c in checks.items() if c.verdict != "ok"]
    bad.sort(key=lambda kc: (kc[1].verdict != "drop", kc[0]))
    dups = conn.execute(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM instance_prices "
        "GROUP BY provider, region, instance_type, accelerator_raw, accelerator_count, "
        "price_usd_per_h, spot_price_usd_per_h)").fetchone()
    return {
        "rows_checked": len(checks), **counts,
        "duplicates_left": int(dups[0]) if dups else 0,
        "examples": [f"{c.verdict}: {k[0]} {k[1]} {k[2] or ''} {int(k[4])} x {k[3]} "
                     f"${k[5]:.2f}/h: {c.reason}" for k, c in bad[:examples]],
        "rule": f"instance price vs the provider's median across regions ({PROVIDER_BAND[0]}-"
                f"{PROVIDER_BAND[1]}x) and per-GPU vs the market median (below "
                f"{MARKET_BAND[0]:.2f}x or above {MARKET_BAND[1]:g}x flag, below "
                f"{MARKET_DROP_BAND[0]:.2f}x drop)",
    }


@lru_cache(maxsize=4096)
def snapshot_label(source_file: str, provider: str, clock: datetime) -> str | None:
    """'list price of 2026-04-02, later than the clock ...' when the snapshot post-dates it.

    Cached: quoting asks it for every option of every offer at one clock.
    """
    when = SNAPSHOT_DATES.get((source_file, provider))
    if when is None:
        return (f"{provider} price is an undated catalog snapshot (2025-2026), not the price "
                f"at {clock:%Y-%m-%d}") if clock.year < 2025 else None
    if clock.date() < when:
        return (f"{provider} price is the {when.isoformat()} list price, a later snapshot than "
                f"the clock {clock:%Y-%m-%d}")
    return None
