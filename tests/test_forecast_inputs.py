"""Inputs known at the clock: publication rules, no leakage, what prices add, LightGBM, rules."""

from datetime import datetime, timedelta

import numpy as np
import pytest

from gridwise.errors import UserError
from tools.forecast import forecast
from tools.forecast import gbm as gbm_mod
from tools.forecast.decide import choose_steps, choose_window
from tools.forecast.exog import Exog, calendar_features, known_until, mask_at_clock

T0 = datetime(2022, 1, 1)
T0_H = int(np.datetime64(T0, "h").astype(np.int64))


def idx(t: datetime) -> int:
    return int((t - T0) / timedelta(hours=1))


def test_day_ahead_publication_rule() -> None:
    before = idx(datetime(2022, 3, 10, 11))   # EPEX results are not out before 12:00 UTC
    after = idx(datetime(2022, 3, 10, 12))
    assert known_until("DE-LU", T0_H, np.array([before]))[0] == idx(datetime(2022, 3, 10, 22))
    assert known_until("DE-LU", T0_H, np.array([after]))[0] == idx(datetime(2022, 3, 11, 22))
    # a real-time market (PJM) and no market: nothing past the clock
    assert known_until("US-MIDA-PJM", T0_H, np.array([after]))[0] == after
    assert known_until(None, T0_H, np.array([after]))[0] == after
    # CAISO publishes at ~21:00 UTC for the next Pacific day (ends 07:00 UTC two days on)
    ca = idx(datetime(2022, 3, 10, 21))
    assert known_until("US-CAL-CISO", T0_H, np.array([ca]))[0] == idx(datetime(2022, 3, 12, 7))
    p = np.arange(idx(datetime(2022, 3, 13)), dtype=float)
    masked = mask_at_clock(p, "DE-LU", T0_H, before)
    assert np.isfinite(masked[:idx(datetime(2022, 3, 10, 22))]).all()
    assert np.isnan(masked[idx(datetime(2022, 3, 10, 22)):]).all()


def test_calendar_knows_local_time_and_holidays() -> None:
    pytest.importorskip("holidays")
    xmas = int(np.datetime64("2023-12-25T10:00", "h").astype(np.int64))
    hour, weekday, holiday, _, _ = calendar_features("DE-LU", np.array([xmas]))[0]
    assert (hour, weekday, holiday) == (11, 0, 1.0)          # 11:00 CET on a Monday
    plain = int(np.datetime64("2023-12-27T10:00", "h").astype(np.int64))
    assert calendar_features("DE-LU", np.array([plain]))[0][2] == 0.0
    assert calendar_features("US-CAL-CISO", np.array([xmas]))[0][0] == 2   # 02:00 PST


def carbon_and_price(days: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A carbon series driven by a price whose day-to-day level is random (unforecastable
    from carbon lags alone, but published a day ahead)."""
    rng = np.random.default_rng(seed)
    t = np.arange(days * 24)
    level = np.repeat(rng.normal(0, 1, days), 24)
    price = 80 + 30 * level + 15 * np.sin(2 * np.pi * (t % 24) / 24) + rng.normal(0, 2, t.size)
    carbon = 150 + 2.5 * price + rng.normal(0, 5, t.size)
    return carbon, price


def test_published_prices_improve_the_ridge_and_nothing_later_is_read() -> None:
    carbon, price = carbon_and_price(100)
    lags_err, exog_err = [], []
    for day in range(85, 98):
        o = day * 24 + 13                      # 13:00 UTC: tomorrow's DE-LU prices are out
        clock = T0 + timedelta(hours=o)
        ex = Exog("DE-LU", T0_H, mask_at_clock(price[:o + 48], "DE-LU", T0_H, o), "DE-LU")
        a = carbon[o:o + 24]
        lags_err.append(np.abs(forecast(carbon[:o], clock, 24, "ridge").values - a).mean())
        fc = forecast(carbon[:o], clock, 24, "ridge", exog=ex)
        exog_err.append(np.abs(fc.values - a).mean())
        assert "day-ahead DE-LU prices" in fc.label
    assert np.mean(exog_err) < 0.6 * np.mean(lags_err)
    # prices not yet published at the clock cannot change the forecast
    o = 90 * 24 + 13
    clock = T0 + timedelta(hours=o)
    cut = int(known_until("DE-LU", T0_H, np.array([o]))[0])
    base = Exog("DE-LU", T0_H, mask_at_clock(price[:o + 72], "DE-LU", T0_H, o), "DE-LU")
    later = price.copy()
    later[cut:] += 500
    moved = Exog("DE-LU", T0_H, mask_at_clock(later[:o + 72], "DE-LU", T0_H, o), "DE-LU")
    one = forecast(carbon[:o], clock, 72, "ridge", exog=base).values
    two = forecast(carbon[:o], clock, 72, "ridge", exog=moved).values
    np.testing.assert_array_equal(one, two)


def test_a_price_series_uses_its_own_published_prices() -> None:
    _, price = carbon_and_price(60)
    o = 50 * 24 + 13
    pub = mask_at_clock(price[:o + 72], "DE-LU", T0_H, o)
    fc = forecast(price[:o], T0 + timedelta(hours=o), 72, "ridge",
                  exog=Exog("DE-LU", T0_H, None, "DE-LU", None, published=pub))
    known = int(known_until("DE-LU", T0_H, np.array([o]))[0]) - o
    assert known == 33
    np.testing.assert_allclose(fc.values[:known], price[o:o + known])
    assert fc.lo[0] == fc.hi[0] == price[o]
    assert "the first 33 h are the published day-ahead prices" in fc.label


@pytest.mark.slow
def test_lightgbm_model_reads_only_the_past_and_learns_the_price() -> None:
    pytest.importorskip("lightgbm")
    carbon, price = carbon_and_price(200, seed=1)
    gbm_mod.FITS.entries.clear()
    errs, naive = [], []
    for day in (170, 175, 180):
        o = day * 24 + 13
        clock = T0 + timedelta(hours=o)
        ex = Exog("DE-LU", T0_H, mask_at_clock(price[:o + 72], "DE-LU", T0_H, o), "DE-LU")
        fc = forecast(carbon[:o], clock, 24, "gbm", exog=ex)
        assert fc.model == "gbm" and "LightGBM" in fc.label and not fc.notes
        assert (fc.lo <= fc.values).all() and (fc.values <= fc.hi).all()
        errs.append(np.abs(fc.values - carbon[o:o + 24]).mean())
        naive.append(np.abs(carbon[o - 24:o] - carbon[o:o + 24]).mean())
    assert np.mean(errs) < 0.7 * np.mean(naive)
    # the future never changes it; the fit is made once per month and reused
    o = 180 * 24 + 13
    ex = Exog("DE-LU", T0_H, mask_at_clock(price[:o + 72], "DE-LU", T0_H, o), "DE-LU")
    fits = len(gbm_mod.FITS.entries)
    one = forecast(carbon[:o], T0 + timedelta(hours=o), 24, "gbm", exog=ex).values
    assert len(gbm_mod.FITS.entries) == fits
    longer = np.concatenate([carbon[:o], carbon[o:] * 3])
    two = forecast(longer[:o], T0 + timedelta(hours=o), 24, "gbm", exog=ex).values
    np.testing.assert_array_equal(one, two)


def test_lightgbm_falls_back_with_a_label(monkeypatch: pytest.MonkeyPatch) -> None:
    carbon, _ = carbon_and_price(60)
    o = 59 * 24
    fc = forecast(carbon[:o], T0 + timedelta(hours=o), 24, "gbm")
    assert fc.model == "ridge" and fc.fell_back
    assert any("gbm needs" in n and "fell back to ridge" in n for n in fc.notes)
    monkeypatch.setattr(gbm_mod, "lightgbm_available", lambda: False)
    fc = forecast(carbon[:o], T0 + timedelta(hours=o), 24, "gbm")
    assert any("needs the lightgbm package" in n for n in fc.notes)


def test_gated_rule_stays_put_on_a_gain_below_the_forecast_error() -> None:
    seen = np.array([100.0, 99.0, 98.0, 100.0, 100.0])
    narrow, wide = np.full(5, 0.5), np.full(5, 40.0)
    # the lowest step is 2; a 2 % forecast gain inside a +-40 interval is not worth a move
    assert choose_window(seen, seen - narrow, seen + narrow, 1, 0, "gate_0.5") == 2
    assert choose_window(seen, seen - wide, seen + wide, 1, 0, "gate_0.5") == 0
    assert choose_window(seen, seen - wide, seen + wide, 1, 0, "point") == 2
    steps = choose_steps(seen, seen - wide, seen + wide, 2, "gate_0.5")
    np.testing.assert_array_equal(steps, [0, 1])
    np.testing.assert_array_equal(choose_steps(seen, seen, seen, 2, "gate_0.5"), [1, 2])
    with pytest.raises(UserError, match="unknown decision rule"):
        choose_window(seen, seen, seen, 1, 0, "gate_x")


def test_ask_oracle_flag_says_which_series_was_used(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    from tests.graphkit import tiny_store

    tiny_store(tmp_path).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env.update(GRIDWISE_HOME=str(tmp_path), GRIDWISE_DB_PATH=str(tmp_path / "g.duckdb"),
               GRIDWISE_LLM="none")
    request = "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please"

    def ask(*args: str) -> dict:
        res = subprocess.run([sys.executable, "-m", "gridwise", "ask", request, "--at",
                              "2022-03-01T05:00Z", "--json", *args], capture_output=True,
                             text=True, env=env, timeout=180)
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)

    oracle = ask("--oracle")
    assert oracle["decided_on"]["basis"] == "oracle"
    plain = ask()   # not a duplicate of the oracle request: it decides on the forecast
    assert plain["decided_on"]["basis"] == "forecast" and "duplicate_of" not in plain


def test_shifting_on_forecasts_reports_every_rule() -> None:
    from evals.shifting_forecast import Forecaster, nightly
    from tools.forecast.decide import RULES

    rng = np.random.default_rng(3)
    t = np.arange(120 * 24)
    ci = 300 + 80 * np.sin(2 * np.pi * (t % 24) / 24) + rng.normal(0, 5, t.size)
    fc = Forecaster(ci, np.datetime64("2022-01-01T00", "h"), 1, "ridge",
                    Exog("DE-LU", T0_H))
    at = 60 * 24 + np.arange(0, 40, 4) * 24 + 1
    row = nightly(ci, fc, at, 1, (4,), 1)["4"].row()
    assert set(row["kept_pct_by_rule"]) == set(RULES) and row["rule"] == "point"
    assert row["jobs"] == 10 and row["oracle_pct"] >= row["forecast_pct"] > 0
    assert row["kept_pct"] == row["kept_pct_by_rule"]["point"] > 50
