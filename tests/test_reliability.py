"""Nothing lost, nothing twice: crashes, repeats, report failures, choices, many processes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from tests.graphkit import tiny_store
from tests.test_ask import AT, REQUEST
from tests.test_ask import env as env  # noqa: F401  # the same CLI environment fixture


def gridwise(env, *args, timeout=300):
    return subprocess.run([sys.executable, "-m", "gridwise", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)


def ask(env, *args):
    res = gridwise(env, "ask", *args, "--json")
    return res, (json.loads(res.stdout) if res.stdout.strip() else None)


def orders(env) -> list[dict]:
    import duckdb

    con = duckdb.connect(env["GRIDWISE_DB_PATH"], read_only=True)
    try:
        cols = ["id", "transaction_id", "decision_id"]
        return [dict(zip(cols, r, strict=True)) for r in con.execute(
            "SELECT id, transaction_id, decision_id FROM orders").fetchall()]
    finally:
        con.close()


def test_the_thread_id_comes_first_and_an_identical_request_orders_once(env):
    res, first = ask(env, REQUEST, "--at", AT, "--yes")
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines()[0].startswith(f"thread {first['thread_id']} (resume with")
    res, again = ask(env, REQUEST, "--at", AT, "--yes")
    assert res.returncode == 0, res.stderr
    assert again["duplicate_of"] == first["thread_id"] == again["thread_id"]
    assert again["order"]["order_id"] == first["order"]["order_id"]
    assert len(orders(env)) == 1
    res, third = ask(env, REQUEST, "--at", AT, "--yes", "--new")   # asked for on purpose
    assert res.returncode == 0 and third["thread_id"] != first["thread_id"]
    assert len(orders(env)) == 2


def test_other_flags_or_clock_are_another_request(env):
    _, a = ask(env, REQUEST, "--at", AT)
    _, b = ask(env, REQUEST, "--at", "2022-03-01T06:00Z")
    _, c = ask(env, REQUEST, "--at", AT, "--yes")
    assert len({a["thread_id"], b["thread_id"], c["thread_id"]}) == 3
    assert "duplicate_of" not in c


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 1.5, 4.0])
def test_kill_9_then_the_same_command_resumes_with_exactly_one_order(env, delay):
    cmd = [sys.executable, "-m", "gridwise", "ask", REQUEST, "--at", AT, "--yes", "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stderr is not None
    printed = proc.stderr.readline()         # the id is printed before any work
    assert printed.startswith("thread t-"), printed
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    res, out = ask(env, REQUEST, "--at", AT, "--yes")
    assert res.returncode == 0, res.stderr
    assert out["thread_id"] == printed.split()[1]
    assert out["status"] in ("ordered", "deferred")
    assert len(orders(env)) == 1


def test_a_report_target_that_is_not_a_folder_is_refused_before_ordering(env, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("keep me")
    res, _ = ask(env, REQUEST, "--at", AT, "--yes", "--report", str(target))
    assert res.returncode == 2 and "is not a folder" in res.stderr
    assert "Traceback" not in res.stderr
    assert orders(env) == [] and target.read_text() == "keep me"


def test_no_chromium_for_the_pdf_is_said_before_ordering(env, tmp_path):
    res, _ = ask(env, REQUEST, "--at", AT, "--yes", "--report", str(tmp_path / "out"))
    assert res.returncode in (0, 2)
    env2 = env | {"BROWSER_PATH": str(tmp_path / "no-chromium")}
    res, _ = ask(env2, REQUEST + " now", "--at", AT, "--yes", "--report", str(tmp_path / "o2"))
    assert res.returncode == 2 and "no Chromium executable" in res.stderr
    assert len(orders(env)) <= 1                       # only the first request's order


def test_a_report_that_fails_after_the_order_fails_cleanly(env, tmp_path, monkeypatch):
    from graphs.scheduling import reports, session
    from gridwise.settings import Settings

    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports, "write_report_files", broken)
    monkeypatch.setattr(session, "check_report_dir", lambda folder: None)
    s = Settings(home=tmp_path, db_path=tmp_path / "g.duckdb", llm="none")
    out = session.run_turn(s, REQUEST, AT, None, None, None, None, True, tmp_path / "r")
    assert out["order"]["order_id"] and "No space left" in out["report_error"]
    assert "the decision and any order stand" in out["report_error"]


def _decision_without_greenest(tmp_path):
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.scheduling.context import build_deps
    from graphs.scheduling.graph import build_graph
    from gridwise.settings import Settings

    store = tiny_store(tmp_path / "s")
    graph = build_graph(InMemorySaver())
    cfg = {"configurable": {"thread_id": "t"}}
    deps = build_deps(store, Settings(home=tmp_path, llm="none"), None)
    out = graph.invoke({"request": REQUEST, "clock": "2022-03-01T05:00:00"}, cfg, context=deps)
    # as if no option had a known CO2: the decision has no greenest pathway
    store.conn.execute("UPDATE decisions SET record = json_merge_patch(record, "
                       "'{\"pathways\": {\"greenest\": null}}') WHERE id = ?",
                       [out["decision_id"]])
    return store, graph, cfg, out["decision_id"]


def test_an_unavailable_choice_is_asked_again_never_replaced(tmp_path):
    from langgraph.types import Command

    from graphs.scheduling.context import build_deps
    from gridwise.settings import Settings

    store, graph, cfg, _ = _decision_without_greenest(tmp_path)
    deps = build_deps(store, Settings(home=tmp_path, llm="none"), None)
    out = graph.invoke(Command(resume={"action": "confirm", "pathway": "greenest"}), cfg,
                       context=deps)
    (intr,) = out["__interrupt__"]
    assert intr.value["question"].startswith("no option has a known CO2 figure")
    assert "greenest" not in intr.value["question"].split("(")[1]
    assert store.rows("SELECT * FROM orders") == []


def test_an_unavailable_choice_from_the_flags_is_refused(tmp_path):
    from graphs.scheduling.context import build_deps
    from gridwise.settings import Settings

    store, graph, cfg, decision_id = _decision_without_greenest(tmp_path)
    deps = build_deps(store, Settings(home=tmp_path, llm="none"), None, auto_choice="greenest")
    out = graph.invoke(None, cfg, context=deps)
    assert out["status"] == "refused" and "nothing was ordered" in out["question"]
    assert store.rows("SELECT * FROM orders") == []
    record = store.rows("SELECT chosen FROM decisions WHERE id = ?", [decision_id])[0]
    assert record["chosen"] != "greenest"


def test_the_report_follows_the_chosen_pathway(env, tmp_path):
    res, out = ask(env, REQUEST, "--at", AT, "--choose", "fastest")
    assert res.returncode == 0, res.stderr
    html = tmp_path / "r.html"
    res = gridwise(env, "report", out["decision_id"], "--html", str(html))
    assert res.returncode == 0, res.stderr
    text = html.read_text()
    assert "chosen pathway: <b>fastest</b>" in text
    if out["pathways"]["fastest"]["cluster"] != out["pathways"]["recommended"]["cluster"]:
        assert "The operator chose the <b>fastest</b> pathway" in text


def test_checkpoints_keep_only_what_resuming_needs(env, tmp_path):
    import sqlite3

    for hours in (10, 11, 12):
        res, _ = ask(env, REQUEST.replace("10 GPU", f"{hours} GPU"), "--at", AT, "--yes")
        assert res.returncode == 0, res.stderr
    con = sqlite3.connect(tmp_path / "checkpoints.sqlite")
    per_thread = con.execute("SELECT thread_id, count(*) FROM checkpoints GROUP BY 1").fetchall()
    assert len(per_thread) == 3 and all(n == 1 for _, n in per_thread)


def test_a_damaged_checkpoint_file_is_one_clear_error(env, tmp_path):
    (tmp_path / "checkpoints.sqlite").write_bytes(b"this is not sqlite" * 100)
    res, _ = ask(env, REQUEST, "--at", AT)
    assert res.returncode == 2 and "checkpoint file" in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.slow
def test_parallel_asks_all_store_exactly_once(env):
    n = 6
    procs = [subprocess.Popen(
        [sys.executable, "-m", "gridwise", "ask", REQUEST.replace("10 GPU", f"{10 + i} GPU"),
         "--at", AT, "--yes", "--json"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for i in range(n)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0] * n, [e for _, e in outs]
    ids = {json.loads(o)["decision_id"] for o, _ in outs}
    assert len(ids) == n and len(orders(env)) == n
    listed = gridwise(env, "decisions", "list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)["decisions"]) == n
