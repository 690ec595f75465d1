"""Windows: hand-made series with hand-computed answers, gaps, forecasts, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from gridwise.errors import UserError
from tools.windows import (
    StepSeries,
    choose_window,
    combined_signal,
    find_low_carbon_window,
    forecast_with_error,
    lowest_steps,
    min_mean_window,
    normalise,
)

V = np.array([5.0, 3.0, 1.0, 1.0, 4.0, 1.0, 1.0, 9.0])


def test_min_mean_window_earliest_of_tied_minimum() -> None:
    # windows of 2: 8, 4, 2, 5, 5, 2, 10 -> min 2 at start 2 and 5; earliest wins
    assert min_mean_window(V, 2, 0, 8) == (2, 1.0)


def test_min_mean_window_respects_earliest_and_deadline() -> None:
    assert min_mean_window(V, 2, 3, 8) == (5, 1.0)  # 1+4=5, 4+1=5, 1+1=2, 1+9=10
    assert min_mean_window(V, 3, 0, 5) == (1, 5 / 3)  # 9, 5, 6 -> start 1


def test_min_mean_window_refuses_windows_across_gaps() -> None:
    gappy = V.copy()
    gappy[3] = np.nan
    assert min_mean_window(gappy, 2, 0, 8) == (5, 1.0)


def test_no_gap_free_window_is_a_user_error() -> None:
    gappy = np.array([1.0, np.nan, 1.0, np.nan, 1.0])
    with pytest.raises(UserError) as err:
        min_mean_window(gappy, 2, 0, 5)
    assert "interruption" in err.value.hint


def test_lowest_steps_ties_go_earliest() -> None:
    np.testing.assert_array_equal(lowest_steps(V, 3, 0, 8), [2, 3, 5])
    np.testing.assert_array_equal(lowest_steps(V, 2, 4, 8), [5, 6])


def test_lowest_steps_skip_gaps() -> None:
    gappy = V.copy()
    gappy[2] = np.nan
    np.testing.assert_array_equal(lowest_steps(gappy, 3, 0, 8), [3, 5, 6])


def test_choice_on_forecast_scored_on_actual() -> None:
    actual = np.array([4.0, 1.0, 2.0, 3.0])
    forecast = np.array([4.0, 3.0, 2.0, 1.0])  # wrongly says step 3 is lowest
    c = choose_window(actual, 1, 0, 4, forecast=forecast)
    assert (c.start, c.forecast_mean, c.actual_mean, c.run_now_mean) == (3, 1.0, 3.0, 4.0)
    assert c.saving_pct == pytest.approx(25.0)


def test_interruptible_never_worse_than_contiguous() -> None:
    rng = np.random.default_rng(1)
    x = rng.random(200)
    cont = choose_window(x, 10, 0, 200)
    inter = choose_window(x, 10, 0, 200, interruptible=True)
    assert inter.actual_mean <= cont.actual_mean <= cont.run_now_mean


def test_matches_brute_force_on_random_series() -> None:
    rng = np.random.default_rng(2)
    x = rng.random(60)
    start, mean = min_mean_window(x, 7, 5, 50)
    brute = [x[s:s + 7].mean() for s in range(5, 44)]
    assert start == 5 + int(np.argmin(brute))
    assert mean == pytest.approx(min(brute))
    np.testing.assert_array_equal(lowest_steps(x, 7, 5, 50), np.sort(5 + np.argsort(x[5:50])[:7]))


@pytest.mark.parametrize(
    ("duration", "earliest", "deadline", "needle"),
    [(2, 5, 3, "deadline"), (9, 0, 8, "shorten"), (0, 0, 8, "at least one"), (2, 0, 20, "longer")],
)
def test_bad_bounds(duration: int, earliest: int, deadline: int, needle: str) -> None:
    with pytest.raises(UserError) as err:
        min_mean_window(V, duration, earliest, deadline)
    assert needle in err.value.hint


def test_empty_series_rejected() -> None:
    with pytest.raises(UserError):
        min_mean_window(np.array([]), 1, 0, 1)
    with pytest.raises(UserError):
        StepSeries.from_times(np.array([], dtype="datetime64[s]"), np.array([]))


def test_forecast_error_models() -> None:
    x = np.full(10_000, 100.0)
    assert forecast_with_error(x, "perfect") is x
    mult = forecast_with_error(x, "multiplicative", 0.05, seed=3)
    np.testing.assert_array_equal(mult, forecast_with_error(x, "multiplicative", 0.05, seed=3))
    assert np.std(mult / x - 1) == pytest.approx(0.05, rel=0.05)
    add = forecast_with_error(np.r_[x, 300.0 + x], "additive_mean", 0.10, seed=0)
    assert np.std(add - np.r_[x, 300.0 + x]) == pytest.approx(0.10 * 250, rel=0.05)
    with pytest.raises(UserError):
        forecast_with_error(x, "multiplicative", -0.1)


def test_combined_signal_weights_normalised_series() -> None:
    carbon = np.array([100.0, 200.0, 300.0])
    price = np.array([30.0, 10.0, 20.0])
    np.testing.assert_allclose(normalise(carbon), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(combined_signal(carbon, price, 0.5), [0.5, 0.25, 0.75])
    with pytest.raises(UserError):
        combined_signal(carbon, price[:2], 0.5)


def test_series_from_epoch_seconds_and_index() -> None:
    s = StepSeries.from_times(np.array([0, 1800, 3600]), np.array([1.0, 2.0, 3.0]))
    assert s.step == np.timedelta64(1800, "s")
    assert s.index_of(3600) == 2 and s.index_of("1970-01-01T00:30") == 1
    with pytest.raises(UserError):
        s.index_of(900)
    with pytest.raises(UserError):
        StepSeries.from_times(np.array([0, 1800, 4000]), np.array([1.0, 2.0, 3.0]))


def test_tool_wrapper_picks_the_night() -> None:
    day = [300.0] * 6 + [100.0] * 3 + [300.0] * 3
    out = find_low_carbon_window(day, "2024-03-01T00:00", 60, 3, "2024-03-01T00:00",
                                 "2024-03-01T12:00")
    assert out["start"] == "2024-03-01T06:00:00"
    assert out["saving_pct"] == pytest.approx(100 * (1 - 100 / 300))


def test_wrapper_rejects_deadline_before_start() -> None:
    with pytest.raises(UserError):
        find_low_carbon_window([1.0] * 12, "2024-03-01T00:00", 60, 1, "2024-03-01T08:00",
                               "2024-03-01T02:00")
