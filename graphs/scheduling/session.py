"""One conversation turn: run or resume the scheduling graph for a thread.

The CLI's `ask` (and the console) call `run_turn`; it owns the store, the LLM seam and
the checkpointer for the length of the turn.

The graph is checkpointed in SQLite (`<home>/checkpoints.sqlite`), one `thread_id` per
conversation, so an interrupted conversation continues with `--thread ID --answer ...` /
`--choose ...`, and a run killed mid-way resumes with `--thread ID`.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from gridwise.clock import parse_clock
from gridwise.errors import UserError
from gridwise.settings import Settings
from gridwise.store import Store

CHOICES = ("recommended", "cheapest", "fastest", "greenest", "optimal-time", "cancel")


def run_turn(settings: Settings, request: str | None, at: str | None, dataset: Path | None,
            thread: str | None, answer: str | None, choose: str | None, yes: bool,
            report_dir: Path | None) -> dict[str, Any]:
    """Start or continue a conversation; returns what the CLI prints (JSON-ready)."""
    from langgraph.checkpoint.sqlite import SqliteSaver
    from langgraph.types import Command

    from agents.intake.dataset import parse_dataset
    from graphs.scheduling.context import build_deps
    from graphs.scheduling.graph import build_graph
    from gridwise.llm import LLMSeam

    if choose is not None and choose not in CHOICES:
        from gridwise.errors import UnknownNameError

        raise UnknownNameError("choice", choose, CHOICES)
    if thread is None and not (request or "").strip():
        raise UserError("no request given", 'say what to run, e.g. gridwise ask "fine-tune '
                        'Llama-3-8B on 20 GB of text by Friday" --at 2023-06-14T09:00Z')
    if thread is None and at is None:
        raise UserError("no clock: the bundled data is historical, so say when the request "
                        "is made", "pass --at 2023-06-14T09:00Z")
    t0 = time.perf_counter()
    settings.home.mkdir(parents=True, exist_ok=True)
    with Store.open(settings.db_file) as store, LLMSeam(settings) as seam, \
            SqliteSaver.from_conn_string(str(settings.home / "checkpoints.sqlite")) as saver:
        flags_choice = choose or ("recommended" if yes else None)
        graph = build_graph(saver)
        thread_id = thread or f"t-{uuid.uuid4().hex[:12]}"
        config = {"configurable": {"thread_id": thread_id}}
        if thread is None:
            clock = store.check_clock(parse_clock(at or ""))
            inputs: Any = {"request": request, "clock": clock.isoformat(),
                           "dataset": (parse_dataset(dataset).model_dump(mode="json")
                                       if dataset else None)}
        else:
            snapshot = graph.get_state(config)
            if not snapshot.values:
                raise UserError(f"no conversation {thread!r}",
                                "start one without --thread (its id is printed)")
            pending = [i for t in snapshot.tasks for i in t.interrupts]
            if pending and "question" in pending[0].value and "pathways" not in pending[0].value:
                if answer is None:
                    raise UserError(f"conversation {thread!r} is waiting for an answer: "
                                    f"{pending[0].value['question']}", "pass --answer TEXT")
                inputs = Command(resume=answer)
            elif pending:
                pick = choose or ("recommended" if yes else None)
                if pick is None:
                    raise UserError(f"conversation {thread!r} is waiting for a choice",
                                    "pass --choose PATHWAY (or cancel), or --yes")
                inputs = Command(resume={"action": "cancel"} if pick == "cancel"
                                 else {"action": "confirm", "pathway": pick})
            else:
                inputs = None  # resume a run that was killed mid-way
        # A resumed `present` takes the operator's choice from the resume value; the flags
        # answer it directly only where no interrupt is pending.
        resuming_choice = isinstance(inputs, Command)
        deps = build_deps(store, settings, seam if seam.enabled else None,
                          auto_choice=None if resuming_choice else flags_choice)
        out = graph.invoke(inputs, config, context=deps)
        result = _summarise(store, thread_id, out)
        if report_dir is not None and result.get("decision_id"):
            from graphs.scheduling.reports import write_report_files

            result["report"] = write_report_files(store, result["decision_id"], report_dir)
        result["llm_calls"] = len(seam.calls)
        result["llm_tokens"] = sum(c.prompt_tokens + c.completion_tokens for c in seam.calls)
    result["seconds"] = round(time.perf_counter() - t0, 3)
    return result


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
    return result
