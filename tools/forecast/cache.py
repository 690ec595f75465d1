"""Forecasts made once per input and clock, kept in memory and optionally on disk.

`ForecastCache` keys each forecast by the hash of its history and inputs (so new data never
meets a stale one), shares one being made between the threads that ask for it, and keeps
whole `ForecastSignals` answers and the loaded price markets per load stamp.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tools.forecast.api import Forecast

if TYPE_CHECKING:
    from tools.forecast.signals import Signal


@dataclass
class ForecastCache:
    """Forecasts per (table, zone, clock, model, horizon, history hash): made once, reused.

    In memory, and under `folder` (one small .npz per forecast) when given, so that the
    next command at the same clock reuses them. The key hashes the history itself, so new
    data never meets a stale forecast.
    """

    folder: Path | None = None
    entries: dict[tuple[str, ...], Forecast] = field(default_factory=dict)
    limit: int = 512
    #: Whole answers of `ForecastSignals.signals`, keyed by the question and the data's
    #: load stamp (a reload makes new keys).
    signals: dict[tuple[object, ...], dict[str, Signal]] = field(default_factory=dict)
    #: The price markets loaded, per (connection, load stamp): a scan of the price table
    #: that every cold carbon forecast needed (10 ms of a cold quote, eleventh session).
    markets: dict[tuple[object, ...], set[str]] = field(default_factory=dict)

    #: Guards both dicts: quotes fan out over one thread per provider, and a long-lived
    #: process (the console, a provider server) fills the cache until eviction starts;
    #: evicting while another thread inserts raised "dictionary changed size".
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    #: Forecasts being made now, by key: a thread asking for one waits for it instead of
    #: making it again (the cluster agents of one `ask` quote the same zones at once: 135
    #: forecasts were made for 60 distinct ones over three dev requests, eighth session).
    making: dict[tuple[str, ...], Future[Forecast]] = field(default_factory=dict, repr=False,
                                                            compare=False)

    def get_or_make(self, key: tuple[str, ...], make: Callable[[], Forecast]) -> Forecast:
        """The cached forecast for `key`, or `make()` stored under it (thread-safe).

        While one thread makes it, others asking for `key` wait for that one (and get its
        error, if it raises).
        """
        with self.lock:
            hit = self.entries.get(key)
            pending = None if hit is not None else self.making.get(key)
            if hit is None and pending is None:
                mine: Future[Forecast] = Future()
                self.making[key] = mine
        if hit is not None:
            return hit
        if pending is not None:
            return pending.result()
        try:
            fc = self._made(key, make)
        except BaseException as exc:
            with self.lock:
                del self.making[key]
            mine.set_exception(exc)
            raise
        self.remember(self.entries, key, fc, self.limit)
        with self.lock:
            del self.making[key]
        mine.set_result(fc)
        return fc

    def _made(self, key: tuple[str, ...], make: Callable[[], Forecast]) -> Forecast:
        """The forecast from the folder, or made (and written there)."""
        name = hashlib.sha1("|".join(key).encode()).hexdigest()[:24] + ".npz"
        fc = self._read(self.folder / name) if self.folder else None
        if fc is None:
            fc = make()
            if self.folder:
                self._write(self.folder / name, fc)
        return fc

    def remember(self, memo: dict, key: object, value: object, limit: int) -> None:
        """Store `value` under `key` in `memo`, evicting the oldest entry at `limit`."""
        with self.lock:
            while len(memo) >= limit:
                memo.pop(next(iter(memo)))
            memo[key] = value

    def recall(self, memo: dict, key: object) -> object | None:
        """The value under `key` in `memo`, or None (thread-safe)."""
        with self.lock:
            return memo.get(key)

    @staticmethod
    def _read(path: Path) -> Forecast | None:
        if not path.is_file():
            return None
        try:
            with np.load(path) as z:
                meta = json.loads(str(z["meta"]))
                return Forecast(z["values"], z["lo"], z["hi"], **meta)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is simply made again

    @staticmethod
    def _write(path: Path, fc: Forecast) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"model": fc.model, "label": fc.label, "requested": fc.requested,
                "learned_steps": fc.learned_steps, "notes": fc.notes}
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, values=fc.values, lo=fc.lo, hi=fc.hi, meta=json.dumps(meta))
        os.replace(tmp, path)  # atomic: a reader never sees half a file


#: One in-process memo of forecasts (keyed by their inputs' hash, so it can never be stale):
#: the cluster agents of one `ask` turn, and repeated quotes in the console, share it.
PROCESS_CACHE = ForecastCache()


__all__ = ["PROCESS_CACHE", "ForecastCache"]
