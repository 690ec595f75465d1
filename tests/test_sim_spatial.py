"""Multi-region policies: they move work, never beat the bounds, and price markets count."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import yaml

from evals.sim.evaluate import evaluate
from evals.sim.forecasting import HISTORY_H
from evals.sim.scenario import SCENARIOS_DIR, load_scenario
from tests.simkit import GAIA_START, store_with, wavy, write

ZONES = ["US-CAL-CISO", "US-TEX-ERCO", "US-MIDA-PJM", "CA-ON", "DE-LU", "ES"]


def _rows(tmp_path: Path, forecast: str = "oracle") -> dict:
    data = yaml.safe_load((SCENARIOS_DIR / "multi-region.yaml").read_text())
    data["jobs"] = {"trace": str((SCENARIOS_DIR / "traces/pai_1k.csv").resolve()), "limit": 80}
    data["carbon"]["forecast"] = forecast
    n = HISTORY_H + 720  # weeks of history before the window, for the forecasts
    series = {z: wavy(n, i, base=450 - 50 * i) for i, z in enumerate(ZONES)}  # home dirtiest
    prices = {z: 40 + 10 * ((np.arange(n) + 5 * i) % 24 > 12) + 5 * i
              for i, z in enumerate(ZONES)}
    store = store_with(series, start=GAIA_START - timedelta(hours=HISTORY_H), prices=prices)
    sc = load_scenario(write(tmp_path, data))
    return {(r["policy"], r["reserved"]): r for r in evaluate(store.conn, sc)}


def test_bounds_hold_and_the_coordinator_moves_work(tmp_path: Path) -> None:
    """No policy beats infinite migration with waiting; one-move greenest >= spatial bound."""
    for forecast in ("oracle", "ridge"):
        rows = _rows(tmp_path, forecast)
        spatial = rows[("bound:infinite-migration", 0)]["kg_co2e"]
        both = rows[("bound:infinite-migration+wait", 0)]["kg_co2e"]
        assert both <= spatial
        for key, r in rows.items():
            if not key[0].startswith("bound:"):
                assert r["kg_co2e"] >= both * (1 - 1e-9), key
        assert rows[("greenest-region", 0)]["kg_co2e"] >= spatial * (1 - 1e-9)
        g = rows[("gridwise", 0)]
        assert g["region_core_h"]["us-west"] < sum(g["region_core_h"].values())
        assert g["carbon_norm"] < rows[("carbon-time", 0)]["carbon_norm"]
        assert g["deadline_miss_pct"] == 0.0


def test_energy_market_prices_make_cheapest_now_differ(tmp_path: Path) -> None:
    """Cheapest-now follows the markets: its cost is the lowest of the start-now policies."""
    rows = _rows(tmp_path)
    now = [rows[(p, 0)]["cost_usd"] for p in ("nowait", "greenest-region", "cheapest-now")]
    assert now[2] == min(now)
