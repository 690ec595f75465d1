"""Structured output negotiated with the endpoint, against loopback OpenAI-compatible servers.

Each server below is a real HTTP server on 127.0.0.1 (port 0) that answers the chat
completions route the way a family of servers does: llama.cpp refuses `json_schema`
with HTTP 500 and takes `json_object` + `schema`; a grammar-only server refuses both;
a plain server refuses every constraint. gridwise must find the mode that works, count
every call (refused ones too), and reject (and count) answers that fail a check.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from agents.intake.understand import _resolve, parse_hybrid
from gridwise.llm import LLMOutputError, LLMSeam
from gridwise.llm_structured import extract_json, gbnf
from gridwise.settings import Settings

Reply = Callable[[dict[str, Any]], tuple[int, str]]


def _completion(content: str) -> str:
    return json.dumps({"id": "c1", "object": "chat.completion", "created": 0, "model": "m",
                       "choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": content}}],
                       "usage": {"prompt_tokens": 11, "completion_tokens": 4,
                                 "total_tokens": 15}})


def server_like(accepts: set[str], content: Callable[[dict[str, Any]], str]) -> Reply:
    """A server that takes only the structured modes in `accepts` (others: HTTP 500)."""
    def reply(body: dict[str, Any]) -> tuple[int, str]:
        fmt = (body.get("response_format") or {}).get("type")
        mode = "grammar" if body.get("grammar") else fmt or "text"
        if mode not in accepts:
            return 500, json.dumps({"error": {"message": f"{mode} not supported"}})
        return 200, _completion(content(body))
    return reply


@pytest.fixture
def endpoint(tmp_path) -> Iterator[Callable[[Reply], tuple[LLMSeam, list[dict[str, Any]]]]]:
    servers: list[ThreadingHTTPServer] = []
    seams: list[LLMSeam] = []

    def start(reply: Reply) -> tuple[LLMSeam, list[dict[str, Any]]]:
        seen: list[dict[str, Any]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                seen.append(body)
                status, text = reply(body)
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        seam = LLMSeam(Settings(home=tmp_path, llm="endpoint", llm_base_url=url,
                                llm_model="m", llm_timeout_s=10))
        seams.append(seam)
        return seam, seen

    yield start
    for seam in seams:
        seam.close()
    for server in servers:
        server.shutdown()
        server.server_close()


SCHEMA = {"type": "object", "required": ["kind"], "properties": {
    "kind": {"enum": ["train", "fine-tune", "eval"]}}}


def test_llama_cpp_refuses_json_schema_and_json_object_works(endpoint):
    seam, seen = endpoint(server_like({"json_object"}, lambda b: '{"kind": "eval"}'))
    assert seam.structured("intake", [("user", "kind?")], SCHEMA) == {"kind": "eval"}
    assert [b.get("response_format", {}).get("type") for b in seen] == ["json_schema",
                                                                       "json_object"]
    assert seen[1]["response_format"]["schema"] == SCHEMA and seen[1]["max_tokens"] == 256
    assert seam.structured_mode == "json_object"
    summary = seam.summary()
    assert summary["calls"] == 2 and summary["failed"] == 1 and summary["tokens"] == 15
    # the mode is remembered: the next call goes straight to json_object
    seam.structured("intake", [("user", "kind?")], SCHEMA)
    assert len(seen) == 3 and seen[2]["response_format"]["type"] == "json_object"


def test_grammar_when_no_response_format_is_taken(endpoint):
    seam, seen = endpoint(server_like({"grammar"}, lambda b: '{"kind":"train"}'))
    assert seam.structured("intake", [("user", "kind?")], SCHEMA) == {"kind": "train"}
    assert "root ::=" in seen[-1]["grammar"] and '"\\"train\\""' in seen[-1]["grammar"]
    assert seam.summary()["failed"] == 2


def test_plain_text_is_parsed_and_validated(endpoint):
    seam, seen = endpoint(server_like({"text"}, lambda b: 'Sure! ```json\n{"kind": "fine-tune"}'
                                                          '\n```'))
    assert seam.structured("intake", [("user", "kind?")], SCHEMA) == {"kind": "fine-tune"}
    assert "JSON Schema" in seen[-1]["messages"][-1]["content"]
    assert seam.structured_mode == "text"


def test_schema_invalid_answers_are_repaired_once_then_rejected_and_counted(endpoint):
    seam, seen = endpoint(server_like({"json_schema"}, lambda b: '{"kind": "pretrain"}'))
    with pytest.raises(LLMOutputError):
        seam.structured("intake", [("user", "kind?")], SCHEMA)
    assert len(seen) == 2 and seam.summary()["rejected"] == 1


def test_ungrounded_values_never_reach_the_job_and_are_counted(endpoint):
    # The server ignores the enum it was sent and answers a value the parser never saw.
    seam, _ = endpoint(server_like({"text"}, lambda b: '{"kind": "inference"}'))
    log: list[str] = []
    resolved = _resolve("Fine-tune or evaluate Mistral-7B", {"kind": ["fine-tune", "eval"]},
                        seam, log)
    assert resolved == {} and any("kept the parser's choice" in line for line in log)
    assert seam.summary()["rejected"] == 1 and seam.rejections[0]["check"] == "schema"


def test_parser_leaves_nothing_ambiguous_so_intake_makes_no_call(endpoint):
    seam, seen = endpoint(server_like({"json_object"}, lambda b: '{"kind": "eval"}'))
    # two kind cues, one job: the parser picks (kinds offered with "or" are left unset)
    parsed, resolved = parse_hybrid("Fine-tune Mistral-7B on 4 GB, then evaluate it",
                                    datetime(2023, 1, 2, tzinfo=UTC), seam, [], None)
    assert parsed.kind == "fine-tune" and resolved == {} and seen == []


def test_helpers():
    assert extract_json('noise {"a": [1, 2]} more') == {"a": [1, 2]}
    grammar = gbnf({"type": "object", "properties": {"n": {"type": "integer"},
                                                     "ok": {"type": "boolean"}}})
    assert grammar.startswith('root ::= "{" ws "\\"n\\"" ws ":" ws integer')


KINDS = ["train", "fine-tune", "inference", "batch-inference", "eval"]


def test_schema_valid_but_ungrounded_probe_pick_is_rejected_by_grounding(endpoint):
    # Offered every kind (so "inference" passes the schema), the model names one the text
    # does not support: grounding rejects it, counts it, and the parser's kind stands.
    seam, seen = endpoint(server_like({"json_object"}, lambda b: '{"kind": "inference"}'))
    parsed, resolved = parse_hybrid("Fine-tune Mistral-7B on 4 GB", datetime(2023, 1, 2,
                                    tzinfo=UTC), seam, [], None, offer={"kind": KINDS})
    # json_schema refused (HTTP 500), then json_object + schema answered
    assert len(seen) == 2 and seen[-1]["response_format"]["schema"]["properties"]["kind"][
        "enum"][:5] == KINDS
    assert parsed.kind == "fine-tune" and resolved == {}
    assert seam.summary()["rejected"] == 1 and seam.rejections[0]["check"] == "grounding"


def test_a_grounded_probe_pick_is_kept(endpoint):
    seam, _ = endpoint(server_like({"json_object"}, lambda b: '{"kind": "fine-tune"}'))
    parsed, resolved = parse_hybrid("Fine-tune Mistral-7B on 4 GB", datetime(2023, 1, 2,
                                    tzinfo=UTC), seam, [], None, offer={"kind": KINDS})
    assert resolved == {"kind": "fine-tune"} and seam.summary()["rejected"] == 0


@pytest.mark.parametrize(("args", "needle"), [
    (["--llm-probe", "kind"], "needs an LLM"),
    (["--llm", "embedded", "--llm-probe", "budget_usd"], "unknown --llm-probe"),
])
def test_probe_bad_input_is_a_user_error(args, needle):
    from typer.testing import CliRunner

    from gridwise.cli import app

    result = CliRunner().invoke(app, ["eval", "intake", *args])
    assert result.exit_code == 2 and needle in result.output
