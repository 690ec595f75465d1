"""Forecasts made once per input and clock, kept in memory and optionally on disk.

`ForecastCache` keys each forecast by the hash of its history and inputs (so new data never
meets a stale one), shares one being made between the threads that ask for it, and keeps
whole `ForecastSignals` answers and the loaded price markets per load stamp.
"""

from __future__ import annotations

import contextlib
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

from tools.forecast.api import Forecast, ForecastGapError

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
    #: Forecasts refused (`ForecastGapError`: too little or broken history), by key, as
    #: (message, hint): the same inputs are refused again without another attempt (the key
    #: hashes the history, so new data is tried afresh). In memory only.
    refused: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    #: Folders already pruned by this process (`prune_folder`, once each).
    pruned: set[Path] = field(default_factory=set, repr=False, compare=False)

    def get_or_make(self, key: tuple[str, ...], make: Callable[[], Forecast],
                    folder: Path | None = None) -> Forecast:
        """The cached forecast for `key`, or `make()` stored under it (thread-safe).

        While one thread makes it, others asking for `key` wait for that one (and get its
        error, if it raises). `folder`: where forecasts are kept on disk for this call
        (default: the cache's own `folder`).

        Raises:
            ForecastGapError: `make` refused these inputs (now or on an earlier call).
        """
        with self.lock:
            gone = self.refused.get(key)
            if gone is not None:
                raise ForecastGapError(*gone)  # a new error each time: no growing traceback
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
            fc = self._made(key, make, folder or self.folder)
        except BaseException as exc:
            if isinstance(exc, ForecastGapError):
                self.remember(self.refused, key, (exc.message, exc.hint), self.limit)
            with self.lock:
                del self.making[key]
            mine.set_exception(exc)
            raise
        self.remember(self.entries, key, fc, self.limit)
        with self.lock:
            del self.making[key]
        mine.set_result(fc)
        return fc

    def _made(self, key: tuple[str, ...], make: Callable[[], Forecast],
              folder: Path | None) -> Forecast:
        """The forecast from `folder`, or made (and written there)."""
        name = hashlib.sha1("|".join(key).encode()).hexdigest()[:24] + ".npz"
        if folder and folder not in self.pruned:
            self.pruned.add(folder)
            prune_folder(folder, FOLDER_KEEP)
        fc = self._read(folder / name) if folder else None
        if fc is None:
            fc = make()
            if folder:
                self._write(folder / name, fc)
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
        meta = {"model": fc.model, "label": fc.label, "requested": fc.requested,
                "learned_steps": fc.learned_steps, "notes": fc.notes}
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp.npz")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(tmp, values=fc.values, lo=fc.lo, hi=fc.hi, meta=json.dumps(meta))
            os.replace(tmp, path)  # atomic: a reader never sees half a file
        except OSError:  # a folder that can not be written: the forecast is still used
            with contextlib.suppress(OSError):
                tmp.unlink()


#: Forecast files kept per folder: a live clock moves every hour and makes ~20 new ones
#: (one per zone and market); past this the oldest are removed, once per process.
FOLDER_KEEP = 20_000


def prune_folder(folder: Path, keep: int) -> int:
    """Remove all but the `keep` newest forecast files of `folder`; how many went."""
    try:
        files = sorted(folder.glob("*.npz"), key=lambda f: f.stat().st_mtime)
    except OSError:
        return 0
    gone = 0
    for old in files[:max(len(files) - keep, 0)]:
        with contextlib.suppress(OSError):
            old.unlink()
            gone += 1
    return gone


#: One in-process memo of forecasts (keyed by their inputs' hash, so it can never be stale):
#: the cluster agents of one `ask` turn, and repeated quotes in the console, share it.
PROCESS_CACHE = ForecastCache()


__all__ = ["FOLDER_KEEP", "PROCESS_CACHE", "ForecastCache", "prune_folder"]
