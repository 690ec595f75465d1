"""Small stores and scenarios for the simulator tests (synthetic series, bundled trace)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import yaml

from evals.sim.scenario import SCENARIOS_DIR
from gridwise.store import Store

GAIA_START = datetime(2022, 10, 19, 16)


def store_with(series: dict[str, np.ndarray], start: datetime = GAIA_START,
               prices: dict[str, np.ndarray] | None = None, path: str = ":memory:") -> Store:
    """A store (in memory unless `path`) holding hourly carbon (and price) series."""
    store = Store.open(path)
    for zone, values in series.items():
        ts = [start + timedelta(hours=i) for i in range(len(values))]
        store.conn.execute(
            "INSERT INTO carbon_intensity SELECT t, ?, v, v * 0.8, 'actual', false, 't' "
            "FROM (SELECT unnest(?::TIMESTAMP[]) AS t, unnest(?::DOUBLE[]) AS v)",
            [zone, ts, [float(v) for v in values]])
    for zone, values in (prices or {}).items():
        ts = [start + timedelta(hours=i) for i in range(len(values))]
        store.conn.execute(
            "INSERT INTO energy_price SELECT t, ?, v, 'usd', v, 't' "
            "FROM (SELECT unnest(?::TIMESTAMP[]) AS t, unnest(?::DOUBLE[]) AS v)",
            [zone, ts, [float(v) for v in values]])
    return store


def wavy(hours: int, seed: int, base: float = 250.0) -> np.ndarray:
    """A daily-cycle intensity with noise (deterministic)."""
    rng = np.random.default_rng(seed)
    t = np.arange(hours)
    return np.round(base + 80 * np.sin(2 * np.pi * (t + seed * 3) / 24)
                    + rng.normal(0, 15, hours), 2)


def gaia_data() -> dict:
    """The bundled gaia.yaml as a mapping, its trace path made absolute."""
    data = yaml.safe_load((SCENARIOS_DIR / "gaia.yaml").read_text())
    data["jobs"]["trace"] = str((SCENARIOS_DIR / data["jobs"]["trace"]).resolve())
    return data


def write(tmp: Path, data: dict, name: str = "s.yaml") -> Path:
    """Write a scenario mapping to `tmp/name`."""
    p = tmp / name
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    return p


def tiny_trace(tmp: Path, rows: list[tuple[float, float, int]], name: str = "t.csv") -> Path:
    """A GAIA-format trace (seconds)."""
    p = tmp / name
    p.write_text("arrival_time,length,cpus\n" + "".join(f"{a},{n},{c}\n" for a, n, c in rows))
    return p


def small_gaia(tmp: Path, jobs: int = 40, **changes: object) -> Path:
    """gaia.yaml cut to the first `jobs` jobs (fast), with top-level `changes`."""
    data = gaia_data() | dict(changes)
    data["jobs"]["limit"] = jobs
    return write(tmp, data, f"small-{jobs}.yaml")
