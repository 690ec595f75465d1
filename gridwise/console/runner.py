"""The console's side of the scheduling graph: start, stream and resume conversation threads.

One `Runner` per console process serves every operator: one compiled graph, checkpointed
in the same SQLite file as the CLI (`<home>/checkpoints.sqlite`, so a thread survives a
console restart and resumes from its checkpoint), with a run context of plain settings
(the store is opened briefly per node, never held). Runs are synchronous and go to worker
threads; a per-thread lock keeps two clicks from resuming the same interrupt twice.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gridwise.errors import UserError
from gridwise.settings import Settings

#: What each graph node is called on screen (one step per node; one per provider agent).
STEP_NAMES = {
    "intake": "Intake",
    "build_intent": "Intent",
    "supervise_intent": "Intent check",
    "clarify": "Clarification",
    "discover": "Discovery",
    "cluster_agent": "Provider agent",
    "aggregate": "Ranking",
    "aggregate_and_rank": "Ranking",
    "explain": "Explanation",
    "present": "Pathways",
    "order": "Order",
}


class StaleAnswer(UserError):
    """A button or answer for an interrupt that is no longer pending."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"that question no longer applies: {detail}",
                         "answer the question the conversation is asking now (shown below)")


@dataclass
class Event:
    """One node finished (`node`, `update`), or the run paused on an interrupt."""

    node: str
    update: dict[str, Any] = field(default_factory=dict)
    interrupt: dict[str, Any] | None = None
    interrupt_id: str | None = None

    @property
    def title(self) -> str:
        """The step's name on screen (a provider agent is named by its provider)."""
        if self.node == "cluster_agent":
            catalogs = self.update.get("catalogs") or [{}]
            who = catalogs[0].get("context", {}).get("bpp_id", "?")
            return f"Provider agent: {who}"
        return STEP_NAMES.get(self.node, self.node)


class Runner:
    """The graph, its checkpointer and its run context, shared by all sessions."""

    def __init__(self, settings: Settings) -> None:
        from langgraph.checkpoint.sqlite import SqliteSaver

        from graphs.scheduling.context import Deps
        from graphs.scheduling.graph import build_graph

        self.settings = settings
        settings.home.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(settings.home / "checkpoints.sqlite"),
                               check_same_thread=False, timeout=30)
        self.saver = SqliteSaver(conn)
        self.graph = build_graph(self.saver)
        self.context = Deps(db_path=str(settings.db_file), home=str(settings.home),
                            llm=settings.llm)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, thread_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(thread_id, threading.Lock())

    @staticmethod
    def config(thread_id: str) -> dict[str, Any]:
        """The LangGraph config of a conversation thread."""
        return {"configurable": {"thread_id": thread_id}}

    def pending(self, thread_id: str) -> tuple[str, dict[str, Any]] | None:
        """The interrupt the thread waits on, as (id, value), or None."""
        snap = self.graph.get_state(self.config(thread_id))
        for task in snap.tasks:
            for intr in task.interrupts:
                return intr.id, intr.value
        return None

    def values(self, thread_id: str) -> dict[str, Any]:
        """The thread's checkpointed state (empty for an unknown thread)."""
        return dict(self.graph.get_state(self.config(thread_id)).values or {})

    def start(self, thread_id: str, inputs: dict[str, Any]) -> Iterator[Event]:
        """Run a new request on `thread_id` until it ends or asks."""
        return self._stream(thread_id, inputs)

    def resume(self, thread_id: str, interrupt_id: str | None, value: Any) -> Iterator[Event]:
        """Answer the pending interrupt `interrupt_id` (stale ids are refused)."""
        from langgraph.types import Command

        pending = self.pending(thread_id)
        if pending is None:
            raise StaleAnswer("this conversation is not waiting for anything")
        if interrupt_id is not None and pending[0] != interrupt_id:
            raise StaleAnswer("the conversation has moved on to another question")
        return self._stream(thread_id, Command(resume=value), expect=pending[0])

    def _stream(self, thread_id: str, inputs: Any, expect: str | None = None) -> Iterator[Event]:
        lock = self._lock(thread_id)
        if not lock.acquire(blocking=False):
            raise StaleAnswer("this conversation is already running")
        try:
            if expect is not None:   # re-check under the lock: another click may have won
                pending = self.pending(thread_id)
                if pending is None or pending[0] != expect:
                    raise StaleAnswer("it was answered already")
            for chunk in self.graph.stream(inputs, self.config(thread_id),
                                           context=self.context, stream_mode="updates"):
                for node, update in chunk.items():
                    if node == "__interrupt__":
                        for intr in update:
                            yield Event("__interrupt__", {}, intr.value, intr.id)
                    else:
                        yield Event(node, update if isinstance(update, dict) else {})
        finally:
            lock.release()
