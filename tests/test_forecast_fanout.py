"""A cold quote's forecasts are made side by side, with the serial answers, and each once.

Counts and equalities, never time: the threads that made the forecasts, the fits and design
passes per cold quote, and the quote book against the one made in the caller's thread.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from gridwise.errors import UserError
from gridwise.models import JobSpec
from gridwise.store import Store
from tests.sourcedata import _write, make_source_dir
from tests.test_forecast_fast_fit import synthetic
from tests.test_quote_book_digest import digest
from tests.test_quote_forecast import load_long
from tools.forecast import api, fanout, models
from tools.forecast import signals as signals_module
from tools.forecast.signals import ForecastCache, ForecastSignals
from tools.quoting import quote_job

FIRST = datetime(2022, 1, 1)
DAYS = 70
CLOCK = datetime(2022, 3, 5, 9)
#: The zones the test catalogue's offers use, given weeks of history (the ridge fits
#: them); the price markets keep two days (a baseline each).
LONG = ("US-MIDA-PJM", "DE-LU", "NO", "US-TEX-ERCO")
JOB = JobSpec.model_validate({"kind": "train", "gpu_hours": 6,
                              "constraints": {"deadline": "2022-03-07T09:00:00Z"}})


def _long_source(root: Path) -> Path:
    src = make_source_dir(root)
    rng = np.random.default_rng(13)
    for i, zone in enumerate(LONG):
        t = np.arange(DAYS * 24)
        lca = 250 + 40 * i + 60 * np.sin(2 * np.pi * (t + 3 * i) / 24) + rng.normal(0, 8, t.size)
        rows = [[(FIRST + timedelta(hours=int(h))).strftime("%Y-%m-%d %H:%M:%S"),
                 round(v - 20, 3), round(v, 3), 50, 30, "false", ""]
                for h, v in zip(t, lca, strict=True)]
        _write(src / f"carbon/electricitymaps/{zone}.csv",
               ["datetime_utc", "ci_direct_gco2eq_per_kwh", "ci_lca_gco2eq_per_kwh",
                "low_carbon_pct", "renewable_pct", "estimated", "estimation_method"], rows)
    return src


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("fanout")
    s = Store.open(":memory:")
    load_long(s, _long_source(root / "src"), root / "cache")
    return s


def _made_by(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread names that made each forecast from now on."""
    names: list[str] = []
    real = signals_module.forecast

    def record(*args: object, **kwargs: object) -> api.Forecast:
        names.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(signals_module, "forecast", record)
    return names


def test_pooled_forecasts_give_the_serial_quote_book(store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    names = _made_by(monkeypatch)
    serial = quote_job(store, JOB, CLOCK, signals=ForecastSignals(cache=ForecastCache(),
                                                                   workers=1))
    alone = list(names)
    names.clear()
    pooled = quote_job(store, JOB, CLOCK, signals=ForecastSignals(cache=ForecastCache(),
                                                                   workers=3))
    assert serial.quotes and digest(pooled) == digest(serial)
    assert pooled.signals == serial.signals
    # every forecast was made again (no cache between them), serially in the caller's
    # thread and pooled in the pool's threads, more than one of them
    assert len(alone) == len(names) >= len(LONG)
    assert set(alone) == {threading.current_thread().name}
    assert all(n.startswith("forecast") for n in names) and len(set(names)) > 1


def test_a_cold_quote_fits_each_series_once_with_one_design_pass(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {"fit": 0, "blocks": 0, "predict": 0}
    for name, key in (("fit_ridge", "fit"), ("_blocks", "blocks"), ("predict_ridge", "predict")):
        real = getattr(models, name)

        def counted(*args: object, _real: object = real, _key: str = key,
                    **kwargs: object) -> object:
            counts[_key] += 1
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(models, name, counted)
        if hasattr(api, name):
            monkeypatch.setattr(api, name, counted)
    quote_job(store, JOB, CLOCK, signals=ForecastSignals(cache=ForecastCache(), workers=2))
    # the long zones' carbon series are fitted once each; the forecast is made from the
    # fit's own design pass (the old path built the design again to predict: 2 per fit)
    assert counts["fit"] >= len(LONG)
    assert counts == {"fit": counts["fit"], "blocks": counts["fit"], "predict": 0}
    # the same question again, on the same cache: nothing fitted
    before = dict(counts)
    source = ForecastSignals(cache=ForecastCache(), workers=2)
    quote_job(store, JOB, CLOCK, signals=source)
    quote_job(store, JOB, CLOCK, signals=source)
    assert counts["fit"] - before["fit"] == before["fit"]


def test_lightgbm_forecasts_stay_in_the_callers_thread(store: Store,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = signals_module.in_order

    def spy(jobs: list, workers: int) -> list:  # type: ignore[type-arg]
        asked.append(workers)
        return real(jobs, workers)

    monkeypatch.setattr(signals_module, "in_order", spy)
    for model in ("gbm", "ridge"):
        ForecastSignals(model, ForecastCache(), workers=4).signals(  # type: ignore[arg-type]
            store.conn, "carbon_intensity", list(LONG), CLOCK, CLOCK, 24)
    assert asked == [1, 4]


@pytest.mark.parametrize("setting", [{}, {"HOUR_BAND": None}, {"PRUNE": False},
                                     {"EC_LAGS": 0, "PROFILE_DAYS": 0, "EC_MEAN_H": 0}])
def test_the_forecast_made_with_the_fit_is_predict_ridges_bit_for_bit(
        setting: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    y, ex = synthetic(days=120, seed=5)
    steps = y.size
    for name, value in setting.items():
        monkeypatch.setattr(models, name, value)
    cal = models.Calendar(24, 5, 2)
    for clock, e in ((steps, ex), (steps - 13, None)):
        fit = models.fit_ridge(y, clock, 72, cal, ex=e)
        assert fit.forecast is not None
        np.testing.assert_array_equal(fit.forecast, models.predict_ridge(fit, y, clock, cal, e))
    # a look-alike: another origin's forecast is not the clock's
    assert not np.allclose(fit.forecast, models.predict_ridge(fit, y, clock - 5, cal, None))


def test_in_order_keeps_the_jobs_order_and_their_threads() -> None:
    def job(i: int) -> tuple[int, str]:
        return i, threading.current_thread().name

    jobs = [lambda i=i: job(i) for i in range(7)]  # type: ignore[misc]
    here = threading.current_thread().name
    assert [r[0] for r in fanout.in_order(jobs, 3)] == list(range(7))
    assert {r[1] for r in fanout.in_order(jobs, 3)} != {here}
    assert {r[1] for r in fanout.in_order(jobs, 1)} == {here}
    assert {r[1] for r in fanout.in_order(jobs[:1], 8)} == {here}  # one job: no pool
    assert fanout.in_order([], 4) == []


def test_in_order_raises_the_first_failure_after_the_others_finish() -> None:
    done: list[int] = []

    def job(i: int) -> int:
        if i in (2, 4):
            raise ValueError(f"job {i}")
        done.append(i)
        return i

    with pytest.raises(ValueError, match="job 2"):
        fanout.in_order([lambda i=i: job(i) for i in range(6)], 2)  # type: ignore[misc]
    assert sorted(done) == [0, 1, 3, 5]


@pytest.mark.parametrize("raw,blas,expected", [
    (None, "1", 8), ("", "1", 8), ("0", "1", 8), (" 3 ", "1", 3), ("1", "1", 1),
    (None, "2", 4), (None, "16", 1), (None, "junk", 8), ("2", "4", 2)])
def test_workers_from_the_environment(raw: str | None, blas: str, expected: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fanout, "cores", lambda: 8)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", blas)
    if raw is None:
        monkeypatch.delenv(fanout.WORKERS_ENV, raising=False)
    else:
        monkeypatch.setenv(fanout.WORKERS_ENV, raw)
    assert fanout.default_workers() == expected
    assert ForecastSignals().workers == expected


@pytest.mark.parametrize("raw", ["two", "-1", "1.5", "0x2"])
def test_a_bad_workers_setting_says_how_to_fix_it(raw: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fanout.WORKERS_ENV, raw)
    with pytest.raises(UserError, match=fanout.WORKERS_ENV) as err:
        fanout.default_workers()
    assert repr(raw) in str(err.value.args[0])
