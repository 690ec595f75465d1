"""A quote reads each grid table once: the forecaster, its inputs and the scoring share it.

Counts, not time: every statement a quote sends is recorded (a wrapped connection), so a
change that reads a table again for another consumer fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta

import duckdb
import pytest

from gridwise.store import Store
from tests.test_quote_forecast import CLOCK, JOB, long_store
from tools.forecast.signals import ForecastCache, ForecastSignals, OracleSignals, SignalSource
from tools.quoting import quote_job


class Counting:
    """A connection that records the statements sent through it."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        self.sql: list[str] = []

    def execute(self, sql: str, params: object = None) -> duckdb.DuckDBPyConnection:
        self.sql.append(sql)
        return self.conn.execute(sql, params)

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


def reads(sql: list[str]) -> Counter[str]:
    """Statements per kind: a grid read per table, the markets scan, the published read."""
    kinds: Counter[str] = Counter()
    for s in sql:
        table = re.search(r"FROM (\w+)", s)
        name = table.group(1) if table else "?"
        if name in ("carbon_intensity", "energy_price") and "list_contains" in s:
            kinds[f"read {name}"] += 1
        elif name == "energy_price" and "DISTINCT" in s:
            kinds["markets"] += 1
        elif name in ("published_forecast", "carbon_intensity", "energy_price"):
            kinds[name] += 1
    return kinds


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return long_store(tmp_path_factory.mktemp("reads"))


@pytest.fixture
def counting(store: Store, monkeypatch: pytest.MonkeyPatch) -> Counting:
    """The store's connection, counted (one wrapper per test: memo keys name the connection)."""
    wrapped = Counting(store.conn)
    monkeypatch.setattr(store, "_conn", wrapped)
    return wrapped


def _quote(store: Store, counting: Counting, source: SignalSource,
           clock: datetime = CLOCK) -> tuple[Counter[str], int]:
    counting.sql.clear()
    book = quote_job(store, JOB, clock, signals=source)
    return reads(counting.sql), len(book.quotes)


def test_a_cold_quote_reads_each_grid_table_once(store: Store, counting: Counting) -> None:
    source = ForecastSignals(cache=ForecastCache())
    got, quotes = _quote(store, counting, source)
    assert quotes > 0
    assert got == {"read carbon_intensity": 1, "read energy_price": 1, "markets": 1,
                   "published_forecast": 1}
    # the same question again: memoised, nothing read; a new clock: read again, markets kept
    assert _quote(store, counting, source)[0] == {}
    later, _ = _quote(store, counting, source, CLOCK + timedelta(hours=3))
    assert later == {"read carbon_intensity": 1, "read energy_price": 1,
                     "published_forecast": 1}


def test_the_oracle_reads_each_grid_table_once(store: Store, counting: Counting) -> None:
    got, _ = _quote(store, counting, OracleSignals())
    assert got == {"read carbon_intensity": 1, "read energy_price": 1}


def test_without_inputs_no_markets_scan(store: Store, counting: Counting) -> None:
    got, _ = _quote(store, counting, ForecastSignals(cache=ForecastCache(), exogenous=False))
    assert got == {"read carbon_intensity": 1, "read energy_price": 1,
                   "published_forecast": 1}
