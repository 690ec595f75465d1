"""Model v7's additions: recency-weighted training origins and the recent-deviation feature.

Each is checked by hand and shown to read nothing at or after the clock (a value there
changed leaves the forecast as it was).
"""

import numpy as np
import pytest

from tools.forecast import models as m

CAL = m.Calendar(24, 0, 0)


def _regime_change(days: int = 200, change: int = 170, seed: int = 4) -> np.ndarray:
    """A daily shape whose phase flips `days - change` days before the end (a season turns:
    the solar dip moves from morning to evening), plus persistent noise."""
    rng = np.random.default_rng(seed)
    n = 24 * days
    hod = np.arange(n) % 24
    shape = np.where(np.arange(n) < 24 * change, 1.0, -1.0) * 60 * np.sin(2 * np.pi * hod / 24)
    e = np.zeros(n)
    eps = rng.normal(0, 15, n)
    for t in range(1, n):
        e[t] = 0.8 * e[t - 1] + eps[t]
    return 400 + shape + e


def _spoiled(y: np.ndarray, clock: int) -> np.ndarray:
    """`y` with every value at or after `clock` replaced by noise, a few by NaN."""
    out = y.copy()
    out[clock:] = np.random.default_rng(9).normal(0, 1e4, y.size - clock)
    out[clock + 3:clock + 20] = np.nan
    return out


def _ec_mean_col() -> int:
    """Column of the recent-deviation feature: after the seasonal ones (intercept, lags, day
    mean, same day, same week), the profile's two and the EC lags."""
    return 1 + m.N_LAGS + 1 + 2 + (2 if m.PROFILE_DAYS else 0) + m.EC_LAGS


def test_v7_is_a_new_model_version() -> None:
    assert m.MODEL_VERSION == "7"
    assert m.RECENCY_DAYS and m.EC_MEAN_H and m.TRAIN_DAYS > 120


def test_recent_deviation_feature_by_hand() -> None:
    """The mean over the last EC_MEAN_H hours of each value minus the same time the day
    before, the same for every lead."""
    y = np.arange(24 * 20, dtype=float) ** 1.3
    o = np.array([24 * 18 + 7])
    x = m._features(y, o, 5, CAL)
    want = np.mean([y[o[0] - k] - y[o[0] - k - 24] for k in range(1, m.EC_MEAN_H + 1)])
    np.testing.assert_allclose(x[:, 0, _ec_mean_col()], want)


def test_features_read_nothing_at_or_after_the_origin() -> None:
    """Every column at origin `o` (the new ones too) comes from values before `o`: changing
    a value at or after it changes none; changing the last value before it moves the
    recent-deviation feature (so this check is not vacuous)."""
    y = _regime_change(days=60)
    o = 24 * 50 + 13
    leads = 30
    a = m._features(y, np.array([o]), leads, CAL)
    b = m._features(_spoiled(y, o), np.array([o]), leads, CAL)
    np.testing.assert_array_equal(a, b)
    moved = y.copy()
    moved[o - m.EC_MEAN_H] += 50.0
    c = m._features(moved, np.array([o]), leads, CAL)
    assert not np.allclose(c[:, 0, _ec_mean_col()], a[:, 0, _ec_mean_col()])


def test_recency_weighted_fit_reads_nothing_at_or_after_the_clock(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The weights depend on each origin's age at the clock only and its targets lie before
    the clock: spoiling what follows leaves coefficients, residuals and forecast identical;
    the weighting itself changes the fit."""
    y = _regime_change()
    clock = 24 * 190 + 5
    a, b = m.fit_ridge(y, clock, 24, CAL), m.fit_ridge(_spoiled(y, clock), clock, 24, CAL)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.residuals, b.residuals)
    np.testing.assert_array_equal(m.predict_ridge(a, y, clock, CAL),
                                  m.predict_ridge(b, _spoiled(y, clock), clock, CAL))
    monkeypatch.setattr(m, "RECENCY_DAYS", None)
    assert not np.allclose(m.fit_ridge(y, clock, 24, CAL).coef, a.coef)


def test_recency_weights_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the reweighting toward absolute deviations, each lead's fit is the weighted
    ridge solution with origin weights 0.5 ** (age in days / RECENCY_DAYS), recomputed here
    from the design matrix with numpy's solver."""
    monkeypatch.setattr(m, "LAD_ITERS", 0)
    y = _regime_change(days=120)
    clock, leads, s = 24 * 110 + 5, 3, 24
    fit = m.fit_ridge(y, clock, leads, CAL)
    first = clock - leads - m.TRAIN_DAYS * s + 1
    cand = np.arange(max(first, 7 * s + 1), clock)
    d = (clock - cand) % s
    origins = cand[np.minimum(d, s - d) <= 1]
    window = y[max(0, first - 7 * s):clock]
    ys = (y - window.mean()) / window.std()
    x = m._features(ys, origins, leads, CAL)
    for lead in range(leads):
        use = origins + lead < clock
        xl, tl = x[lead, use], ys[origins[use] + lead]
        assert m.RECENCY_DAYS is not None
        w = 0.5 ** ((clock - origins[use]) / s / m.RECENCY_DAYS)
        eye = np.eye(xl.shape[1])
        eye[0, 0] = 0.0
        a = xl.T @ (w[:, None] * xl) + m.RIDGE_ALPHA * w.sum() * eye
        np.testing.assert_allclose(fit.coef[lead], np.linalg.solve(a, xl.T @ (w * tl)),
                                   rtol=1e-7, atol=1e-9)


def test_solving_on_the_origins_hour_columns_gives_the_full_solution(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # each lead trains on origins near one time of day, so most target-hour columns are zero
    # for it: one column per origin hour instead must give the full solve's coefficients
    y, clock = _regime_change(), 24 * 190 + 7
    pruned = m.fit_ridge(y, clock, 72, CAL)
    # origins starting at 23:00, 00:00, 01:00: lead j's columns are target hours h + j
    part = np.array([[9.0, 1.0, 2.0, 3.0, 8.0], [9.0, 4.0, 5.0, 6.0, 8.0]])
    c = m._hour_coefficients(part, 1, np.array([23, 0, 1]), 24)
    assert c.shape == (2, 26) and c[:, 0].tolist() == [9, 9] and c[:, 25].tolist() == [8, 8]
    assert [c[0, 1 + h] for h in (23, 0, 1)] == [1, 2, 3]
    assert [c[1, 1 + h] for h in (0, 1, 2)] == [4, 5, 6]
    assert (c[:, 1:25] != 0).sum() == 6
    monkeypatch.setattr(m, "PRUNE", False)
    full = m.fit_ridge(y, clock, 72, CAL)
    assert (full.coef == 0).sum() > full.coef.size // 3  # there were columns to leave out
    np.testing.assert_allclose(pruned.coef, full.coef, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(pruned.residuals, full.residuals, rtol=1e-8, atol=1e-8)
