"""A grid whose near future the decision could not see, for re-check tests.

DE-LU (the on-prem clusters' zone and market) gets 70 days of hourly carbon intensity (both
bases) and prices before the decision clock `DECIDED`, on the tiny store: a daily cycle
lowest at 14:00 UTC plus an AR(1) deviation (coefficient 0.8), from a fixed seed, so the
default ridge forecast learns that a deviation fades within hours. After the clock, a
`shock` (g/kWh, on both bases) is added to the hours `shock_hours` after it: the actual
series the decision never saw, which re-checks made later do see. The dispatcher's
re-checks read the series from the reference file, so `write_grid` writes it again
(`publish`), as `data load` does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from gridwise.ingest.load import catalog
from gridwise.reference import export_reference, reference_path
from gridwise.store import Store

DECIDED = datetime(2022, 6, 10, 10)
DAYS = 70
ZONE = "DE-LU"


def base(hours: np.ndarray) -> np.ndarray:
    """The daily cycle: 220 g/kWh at 14:00 UTC, 380 at 02:00."""
    return 300.0 - 80.0 * np.cos(2 * np.pi * ((hours % 24) - 14) / 24)


def write_grid(store: Store, shock: float = 0.0, shock_hours: tuple[int, int] = (0, 6),
               after_h: int = 72, seed: int = 7) -> np.ndarray:
    """Replace DE-LU's series (carbon both bases, prices) around `DECIDED`; returns carbon.

    Hours are `DECIDED - DAYS days` .. `DECIDED + after_h` h; `shock` is added to the hours
    `DECIDED + shock_hours[0]` .. `DECIDED + shock_hours[1]` (exclusive).
    """
    t0 = DECIDED - timedelta(days=DAYS)
    n = DAYS * 24 + after_h
    hod = (t0.hour + np.arange(n)) % 24
    rng = np.random.default_rng(seed)
    dev = np.zeros(n)
    noise = rng.normal(0.0, 15.0, n)
    for k in range(1, n):
        dev[k] = 0.8 * dev[k - 1] + noise[k]
    ci = base(hod) + dev
    at = DAYS * 24
    ci[at + shock_hours[0]:at + shock_hours[1]] += shock
    ci = np.maximum(ci, 5.0)
    times = [t0 + timedelta(hours=k) for k in range(n)]
    with store.transaction() as con:
        con.execute("DELETE FROM carbon_intensity WHERE zone = ?", [ZONE])
        con.execute("DELETE FROM energy_price WHERE zone = ?", [ZONE])
        con.executemany("INSERT INTO carbon_intensity VALUES (?, ?, ?, ?, 'measured', false, "
                        "'test')", [(t, ZONE, float(v), float(v) * 0.8)
                                    for t, v in zip(times, ci, strict=True)])
        con.executemany("INSERT INTO energy_price VALUES (?, ?, ?, 'eur', ?, 'test')",
                        [(t, ZONE, 40.0 + (k % 24), 44.0 + (k % 24))
                         for k, t in enumerate(times)])
    publish(store)
    return ci


def publish(store: Store) -> None:
    """Write the store's reference file again from its rows (what re-checks read)."""
    if store.path != ":memory:":
        export_reference(store.conn, catalog(store.conn), reference_path(store.path))
