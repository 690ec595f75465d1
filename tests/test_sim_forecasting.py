"""Policies decide on forecasts made at their decision hour (tools/forecast), never the future."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

import evals.sim.forecasting as fc
from evals.sim.forecasting import HISTORY_H, forecast_model
from evals.sim.inputs import build_inputs
from evals.sim.run import run_policy
from evals.sim.scenario import load_scenario
from gridwise.errors import UserError
from tests.simkit import GAIA_START, gaia_data, store_with, tiny_trace, wavy, write
from tools.forecast.api import DEFAULT_MODEL

ZONE = "US-CAL-CISO"


def _scenario(tmp: Path, forecast: str, hours: int = 72) -> Path:
    data = gaia_data()
    data["carbon"]["forecast"] = forecast
    data["clock"]["hours"] = hours
    data["reserved"] = [0]
    data["policies"] = ["nowait", "lowest-window", "carbon-time"]
    # 20 one-hour jobs arriving in hours 20..39 (short queue: they may wait up to 6 h)
    rows = [(3600 * (20 + i) + 60, 3600, 1) for i in range(20)]
    data["jobs"] = {"trace": str(tiny_trace(tmp, rows)), "format": "gaia", "time_unit": "s"}
    return write(tmp, data, f"{forecast}.yaml")


def _store(window_change: float | None = None, history: int = HISTORY_H):
    """History before the window and 72 h of window; optionally a cliff from window hour 40."""
    values = wavy(history + 72, 1)
    if window_change is not None:
        values[history + 40:] = window_change
    return store_with({ZONE: values}, start=GAIA_START - timedelta(hours=history))


def _waits(tmp: Path, forecast: str, change: float | None) -> dict[str, list[float]]:
    sc = load_scenario(_scenario(tmp, forecast))
    with _store(change) as store:
        inputs = build_inputs(store.conn, sc)
    return {p: run_policy(sc, inputs, p, 0)["wait_quantiles_h"]
            for p in ("lowest-window", "carbon-time")}


def test_decisions_do_not_depend_on_what_comes_after_them(tmp_path: Path) -> None:
    """Every job decides before hour 40: a cliff after it moves no forecast decision.

    The oracle sees the cliff and waits for it, which shows the comparison can fail.
    """
    plain, cliff = _waits(tmp_path, "ridge", None), _waits(tmp_path, "ridge", 1.0)
    assert plain == cliff
    oracle_plain, oracle_cliff = _waits(tmp_path, "oracle", None), _waits(tmp_path, "oracle", 1.0)
    assert oracle_plain != oracle_cliff


def test_forecasts_are_made_once_and_read_back(tmp_path: Path, monkeypatch) -> None:
    """The second build reads every forecast from the cache folder (no model is run)."""
    sc = load_scenario(_scenario(tmp_path, "ridge"))
    with _store() as store:
        first = build_inputs(store.conn, sc, cache_dir=tmp_path / "cache")

        def no_forecast(*args, **kwargs):
            raise AssertionError("a forecast was made again")

        monkeypatch.setattr(fc, "forecast", no_forecast)
        again = build_inputs(store.conn, sc, cache_dir=tmp_path / "cache")
    book, copy = first.carbon_books[ZONE], again.carbon_books[ZONE]
    assert sorted(book.made) == sorted(copy.made) == list(range(20, 40))
    assert all(np.array_equal(book.made[h], copy.made[h]) for h in book.made)
    assert copy.models_used == book.models_used == {"ridge": 20}
    row = run_policy(sc, again, "carbon-time", 0)
    assert row["forecast"]["model"] == "ridge" and row["forecast"]["carbon"]["fallbacks"] == 0


def test_a_gap_no_model_can_cross_carries_the_last_value(tmp_path: Path) -> None:
    """Hours missing just before the window: the last observed value is used, and counted."""
    sc = load_scenario(_scenario(tmp_path, "ridge"))
    with _store() as store:
        store.conn.execute("DELETE FROM carbon_intensity WHERE ts >= ? AND ts < ?",
                           [GAIA_START - timedelta(hours=5), GAIA_START])
        inputs = build_inputs(store.conn, sc)
    assert all(h >= 20 for h in inputs.carbon_books[ZONE].made)  # gap long filled by then
    sc0 = load_scenario(_scenario(tmp_path, "ridge"))
    sc0.data["jobs"]["trace"] = str(tiny_trace(tmp_path, [(60, 3600, 1)], "early.csv"))
    with _store() as store:
        store.conn.execute("DELETE FROM carbon_intensity WHERE ts >= ? AND ts < ?",
                           [GAIA_START - timedelta(hours=5), GAIA_START])
        early = build_inputs(store.conn, sc0)
    book = early.carbon_books[ZONE]
    assert book.fallbacks == 1 and book.models_used == {"last-value": 1}
    assert np.all(book.made[0] == book.history[HISTORY_H - 6])


def test_no_history_before_the_window_is_a_clear_error(tmp_path: Path) -> None:
    """A window that starts where the data starts cannot be forecast at its first hour."""
    sc = load_scenario(_scenario(tmp_path, "ridge"))
    sc.data["jobs"]["trace"] = str(tiny_trace(tmp_path, [(60, 3600, 1)], "early.csv"))
    with _store(history=0) as store, pytest.raises(UserError) as exc:
        build_inputs(store.conn, sc)
    assert "forecast: oracle" in exc.value.render()


def test_the_oracle_only_when_named() -> None:
    """No `forecast` key: the model quotes use; `oracle` (or the old `provider`) names hindsight."""
    assert forecast_model({"basis": "lca"}) == DEFAULT_MODEL != "oracle"
    assert forecast_model({"provider": "oracle"}) == "oracle"
    assert forecast_model({"forecast": "seasonal_24"}) == "seasonal_24"


def test_the_schema_lists_every_forecast_model() -> None:
    """The schema's `carbon.forecast` enum is tools/forecast's models plus the oracle."""
    from evals.sim.scenario import schema
    from tools.forecast import MODELS

    enum = schema()["properties"]["carbon"]["properties"]["forecast"]["enum"]
    assert set(enum) == {"oracle", *MODELS}
