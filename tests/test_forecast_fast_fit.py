"""The eighth session's faster ridge fit gives v7's forecasts, on the real series.

Every fit a forecast makes at a clock (the product's path: `ForecastSignals` with prices,
holidays and the other inputs) is made twice, by the fit in `tools.forecast.models` and by
v7's as it stood before (`tests/forecast_v7_reference.py`), for every zone of both series
at several clocks: the coefficients, residuals and forecasts must agree to 1e-8 relative.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

import tests.forecast_v7_reference as v7
from gridwise.store import Store
from tools.forecast import api, models
from tools.forecast.signals import ForecastCache, ForecastSignals, Table

#: A summer morning (the bench clock), a winter evening, a night at the October clock change.
CLOCKS = (datetime(2023, 6, 14, 9), datetime(2023, 2, 3, 17), datetime(2023, 10, 29, 2))


def _zones(store: Store, table: str) -> list[str]:
    return [z for (z,) in store.conn.execute(
        f"SELECT DISTINCT zone FROM {table} ORDER BY zone").fetchall()]  # noqa: S608


def _close(new: np.ndarray, old: np.ndarray, what: str) -> None:
    # 1e-8 of the array's own magnitude: a coefficient that is 0 in one fit may be 1e-17
    scale = max(float(np.nanmax(np.abs(old))), 1e-300)
    np.testing.assert_allclose(new, old, rtol=1e-8, atol=1e-8 * scale, err_msg=what)


@pytest.mark.parametrize("table,basis", [("carbon_intensity", "lca"),
                                         ("carbon_intensity", "direct"),
                                         ("energy_price", "lca")])
def test_the_faster_fit_gives_v7s_forecasts_on_the_real_series(
        real_store: Store, table: Table, basis: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fits: list[str] = []

    def both(y: np.ndarray, clock: int, leads: int, cal: models.Calendar,
             train_days: int | None = None,
             ex: models.RidgeExog | None = None) -> models.RidgeFit:
        new = models.fit_ridge(y, clock, leads, cal, train_days, ex)
        old = v7.fit_ridge(y, clock, leads, cal, train_days, ex)
        what = f"{table}/{basis} fit {len(fits)} at step {clock}"
        _close(new.coef, old.coef, what + ": coefficients")
        np.testing.assert_array_equal(np.isnan(new.residuals), np.isnan(old.residuals))
        _close(new.residuals, old.residuals, what + ": residuals")
        assert (new.samples, new.scale, new.level) == (old.samples, old.scale, old.level)
        _close(models.predict_ridge(new, y, clock, cal, ex),
               models.predict_ridge(old, y, clock, cal, ex), what + ": forecast")
        fits.append(what)
        return new

    monkeypatch.setattr(api, "fit_ridge", both)
    zones = _zones(real_store, table)
    for clock in CLOCKS:
        signals = ForecastSignals(cache=ForecastCache())
        signals.signals(real_store.conn, table, zones, clock, clock, 72, basis)
    # every zone with enough history was fitted at every clock (not a vacuous pass)
    assert len(fits) >= 2 * len(CLOCKS) * len(zones) // 3, fits


def synthetic(days: int = 200, seed: int = 7) -> tuple[np.ndarray, models.RidgeExog]:
    """A series and inputs with every kind of column, NaN rows too.

    A daily shape with weekly swings, noise and a gap, plus day-ahead-like prices (known
    for the origin's next 20 h) and a holiday flag.
    """
    rng = np.random.default_rng(seed)
    steps = 24 * days
    h = np.arange(steps + 72)
    y = (300 + 80 * np.sin(2 * np.pi * h / 24) + 30 * np.sin(2 * np.pi * h / 168)
         + rng.normal(0, 15, h.size))[:steps]
    gap = 24 * (days * 3 // 4)
    y[gap + 3:gap + 9] = np.nan
    price = 1 + 0.3 * np.sin(2 * np.pi * (h - 3) / 24) + rng.normal(0, 0.05, h.size)
    return y, models.RidgeExog(price, lambda o: np.asarray(o) + 20, (h // 24 % 9 == 0) * 1.0)


@pytest.mark.parametrize("setting", [{}, {"HOUR_BAND": None}, {"PRUNE": False}, {"LAD_ITERS": 2},
                                     {"EC_LAGS": 0, "PROFILE_DAYS": 0, "EC_MEAN_H": 0}])
def test_the_faster_fit_gives_v7s_under_every_setting(
        setting: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    y, ex = synthetic()
    steps = y.size
    for name, value in setting.items():
        monkeypatch.setattr(models, name, value)
    cal = models.Calendar(24, 5, 2)
    for clock, e in ((steps, ex), (steps - 13, None)):
        new = models.fit_ridge(y, clock, 72, cal, ex=e)
        old = v7.fit_ridge(y, clock, 72, cal, ex=e)
        _close(new.coef, old.coef, f"{setting}: coefficients")
        _close(new.residuals, old.residuals, f"{setting}: residuals")
        _close(models.predict_ridge(new, y, clock, cal, e),
               models.predict_ridge(old, y, clock, cal, e), f"{setting}: forecast")
