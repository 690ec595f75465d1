"""Re-checking a waiting job's start: the pure decision, its bounds, and no data after the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from gridwise.models import JobSpec, Quote
from tests.dispatchkit import order_onprem
from tests.graphkit import tiny_store
from tests.recheckkit import DECIDED, ZONE, write_grid
from tools.dispatch.recheck import Bounds, ClockMap, bounds_of, redecide_start, verdict_at
from tools.forecast.signals import ForecastCache, ForecastSignals

NOW = datetime(2022, 6, 10, 10)
H = timedelta(hours=1)


def _bounds(latest_h: int, steps: int = 1, earliest_h: int = 0) -> Bounds:
    return Bounds("carbon_intensity", ZONE, "lca", NOW + H * earliest_h, NOW + H * latest_h,
                  steps, NOW + H * (latest_h + steps))


def test_the_current_hour_best_releases_now():
    seen = np.array([100.0, 300, 200, 150, 400])
    v = redecide_start(seen, NOW, NOW + 3 * H, _bounds(4))
    assert (v.action, v.start) == ("release", NOW)
    assert v.new_value == 100.0 and v.old_value == 150.0 and v.why.startswith("now is")


def test_a_later_best_moves_and_an_unchanged_best_keeps():
    seen = np.array([300.0, 250, 100, 150, 400])
    v = redecide_start(seen, NOW, NOW + 3 * H, _bounds(4))
    assert (v.action, v.start, v.new_value, v.old_value) == ("move", NOW + 2 * H, 100.0, 150.0)
    kept = redecide_start(seen, NOW, NOW + 2 * H, _bounds(4))
    assert (kept.action, kept.start) == ("keep", NOW + 2 * H) and kept.decided


def test_windows_of_the_jobs_length_are_compared():
    # a 2-hour job: the lowest hour (50, at 2) sits between two high ones; 120+120 wins
    seen = np.array([400.0, 300, 50, 400, 120, 120, 500])
    v = redecide_start(seen, NOW, NOW, _bounds(4, steps=2))
    assert (v.action, v.start, v.new_value) == ("move", NOW + 4 * H, 120.0)


def test_the_start_never_passes_the_latest_that_meets_the_deadline():
    seen = np.array([300.0, 250, 240, 10, 5, 1])
    v = redecide_start(seen, NOW, NOW + 2 * H, _bounds(2))
    assert v.start == NOW + 2 * H and v.action == "keep"       # hours 3-5 lie past latest
    # the last start left: it runs (the evaluation's rule: the last feasible start runs)
    last = redecide_start(seen, NOW, NOW + 2 * H, _bounds(0))
    assert (last.action, last.start) == ("release", NOW)
    assert "last start that meets the deadline" in last.why


def test_the_start_is_never_before_now_or_the_orders_earliest():
    seen = np.array([1.0, 2, 300, 200, 250])
    v = redecide_start(seen, NOW, NOW + 4 * H, _bounds(4, earliest_h=2))
    assert (v.action, v.start) == ("move", NOW + 3 * H)        # hours 0-1 are before earliest
    # the deadline already missed: the first possible start, not one before it
    late = redecide_start(seen, NOW, NOW + 4 * H, _bounds(1, earliest_h=2))
    assert (late.action, late.start) == ("move", NOW + 2 * H)
    assert "none from then on meets the deadline" in late.why


def test_a_forecast_that_does_not_cover_the_starts_left_keeps_the_start():
    seen = np.array([100.0, np.nan, 50])
    v = redecide_start(seen, NOW, NOW + 2 * H, _bounds(2))
    assert (v.action, v.start, v.decided) == ("keep", NOW + 2 * H, False)
    assert "does not cover" in v.why
    short = redecide_start(np.array([100.0, 90]), NOW, NOW + H, _bounds(4))
    assert (short.action, short.decided) == ("keep", False)


def test_the_clock_map_is_the_dispatchers_begin_mapping_both_ways():
    cm = ClockMap(NOW, datetime(2026, 12, 2, 5), time_scale=20.0)
    assert cm.wall(NOW + 3 * H) == datetime(2026, 12, 2, 5, 1)
    assert cm.clock(datetime(2026, 12, 2, 5, 1)) == NOW + 3 * H
    live = ClockMap(datetime(2026, 12, 2, 5), datetime(2026, 12, 2, 5), time_scale=3600.0)
    assert live.clock(datetime(2026, 12, 2, 7, 30)) == datetime(2026, 12, 2, 7, 30)


def _quote(**kw: object) -> Quote:
    base = dict(cluster="onprem-eu-v100", provider="onprem", kind="onprem", region="r",
                accelerator="V100-32GB", count=2, start=NOW + 5 * H, finish=NOW + 7 * H,
                runtime_h=1.5, price_usd_per_h=1.0, cost_usd=1.5, confidence=0.5,
                window="low-carbon", carbon_zone=ZONE, signal="forecast:ridge")
    return Quote.model_validate(base | kw)


def test_bounds_follow_the_order():
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 2, "constraints": {
        "deadline": (NOW + timedelta(hours=9, minutes=30)).isoformat(),
        "earliest_start": (NOW + timedelta(minutes=90)).isoformat()}})
    b = bounds_of(_quote(), job, NOW + timedelta(minutes=20), None)
    assert isinstance(b, Bounds)
    assert (b.earliest, b.latest, b.steps) == (NOW + 2 * H, NOW + 8 * H, 2)  # 9:30 - 1.5 h
    assert b.series == "carbon_intensity:lca" and b.unit == "gCO2/kWh"
    price = bounds_of(_quote(window="low-price"), job, NOW, "DE-LU")
    assert isinstance(price, Bounds) and (price.table, price.unit) == ("energy_price",
                                                                        "USD/MWh")
    open_ended = bounds_of(_quote(), None, NOW, None)
    assert isinstance(open_ended, Bounds) and open_ended.latest == NOW + H * (168 - 2)


@pytest.mark.parametrize(("kw", "why"), [
    ({"window": "now"}, "did not wait"), ({"signal": "oracle"}, "oracle"),
    ({"window": "low-price"}, "no price market")])
def test_quotes_with_nothing_to_redecide_are_not_rechecked(kw, why):
    assert why in str(bounds_of(_quote(**kw), None, NOW, None))


@pytest.fixture
def grid_store(tmp_path):
    s = tiny_store(tmp_path)
    write_grid(s, shock=-300.0, shock_hours=(0, 6))
    yield s
    s.close()


def _fresh() -> ForecastSignals:
    return ForecastSignals(cache=ForecastCache())


def test_a_recheck_never_reads_data_after_its_clock(grid_store):
    job = {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB",
                                                         "gpu_count": 2},
           "constraints": {"deadline": (DECIDED + timedelta(hours=30)).isoformat()}}
    _, quote = order_onprem(grid_store, job, window="low-carbon", clock=DECIDED)
    b = bounds_of(quote, JobSpec.model_validate(job), DECIDED, ZONE)
    assert isinstance(b, Bounds)
    clock = DECIDED + timedelta(hours=2, minutes=10)
    before, sig = verdict_at(grid_store, _fresh(), b, clock, quote.start)
    assert sig.model == "ridge" and before.action == "release"   # the drop after 10:00 is seen
    # every value from the clock's hour on, both bases, changed: the re-check is the same
    grid_store.conn.execute("UPDATE carbon_intensity SET gco2_per_kwh = 9999, "
                            "gco2_direct_per_kwh = 9999 WHERE zone = ? AND ts >= ?",
                            [ZONE, DECIDED + 2 * H])
    after, _ = verdict_at(grid_store, _fresh(), b, clock, quote.start)
    assert after == before
    # ... while a value before the clock does change it (so the check above can fail)
    grid_store.conn.execute("UPDATE carbon_intensity SET gco2_per_kwh = 9999 WHERE zone = ? "
                            "AND ts = ?", [ZONE, DECIDED + H])
    earlier, _ = verdict_at(grid_store, _fresh(), b, clock, quote.start)
    assert earlier != before


def test_a_gap_before_the_clock_keeps_the_start_and_says_why(grid_store):
    job = {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB",
                                                         "gpu_count": 2}}
    _, quote = order_onprem(grid_store, job, window="low-carbon", clock=DECIDED)
    b = bounds_of(quote, JobSpec.model_validate(job), DECIDED, ZONE)
    assert isinstance(b, Bounds)
    grid_store.conn.execute("DELETE FROM carbon_intensity WHERE zone = ? AND ts >= ?",
                            [ZONE, DECIDED - 3 * H])
    v, sig = verdict_at(grid_store, _fresh(), b, DECIDED + timedelta(hours=1, minutes=5),
                        quote.start)
    assert (v.action, v.start, v.decided) == ("keep", quote.start, False)
    assert v.why.startswith("no forecast at the clock") and "gap" in v.why


def test_an_error_off_the_state_file_still_reaches_the_heartbeat(tmp_path):
    """The re-check forecasts and asks Slurm without holding the state file; a `UserError`
    there (Slurm down, no reference file) must still be the heartbeat's last error, as it is
    for the work done on the file."""
    from contextlib import nullcontext

    from gridwise.errors import UserError
    from tools.dispatch.dispatcher import Dispatcher
    from tools.dispatch.slurm import Slurm

    s = tiny_store(tmp_path)
    d = Dispatcher(slurm=Slurm(), partitions={})
    with pytest.raises(UserError), d._reported(lambda: nullcontext(s)):
        raise UserError("slurmctld does not answer", "start it")
    rows = s.rows("SELECT last_error FROM dispatcher_runs WHERE id = ?", [d.run_id])
    assert [r["last_error"] for r in rows] == ["slurmctld does not answer"]
