"""Console handlers with a mocked Chainlit context, and the console's own modules.

The graph, the store and the checkpointer are real (a tiny loaded store); only Chainlit's
message/step/session objects are replaced by recorders.
"""

from __future__ import annotations

import asyncio
import json
import types
from pathlib import Path

import pytest

pytest.importorskip("chainlit", reason="the console extra (chainlit) is not installed")

from gridwise.console import followups, views  # noqa: E402
from gridwise.console.auth import check_password  # noqa: E402
from gridwise.console.runner import Runner  # noqa: E402
from gridwise.console.state import drop_fake_openai_key, set_console  # noqa: E402
from gridwise.errors import UserError  # noqa: E402
from gridwise.records.decisions import load_decision  # noqa: E402
from gridwise.settings import Settings  # noqa: E402
from gridwise.store import Store  # noqa: E402
from tests.consolekit import DEMO, fake_chainlit, handler_settings, to_pathways  # noqa: E402


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return handler_settings(tmp_path_factory.mktemp("console-handlers"))


@pytest.fixture(scope="module")
def runner(settings):
    return Runner(settings)


@pytest.fixture(scope="module")
def decision(runner, settings):
    intr, _ = to_pathways(runner, "fixture-thread")
    with Store.open(settings.db_file, migrate=False) as store:
        return load_decision(store, intr.interrupt["decision_id"])


@pytest.fixture
def cl(monkeypatch, settings):
    yield fake_chainlit(monkeypatch, settings)
    set_console(None)


# -- conversation -----------------------------------------------------------------------------
def test_request_streams_steps_then_pathway_buttons(cl):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    assert cl.steps[:3] == ["Intake", "Intent", "Intent check"]
    assert sum(s.startswith("Provider agent: ") for s in cl.steps) >= 3
    assert {"Ranking", "Explanation"} <= set(cl.steps)
    last = cl.sent[-1]
    assert "| **recommended** |" in last["content"] and "sentences verified" in last["content"]
    labels = [a.label for a in last["actions"]]
    assert labels[0] == "Recommended" and "Cancel" in labels and "Report (PDF)" in labels
    assert [e.name.split("-")[0] for e in last["elements"]] == ["options", "timeline"]


def test_clarification_button_and_stale_answer(cl):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content="need some GPUs next week",
                                                      elements=[])))
    ask = cl.sent[-1]
    (first, *_) = [a for a in ask["actions"] if a.name == "answer"]
    asyncio.run(chat.on_answer(first))
    assert "Decision `d-" in cl.texts()
    asyncio.run(chat.on_answer(first))          # the same button again: it no longer applies
    assert "that question no longer applies" in cl.sent[-2]["content"]
    assert "| **recommended** |" in cl.sent[-1]["content"]   # the current question, again


def test_choose_orders_and_links_the_decision_to_its_operator(cl, settings):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    cheapest = next(a for a in cl.sent[-1]["actions"] if a.label == "Cheapest")
    asyncio.run(chat.on_choose(cheapest))
    assert cl.sent[-1]["content"].startswith("**Ordered**")
    with Store.open(settings.db_file, migrate=False) as store:
        rows = store.rows("SELECT user_id, team FROM console_decisions")
    assert {"user_id": "alice", "team": "platform"} in rows


def test_follow_up_reranks_as_a_linked_decision(cl, settings):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    first = cl.session["decision_id"]
    asyncio.run(chat.on_message(types.SimpleNamespace(content="under $420", elements=[])))
    second = cl.session["decision_id"]
    assert second != first and "budget $420" in cl.texts()
    with Store.open(settings.db_file, migrate=False) as store:
        d = load_decision(store, second)
    assert d.job.constraints.budget_usd == 420
    assert d.pathways and all(p.quote.cost_usd <= 420 for p in d.pathways.values())
    pick = next(a for a in cl.sent[-1]["actions"] if a.label == "Recommended")
    asyncio.run(chat.on_choose(pick))
    with Store.open(settings.db_file, migrate=False) as store:
        (link,) = store.rows("SELECT parent_id, change FROM console_decisions "
                             "WHERE decision_id = ?", [second])
    assert link == {"parent_id": first, "change": "budget $420"}


def test_follow_up_on_an_unknown_decision_is_a_clear_message(cl):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(
        content="why not the TPU on d-20990101-000000-beef?", elements=[])))
    assert "no decision with id 'd-20990101-000000-beef'" in cl.sent[-1]["content"]
    assert "To fix:" in cl.sent[-1]["content"]


@pytest.mark.parametrize("name,body,why", [
    ("data.csv", b"text,label\n\xff\xfe bad bytes,1\n", "could not be read"),
    ("data.json", b'{"text": "unterminated', "could not be read"),
    ("data.exe", b"MZ", "unsupported type"),
])
def test_bad_uploads_are_refused_in_the_chat(cl, tmp_path, name, body, why):
    from gridwise.console import chat

    path = tmp_path / "upload-id"
    path.write_bytes(body)
    el = types.SimpleNamespace(name=name, path=str(path))
    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[el])))
    assert why in cl.sent[-1]["content"] and not cl.steps


def test_bad_upload_mid_conversation_loses_nothing(cl, tmp_path):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    thread, waiting = cl.session["graph_thread"], chat.console().runner.pending
    before = waiting(thread)
    path = tmp_path / "upload-bad"
    path.write_bytes(b"\xff\xfe\x00 not text")
    el = types.SimpleNamespace(name="more.csv", path=str(path))
    asyncio.run(chat.on_message(types.SimpleNamespace(content="use this", elements=[el])))
    assert "could not be read" in cl.sent[-1]["content"]
    assert cl.session["graph_thread"] == thread and waiting(thread) == before
    pick = next(a for a in cl.sent[-2]["actions"] if a.label == "Fastest")
    asyncio.run(chat.on_choose(pick))           # the pathway buttons still work
    assert cl.sent[-1]["content"].startswith("**Ordered**")


def test_huge_upload_is_refused_before_reading(cl, tmp_path):
    from gridwise.console import chat

    path = tmp_path / "huge"
    with open(path, "wb") as f:
        f.truncate(chat.MAX_UPLOAD_BYTES + 1)    # sparse: nothing is written to disk
    el = types.SimpleNamespace(name="huge.csv", path=str(path))
    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[el])))
    assert "over the 50 MiB" in cl.sent[-1]["content"]


def test_uploaded_dataset_reaches_the_job(cl, tmp_path):
    from gridwise.console import chat

    path = tmp_path / "upload-ok"
    path.write_text("text,label\n" + "".join(f"sample sentence {i},1\n" for i in range(50)))
    el = types.SimpleNamespace(name="corpus.csv", path=str(path))
    spec = chat.read_upload([el])
    assert spec["rows"] == 50 and spec["location"].endswith("corpus.csv")


# -- follow-ups from the record ----------------------------------------------------------------
def test_why_not_answers_from_the_record(decision):
    providers = sorted({q.provider for q in decision.options})
    other = next(q for q in decision.options
                 if q.accelerator != decision.pathways["recommended"].quote.accelerator)
    text = followups.parse(f"why not the {other.accelerator}?", decision, providers).text
    assert f"best {other.accelerator} option in {decision.id}" in text
    assert "cost" in text and "finish" in text
    absent = followups.parse("why not the TPU?", decision, providers).text
    assert f"No TPU option is among the {len(decision.options)} feasible options" in absent
    cheapest = followups.parse("why not cheapest?", decision, providers).text
    assert "cheapest pathway" in cheapest


def test_follow_ups_change_one_constraint(decision):
    providers = ["aws", "lium", "vast"]
    ex = followups.parse("exclude lium", decision, providers)
    assert ex.job.constraints.exclude_providers == ["lium"] and ex.change == "exclude lium"
    assert "not a provider here" in followups.parse("exclude nasa", decision, providers).text
    assert followups.parse("under $1.5k", decision, providers).job.constraints.budget_usd == 1500
    defer = followups.parse("defer to tonight", decision, providers)
    assert defer.job.constraints.earliest_start.hour == 20
    assert followups.parse("train a bigger model", decision, providers) is None


# -- jobs, savings ------------------------------------------------------------------------------
def test_jobs_sort_filter_and_cancel(cl, settings):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    asyncio.run(chat.on_choose(next(a for a in cl.sent[-1]["actions"]
                                    if a.label == "Recommended")))
    with Store.open(settings.db_file, migrate=False) as store:
        rows = views.jobs(store, sort="cost_usd", descending=False)
        assert [r["cost_usd"] for r in rows] == sorted(r["cost_usd"] for r in rows)
        mine = views.jobs(store, user="alice")
        assert mine and all(r["user_id"] == "alice" for r in mine)
        target = mine[0]["order_id"]
        out = views.cancel_order(store, target, "alice")
        assert out["status"] == "CANCELLED"
        (row,) = [r for r in views.jobs(store, status="CANCELLED") if r["order_id"] == target]
        assert row["job_status"] == "CANCELLED" and row["engine_state"] is None
        with pytest.raises(UserError, match="cannot be cancelled"):
            views.cancel_order(store, target, "alice")
        with pytest.raises(UserError, match="no order"):
            views.cancel_order(store, "o-nope")
        with pytest.raises(UserError, match="cannot sort"):
            views.jobs(store, sort="drop table")


def test_savings_per_user_and_team_with_csv(cl, settings):
    from gridwise.console import chat

    asyncio.run(chat.on_message(types.SimpleNamespace(content=DEMO, elements=[])))
    asyncio.run(chat.on_choose(next(a for a in cl.sent[-1]["actions"]
                                    if a.label == "Greenest" or a.label == "Cheapest")))
    with Store.open(settings.db_file, migrate=False) as store:
        rows = views.savings(store)
        basis = views.carbon_basis(store)
    assert rows and "life-cycle (LCA)" in basis
    with_base = [s for s in rows if s.baseline is not None]
    assert with_base, "some order has a run-at-once twin among its options"
    for s in with_base:
        assert s.usd_saved == pytest.approx(s.baseline.cost_usd - s.chosen.cost_usd)
    per_team = views.totals(rows, "team")
    assert {g["team"] for g in per_team} <= {"platform", "research", "(unknown)"}
    csv = views.savings_csv(rows, basis).splitlines()
    assert csv[0].startswith("decision_id,user,team") and len(csv) == len(rows) + 1
    asyncio.run(__import__("gridwise.console.tables", fromlist=["x"]).show_savings("team"))
    assert "Carbon basis:" in cl.sent[-1]["content"]
    assert cl.sent[-1]["elements"][0].name == "savings.csv"


# -- history, auth, CI key ----------------------------------------------------------------------
def test_passwords_plain_or_hashed(settings):
    assert check_password(settings, "alice", "pw-alice")
    assert check_password(settings, "bob", "pw-bob")
    assert not check_password(settings, "bob", "pw-alice")
    assert not check_password(settings, "mallory", "pw-alice")
    assert settings.console_users["bob"].startswith("pbkdf2_sha256$")


def test_chainlit_ci_fake_key_is_never_used(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-FAKE-OPENAI-API-KEY")
    assert drop_fake_openai_key() is True
    import os

    assert "OPENAI_API_KEY" not in os.environ
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real-looking")
    assert drop_fake_openai_key() is False


def test_console_refuses_to_start_without_users(tmp_path):
    from gridwise.console.launch import check_ready

    with pytest.raises(UserError, match="no console users"):
        check_ready(Settings(home=tmp_path, console_users={}))


def test_offline_page_has_no_internet_links(tmp_path, settings):
    from gridwise.console.launch import app_root

    root = app_root(settings.model_copy(update={"home": tmp_path}))
    assert json.loads((root / "public" / "theme.json").read_text()) == {"custom_fonts": []}
    assert "latex = false" in (root / ".chainlit" / "config.toml").read_text()
    assert Path(root / "chainlit.md").is_file()
