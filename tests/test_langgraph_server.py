"""The graph served as LangGraph users serve it: `langgraph dev` on loopback + langgraph_sdk.

Starts the real in-memory server (langgraph-cli[inmem], a dev dependency) on a free
port, runs a request to its pathway interrupt, resumes it with a `Command`, and checks
that the CLI can use the store while the server holds the graph.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gridwise.llm import free_port
from gridwise.store import Store
from tests.graphkit import CLOCK, tiny_store

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
LANGGRAPH = Path(sys.executable).parent / "langgraph"
REQUEST = "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`langgraph dev` serving graphs/scheduling on a tiny loaded store; yields (url, db)."""
    if not LANGGRAPH.exists() or shutil.which("langgraph", path=str(LANGGRAPH.parent)) is None:
        pytest.skip("langgraph-cli[inmem] is not installed (dev extra)")
    root = tmp_path_factory.mktemp("lgserver")
    tiny_store(root).close()
    db = root / "g.duckdb"
    config = root / "langgraph.json"
    config.write_text(json.dumps({
        "dependencies": [str(REPO)],
        "graphs": {"scheduling": str(REPO / "graphs/scheduling/app.py") + ":graph"},
        "env": {"GRIDWISE_LLM": "none", "GRIDWISE_DB_PATH": str(db),
                "GRIDWISE_HOME": str(root / "home")},
    }))
    port = free_port()
    env = os.environ | {"LANGGRAPH_CLI_NO_ANALYTICS": "1", "LANGSMITH_TRACING": "false",
                        "LANGCHAIN_TRACING_V2": "false", "PYTHONUNBUFFERED": "1"}
    env.pop("GRIDWISE_SOURCE_DIR", None)
    log = open(root / "server.log", "wb")
    proc = subprocess.Popen([str(LANGGRAPH), "dev", "--host", "127.0.0.1", "--port",
                             str(port), "--no-browser", "--no-reload", "--config", str(config)],
                            cwd=root, env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ok(url + "/ok", proc, root / "server.log")
        yield url, db
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def _wait_ok(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("langgraph dev exited:\n" + log.read_text()[-3000:])
        try:
            with opener.open(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("langgraph dev did not answer:\n" + log.read_text()[-3000:])


def test_schemas_are_published(server):
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server[0])
    (assistant,) = client.assistants.search(graph_id="scheduling")
    schemas = client.assistants.get_schemas(assistant["assistant_id"])
    assert {"request", "clock", "dataset"} <= set(schemas["input_schema"]["properties"])
    assert "decision_id" in schemas["output_schema"]["properties"]
    assert "catalogs" not in schemas["output_schema"]["properties"]
    ctx = schemas["context_schema"]["properties"]
    assert {"db_path", "llm", "llm_model", "auto_choice"} <= set(ctx)


def test_run_to_interrupt_then_resume_with_a_command(server):
    from langgraph_sdk import get_sync_client

    url, db = server
    client = get_sync_client(url=url)
    thread = client.threads.create()
    tid = thread["thread_id"]
    out = client.runs.wait(tid, "scheduling", input={"request": REQUEST, "clock": CLOCK},
                           context={"llm": "none"})
    state = client.threads.get_state(tid)
    (intr,) = state["interrupts"]
    assert {"recommended", "cheapest"} <= set(intr["value"]["pathways"])
    decision_id = intr["value"]["decision_id"]
    assert out["decision_id"] == decision_id
    # the server holds the graph, not the DuckDB file: the CLI writes to it meanwhile
    with Store.open(db, wait_s=0.0) as store:
        assert store.rows("SELECT count(*) AS n FROM orders")[0]["n"] == 0
        assert store.rows("SELECT id FROM decisions")[0]["id"] == decision_id
    done = client.runs.wait(tid, "scheduling",
                            command={"resume": {"action": "confirm", "pathway": "cheapest"}},
                            context={"llm": "none"})
    assert done["status"] in ("ordered", "deferred")
    assert done["choice"]["pathway"] == "cheapest"
    with Store.open(db, wait_s=0.0) as store:
        (order,) = store.rows("SELECT decision_id FROM orders")
        assert order["decision_id"] == decision_id
        assert store.rows("SELECT chosen FROM decisions")[0]["chosen"] == "cheapest"


def test_run_without_context_uses_the_defaults(server):
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server[0])
    tid = client.threads.create()["thread_id"]
    out = client.runs.wait(tid, "scheduling", input={
        "request": "need some GPUs next week", "clock": CLOCK})
    (intr,) = client.threads.get_state(tid)["interrupts"]
    assert intr["value"]["question"] and "decision_id" not in out
