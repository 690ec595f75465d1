"""The event-driven engine and the GAIA policies on tiny hand-checkable streams."""

from __future__ import annotations

import numpy as np
import pytest

import evals.sim.gaia_policies  # noqa: F401
from evals.sim.carbon import OracleCarbon, TickSeries
from evals.sim.engine import ON_DEMAND, RESERVED, SPOT, Jobs, simulate
from evals.sim.policy import REGISTRY, DecisionContext, RegionView

TPH = 6  # 10-minute ticks keep the arithmetic readable


def _jobs(rows: list[tuple[int, int, int]], wait_h: int = 6) -> Jobs:
    a = np.array([r[0] for r in rows], dtype=np.int64)
    n = np.array([r[1] for r in rows], dtype=np.int64)
    return Jobs(a, n, np.array([r[2] for r in rows], dtype=np.int64),
                np.full(a.size, wait_h * TPH, dtype=np.int64), n.copy(), n <= 2 * TPH,
                np.zeros(a.size, dtype=np.int64))


def _ctx(hourly: list[float], reserved: int = 0, provider=OracleCarbon) -> DecisionContext:
    s = TickSeries(np.array(hourly, dtype=float), TPH)
    p = provider({"Z": s})
    return DecisionContext(p.known_at, [RegionView("r", "Z", reserved, 1.0, 0.2, None)], TPH,
                           s.ticks, 1000.0, static_carbon=provider is OracleCarbon)


def _run(policy: str, jobs: Jobs, ctx: DecisionContext, queue: str = "fifo"):
    return simulate(jobs, REGISTRY.create(policy), ctx, True, queue)


def test_wait_awhile_suspends_into_the_lowest_hours() -> None:
    """A 2 h job with 6 h of slack runs in the two cleanest hours, as two segments."""
    hourly = [500, 100, 500, 90, 500, 500, 500, 500, 500, 500]
    seg = _run("wait-awhile", _jobs([(0, 2 * TPH, 1)]), _ctx(hourly))
    assert seg.start.tolist() == [1 * TPH, 3 * TPH]
    assert seg.length.tolist() == [TPH, TPH]


def test_carbon_time_trades_saving_against_wait() -> None:
    """Waiting 1 h to halve carbon wins; waiting 5 h for a little more does not."""
    hourly = [400, 200, 200, 200, 200, 190, 190, 400, 400, 400, 400, 400]
    seg = _run("carbon-time", _jobs([(0, TPH, 1)]), _ctx(hourly))
    assert seg.start.tolist() == [TPH]
    seg = _run("lowest-window", _jobs([(0, TPH, 1)]), _ctx(hourly))
    assert seg.start.tolist() == [5 * TPH]


def test_reserved_cores_free_up_the_tick_after_a_job_ends() -> None:
    """GAIA's order: starts at a tick come before that tick's releases."""
    jobs = _jobs([(0, 6, 1), (6, 6, 1), (13, 6, 1)])
    seg = _run("nowait", jobs, _ctx([300] * 6, reserved=1))
    assert seg.kind.tolist() == [RESERVED, ON_DEMAND, RESERVED]


def test_work_conserving_policies_start_early_on_free_reserved_cores() -> None:
    """RES-First starts at once on a free reserved core; plain Carbon-Time waits."""
    hourly = [400, 100, 100, 100, 400, 400, 400, 400, 400, 400, 400, 400]
    jobs = _jobs([(0, TPH, 1)])
    assert _run("carbon-time", jobs, _ctx(hourly, reserved=1)).start.tolist() == [TPH]
    seg = _run("res-first-carbon-time", jobs, _ctx(hourly, reserved=1))
    assert seg.start.tolist() == [0] and seg.kind.tolist() == [RESERVED]


def test_spot_only_for_short_jobs() -> None:
    """Spot-first puts a 1 h job on spot and a 3 h job on on-demand."""
    seg = _run("spot-first-carbon-time", _jobs([(0, TPH, 1), (1, 3 * TPH, 1)]), _ctx([300] * 40))
    assert seg.kind.tolist() == [SPOT, ON_DEMAND]


@pytest.mark.parametrize("policy", sorted(p for p in REGISTRY.names()
                                          if p not in ("greenest-region", "cheapest-now",
                                                       "gridwise")))
def test_gaia_policies_keep_the_queue_limit_and_are_deterministic(policy: str) -> None:
    """Every job finishes by arrival + length + wait, the total run equals the length."""
    rng = np.random.default_rng(3)
    arrivals = np.sort(rng.choice(40 * TPH, size=60, replace=False))  # distinct: no ties
    rows = [(int(a), int(rng.integers(1, 20)), 1 + i % 3) for i, a in enumerate(arrivals)]
    jobs = _jobs(rows)
    hourly = (300 + 100 * np.sin(np.arange(80) / 3)).round(1).tolist()
    a = _run(policy, jobs, _ctx(hourly, reserved=2))
    b = _run(policy, jobs, _ctx(hourly, reserved=2), "gaia-heap")
    ran = np.bincount(a.job, weights=a.length, minlength=len(jobs))
    assert ran.tolist() == jobs.length.tolist()
    finish = np.zeros(len(jobs), dtype=np.int64)
    np.maximum.at(finish, a.job, a.start + a.length)
    assert np.all(finish <= jobs.arrival + jobs.length + jobs.max_wait)
    assert np.all(a.start >= jobs.arrival[a.job])
    again = _run(policy, jobs, _ctx(hourly, reserved=2))
    assert a.start.tolist() == again.start.tolist() and a.kind.tolist() == again.kind.tolist()
    assert a.start.tolist() == b.start.tolist()  # without ties GAIA's order is arrival order


def test_forecast_view_hides_the_future() -> None:
    """A decision in hour h sees observed hours before h and the forecast made at h after."""
    from datetime import datetime

    from evals.sim.forecasting import HISTORY_H, ForecastBook, ForecastView

    rng = np.random.default_rng(3)
    past = 300 + 100 * np.sin(np.arange(HISTORY_H + 72) * 2 * np.pi / 24) + rng.normal(0, 5,
                                                                                     HISTORY_H + 72)
    window = past[HISTORY_H:].copy()
    view = ForecastView({"Z": TickSeries(window, TPH)},
                        {"Z": ForecastBook("carbon_intensity:Z", "ridge", 30,
                                           datetime(2022, 1, 1), past)})
    seen = view.known_at("Z", 30 * TPH + 2).hourly
    assert seen[:30].tolist() == window[:30].tolist()
    assert not np.allclose(seen[30:60], window[30:60])
    changed = past.copy()
    changed[HISTORY_H + 30:] = 5000.0      # a future no forecast made at hour 30 can know
    other = ForecastView({"Z": TickSeries(changed[HISTORY_H:], TPH)},
                         {"Z": ForecastBook("carbon_intensity:Z", "ridge", 30,
                                            datetime(2022, 1, 1), changed)})
    assert other.known_at("Z", 30 * TPH).hourly[30:].tolist() == seen[30:].tolist()
    assert other.known_at("Z", 31 * TPH).hourly[31] != seen[31]  # hour 30 now observed
