"""The documented endpoint path against a real llama.cpp server started by hand.

Recorded once against `python -m llama_cpp.server` serving the packaged SmolLM2 GGUF, as an
operator would start it (GRIDWISE_LLM=endpoint, GRIDWISE_LLM_BASE_URL pointing at it), and
replayed offline. The server answers `json_schema` with HTTP 500; gridwise must move to
llama.cpp's `json_object` + schema by itself and count both calls.

Re-record: GRIDWISE_RECORD_LLM=1 pytest tests/test_llm_llamacpp.py --record-mode=rewrite
(needs `make llm`).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from gridwise.llm import LLMSeam, LocalServer, embedded_model_path
from gridwise.settings import Settings

RECORDING = os.environ.get("GRIDWISE_RECORD_LLM") == "1"
REPLAY_URL = "http://127.0.0.1:9/v1"  # never contacted: the cassette answers
SCHEMA = {"type": "object", "required": ["kind"], "properties": {
    "kind": {"enum": ["train", "fine-tune", "inference", "batch-inference", "eval"]}}}


@pytest.fixture(scope="module")
def vcr_config():
    return {"match_on": ["method", "path", "body"], "filter_headers": ["authorization"],
            "decode_compressed_response": True, "serializer": "json"}


@pytest.fixture
def endpoint_seam(tmp_path) -> Iterator[LLMSeam]:
    server = None
    url = REPLAY_URL
    if RECORDING:
        if importlib.util.find_spec("llama_cpp") is None:
            pytest.skip("recording needs llama-cpp-python (make llm)")
        server = LocalServer(embedded_model_path("smollm2-135m", tmp_path), context=2048,
                             log_path=tmp_path / "server.log")
        url = server.start()  # the process an operator would start by hand
    settings = Settings(home=tmp_path, llm="endpoint", llm_base_url=url,
                        llm_model="smollm2-135m", llm_timeout_s=120)
    seam = LLMSeam(settings)
    yield seam
    seam.close()
    if server is not None:
        server.stop()


@pytest.mark.vcr
def test_hand_started_llama_cpp_server_negotiates_json_object(endpoint_seam):
    out = endpoint_seam.structured(
        "intake", [("user", "Which job kind is this: 'evaluate Llama-3-8B on MMLU'? Answer "
                            "JSON with the key kind.")], SCHEMA)
    assert out["kind"] in SCHEMA["properties"]["kind"]["enum"]
    summary = endpoint_seam.summary()
    assert endpoint_seam.structured_mode == "json_object"
    assert summary["calls"] == 2 and summary["failed"] == 1  # json_schema got HTTP 500
    assert summary["by_role"]["intake"]["tokens"] > 0
    assert any("refused json_schema (HTTP 500)" in e for e in endpoint_seam.events)
