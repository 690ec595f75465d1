"""What one console process shares across sessions: settings, the graph runner, the clock."""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from gridwise.settings import Settings
from gridwise.store import Store

#: Chainlit's CI mode (CI set) puts this fake key into the environment.
FAKE_KEY_PREFIX = "sk-FAKE"
#: Without --at the console's clock leaves this much data ahead for deferral windows.
DATA_AHEAD = timedelta(days=14)


def drop_fake_openai_key() -> bool:
    """Remove the fake OPENAI_API_KEY Chainlit sets in CI mode; True when one was removed.

    A key's presence never selects a backend (GRIDWISE_LLM does); this keeps the fake one
    from ever being sent to an endpoint either.
    """
    if os.environ.get("OPENAI_API_KEY", "").startswith(FAKE_KEY_PREFIX):
        del os.environ["OPENAI_API_KEY"]
        return True
    return False


@dataclass
class Console:
    """The process-wide console state (built on first use)."""

    settings: Settings
    at: str | None = None
    _warming: bool = field(default=False, repr=False)

    @cached_property
    def runner(self):  # imported lazily: LangGraph is heavy
        """The shared graph runner."""
        from gridwise.console.runner import Runner

        return Runner(self.settings)

    @cached_property
    def clock(self) -> datetime:
        """The scenario time requests are made at (the data is historical)."""
        from gridwise.clock import parse_clock

        with Store.open(self.settings.db_file, migrate=False) as store:
            if self.at:
                return store.check_clock(parse_clock(self.at))
            lo, hi = store.time_range()
            return max(lo, (hi - DATA_AHEAD).replace(minute=0, second=0, microsecond=0))

    def warm(self) -> threading.Thread | None:
        """Make the scenario clock's forecasts in the background, once per process.

        Every request is quoted at `clock`, so the first one would otherwise make a
        forecast per zone itself (most of a cold quote, BENCHMARKS.md); the warm-up makes
        the same ones (`tools.forecast.warm`) and says on stderr what it made, or why not.
        Returns the warming thread (None when one was started before).
        """
        with _lock:
            if self._warming:
                return None
            self._warming = True
        from gridwise.store_access import StoreAccess
        from tools.forecast.warm import Warmed, warm_in_background

        access = StoreAccess(self.settings.db_file, self.settings.db_wait_s)

        def done(got: Warmed | Exception) -> None:
            if isinstance(got, Warmed):
                print(f"gridwise console: forecasts for {got.zones} carbon zones and "
                      f"{got.markets} price markets at {got.clock:%Y-%m-%d %H:%M} UTC made "
                      f"ahead in {got.seconds:.1f} s", file=sys.stderr)
            else:
                print(f"gridwise console: forecasts not made ahead ({got}); the first "
                      "request makes them", file=sys.stderr)

        return warm_in_background(lambda: access.reference(read_only=True), self.clock,
                                  self.settings.carbon_basis, done)

    def link_decision(self, decision_id: str, user: str, team: str | None, thread_id: str,
                      parent: str | None, change: str | None) -> None:
        """Record who asked for a decision (and which one a follow-up re-ranked)."""
        with Store.open(self.settings.db_file, migrate=False) as store:
            store.conn.execute(
                "INSERT INTO console_decisions VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP) "
                "ON CONFLICT (decision_id) DO NOTHING",
                [decision_id, user, team, thread_id, parent, change])


_lock = threading.Lock()
_console: Console | None = None


def console() -> Console:
    """The process's console state, from the environment the launcher set."""
    global _console
    with _lock:
        if _console is None:
            drop_fake_openai_key()
            _console = Console(Settings(), os.environ.get("GRIDWISE_CONSOLE_AT") or None)
        return _console


def set_console(state: Console | None) -> None:
    """Replace the process's console state (tests)."""
    global _console
    with _lock:
        _console = state
