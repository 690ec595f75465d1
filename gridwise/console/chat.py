"""The console's conversation: a request runs as graph steps; interrupts become buttons.

Handlers are plain async functions over Chainlit's API (`app` wires them to decorators),
so tests drive them with a mocked Chainlit context. What the operator sees:

- each graph node as a step (intake, intent check, one per provider agent, ranking,
  explanation, order);
- a clarification as a question with answer buttons (typing an answer works too);
- the pathway table, the options scatter and the carbon/price timeline inline (Plotly),
  the rationale with its verification status, and buttons: one per pathway, cancel,
  report (PDF inline and as a download);
- follow-ups on the last decision, answered from its record or re-ranked as a new
  decision linked to the first (`followups`).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import chainlit as cl

from gridwise.console import followups
from gridwise.console.present import verification
from gridwise.console.runner import Event, StaleAnswer
from gridwise.console.state import console
from gridwise.errors import GridwiseError, UserError

#: Largest dataset upload read (bigger ones are refused with a message, nothing read).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PATHWAY_LABELS = {"recommended": "Recommended", "cheapest": "Cheapest", "fastest": "Fastest",
                  "greenest": "Greenest", "optimal-time": "Optimal time"}


def say(text: str, **kw: Any) -> cl.Message:
    """A message from gridwise."""
    return cl.Message(content=text, author="gridwise", **kw)


async def tell_error(exc: GridwiseError) -> None:
    """A user error as a chat message (never a traceback)."""
    text = exc.message if hasattr(exc, "message") else str(exc)
    hint = getattr(exc, "hint", "")
    await say(f"**{text}**" + (f"\n\nTo fix: {hint}" if hint else "")).send()


def user_login() -> tuple[str, str | None]:
    """The logged-in operator and their team."""
    user = cl.user_session.get("user")
    login = getattr(user, "identifier", None) or "anonymous"
    return login, console().settings.console_teams.get(login)


# -- running the graph ----------------------------------------------------------------------
async def stream(events: Iterator[Event]) -> list[Event]:
    """Run the graph in a worker thread; show each node as a step as it finishes."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event | BaseException | None] = asyncio.Queue()

    def work() -> None:
        try:
            for ev in events:
                loop.call_soon_threadsafe(queue.put_nowait, ev)
        except BaseException as exc:  # handed to the loop, shown as a message there
            loop.call_soon_threadsafe(queue.put_nowait, exc)
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, None)

    worker = asyncio.ensure_future(asyncio.to_thread(work))
    seen: list[Event] = []
    while (item := await queue.get()) is not None:
        if isinstance(item, BaseException):
            await worker
            raise item
        seen.append(item)
        if item.interrupt is None:
            async with cl.Step(name=item.title, type="tool") as step:
                step.output = describe(item)
    await worker
    return seen


def describe(ev: Event) -> str:
    """What a finished node did, in one or two lines."""
    u = ev.update
    if ev.node == "intake":
        job = u.get("job")
        if not job:
            return "needs a clarification"
        c = job.get("constraints", {})
        bits = [job.get("kind"), (job.get("model") or {}).get("name"),
                f"{job['gpu_hours']} GPU-h" if job.get("gpu_hours") else None,
                f"deadline {c['deadline']}" if c.get("deadline") else None,
                f"regions {', '.join(c['regions'])}" if c.get("regions") else None]
        return "understood: " + ", ".join(str(b) for b in bits if b)
    if ev.node == "supervise_intent":
        problems = u.get("intent_problems") or []
        return "intent valid" if not problems else "rejected: " + "; ".join(problems)
    if ev.node == "cluster_agent":
        cat = (u.get("catalogs") or [{}])[0]
        if "error" in cat:
            return f"did not quote: {cat['error'].get('message', cat['error'])}"
        providers = cat.get("message", {}).get("catalog", {}).get("providers", [])
        items = sum(len(p.get("items", [])) for p in providers)
        return f"{items} offers on its Pareto front"
    if ev.node == "explain":
        e = u.get("explanation") or {}
        return f"rationale ({e.get('source', '?')}): {verification(e)}"
    if ev.node == "order":
        o = u.get("order") or {}
        return f"order {o.get('order_id')} on {o.get('provider')}, starts {o.get('start')}"
    return "; ".join(u.get("log") or []) or "done"


async def run_turn(thread_id: str, events: Iterator[Event]) -> None:
    """Stream one run, then show where it stopped (question, pathways, order or end)."""
    try:
        seen = await stream(events)
    except GridwiseError as exc:
        await tell_error(exc)
        return
    for ev in seen:
        if ev.interrupt is not None:
            await show_interrupt(thread_id, ev.interrupt_id, ev.interrupt)
            return
    values = await asyncio.to_thread(console().runner.values, thread_id)
    await show_end(values)


async def show_interrupt(thread_id: str, interrupt_id: str | None,
                         value: dict[str, Any], charts: bool = True) -> None:
    """A question with answer buttons, or the pathways with their charts and buttons.

    With `charts` False (a reopened thread whose history already shows the decision)
    only a short line with the pathway buttons is sent.
    """
    await remember(graph_thread=thread_id)
    if "pathways" not in value:
        actions = [cl.Action(name="answer", label=c, payload={
            "thread": thread_id, "interrupt": interrupt_id, "answer": c})
            for c in value.get("choices") or []]
        await say(f"**{value['question']}**\n\nPick an answer or type your own.",
                   actions=actions).send()
        return
    from gridwise.console.present import decision_message

    decision_id = value["decision_id"]
    await remember(decision_id=decision_id)
    text, elements = (await asyncio.to_thread(decision_message, console().settings,
                                              decision_id)) if charts else (
        f"Pick a pathway for decision `{decision_id}` (its table and charts are above).", [])
    actions = [cl.Action(name="choose", label=str(PATHWAY_LABELS.get(p, p)), payload={
        "thread": thread_id, "interrupt": interrupt_id, "pathway": p})
        for p in ["recommended"] + [p for p in value["pathways"] if p != "recommended"]]
    actions += [cl.Action(name="choose", label="Cancel", payload={
        "thread": thread_id, "interrupt": interrupt_id, "pathway": "cancel"}),
        cl.Action(name="report", label="Report (PDF)", payload={"decision": decision_id})]
    await say(text, elements=elements, actions=actions).send()


async def show_end(values: dict[str, Any]) -> None:
    """The outcome of a finished run."""
    status = values.get("status")
    if values.get("order"):
        o = values["order"]
        dup = " (already ordered: the same order is kept)" if o.get("duplicate") else ""
        await say(f"**Ordered** ({status}): order `{o.get('order_id')}` on "
                   f"{o.get('provider')}, {o.get('start')} -> {o.get('finish')} UTC{dup}. "
                   f"Decision `{values.get('decision_id')}`.",
                   actions=[cl.Action(name="report", label="Report (PDF)",
                                      payload={"decision": values.get("decision_id")}),
                            cl.Action(name="jobs", label="Jobs", payload={})]).send()
    elif status == "cancelled":
        await say("Cancelled: nothing was ordered.").send()
    elif status == "no-options":
        await say("No provider can run this job; the decision records their reasons "
                   f"(`{values.get('decision_id')}`).").send()
    else:
        await say(f"Finished: {status or 'no outcome'}. " + "; ".join(
            values.get("log", [])[-2:])).send()


# -- handlers ---------------------------------------------------------------------------------
async def on_message(message: cl.Message) -> None:
    """An answer to the pending question, a follow-up, a view, or a new request."""
    text = (message.content or "").strip()
    try:
        dataset = await asyncio.to_thread(read_upload, message.elements or [])
    except UserError as exc:
        await tell_error(exc)
        return
    runner = console().runner
    thread = cl.user_session.get("graph_thread")
    if thread and text and dataset is None:
        pending = await asyncio.to_thread(runner.pending, thread)
        if pending is not None and "pathways" not in pending[1]:
            await resume(thread, pending[0], text)
            return
    if text.lower() in ("jobs", "show jobs", "my jobs"):
        from gridwise.console.tables import show_jobs

        await show_jobs()
        return
    if text.lower() in ("savings", "show savings"):
        from gridwise.console.tables import show_savings

        await show_savings()
        return
    if await follow_up(text):
        return
    if not text:
        await say("Say what to run, e.g. *Fine-tune Llama-3-8B with LoRA on our 20 GB text "
                   "corpus, EU only, done by Friday 18:00 UTC*.").send()
        return
    await new_request(text, dataset)


async def new_request(text: str, dataset: dict[str, Any] | None = None,
                      job: dict[str, Any] | None = None, parent: str | None = None,
                      change: str | None = None) -> str:
    """Start a graph thread for a request (or a follow-up's ready job); returns its id."""
    ctx = console()
    thread_id = f"c-{uuid.uuid4().hex[:12]}"
    inputs: dict[str, Any] = {"request": text, "clock": ctx.clock.isoformat(),
                              "dataset": dataset}
    if job is not None:
        inputs["job"] = job
    cl.user_session.set("graph_thread", thread_id)
    cl.user_session.set("parent", (parent, change))
    await run_turn(thread_id, ctx.runner.start(thread_id, inputs))
    return thread_id


async def resume(thread_id: str, interrupt_id: str | None, value: Any) -> None:
    """Answer an interrupt; a stale one is refused with a message, nothing changes."""
    runner = console().runner
    try:
        events = await asyncio.to_thread(runner.resume, thread_id, interrupt_id, value)
    except StaleAnswer as exc:
        await tell_error(exc)
        pending = await asyncio.to_thread(runner.pending, thread_id)
        if pending is not None:
            await show_interrupt(thread_id, pending[0], pending[1])
        return
    await run_turn(thread_id, events)


async def on_answer(action: cl.Action) -> None:
    """A clarification answered by button."""
    p = action.payload
    await say(f"Answer: {p['answer']}").send()
    await resume(p["thread"], p.get("interrupt"), p["answer"])


async def on_choose(action: cl.Action) -> None:
    """A pathway picked (or the request cancelled) by button."""
    p = action.payload
    value = ({"action": "cancel"} if p["pathway"] == "cancel"
             else {"action": "confirm", "pathway": p["pathway"]})
    await say(f"Choice: {p['pathway']}").send()
    if p["pathway"] != "cancel":
        await record_owner(p["thread"])
    await resume(p["thread"], p.get("interrupt"), value)


async def record_owner(thread_id: str) -> None:
    """Who asked for the thread's decision, and which decision a follow-up re-ranked."""
    values = await asyncio.to_thread(console().runner.values, thread_id)
    decision_id = values.get("decision_id")
    if not decision_id:
        return
    login, team = user_login()
    parent, change = cl.user_session.get("parent") or (None, None)
    await asyncio.to_thread(console().link_decision, decision_id, login, team, thread_id,
                            parent, change)


async def follow_up(text: str) -> bool:
    """Handle `text` as a follow-up on the last decision; False when it is not one."""
    from gridwise.console.present import load

    decision_id = cl.user_session.get("decision_id")
    ref = followups.mentioned_decision(text)
    if ref is not None:
        decision_id, text = ref
    if decision_id is None:
        return False
    try:
        decision, providers = await asyncio.to_thread(load, console().settings, decision_id)
    except UserError as exc:
        if ref is None:
            return False
        await tell_error(exc)
        return True
    asked = followups.parse(text, decision, providers)
    if asked is None:
        return False
    if isinstance(asked, followups.Answer):
        await say(asked.text).send()
        return True
    await say(f"Re-ranking `{decision.id}` with one change: **{asked.change}** "
               "(a new decision, linked to the first).").send()
    await new_request(f"{decision.request_text or ''} [follow-up of {decision.id}: "
                      f"{asked.change}]", job=asked.job.model_dump(mode="json"),
                      parent=decision.id, change=asked.change)
    return True


def read_upload(elements: list[Any]) -> dict[str, Any] | None:
    """The DatasetSpec of an attached data file; bad files raise `UserError`."""
    from agents.intake.dataset import parse_dataset

    files = [e for e in elements if getattr(e, "path", None)]
    if not files:
        return None
    if len(files) > 1:
        raise UserError("attach one dataset file per request", "send the files one at a time")
    f = files[0]
    size = Path(f.path).stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise UserError(f"the upload {f.name!r} is {size / 2**20:,.1f} MiB, over the "
                        f"{MAX_UPLOAD_BYTES / 2**20:,.0f} MiB the console reads",
                        "attach a sample, or state the dataset's size in the request "
                        "(e.g. 'on 20 GB of text')")
    named = Path(f.path).with_name(Path(f.name).name)   # keep the extension the user gave
    if named != Path(f.path):   # a link: the upload itself stays for Chainlit and history
        named.unlink(missing_ok=True)
        try:
            os.link(f.path, named)
        except OSError:
            shutil.copyfile(f.path, named)
    return parse_dataset(named).model_dump(mode="json")


async def remember(**values: Any) -> None:
    """Keep values in the session and in the thread's stored metadata (survives restarts)."""
    from chainlit.data import get_data_layer

    for k, v in values.items():
        cl.user_session.set(k, v)
    layer = get_data_layer()
    thread_id = getattr(cl.context.session, "thread_id", None)
    if layer is not None and thread_id:
        await layer.update_thread(thread_id, metadata=values)


async def on_report(action: cl.Action) -> None:
    """The decision's PDF report, inline and as a download."""
    from gridwise.console.present import report_pdf

    decision_id = str(action.payload.get("decision") or "")
    try:
        path = await asyncio.to_thread(report_pdf, console().settings, decision_id)
    except GridwiseError as exc:
        await tell_error(exc)
        return
    await say(f"Report of `{decision_id}`:", elements=[
        cl.Pdf(name=path.name, path=str(path), display="inline"),
        cl.File(name=path.name, path=str(path), display="inline")]).send()
