"""Re-deciding every hour: the rules, a case where it beats deciding once, and no hindsight."""

import json

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from evals.rolling_forecast import RollingForecaster, fit_phases
from evals.shifting_forecast import Forecaster
from evals.shifting_redecide import RULES, nightly, once, redecided_start, redecided_steps
from gridwise.errors import UserError
from tools.forecast import forecast
from tools.forecast.exog import Exog
from tools.forecast.redecide import run_now, start_now, tolerance

T0 = np.datetime64("2022-01-01T00", "h")
T0_H = int(T0.astype(np.int64))


class NearSighted:
    """A forecast made at step `t`: exact for the next `reach` steps, a flat `level` beyond.

    (Good near, blind far: the shape of real forecast error, which grows with the lead.)
    Records every step it was asked at.
    """

    def __init__(self, actual: np.ndarray, reach: int = 2, level: float = 80.0) -> None:
        self.actual, self.reach, self.level = actual, reach, level
        self.asked: list[int] = []

    def at(self, step: int, steps: int) -> tuple:
        self.asked.append(step)
        seen = np.full(steps, self.level)
        near = self.actual[step:step + min(self.reach, steps)]
        seen[:near.size] = near
        return seen, seen, seen, "near-sighted", False


def test_rules_start_at_the_best_hour_left_and_always_at_the_last() -> None:
    seen = np.array([100.0, 90.0, 95.0])
    assert not start_now(seen, 1, 3)                      # a lower hour is still ahead
    assert start_now(seen, 1, 1)                          # the last feasible start runs
    assert start_now(np.array([90.0, 90.0, 95.0]), 1, 3)  # ties go to now
    assert start_now(np.array([91.0, 90.0]), 1, 2, "redecide_2")  # within 2 % of the best
    assert not start_now(np.array([93.0, 90.0]), 1, 2, "redecide_2")
    # a two-step job compares window means: now [100, 60] = 80 ties the next [60, 100]
    assert start_now(np.array([100.0, 60.0, 100.0]), 2, 2)
    assert not start_now(np.array([100.0, 70.0, 50.0]), 2, 2)
    assert run_now(np.array([5.0, 1.0, 2.0]), 3)           # all the work left needs every hour
    assert not run_now(np.array([5.0, 1.0, 2.0]), 2)
    assert run_now(np.array([1.5, 1.0, 2.0]), 2)
    assert not run_now(np.array([1.0, 2.0]), 0)
    # the interval gate: a promised gain inside k x the forecast's half-width is not waited for
    half = np.array([10.0, 10.0, 10.0])
    assert start_now(np.array([100.0, 95.0]), 1, 2, "redecide_gate_0.5", half[:2])
    assert not start_now(np.array([100.0, 95.0]), 1, 2, "redecide", half[:2])
    assert not start_now(np.array([100.0, 80.0]), 1, 2, "redecide_gate_1", half[:2])
    assert run_now(np.array([100.0, 95.0, 99.0]), 2, "redecide_gate_0.5", half)
    assert not run_now(np.array([100.0, 80.0, 85.0]), 2, "redecide_gate_0.5", half)
    assert tolerance("redecide_5") == pytest.approx(0.05)
    assert tolerance("redecide_gate_1") == 0.0
    for bad in ("redecide_x", "redecide_gate_", "redecide_-1", "point"):
        with pytest.raises(UserError, match="unknown re-deciding rule"):
            tolerance(bad)


def test_waiting_margin_starts_only_when_now_beats_what_is_ahead_by_it() -> None:
    """`redecide_wait_<p>`: now must beat the best window (or the marginal hour) still ahead
    by more than p %; a tie or a small lead waits for the next forecast, the last start runs."""
    assert tolerance("redecide_wait_2") == pytest.approx(-0.02)
    assert start_now(np.array([90.0, 95.0]), 1, 2)                         # plain: now is best
    assert not start_now(np.array([90.0, 91.0]), 1, 2, "redecide_wait_2")  # but not by 2 %
    assert start_now(np.array([90.0, 93.0]), 1, 2, "redecide_wait_2")      # 3.2 % better
    assert not start_now(np.array([90.0, 90.0, 95.0]), 1, 3, "redecide_wait_1")  # a tie waits
    assert start_now(np.array([90.0, 90.0]), 1, 1, "redecide_wait_5")      # the last start runs
    # two-step windows: now [90, 80] = 85 against the best ahead [80, 95] = 87.5 (2.9 %)
    assert start_now(np.array([90.0, 80.0, 95.0]), 2, 2, "redecide_wait_2")
    assert not start_now(np.array([90.0, 80.0, 95.0]), 2, 2, "redecide_wait_5")
    # interruptible, one hour of work left: now (90) against the lowest hour ahead (91, 99)
    assert run_now(np.array([90.0, 91.0, 99.0]), 1)
    assert not run_now(np.array([90.0, 91.0, 99.0]), 1, "redecide_wait_2")
    # two hours left: the second-lowest ahead (99) is what running now would spare
    assert run_now(np.array([90.0, 91.0, 99.0, 120.0]), 2, "redecide_wait_5")
    assert not run_now(np.array([96.0, 91.0, 99.0, 120.0]), 2, "redecide_wait_5")
    assert run_now(np.array([96.0, 91.0]), 2, "redecide_wait_5")  # every hour left is needed


def test_redeciding_wins_where_deciding_once_loses() -> None:
    # flat 100 with a real dip to 50 at hour 5; the forecast made at 0 cannot see it and
    # ranks hour 2 (its flat 80 beyond two hours) lowest: deciding once runs at 100
    actual = np.full(9, 100.0)
    actual[5] = 50.0
    fc = NearSighted(actual)
    assert once(actual, fc.at(0, 9)[0], 1, False) == 100.0
    assert redecided_start(fc, 0, 9, 1, "redecide") == 5          # waits, then sees the dip
    # interruptible (two hours of work): once takes the two lowest forecast hours (2, 3),
    # re-planning each hour reaches the dip and one more hour
    assert once(actual, fc.at(0, 9)[0], 2, True) == 200.0
    ran = redecided_steps(fc, 0, 9, 2, "redecide")
    assert 5 in ran and actual[ran].sum() == 150.0


def test_the_decision_at_hour_t_reads_no_forecast_made_after_t() -> None:
    actual = np.full(9, 100.0)
    actual[5] = 50.0
    fc = NearSighted(actual)
    start = redecided_start(fc, 0, 9, 1, "redecide")
    assert fc.asked == list(range(start + 1))   # one forecast per hour, none after the start
    # and changing everything after the start changes nothing about it
    later = actual.copy()
    later[start + 1:] = 1.0
    assert redecided_start(NearSighted(later, reach=1), 0, 9, 1, "redecide") == \
        redecided_start(NearSighted(actual, reach=1), 0, 9, 1, "redecide")


def _series(days: int = 75, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(days * 24)
    return 300 + 80 * np.sin(2 * np.pi * (t % 24) / 24) + rng.normal(0, 15, t.size)


def test_rolling_forecast_reads_nothing_at_or_after_its_hour() -> None:
    ci = _series()
    ex = Exog("DE-LU", T0_H)
    for hour in (60 * 24, 60 * 24 + 7, 61 * 24 + 13):     # at a refit, and hours after it
        base = RollingForecaster(ci, T0, 1, "ridge", ex).at(hour, 30)
        noisy = ci.copy()
        noisy[hour:] = np.random.default_rng(hour).normal(900, 300, ci.size - hour)
        again = RollingForecaster(noisy, T0, 1, "ridge", ex).at(hour, 30)
        for a, b in zip(base[:3], again[:3], strict=True):
            np.testing.assert_array_equal(a, b)
        assert base[3] == "ridge" and not base[4]


def test_rolling_forecast_at_its_refit_hour_is_the_forecast_made_then() -> None:
    ci = _series()
    hour = 60 * 24                      # 00:00: the daily refit
    fc = forecast(ci[:hour], T0 + np.timedelta64(hour, "h"), 72, "ridge")
    roll = RollingForecaster(ci, T0, 1, "ridge").at(hour, 72)
    np.testing.assert_allclose(roll[0], fc.values, rtol=1e-9)
    np.testing.assert_allclose(roll[2], fc.hi, rtol=1e-9)
    # a later hour of the day predicts from the same fit with newer values, not a new fit
    r = RollingForecaster(ci, T0, 1, "ridge")
    for h in range(hour, hour + 24):
        r.at(h, 24)
    assert r.refits == fit_phases()     # one fit per phase of the day (2, or 24 per hour)


def test_nightly_redecide_tallies_every_rule_on_the_same_jobs() -> None:
    ci = _series(110)
    ex = Exog("DE-LU", T0_H)
    fresh = Forecaster(ci, T0, 1, "ridge", ex)
    roll = RollingForecaster(ci, T0, 1, "ridge", ex)
    at = 60 * 24 + np.arange(0, 40, 5) * 24 + 1
    tally = nightly(ci, fresh, roll, at, 1, (2,), 1)["2"]
    row = tally.row("redecide")
    assert set(row["kept_pct_by_rule"]) == set(RULES) and row["rule"] == "redecide"
    assert row["jobs"] == 8 and row["oracle_pct"] > 0
    assert all(v <= row["oracle_pct"] + 1e-9 for v in
               ((1 - tally.forecast[r] / tally.baseline) * 100 for r in RULES))


def test_cli_rejects_an_unknown_rule_and_a_year_without_data(tmp_path, monkeypatch) -> None:
    from gridwise.cli.eval_forecast import shifting_forecast
    from tests.graphkit import tiny_store

    tiny_store(tmp_path).close()
    monkeypatch.setenv("GRIDWISE_HOME", str(tmp_path))
    monkeypatch.setenv("GRIDWISE_DB_PATH", str(tmp_path / "g.duckdb"))
    app = typer.Typer()
    app.command()(shifting_forecast)
    app.callback()(lambda: None)
    bad = CliRunner().invoke(app, ["shifting-forecast", "--rule", "twice", "--json"])
    assert bad.exit_code == 2 and "To fix:" in bad.stderr and "redecide" in bad.stderr
    year = CliRunner().invoke(app, ["shifting-forecast", "--skip-lwa", "--rule", "redecide",
                                    "--year", "1999", "--json"])
    assert year.exit_code == 2 and "does not cover 1999" in year.stderr, year.output
    assert not year.stdout.strip() or json.loads(year.stdout) is None
