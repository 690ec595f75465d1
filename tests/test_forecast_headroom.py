"""The forecast headroom diagnostic's bound (`evals.forecast_headroom.headroom`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evals import forecast_headroom


def headroom(actual: np.ndarray, ridge: np.ndarray, bases: dict[str, np.ndarray]
             ) -> dict[str, Any]:
    return forecast_headroom.headroom(actual, ridge, bases)


def _case() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    return rng.normal(100.0, 10.0, (40, 24)), rng.normal(0.0, 5.0, (40, 24))


def test_a_level_error_is_all_the_oracle_level_removes() -> None:
    actual, noise = _case()
    naive = actual + noise * 2.0
    res = headroom(actual, actual + 3.0, {"seasonal_24": naive})
    assert res["oracle_level"] == 100.0  # a constant offset is a level error, nothing else
    assert res["ridge"] < 100.0


def test_the_blend_weight_is_the_best_in_hindsight() -> None:
    actual, noise = _case()
    # two forecasts with opposite errors: the half-half blend is exact
    res = headroom(actual, actual + noise, {"seasonal_24": actual - noise})
    blend = res["blend_seasonal_24"]
    assert blend == {"gain": 100.0, "weight": 0.5}
    assert res["ridge"] == 0.0  # the same MAE as seasonal naive


def test_a_baseline_worse_everywhere_keeps_the_ridge_alone() -> None:
    actual, noise = _case()
    res = headroom(actual, actual + noise * 0.1,
                   {"seasonal_24": actual + noise, "profile_7": actual + 5.0 * noise})
    assert res["blend_profile_7"]["weight"] == 1.0
    assert res["blend_profile_7"]["gain"] == res["ridge"]


def test_the_interval_holds_the_gain_and_narrows_with_more_origins() -> None:
    rng = np.random.default_rng(3)
    widths = []
    for n in (20, 320):
        actual = rng.normal(100.0, 10.0, (n, 24))
        res = headroom(actual, actual + rng.normal(0.0, 4.0, (n, 24)),
                       {"seasonal_24": actual + rng.normal(0.0, 5.0, (n, 24))})
        lo, hi = res["ridge_ci90"]
        assert lo <= res["ridge"] <= hi
        widths.append(hi - lo)
    assert widths[1] < widths[0] / 2
