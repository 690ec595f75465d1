"""Forecasts made once per zone and clock serve quotes of every horizon, and can be made ahead.

The cache keeps the model's part (72 h) and continues it by the seasonal profile per request,
so a 1-day and a 7-day quote at one clock share one fit per zone; the console makes the
scenario clock's forecasts in the background before the first request.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

import tools.forecast.signals as signals_mod
from gridwise.settings import Settings
from gridwise.store import Store
from tests.test_quote_forecast import CLOCK, JOB, long_store
from tools.forecast.api import LEARNED_HORIZON_H, extend_forecast, forecast
from tools.forecast.signals import ForecastCache, ForecastSignals
from tools.forecast.warm import Warmed, warm_forecasts, warm_in_background
from tools.quoting import quote_job


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return long_store(tmp_path_factory.mktemp("warm"))


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The horizons of the forecasts quoting makes (not those it finds cached).

    Only forecasts that are made count: a zone without enough recent history fails at once
    (`ForecastGapError`), every time it is asked.
    """
    made: list[int] = []
    real = signals_mod.forecast

    def counted(history, clock, horizon_h, *a, **k):  # type: ignore[no-untyped-def]
        fc = real(history, clock, horizon_h, *a, **k)
        made.append(horizon_h)
        return fc

    monkeypatch.setattr(signals_mod, "forecast", counted)
    return made


def _numbers(book) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(q.provider, q.region, q.window, q.start, q.cost_usd, q.kg_co2e, q.kg_co2e_range)
            for q in book.quotes]


@pytest.mark.parametrize("steps", [73, 96, 168, 24 * 35])
def test_the_profile_continues_the_models_part_value_for_value(steps: int) -> None:
    rng = np.random.default_rng(3)
    t = np.arange(24 * 80)
    y = 400 + 80 * np.sin(2 * np.pi * t / 24) + 20 * np.sin(2 * np.pi * t / 168) \
        + rng.normal(0, 8, t.size)
    y[-30:-29] = np.nan  # a short gap the forecast interpolates
    clock = datetime(2022, 3, 22)
    whole = forecast(y, clock, steps)
    part = forecast(y, clock, LEARNED_HORIZON_H)
    joined = extend_forecast(part, y, steps, 24)
    for a, b in ((whole.values, joined.values), (whole.lo, joined.lo), (whole.hi, joined.hi)):
        assert a.shape == (steps,) and np.array_equal(a, b)
    assert (whole.model, whole.label, whole.learned_steps, whole.notes) == (
        joined.model, joined.label, joined.learned_steps, joined.notes)


def test_a_forecast_within_the_learned_horizon_is_not_extended() -> None:
    y = 300 + 50 * np.sin(2 * np.pi * np.arange(24 * 60) / 24)
    part = forecast(y, datetime(2022, 3, 1), 24)
    assert extend_forecast(part, y, 24, 24) is part


def _due(days: int):  # type: ignore[no-untyped-def]
    return JOB.model_copy(update={"constraints": JOB.constraints.model_copy(
        update={"deadline": CLOCK + timedelta(days=days)})})


def test_quotes_of_two_horizons_at_one_clock_share_one_fit_per_zone(
        store: Store, fits: list[int]) -> None:
    cache = ForecastCache()
    four = quote_job(store, _due(4), CLOCK, signals=ForecastSignals(cache=cache))
    first = len(fits)
    assert first > 0 and set(fits) == {LEARNED_HORIZON_H}
    week = quote_job(store, _due(7), CLOCK, signals=ForecastSignals(cache=cache))
    assert len(fits) == first  # the week's quote made no forecast of its own
    cold = quote_job(store, _due(7), CLOCK, signals=ForecastSignals(cache=ForecastCache()))
    assert _numbers(week) == _numbers(cold)  # and its numbers are a cold quote's
    assert four.quotes and week.quotes
    # both reach past the learned horizon: the profile continues the one fit
    for book in (four, week):
        assert "beyond 72 h a seasonal profile" in str(book.signals["carbon_intensity:US-MIDA-PJM"])


def test_a_run_inside_the_learned_horizon_gets_its_own_fit(store: Store,
                                                          fits: list[int]) -> None:
    cache = ForecastCache()
    quote_job(store, _due(7), CLOCK, signals=ForecastSignals(cache=cache))
    made = len(fits)
    quote_job(store, JOB, CLOCK, signals=ForecastSignals(cache=cache))  # due in 2 days
    # fewer leads train on other origins: a different model, made, never sliced from 72 h
    assert len(fits) > made and all(h < LEARNED_HORIZON_H for h in fits[made:])


def test_a_warm_up_leaves_the_first_quote_nothing_to_fit(store: Store, fits: list[int]) -> None:
    cache = ForecastCache()
    warmed = warm_forecasts(store.conn, CLOCK, ForecastSignals(cache=cache))
    assert isinstance(warmed, Warmed) and warmed.zones >= 1 and warmed.clock == CLOCK
    made = len(fits)
    assert made >= 1
    book = quote_job(store, _due(7), CLOCK, signals=ForecastSignals(cache=cache))
    assert len(fits) == made
    assert _numbers(book) == _numbers(quote_job(store, _due(7), CLOCK,
                                                 signals=ForecastSignals(cache=ForecastCache())))


def test_a_warm_up_at_another_clock_does_not_serve_this_one(store: Store,
                                                            fits: list[int]) -> None:
    cache = ForecastCache()
    warm_forecasts(store.conn, CLOCK - timedelta(hours=1), ForecastSignals(cache=cache))
    made = len(fits)
    quote_job(store, _due(7), CLOCK, signals=ForecastSignals(cache=cache))
    assert len(fits) > made  # new history at the new clock: new forecasts


def test_a_failed_warm_up_is_reported_not_raised() -> None:
    got: list[object] = []

    @contextmanager
    def broken():  # type: ignore[no-untyped-def]
        raise OSError("the reference file is gone")
        yield

    thread = warm_in_background(broken, CLOCK, done=got.append)
    thread.join(10)
    assert not thread.is_alive()
    assert len(got) == 1 and isinstance(got[0], OSError)


def test_the_console_warms_once_and_says_why_when_it_cannot(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from gridwise.console.state import Console

    c = Console(Settings(home=tmp_path / "home"), at="2023-06-14T09:00Z")
    c.__dict__["clock"] = datetime(2023, 6, 14, 9)  # no store here: the clock is given
    first = c.warm()
    assert isinstance(first, threading.Thread)
    first.join(30)
    assert c.warm() is None  # once per process
    err = capfd.readouterr().err
    assert "forecasts not made ahead" in err and "the first request makes them" in err
