"""The process-wide forecast cache is shared by the per-provider quote threads.

A long-lived process (the console, a provider server, a 1,000-ask benchmark) fills it
until eviction starts; evicting while another thread inserted raised "dictionary changed
size during iteration" inside a quote (seen after ~250 asks in one process).
"""

from __future__ import annotations

import sys
import threading

import pytest

from tools.forecast.signals import ForecastCache


def test_a_miss_waits_while_another_thread_holds_the_cache() -> None:
    cache = ForecastCache(limit=2)
    done = threading.Event()

    def miss() -> None:
        cache.get_or_make(("carbon", "DE"), lambda: "made")  # type: ignore[arg-type,return-value]
        done.set()

    with cache.lock:
        worker = threading.Thread(target=miss)
        worker.start()
        # the lookup cannot run while the lock is held: the dict is never read mid-change
        assert not done.wait(0.3)
    worker.join(5)
    assert done.is_set() and cache.entries[("carbon", "DE")] == "made"


@pytest.mark.parametrize("limit", [1, 4])
def test_eviction_under_many_threads_keeps_the_limit_and_never_raises(limit: int) -> None:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    cache, errors = ForecastCache(limit=limit), []

    def work(t: int) -> None:
        try:
            for i in range(3000):
                cache.get_or_make((str(t), str(i)), lambda: "x")  # type: ignore[arg-type,return-value]
                cache.remember(cache.signals, (t, i), {}, limit)
        except Exception as exc:  # noqa: BLE001 - any exception is the failure under test
            errors.append(repr(exc))

    try:
        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert len(cache.entries) <= limit and len(cache.signals) <= limit


@pytest.mark.parametrize("fails", [False, True])
def test_a_forecast_being_made_is_waited_for_not_made_again(fails: bool) -> None:
    # the cluster agents of one ask quote the same zones at once: each forecast once
    cache, started, go = ForecastCache(), threading.Event(), threading.Event()
    calls: list[str] = []
    got: dict[str, object] = {}

    def make(who: str) -> str:
        calls.append(who)
        started.set()
        go.wait(10)
        if fails:
            raise ValueError("no forecast")
        return f"made by {who}"

    def ask(who: str) -> None:
        try:
            got[who] = cache.get_or_make(("carbon", "DE"), lambda: make(who))  # type: ignore[arg-type,return-value]
        except ValueError as exc:
            got[who] = repr(exc)

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    assert started.wait(10)
    second = threading.Thread(target=ask, args=("second",))
    second.start()
    second.join(0.5)  # making it again would return at once; waiting stays here
    assert second.is_alive() and calls == ["first"]
    go.set()
    first.join(10)
    second.join(10)
    assert calls == ["first"] and got["first"] == got["second"]
    assert cache.making == {}
    assert (("carbon", "DE") in cache.entries) is not fails
