"""Diagnostics of the nightly shifting shortfall: resolution ceiling, shape skill, first day."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evals import shifting_diagnose as dg
from evals.shifting_forecast import Forecaster
from tests.test_shifting import _two_level_year, _write


def _nightly_half_hours(low_step_of_day: int, days: int = 20) -> np.ndarray:
    """A 30-minute series at 100 with one low step (50) a day."""
    ci = np.full(days * 48, 100.0)
    ci[np.arange(days) * 48 + low_step_of_day] = 50.0
    return ci


def test_hourly_means_hide_a_low_half_hour_from_a_30_minute_job() -> None:
    at = np.arange(1, 19) * 48 + 2  # 01:00
    # 01:30 low: the means rank hour 1 lowest, whose first half (01:00) is the baseline
    assert dg.hourly_ceiling(_nightly_half_hours(3), at, 1, 2) == 0.0
    # 02:00 low: hour 2 ranks lowest and its first half is the low step
    assert dg.hourly_ceiling(_nightly_half_hours(4), at, 1, 2) == 100.0
    # on an hourly grid the means are the values: nothing is hidden
    hourly = np.full(20 * 24, 100.0)
    hourly[np.arange(20) * 24 + 2] = 50.0
    assert dg.hourly_ceiling(hourly, np.arange(1, 19) * 24 + 1, 1, 1) == 100.0


def _daily_shape(days: int = 30) -> np.ndarray:
    """An hourly series repeating one day whose lowest hour is 02:00."""
    hours = np.arange(days * 24) % 24
    return 200.0 + 50.0 * np.cos(2 * np.pi * (hours - 14) / 24)


def test_shape_skill_is_one_on_the_exact_shape_and_zero_on_a_flat_forecast() -> None:
    y = _daily_shape()
    t0 = np.datetime64("2022-03-01T00", "h")
    at = np.arange(5, 25) * 24 + 1
    exact = dg.nightly_diagnosis(y, Forecaster(y, t0, 1, "seasonal_24"), at, 1, (1, 4))
    flat = dg.nightly_diagnosis(y, Forecaster(y, t0, 1, "persistence"), at, 1, (1, 4))
    for hours in ("1", "4"):
        assert exact[hours]["shape_skill"] == 1.0
        assert exact[hours]["kept_pct"] == 100.0
        assert exact[hours]["nights"] == 20
        assert flat[hours]["shape_skill"] == 0.0
        assert flat[hours]["kept_pct"] is not None and flat[hours]["kept_pct"] < 100.0


def test_first_day_leaves_the_year_start_out(tmp_path: Path) -> None:
    ci = _two_level_year((2.0,))
    for name in ("ger_ci.csv", "gb_ci.csv", "fr_ci.csv"):
        _write(tmp_path, name, ci)
    whole = dg.lwa(None, sample=30, folder=tmp_path)
    late = dg.lwa(None, sample=30, first_day=60, folder=tmp_path)
    assert whole["DE"]["1"]["nights"] == 13  # days 0, 30, ..., 360
    assert late["DE"]["1"]["nights"] == 11   # days 60, ..., 360
    # the low step at 02:00 is a whole hour: ranking the true means loses nothing
    assert late["GB"]["2"]["hourly_ceiling_pct"] == 100.0


def test_the_blend_ranks_by_the_recent_profile_where_the_forecast_is_flat() -> None:
    y = _daily_shape()
    t0 = np.datetime64("2022-03-01T00", "h")
    at = np.arange(5, 25) * 24 + 1
    flat = dg.nightly_diagnosis(y, Forecaster(y, t0, 1, "persistence"), at, 1, (1,))["1"]
    assert flat["kept_pct"] < 100.0 and flat["kept_blend_pct"] == 100.0
    # the profile reads only days before the clock: a change at the wake is not seen
    seen = np.zeros(3)
    later = y.copy()
    later[10 * 24:] += np.arange(later.size - 10 * 24)
    assert np.array_equal(dg.profile_blend(y, seen, 10 * 24, 24),
                          dg.profile_blend(later, seen, 10 * 24, 24))
