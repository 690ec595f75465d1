"""The ridge reweighted toward least absolute deviations (fifth session), and what it reads."""

import numpy as np
import pytest

from tools.forecast import forecast
from tools.forecast import models as m

START = np.datetime64("2023-01-01T00", "h")


def _jumpy(days: int = 170, seed: int = 5) -> np.ndarray:
    """A daily shape with persistent deviations, and on one day in ten a jump of the whole
    day's level (a front, a dry spell): rare, large, and foreseen by nothing in the series,
    so a least-squares fit bends its coefficients toward those days."""
    rng = np.random.default_rng(seed)
    n = 24 * days
    hod = np.arange(n) % 24
    e = np.zeros(n)
    eps = rng.normal(0, 6, n)
    for t in range(1, n):
        e[t] = 0.9 * e[t - 1] + eps[t]
    jump = np.repeat(np.where(rng.random(days) < 0.1, rng.choice([-1, 1], days) * 150, 0), 24)
    return 400 + 60 * np.sin(2 * np.pi * hod / 24) + e + jump


def _mae_ratio(y: np.ndarray) -> float:
    """Day-ahead MAE of the ridge over seasonal naive 24 h, on origins every 25 h."""
    err = {"ridge": 0.0, "seasonal_24": 0.0}
    for o in range(24 * 130, 24 * 168, 25):
        clock = START + np.timedelta64(o, "h")
        for model in err:
            f = forecast(y[:o], clock, 24, model).values  # type: ignore[arg-type]
            err[model] += float(np.abs(f - y[o:o + 24]).mean())
    return err["ridge"] / err["seasonal_24"]


def test_reweighted_fit_has_a_lower_mae_than_least_squares(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The forecast is judged by its MAE; reweighting toward absolute deviations lowers it
    where rare level jumps pull a least-squares fit (the fourth session's model, patched
    back below, misses the same bar)."""
    y = _jumpy()
    assert _mae_ratio(y) < 0.59  # 0.573
    monkeypatch.setattr(m, "LAD_ITERS", 0)
    monkeypatch.setattr(m, "RIDGE_ALPHA", 1e-3)
    monkeypatch.setattr(m, "PROFILE_DAYS", 0)
    assert _mae_ratio(y) > 0.59  # 0.604: the fourth session's model (v5)


def test_reweighted_fit_reads_no_value_at_or_after_the_clock(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The weights come from training residuals whose targets lie before the clock: what
    follows the clock (here replaced by noise and NaN) changes neither the coefficients, the
    weights' residuals nor the forecast."""
    y = _jumpy(days=140)
    clock = 24 * 130 + 7
    cal = m.Calendar(24, 0, 6)
    spoiled = y.copy()
    spoiled[clock:] = np.random.default_rng(1).normal(0, 1e4, y.size - clock)
    spoiled[clock + 5:clock + 30] = np.nan
    a, b = m.fit_ridge(y, clock, 24, cal), m.fit_ridge(spoiled, clock, 24, cal)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.residuals, b.residuals)
    np.testing.assert_array_equal(m.predict_ridge(a, y, clock, cal),
                                  m.predict_ridge(b, spoiled, clock, cal))
    # and the reweighting really changed the fit (it is not a no-op on this series)
    monkeypatch.setattr(m, "LAD_ITERS", 0)
    assert not np.allclose(m.fit_ridge(y, clock, 24, cal).coef, a.coef)
