"""One conversation turn: run or resume the scheduling graph for a thread.

The CLI's `ask` (and the console) call `run_turn`; it owns the LLM seam and the
checkpointer for the length of the turn, and reaches the store only through one
`StoreAccess` (short uses of the state file, quotes from the read-only reference file),
shared with the graph's nodes: no DuckDB file is held while the turn works.

The graph is checkpointed in SQLite (`<home>/checkpoints.sqlite`), one `thread_id` per
conversation, so an interrupted conversation continues with `--thread ID --answer ...` /
`--choose ...`, and a run killed mid-way resumes with `--thread ID`.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gridwise.clock import parse_clock
from gridwise.errors import UserError
from gridwise.settings import Settings
from gridwise.store import Store
from gridwise.store_access import StoreAccess

CHOICES = ("recommended", "cheapest", "fastest", "greenest", "optimal-time", "cancel")


def run_turn(settings: Settings, request: str | None, at: str | None, dataset: Path | None,
             thread: str | None, answer: str | None, choose: str | None, yes: bool,
             report_dir: Path | None, new: bool = False,
             on_thread: Callable[[str, bool], None] | None = None,
             oracle: bool = False) -> dict[str, Any]:
    """Start or continue a conversation; returns what the CLI prints (JSON-ready).

    `oracle`: decide windows on the actual future series (hindsight), not the forecast
    made at the clock; the result's `decided_on` says which was used.

    `on_thread(thread_id, existing)` is called before any work, so a caller can print the
    id a killed run is resumed with. A new request identical to one made within the dedupe
    window (same text, clock, dataset, choice flags, LLM backend and carbon basis) continues that
    thread instead of ordering again, unless `new` is set.
    """
    from langgraph.types import Command

    from agents.intake.dataset import parse_dataset
    from graphs.scheduling.checkpoints import open_saver, prune
    from graphs.scheduling.context import build_deps
    from graphs.scheduling.graph import build_graph
    from gridwise.llm import LLMSeam
    from gridwise.records.requests import remember_request, request_key, thread_for

    if choose is not None and choose not in CHOICES:
        from gridwise.errors import UnknownNameError

        raise UnknownNameError("choice", choose, CHOICES)
    if thread is None and not (request or "").strip():
        raise UserError("no request given", 'say what to run, e.g. gridwise ask "fine-tune '
                        'Llama-3-8B on 20 GB of text by Friday" --at 2023-06-14T09:00Z')
    if thread is None and at is None:
        raise UserError("no clock: the bundled data is historical, so say when the request "
                        "is made", "pass --at 2023-06-14T09:00Z")
    if report_dir is not None:
        check_report_dir(report_dir)  # before anything irreversible happens
    t0 = time.perf_counter()
    settings.home.mkdir(parents=True, exist_ok=True)
    # The one way to the store: short uses of the state file, quotes from the reference
    # file (gridwise.store_access); the file is never held across the graph's work.
    access = StoreAccess(settings.db_file, settings.db_wait_s)
    with LLMSeam(settings) as seam, open_saver(settings.home / "checkpoints.sqlite") as saver:
        flags_choice = choose or ("recommended" if yes else None)
        graph = build_graph(saver)
        inputs: Any = None
        existing = thread is not None
        if thread is None:
            data = parse_dataset(dataset).model_dump(mode="json") if dataset else None
            with access.state(migrate=True) as store:
                clock = store.check_clock(parse_clock(at or ""))
                key = request_key(request=request, clock=clock, dataset=data,
                                  choice=flags_choice, llm=settings.llm,
                                  carbon_basis=settings.carbon_basis,
                                  **({"oracle": True} if oracle else {}))
                now = datetime.now(UTC).replace(tzinfo=None)
                found = None if new else thread_for(store, key, now, settings.dedupe_window_h)
                if found is None:
                    thread_id = f"t-{uuid.uuid4().hex[:12]}"
                    remember_request(store, key, thread_id, now)
                else:
                    thread_id = found  # the same request: continue that thread, never order twice
        else:
            thread_id = thread
        config = _config(thread_id)
        snapshot = graph.get_state(config)  # the thread as checkpointed, read once
        if thread is None:
            existing = bool(snapshot.values)
            if not existing:  # (a thread killed before its first checkpoint starts over)
                inputs = {"request": request, "clock": clock.isoformat(), "dataset": data}
        if on_thread is not None:
            on_thread(thread_id, existing)
        if existing:
            inputs = _resume_input(snapshot, thread_id, answer, choose, yes,
                                   asked=thread is not None)
        # A resumed `present` takes the operator's choice from the resume value; the flags
        # answer it directly only where no interrupt is pending.
        resuming_choice = isinstance(inputs, Command)
        deps = build_deps(access, settings, seam if seam.enabled else None,
                          auto_choice=None if resuming_choice else flags_choice,
                          signals=_oracle_signals() if oracle else None)
        finished = existing and inputs is None and not snapshot.next
        try:
            out = (dict(snapshot.values) if finished
                   else graph.invoke(inputs, config, context=deps))
        finally:
            deps.close()  # the Beckn callback server, when remote providers are set
        with access.state() as store:
            result = _summarise(store, thread_id, out)
            if result.get("decision_id") and not finished:
                from gridwise.records.latencies import record_latency

                record_latency(store, "decision", time.perf_counter() - t0,
                               result["decision_id"])
        if finished:
            result["duplicate_of"] = thread_id
        if report_dir is not None and result.get("decision_id"):
            result |= _write_report(access, result["decision_id"], report_dir)
        result["llm_calls"] = len(seam.calls)
        result["llm_tokens"] = sum(c.prompt_tokens + c.completion_tokens for c in seam.calls)
        result["llm"] = seam.summary()
        result["log"] = [*result.get("log", []), *seam.events]
        result["checkpoints_pruned"] = prune(saver, settings.checkpoint_keep_threads)
        result["store_wait_s"] = round(access.waited_s, 3)
        result["store_opens"] = access.opens
        result["store_longest_hold_s"] = round(access.longest_hold_s, 3)
        result["store_longest_hold_by"] = access.longest_hold_by
    result["seconds"] = round(time.perf_counter() - t0, 3)
    return result


def _oracle_signals() -> Any:
    from tools.forecast.signals import OracleSignals

    return OracleSignals()


def _config(thread_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread_id}}


def _resume_input(snapshot: Any, thread_id: str, answer: str | None, choose: str | None,
                  yes: bool, asked: bool) -> Any:
    """What continues an existing thread: an answer, a choice, or None (resume a crash).

    `asked`: the operator named the thread (else it was found by an identical request,
    and a pending interrupt is simply shown again).
    """
    from langgraph.types import Command

    if not snapshot.values:
        raise UserError(f"no conversation {thread_id!r}",
                        "start one without --thread (its id is printed)")
    pending = [i for t in snapshot.tasks for i in t.interrupts]
    if not pending:
        return None  # resume a run that was killed mid-way (or show a finished one)
    if "question" in pending[0].value and "pathways" not in pending[0].value:
        if answer is None:
            if not asked:
                return None
            raise UserError(f"conversation {thread_id!r} is waiting for an answer: "
                            f"{pending[0].value['question']}", "pass --answer TEXT")
        return Command(resume=answer)
    pick = choose or ("recommended" if yes else None)
    if pick is None:
        if not asked:
            return None
        raise UserError(f"conversation {thread_id!r} is waiting for a choice",
                        "pass --choose PATHWAY (or cancel), or --yes")
    return Command(resume={"action": "cancel"} if pick == "cancel"
                   else {"action": "confirm", "pathway": pick})


def check_report_dir(folder: Path) -> None:
    """Refuse a report folder that cannot be written, before anything is ordered."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"--report {str(folder)!r} is not a folder",
                        "give a folder; the report is written as <decision id>.html/.pdf in it")
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()),
                                                Path("."))
    if not os.access(probe, os.W_OK):
        raise UserError(f"cannot write the report into {str(folder)!r} (no permission)",
                        "choose a folder you can write to")
    from tools.chart_export import find_browser

    find_browser()  # the PDF's charts need Chromium: say so before ordering, not after


def _write_report(access: StoreAccess, decision_id: str, folder: Path) -> dict[str, Any]:
    """Write the report; a failure after an order is reported, never raised.

    It renders from a private copy (the decision, over the reference file): charts and
    the PDF take seconds, and the state file is not held meanwhile.
    """
    from graphs.scheduling.reports import write_report_files

    copy = {"decisions": ("SELECT * FROM decisions WHERE id = ?", [decision_id]),
            "schema_migrations": ("SELECT * FROM schema_migrations", [])}
    try:
        with access.reference(copy) as store:
            return {"report": write_report_files(store, decision_id, folder)}
    except (UserError, OSError) as exc:
        text = exc.render() if isinstance(exc, UserError) else str(exc)
        return {"report_error": f"{text} (the decision and any order stand; write the report "
                                f"again with `gridwise report {decision_id} --html FILE`)"}


def _summarise(store: Store, thread_id: str, out: dict[str, Any]) -> dict[str, Any]:
    from gridwise.records.decisions import load_decision
    from tools.options import decision_view

    result: dict[str, Any] = {"thread_id": thread_id, "status": out.get("status"),
                              "log": out.get("log", [])}
    interrupts = out.get("__interrupt__") or []
    if interrupts:
        value = interrupts[0].value
        result["waiting_for"] = "choice" if "pathways" in value else "answer"
        result["question"] = value.get("question")
        result["status"] = "presented" if "pathways" in value else "clarify"
    if out.get("decision_id"):
        decision = load_decision(store, out["decision_id"])
        result["decision_id"] = decision.id
        result["recommended_by"] = decision.recommended_by
        result |= decision_view(decision)
        if out.get("explanation"):
            result["rationale"] = out["explanation"]
    if out.get("order"):
        result["order"] = out["order"]
    if out.get("unresolved"):
        result["unresolved"] = out["unresolved"]
    return result
