"""`gridwise ask` end to end through the CLI (deterministic path; LLM paths are in
test_graph.py with a scripted model and in test_llm.py with recorded HTTP)."""

import json
import os
import socket
import subprocess
import sys

import pytest

from tests.graphkit import tiny_store

AT = "2022-03-01T05:00Z"
REQUEST = "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please"


@pytest.fixture
def env(tmp_path):
    tiny_store(tmp_path).close()
    e = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    e.update(GRIDWISE_HOME=str(tmp_path), GRIDWISE_DB_PATH=str(tmp_path / "g.duckdb"),
             GRIDWISE_LLM="none")
    return e


def ask(env, *args):
    res = subprocess.run([sys.executable, "-m", "gridwise", "ask", *args, "--json"],
                         capture_output=True, text=True, env=env, timeout=180)
    return res, (json.loads(res.stdout) if res.returncode == 0 else None)


def test_ask_yes_orders_and_is_listed(env):
    res, out = ask(env, REQUEST, "--at", AT, "--yes")
    assert res.returncode == 0, res.stderr
    assert out["status"] in ("ordered", "deferred") and out["order"]["order_id"]
    assert set(out["pathways"]) >= {"recommended", "cheapest", "fastest", "optimal-time"}
    assert out["llm_calls"] == 0
    listed = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list", "--json"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert json.loads(listed.stdout)["decisions"][0]["id"] == out["decision_id"]


def test_conversation_across_processes(env):
    res, out = ask(env, "need some GPUs next week", "--at", AT)
    assert res.returncode == 0 and out["waiting_for"] == "answer"
    thread = out["thread_id"]
    res, out = ask(env, "--thread", thread, "--answer",
                   "train a 350M-parameter model for 10 GPU-hours on H100")
    assert res.returncode == 0, res.stderr
    assert out["waiting_for"] == "choice"
    res, out = ask(env, "--thread", thread, "--choose", "fastest")
    assert res.returncode == 0, res.stderr
    assert out["status"] in ("ordered", "deferred")
    fastest = out["pathways"]["fastest"]
    assert (out["order"]["provider"], out["order"]["start"]) == (fastest["provider"],
                                                                 fastest["start"])
    res, again = ask(env, "--thread", thread)          # nothing left to do: no new order
    assert res.returncode == 0 and again["status"] == out["status"]


@pytest.mark.parametrize("args,message", [
    (["--thread", "t-nope"], "no conversation 't-nope'"),
    ([REQUEST], "no clock"),
    (["", "--at", AT], "no request given"),
    ([REQUEST, "--at", "2030-01-01T00:00Z"], "outside the data's time range"),
    ([REQUEST, "--at", AT, "--choose", "cheepest"], "'cheapest'"),
])
def test_bad_invocations_are_clear(env, args, message):
    res, _ = ask(env, *args)
    assert res.returncode == 2 and message in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("name,content", [
    ("broken.csv", b"\xff\xfe\x00garbage,\x00\n\x81\x82,1\n"),
    ("broken.parquet", b"PAR1 this is not parquet"),
    ("data.xlsx", b"PK\x03\x04"),
])
def test_bad_dataset_files_write_nothing(env, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    res, _ = ask(env, REQUEST, "--at", AT, "--dataset", str(path), "--yes")
    assert res.returncode == 2 and name in res.stderr
    import duckdb
    con = duckdb.connect(str(tmp_path / "g.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0


def test_new_request_with_choose_orders_that_pathway(env):
    res, out = ask(env, REQUEST, "--at", AT, "--choose", "greenest")
    assert res.returncode == 0, res.stderr
    greenest = out["pathways"]["greenest"]
    assert out["order"]["provider"] == greenest["provider"]
    assert out["order"]["start"] == greenest["start"]


def test_dataset_file_fills_the_job(env, tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps({"text": "a long document " * 10, "id": i})
                              for i in range(50)) + "\n")
    res, out = ask(env, REQUEST, "--at", AT, "--dataset", str(path), "--yes")
    assert res.returncode == 0, res.stderr
    import duckdb
    con = duckdb.connect(str(tmp_path / "g.duckdb"), read_only=True)
    record = json.loads(con.execute("SELECT record FROM decisions").fetchone()[0])
    assert record["job"]["dataset"]["rows"] == 50
    assert record["job"]["dataset"]["modality"] == "text"


def test_llm_endpoint_down_still_answers(env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = env | {"GRIDWISE_LLM": "endpoint", "GRIDWISE_LLM_BASE_URL":
                 f"http://127.0.0.1:{port}/v1", "GRIDWISE_LLM_TIMEOUT_S": "3",
                 "GRIDWISE_LLM_ROLES": "all"}
    res, out = ask(env, "Train a 350M-parameter model for 10 GPU-hours on H100", "--at", AT,
                   "--yes")
    assert res.returncode == 0, res.stderr
    assert out["recommended_by"] == "rule: LLM gave no valid pick (LLMUnavailable)"
    assert out["rationale"]["source"] == "template"
    # the failed attempts are counted, not hidden behind "0 LLM calls"
    assert out["llm"]["calls"] == out["llm"]["failed"] >= 2
