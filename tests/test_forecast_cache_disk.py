"""The forecast cache on disk and its refusals: `ask` keeps forecasts for the next process,
a refused forecast is not attempted again on the same history, and a folder that can not be
written or grows without end does not break a quote."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from gridwise.store import Store
from tests.test_quote_forecast import CLOCK, JOB, load_long, long_source
from tools.forecast import signals as signals_mod
from tools.forecast.api import Forecast, ForecastGapError
from tools.forecast.cache import PROCESS_CACHE, ForecastCache, prune_folder
from tools.forecast.signals import ForecastSignals
from tools.quoting import quote_job


def _fc(v: float = 1.0) -> Forecast:
    a = np.full(3, v)
    return Forecast(a, a - 1, a + 1, model="ridge", label="test", requested=3, learned_steps=3,
                    notes=[])


def test_a_refusal_is_remembered_per_key() -> None:
    cache, calls = ForecastCache(), []

    def refuse() -> Forecast:
        calls.append(1)
        raise ForecastGapError("a 5 h gap before the clock", "load the missing hours")

    for _ in range(3):
        with pytest.raises(ForecastGapError, match="5 h gap") as info:
            cache.get_or_make(("carbon", "DE", "h1"), refuse)
        assert info.value.hint == "load the missing hours"
    assert calls == [1]  # attempted once, refused from memory after
    assert cache.making == {} and ("carbon", "DE", "h1") not in cache.entries
    assert cache.get_or_make(("carbon", "DE", "h2"), _fc).values[0] == 1.0  # new history: tried


def test_other_errors_are_not_remembered() -> None:
    cache, calls = ForecastCache(), []

    def boom() -> Forecast:
        calls.append(1)
        raise RuntimeError("a bug, not a refusal")

    for _ in range(2):
        with pytest.raises(RuntimeError):
            cache.get_or_make(("k",), boom)
    assert calls == [1, 1] and cache.refused == {}


def test_folder_per_call_is_read_by_another_cache(tmp_path: Path) -> None:
    folder = tmp_path / "forecasts"
    ForecastCache().get_or_make(("k", "1"), lambda: _fc(7.0), folder)
    assert len(list(folder.glob("*.npz"))) == 1
    other = ForecastCache()  # another process, no folder of its own

    def never() -> Forecast:
        raise AssertionError("made again although it was on disk")

    assert other.get_or_make(("k", "1"), never, folder).values.tolist() == [7.0] * 3
    assert ForecastCache(folder).get_or_make(("k", "1"), never).values[0] == 7.0


def test_a_folder_that_can_not_be_written_still_gives_the_forecast(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    got = ForecastCache().get_or_make(("k",), _fc, blocker / "forecasts")
    assert got.values[0] == 1.0
    assert blocker.read_text() == "not a folder"


def test_prune_keeps_the_newest(tmp_path: Path) -> None:
    for i in range(6):
        f = tmp_path / f"{i}.npz"
        f.write_bytes(b"x")
        os.utime(f, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "keep.txt").write_text("not a forecast")
    assert prune_folder(tmp_path, 2) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["4.npz", "5.npz", "keep.txt"]
    assert prune_folder(tmp_path / "missing", 2) == 0


def test_a_gap_zone_is_refused_once_across_quotes(tmp_path: Path, monkeypatch) -> None:
    s = Store.open(":memory:")
    load_long(s, long_source(tmp_path / "src", gap_before_clock=True), tmp_path / "cache")
    made: list[int] = []
    real = signals_mod.forecast

    def counted(past, *a, **k):
        made.append(past.size)
        return real(past, *a, **k)

    monkeypatch.setattr(signals_mod, "forecast", counted)
    source = ForecastSignals(cache=ForecastCache())
    first = quote_job(s, JOB, CLOCK, signals=source)
    attempts = len(made)
    assert source.cache.refused  # the US-MIDA-PJM gap
    source.cache.signals.clear()  # not the whole answer from memory: each zone asked again
    second = quote_job(s, JOB, CLOCK, signals=source)
    assert len(made) == attempts, "a refused or made forecast was attempted again"
    assert first.signals == second.signals


def test_the_graph_keeps_forecasts_under_its_home(store: Store, tmp_path: Path,
                                                   monkeypatch) -> None:
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.scheduling.context import build_deps, live
    from graphs.scheduling.graph import build_graph
    from gridwise.settings import Settings
    from tests.graphkit import CLOCK as GRAPH_CLOCK

    monkeypatch.setattr(PROCESS_CACHE, "entries", {})
    monkeypatch.setattr(PROCESS_CACHE, "signals", {})
    deps = build_deps(store, Settings(home=tmp_path, llm="none"), None, auto_confirm=True)
    src = live(deps).signals
    assert isinstance(src, ForecastSignals) and src.folder == tmp_path / "forecasts"
    assert src.cache is PROCESS_CACHE  # shared in memory with the other agents of the process
    out = build_graph(InMemorySaver()).invoke(
        {"request": "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please",
         "clock": GRAPH_CLOCK}, {"configurable": {"thread_id": "t"}}, context=deps)
    assert out["status"] in ("ordered", "deferred")
    assert list((tmp_path / "forecasts").glob("*.npz"))
