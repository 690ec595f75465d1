"""A chat reopened from the history list (also after a console restart).

Chainlit replays the stored thread: its messages, steps and elements (charts, PDFs, kept
by the data layer). This module adds only what the history cannot hold: the session's
graph thread and decision, and live buttons for an interrupt still pending in the
checkpoint. It never re-sends what the operator already saw.
"""

from __future__ import annotations

import asyncio
from typing import Any

import chainlit as cl

from gridwise.console.chat import say, show_end, show_interrupt
from gridwise.console.state import console

#: How the outcome of a finished run starts (`chat.show_end`).
OUTCOMES = ("**Ordered**", "Cancelled:", "No provider can run", "Finished:")


def outcome_shown(thread: dict[str, Any]) -> bool:
    """True when the stored history already holds a finished run's outcome."""
    return any(str(s.get("output") or "").startswith(OUTCOMES)
               for s in thread.get("steps") or [])


def charts_shown(thread: dict[str, Any], decision_id: str) -> bool:
    """True when the stored history holds the decision's charts (with their files)."""
    return any(e.get("name") == f"options-{decision_id}" and e.get("url")
               for e in thread.get("elements") or [])


async def resume_thread(thread: dict[str, Any]) -> None:
    """Reopened chat: restore the session, and the buttons of a pending interrupt."""
    meta = thread.get("metadata") or {}
    graph_thread = meta.get("graph_thread")
    if meta.get("decision_id"):
        cl.user_session.set("decision_id", meta["decision_id"])
    if not graph_thread:
        return
    cl.user_session.set("graph_thread", graph_thread)
    runner = console().runner
    pending = await asyncio.to_thread(runner.pending, graph_thread)
    if pending is None:
        values = await asyncio.to_thread(runner.values, graph_thread)
        if values and not outcome_shown(thread):
            await show_end(values)
        return
    interrupt_id, value = pending
    await say("Resumed from the checkpoint: this conversation is still waiting.").send()
    shown = "pathways" in value and charts_shown(thread, value["decision_id"])
    await show_interrupt(graph_thread, interrupt_id, value, charts=not shown)
