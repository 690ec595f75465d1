"""Persisted things have one writer each; GPU holds are time-windowed and never overlap."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridwise.ingest.load import load
from gridwise.records import reservations

T0 = datetime(2022, 3, 1, 5)
H = timedelta(hours=1)


def _node(store):
    return store.rows("SELECT name, cluster FROM nodes ORDER BY name LIMIT 1")[0]


def test_overlapping_holds_on_the_same_gpus_are_refused(store):
    n = _node(store)
    assert reservations.hold(store, "o-1", T0, T0 + 4 * H, [(n["name"], (0, 1))])
    assert not reservations.hold(store, "o-2", T0 + 2 * H, T0 + 6 * H, [(n["name"], (1, 2))])
    assert reservations.holds_of(store, "o-2") == []          # all or nothing
    # other GPUs, or the same GPUs after the first hold ends, are fine
    assert reservations.hold(store, "o-3", T0 + 2 * H, T0 + 6 * H, [(n["name"], (2, 3))])
    assert reservations.hold(store, "o-4", T0 + 4 * H, T0 + 8 * H, [(n["name"], (0, 1))])
    busy = reservations.busy_gpus(store, n["cluster"], T0 + 3 * H, T0 + 5 * H)
    assert busy == {n["name"]: {0, 1, 2, 3}}
    assert reservations.busy_gpus(store, n["cluster"], T0 + 8 * H, T0 + 9 * H) == {}


def test_a_hold_is_idempotent_per_order_and_released_early(store):
    n = _node(store)
    assert reservations.hold(store, "o-1", T0, T0 + 4 * H, [(n["name"], (0,))])
    assert reservations.hold(store, "o-1", T0, T0 + 4 * H, [(n["name"], (5,))])  # kept as is
    assert reservations.holds_of(store, "o-1") == [(n["name"], (0,))]
    assert reservations.release(store, "o-1", T0 + H) == 1
    assert reservations.busy_gpus(store, n["cluster"], T0, T0 + 4 * H) == {}
    assert reservations.hold(store, "o-2", T0, T0 + 4 * H, [(n["name"], (0,))])


def test_holds_survive_a_reload_of_the_reference_data(store, tmp_path):
    n = _node(store)
    assert reservations.hold(store, "o-1", T0, T0 + 4 * H, [(n["name"], (0, 1))])
    load(store, tmp_path / "src", tmp_path / "cache")
    assert reservations.busy_gpus(store, n["cluster"], T0, T0 + H) == {n["name"]: {0, 1}}
    assert not reservations.hold(store, "o-2", T0, T0 + H, [(n["name"], (1,))])


def test_two_orders_for_the_same_window_get_different_gpus(store):
    from agents.cluster import ClusterAgent
    from tests.test_cluster_agent import _now, _search
    from tools.beckn.context import BecknError, Transaction

    agent = ClusterAgent(store, "onprem")
    quote = _now(agent.handle(_search(Transaction(bap_id="b", bap_uri="inproc://b"))))
    agent.reserve("o-1", quote)
    with pytest.raises(BecknError, match="no longer has 8 free"):
        agent.reserve("o-2", quote)
    later = quote.model_copy(update={"start": quote.finish, "finish": quote.finish + 2 * H})
    assert agent.reserve("o-3", later) == agent.reserve("o-1", quote)   # same GPUs, later


def test_fgd_target_workload_comes_from_the_store(store):
    from agents.cluster import ClusterAgent
    from tests.test_cluster_agent import _now, _search
    from tools.beckn.context import Transaction
    from tools.placement.history import stored_workload

    txn = Transaction(bap_id="b", bap_uri="inproc://b")
    assert stored_workload(store.conn) == []      # the tiny source tree has no pod history
    notes = _now(ClusterAgent(store, "onprem").handle(_search(txn))).notes
    assert any("placed by fgd-online (no target workload is stored for FGD" in n for n in notes)
    store.conn.execute(
        "INSERT INTO placement_workload VALUES (8000, 32768, 1, 500, '', 3, 't'), "
        "(4000, 16384, 1, 1000, 'V100M32|T4', 2, 't')")
    pods = stored_workload(store.conn)
    assert len(pods) == 5 and pods[-1].gpu_spec == ("V100M32", "T4")
    agent = ClusterAgent(store, "onprem")
    assert agent.workload == pods
    txn = Transaction(bap_id="c", bap_uri="inproc://c")
    assert any(n.startswith("placed by fgd on") for n in _now(agent.handle(_search(txn))).notes)
