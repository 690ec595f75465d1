"""Console history: the data layer over the store, element files, reopened chats, shutdown.

The graph, the store and the checkpointer are real (a tiny loaded store); only Chainlit's
message/step/session objects are replaced by recorders (`tests.consolekit.FakeCl`).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

pytest.importorskip("chainlit", reason="the console extra (chainlit) is not installed")

from gridwise.console.runner import Runner, StaleAnswer  # noqa: E402
from gridwise.console.state import Console, set_console  # noqa: E402
from tests.consolekit import fake_chainlit, handler_settings, to_pathways  # noqa: E402
from tests.graphkit import CLOCK  # noqa: E402


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return handler_settings(tmp_path_factory.mktemp("console-history"))


@pytest.fixture
def cl(monkeypatch, settings):
    yield fake_chainlit(monkeypatch, settings)
    set_console(None)


# -- runner: stale answers, restarts --------------------------------------------------------
def test_resume_after_restart_continues_from_the_checkpoint(settings):
    intr, _ = to_pathways(Runner(settings), "restart-thread")
    again = Runner(settings)                     # a new console process, same checkpoints
    pending = again.pending("restart-thread")
    assert pending is not None and pending[0] == intr.interrupt_id
    with pytest.raises(StaleAnswer):
        list(again.resume("restart-thread", "some-other-interrupt", {"action": "cancel"}))
    events = list(again.resume("restart-thread", intr.interrupt_id,
                               {"action": "confirm", "pathway": "fastest"}))
    assert [e.node for e in events][-1] == "order"
    with pytest.raises(StaleAnswer, match="not waiting"):
        again.resume("restart-thread", intr.interrupt_id, {"action": "cancel"})


# -- the data layer ---------------------------------------------------------------------------
def test_history_per_user_in_the_store(settings):
    from chainlit.types import Pagination, ThreadFilter
    from chainlit.user import User

    from gridwise.console.history import StoreDataLayer

    layer = StoreDataLayer(settings.db_file)

    async def scenario():
        alice = await layer.create_user(User(identifier="alice", metadata={"team": "p"}))
        bob = await layer.create_user(User(identifier="bob"))
        for owner, tid in ((alice, "th-a"), (bob, "th-b")):
            await layer.update_thread(tid, name=f"{owner.identifier}'s request",
                                      user_id=owner.id, metadata={"graph_thread": "g-" + tid})
            await layer.create_step({"id": f"s-{tid}", "threadId": tid, "name": "Intake",
                                     "type": "tool", "output": "understood",
                                     "createdAt": "2026-12-01T10:00:00Z"})
            await layer.update_step({"id": f"s-{tid}", "threadId": tid, "name": "Intake",
                                     "type": "tool", "output": "understood (updated)",
                                     "createdAt": "2026-12-01T10:00:00Z"})
        page = await layer.list_threads(Pagination(first=10), ThreadFilter(userId=alice.id))
        thread = await layer.get_thread("th-a")
        return alice, page, thread, await layer.get_thread_author("th-b")

    alice, page, thread, author_b = asyncio.run(scenario())
    assert [t["id"] for t in page.data] == ["th-a"]
    assert thread["userIdentifier"] == "alice" and thread["metadata"]["graph_thread"] == "g-th-a"
    assert [s["output"] for s in thread["steps"]] == ["understood (updated)"]
    assert author_b == "bob"


def test_history_keeps_element_files_in_the_home(settings, tmp_path):
    import chainlit as chainlit_module
    import plotly.graph_objects as go

    from gridwise.console.files import element_url
    from gridwise.console.history import StoreDataLayer

    files = tmp_path / "elements"
    layer = StoreDataLayer(settings.db_file, files)
    pdf = tmp_path / "d-1.pdf"
    pdf.write_bytes(b"%PDF-1.4 a report")
    chart = chainlit_module.Plotly(name="options-d-1", figure=go.Figure(go.Scatter(y=[1, 2])),
                                   thread_id="th-el", for_id="m-1")
    report = chainlit_module.Pdf(name="d-1.pdf", path=str(pdf), thread_id="th-el",
                                 for_id="m-2", mime="application/pdf")
    odd = chainlit_module.Pdf(name="x", path=str(pdf), thread_id="../../etc", id="e-odd")
    gone = chainlit_module.File(name="gone.csv", path=str(tmp_path / "no-such-upload"),
                                thread_id="th-el")

    async def scenario():
        await layer.update_thread("th-el", name="charts")
        for element in (chart, report, odd, gone):
            await layer.create_element(element)
        thread = await layer.get_thread("th-el")
        one = await layer.get_element("th-el", report.id)
        figure = json.loads((files / "th-el" / chart.id).read_text())
        await layer.delete_element(chart.id, "th-el")
        assert not (files / "th-el" / chart.id).exists()
        after_one = await layer.get_thread("th-el")
        await layer.delete_thread("th-el")
        return thread, one, after_one, figure

    thread, one, after_one, figure = asyncio.run(scenario())
    assert [e["name"] for e in thread["elements"]] == ["options-d-1", "d-1.pdf", "gone.csv"]
    by_name = {e["name"]: e for e in thread["elements"]}
    assert by_name["options-d-1"]["url"] == element_url("th-el", chart.id)
    assert by_name["options-d-1"]["chainlitKey"] is None
    assert figure["data"][0]["y"] == [1, 2]
    assert one["url"] == element_url("th-el", report.id) and one["mime"] == "application/pdf"
    assert by_name["gone.csv"]["url"] is None         # described, no file to serve
    assert sorted(e["name"] for e in after_one["elements"]) == ["d-1.pdf", "gone.csv"]
    assert not (files / "th-el").exists()          # the thread's files went with it
    assert not list(tmp_path.glob("etc*")) and not (files / "..").joinpath("etc").exists()


# -- reopened chats, shutdown -------------------------------------------------------------------
def test_reopened_chat_resumes_its_thread_from_the_checkpoint(cl, settings):
    from gridwise.console import chat, reopen

    fresh = Runner(settings)                     # as after a console restart
    intr, _ = to_pathways(fresh, "reopened-thread")
    set_console(Console(settings, CLOCK))        # a new process state: nothing in memory
    asyncio.run(reopen.resume_thread({"metadata": {"graph_thread": "reopened-thread",
                                                   "decision_id": "d-old"}}))
    assert "Resumed from the checkpoint" in cl.sent[-2]["content"]
    assert len(cl.sent[-1]["elements"]) == 2     # no charts in its history: drawn again
    choose = [a for a in cl.sent[-1]["actions"] if a.name == "choose"]
    assert choose and all(a.payload["interrupt"] == intr.interrupt_id for a in choose)
    asyncio.run(chat.on_choose(choose[0]))
    assert cl.sent[-1]["content"].startswith("**Ordered**")
    # reopened again: the history holds the outcome, so nothing is sent twice
    stored = {"metadata": {"graph_thread": "reopened-thread"},
              "steps": [{"output": m["content"]} for m in cl.sent]}
    before = len(cl.sent)
    asyncio.run(reopen.resume_thread(stored))
    assert len(cl.sent) == before


def test_reopened_chat_with_its_charts_gets_buttons_only(cl, settings):
    from gridwise.console import reopen

    intr, _ = to_pathways(Runner(settings), "charts-thread")
    decision_id = intr.interrupt["decision_id"]
    stored = {"metadata": {"graph_thread": "charts-thread", "decision_id": decision_id},
              "elements": [{"name": f"options-{decision_id}", "url": "/gridwise/element/x/y"}]}
    asyncio.run(reopen.resume_thread(stored))
    last = cl.sent[-1]
    assert last["elements"] == [] and decision_id in last["content"]
    assert {a.payload.get("pathway") for a in last["actions"]} >= {"recommended", "cancel"}
    assert cl.session["decision_id"] == decision_id


def test_console_shutdown_stops_the_llm_server_its_runs_started(settings):
    import subprocess

    from graphs.scheduling.context import Deps, close_built, live
    from gridwise.llm import LocalServer

    built = live(Deps(db_path=str(settings.db_file), home=str(settings.home),
                      llm="embedded"))
    assert built.llm is not None           # the seam exists; its server starts on first use
    server = subprocess.Popen(["sleep", "600"], start_new_session=True)  # stands in for it
    built.llm._server = LocalServer(Path("model.gguf"), proc=server)
    close_built()                          # what the console's shutdown hook runs
    assert server.wait(timeout=15) != 0 and built.llm._server is None
