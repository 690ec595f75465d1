"""`ask` fans out over Beckn HTTP to remote providers and in-process to the rest.

Two remote providers (lambda, nebius) run as HTTP servers on loopback, each over its own
store; the coordinator's settings list them (URI + public key). The scheduling graph
must quote them over HTTP and every other provider in-process, and order end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx
import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.provider_server import provider_server, public_key
from graphs.scheduling.context import build_deps, live
from graphs.scheduling.graph import build_graph
from gridwise.errors import UnknownNameError, UserError
from gridwise.settings import BecknPeer, Settings
from tests.graphkit import CLOCK, tiny_store
from tools.beckn.registry import Peer, public_key_from_b64

REQUEST = "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please"
REMOTE = ("lambda", "nebius")


def test_ask_fans_out_to_two_remote_providers(tmp_path):
    local = tiny_store(tmp_path / "coordinator")
    coordinator = Settings(home=tmp_path / "coordinator-home", llm="none")
    bap_key = public_key(coordinator, coordinator.beckn_id)
    servers, stores = {}, {}
    for p in REMOTE:
        stores[p] = tiny_store(tmp_path / p)
        # the coordinator's callback address is registered once it is bound (below)
        own = Settings(home=tmp_path / f"{p}-home", beckn_buyers=[BecknPeer(
            id=coordinator.beckn_id, uri="http://127.0.0.1:1", public_key=bap_key)])
        servers[p] = provider_server(stores[p], own, p, "127.0.0.1", 0)
        servers[p].start()
    try:
        settings = coordinator.model_copy(update={"remote_providers": [
            BecknPeer(id=p, uri=servers[p].url,
                      public_key=public_key(Settings(home=tmp_path / f"{p}-home"), p))
            for p in REMOTE]})
        deps = build_deps(local, settings, None, auto_confirm=True)
        resources = live(deps)   # the run context is settings; live objects hold the peers
        try:
            bap_url = resources.remote.bap.url
            for p in REMOTE:
                servers[p].registry.add(Peer.of(coordinator.beckn_id, bap_url,
                                                {"k1": public_key_from_b64(bap_key)}))
            with resources.store() as held:
                assert resources.transport(held).remote_ids == list(REMOTE)
            graph = build_graph(InMemorySaver())
            cfg = {"configurable": {"thread_id": "f"}}
            out = graph.invoke({"request": REQUEST, "clock": CLOCK}, cfg, context=deps)
        finally:
            deps.close()
        state = graph.get_state(cfg).values
        txn = state["transaction_id"]
        assert not set(state.get("provider_errors") or {}) & set(REMOTE)
        for p in REMOTE:  # quoted by the remote agent, over its own store
            assert stores[p].rows("SELECT count(*) AS n FROM catalog_items WHERE "
                                  "transaction_id = ?", [txn])[0]["n"] > 0
        # ... and not by an in-process agent on the coordinator's store, which quoted the rest
        local_rows = local.rows("SELECT DISTINCT provider FROM catalog_items WHERE "
                                "transaction_id = ?", [txn])
        in_process = {r["provider"] for r in local_rows}
        assert in_process and not in_process & set(REMOTE)
        assert any(f"from {len(resources.providers)} providers" in line
                   for line in state["log"])
        assert out["status"] in ("ordered", "deferred")
        assert len(local.rows("SELECT * FROM orders")) == 1
    finally:
        for s in servers.values():
            s.stop()


def test_provider_server_refuses_bad_setups(tmp_path):
    store = tiny_store(tmp_path)
    with pytest.raises(UnknownNameError) as e:
        provider_server(store, Settings(home=tmp_path), "lambada", "127.0.0.1", 0)
    assert "lambda" in e.value.suggestions
    with pytest.raises(UserError, match="GRIDWISE_BECKN_BUYERS is empty"):
        provider_server(store, Settings(home=tmp_path), "lambda", "127.0.0.1", 0)
    bad = Settings(home=tmp_path, beckn_buyers=[BecknPeer(
        id="c", uri="file:///etc/passwd", public_key=public_key(Settings(home=tmp_path), "c"))])
    with pytest.raises(UserError, match="is not an http"):
        provider_server(store, bad, "lambda", "127.0.0.1", 0)


def test_provider_serve_command_runs_and_stops(tmp_path):
    """The real command in a subprocess: it binds, prints its key, answers, and stops."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    from tests.sourcedata import make_source_dir

    env.update(GRIDWISE_HOME=str(tmp_path / "home"),
               GRIDWISE_SOURCE_DIR=str(make_source_dir(tmp_path / "src")),
               GRIDWISE_BECKN_BUYERS=json.dumps([{
                   "id": "c", "uri": "http://127.0.0.1:1",
                   "public_key": public_key(Settings(home=tmp_path / "c"), "c")}]))
    run = [sys.executable, "-m", "gridwise"]
    assert subprocess.run([*run, "data", "load"], env=env, capture_output=True,
                          timeout=120).returncode == 0
    proc = subprocess.Popen([*run, "provider", "serve", "lambda", "--port", "0"], env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("serving lambda at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split(" ")[0]
        for _ in range(50):
            try:
                r = httpx.post(f"{url}/search", content=b"{}", trust_env=False)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert r.status_code == 401  # unsigned: refused, and the server is up
    finally:
        proc.terminate()
        proc.wait(20)
    bad = subprocess.run([*run, "provider", "serve", "nope", "--port", "0"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unknown provider 'nope'" in bad.stderr
