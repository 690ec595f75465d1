"""The scheduling graph: intake -> intent -> per-provider agents -> coordinator -> order.

The diagram of the compiled graph is generated from it into `docs/graph.md`
(`python -m graphs.scheduling.diagram`; a test fails when the two differ), so it cannot
drift from the wiring. In words: `intake` parses the request (or jumps to `clarify`, an
interrupt that asks the operator); `build_intent` makes the Beckn search and
`supervise_intent` checks it (one error-aware repair back to `build_intent`, then
`clarify`); `discover` sends the intent to one `cluster_agent` per provider (Send), whose
on_search catalogs fan in through a reducer; `aggregate_and_rank` merges and ranks them
into pathways and stores the decision; `explain` writes the verified rationale; `present`
interrupts for the operator's pick; `order` runs select / init / confirm.

Every node is registered under its function's name; nodes that jump return
`Command[Literal[...]]`, so the edges can be read from their signatures. The graph declares
what a caller passes (`AskInput`) and what it gets back (`AskOutput`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, Send, interrupt

from agents.coordinator import (
    Coordinator,
    aggregate,
    llm_pick_recommended,
    supervise_ranking,
)
from agents.intake.understand import understand
from graphs.scheduling.context import BAP_ID, BAP_URI, Deps, live
from graphs.scheduling.state import AgentTask, AskInput, AskOutput, SchedulingState
from gridwise.models import JobSpec, Quote
from gridwise.records.catalog_items import remember_rows
from gridwise.records.decisions import (
    link_job,
    load_decision,
    save_decision,
    set_chosen,
    set_explanation,
)
from gridwise.store_access import QUOTE_STATE
from tools.beckn import messages as m
from tools.beckn.context import Transaction
from tools.beckn.validate import BecknValidationError, validate
from tools.catalog_limits import catalog_limits
from tools.options import decision_from_ranking
from tools.ranking import rank, with_recommended


def _clock(state: SchedulingState) -> datetime:
    return datetime.fromisoformat(state["clock"])


def _txn(state: SchedulingState) -> Transaction:
    return Transaction(bap_id=BAP_ID, bap_uri=BAP_URI, transaction_id=state["transaction_id"])


def intake(state: SchedulingState, runtime: Runtime[Deps]) -> Command[
        Literal["build_intent", "clarify", "__end__"]]:
    """Understand the request: deterministic parser first, LLM only among its candidates.

    A run that starts with a ready `job` (a console follow-up re-ranking a decision with
    one changed constraint) skips reading the text.
    """
    if state.get("job") and not state.get("parsed"):
        return Command(goto="build_intent", update={
            "parsed": {"given": True}, "job_without_llm": None,
            "transaction_id": state.get("transaction_id") or str(uuid.uuid4()),
            "log": ["job given with the request (a follow-up): the text is not parsed"]})
    resources = live(runtime.context)
    with resources.reference() as ref:
        limits = catalog_limits(ref.conn)
    result = understand(state["request"], _clock(state), resources.llm, state.get("dataset"),
                        answers=state.get("answers", []), asked=state.get("asked", []),
                        limits=limits)
    update: dict[str, Any] = {"parsed": result.record(), "log": result.log}
    if state.get("transaction_id") is None:
        update["transaction_id"] = str(uuid.uuid4())
    if result.stop:  # a field asked about once and still unresolved: never ask it again
        return Command(goto="__end__", update=update | {"status": "unresolved",
                                                        "unresolved": result.stop})
    if result.question:
        return Command(goto="clarify", update=update | {
            "question": result.question, "clarify_field": result.field or "request"})
    return Command(goto="build_intent", update=update | {
        "job": result.job_json(), "job_without_llm": result.job_without_llm})


def build_intent(state: SchedulingState) -> dict[str, Any]:
    """The Beckn search intent for the job.

    On a repair (the supervisor rejected the first intent) the only non-deterministic
    input, the LLM-resolved fields, is dropped: the intent is rebuilt from the parser's
    own reading.
    """
    update: dict[str, Any] = {}
    if state.get("repairs") and state.get("job_without_llm"):
        update = {"job": state["job_without_llm"], "job_without_llm": None,
                  "log": ["repair: rebuilt the intent without the LLM's values"]}
    job = JobSpec.model_validate(update.get("job", state["job"]))
    return update | {"intent": m.search_from_job(job, _clock(state), _txn(state))}


def supervise_intent(state: SchedulingState) -> Command[
        Literal["discover", "build_intent", "clarify"]]:
    """Check the intent (JSON Schema + semantics); one error-aware repair, then ask."""
    problems: list[str] = []
    try:
        validate(state["intent"], "search")
    except BecknValidationError as exc:
        problems.append(exc.message)
    job = JobSpec.model_validate(state["job"])
    c = job.constraints
    clock = _clock(state)
    if c.deadline is not None and c.deadline <= clock:
        problems.append(f"the deadline {c.deadline:%Y-%m-%d %H:%M} UTC has already passed")
    if not (job.model.name or job.model.params_b or job.gpu_hours or job.duration_hours
            or job.flops or job.dataset.tokens or job.dataset.size_gb):
        problems.append("the request says nothing about the size of the work")
    if not problems:
        return Command(goto="discover", update={"intent_problems": []})
    if state.get("repairs", 0) == 0 and state.get("job_without_llm"):
        return Command(goto="build_intent", update={
            "repairs": 1, "intent_problems": problems,
            "log": [f"intent rejected ({'; '.join(problems)}); repairing once"]})
    question = ("I can't schedule this yet: " + "; ".join(problems)
                + ". Could you give the missing or corrected details?")
    return Command(goto="clarify", update={"intent_problems": problems, "question": question,
                                           "clarify_field": "request"})


def clarify(state: SchedulingState) -> Command[Literal["intake"]]:
    """Interrupt: ask one specific question; the answer is read for that field only."""
    from agents.intake.choices import answer_choices

    answer = interrupt({"question": state["question"],
                        "choices": answer_choices(state["question"])})
    asked = state.get("clarify_field") or "request"
    text = str(answer)
    shown = text if len(text) <= 200 else f"{text[:200]}… ({len(text):,} chars)"
    return Command(goto="intake", update={  # a huge answer is kept only as far as it is read
        "answers": [*state.get("answers", []), {"field": asked, "answer": text[:4_000],
                                                 "chars": len(text)}],
        "asked": [*state.get("asked", []), asked], "repairs": 0,
        "log": [f"asked ({asked}): {state['question']} -> answered: {shown}"]})


def discover(state: SchedulingState, runtime: Runtime[Deps]) -> Command[
        Literal["cluster_agent"]]:
    """Fan out the intent: one Send per provider's cluster agent."""
    providers = live(runtime.context).providers
    return Command(
        goto=[Send("cluster_agent", AgentTask(provider=p, intent=state["intent"]))
              for p in providers],
        update={"log": [f"search sent to {len(providers)} providers"]})


def cluster_agent(task: AgentTask, runtime: Runtime[Deps]) -> dict[str, Any]:
    """One provider quotes the job (its on_search callback, or a NACK, joins `catalogs`)."""
    p = task["provider"]
    msg = task["intent"] | {"context": task["intent"]["context"]
                            | {"bpp_id": p, "bpp_uri": f"inproc://{p}"}}
    resources = live(runtime.context)
    offered: list[dict[str, Any]] = []

    def remember(txn: str, provider: str, items: list[tuple[str, Quote]]) -> None:
        offered.extend({"transaction_id": txn, "item_id": i, "provider": provider,
                        "record": q.model_dump_json()} for i, q in items)

    # Quoting reads a private copy (the reference file, plus the open GPU holds for a
    # fleet): no file is held meanwhile. What it offered joins the checkpointed state
    # and is stored with the decision (`aggregate_and_rank`).
    with resources.reference(QUOTE_STATE if p in resources.fleets else None) as ref:
        reply = resources.transport(ref, remember=remember).send("search", msg)
    return {"catalogs": [reply], "offered": offered}


def aggregate_and_rank(state: SchedulingState, runtime: Runtime[Deps]) -> Command[
        Literal["explain", "__end__"]]:
    """Merge catalogs, rank, re-check, let the LLM pick only among valid pathways, persist."""
    resources = live(runtime.context)
    job = JobSpec.model_validate(state["job"])
    clock = _clock(state)
    agg = aggregate(state.get("catalogs", []))
    ranking = rank(agg.quotes, job, clock)
    problems = supervise_ranking(ranking, job)
    if problems:  # never present an option that breaks a hard constraint
        return Command(goto="__end__", update={
            "status": "failed", "catalogs": None, "offered": None,
            "log": ["ranking supervisor rejected: " + "; ".join(problems)]})
    llm = resources.llm
    pick, who = llm_pick_recommended(llm, state["request"], ranking, job)
    if pick != "recommended" and pick in ranking.pathways:
        ranking = with_recommended(ranking, pick)
    decision = decision_from_ranking(job, clock, ranking, {}, state["request"])
    decision.recommended_by = who
    decision.reasons += [f"{bpp} did not quote: {why}" for bpp, why in agg.errors.items()]
    if not agg.quotes:  # nobody could run it: the providers' own reasons say why
        decision.infeasible_reasons = [f"{bpp}: {why}" for bpp, why in agg.errors.items()]
    decision.versions = {"llm": llm.model_name if llm and llm.enabled else "none"}
    with resources.store() as store:   # one short use: the offers, then the decision
        remember_rows(store, state.get("offered") or [])
        save_decision(store, decision)
    return Command(goto="explain", update={
        "catalogs": None, "offered": None, "decision_id": decision.id, "recommended_by": who,
        "provider_errors": agg.errors,
        "log": [f"{len(agg.quotes)} offers from {len(state.get('catalogs', []))} providers; "
                f"recommended by {who}"]})


def explain(state: SchedulingState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The structured rationale, checked number by number, stored with the decision."""
    from agents.explainer import explain as explain_decision
    from agents.explainer.verifier import store_vocabulary

    resources = live(runtime.context)
    llm = resources.llm
    with resources.store() as store:
        decision = load_decision(store, state["decision_id"])
    with resources.reference() as ref:
        vocabulary = store_vocabulary(ref.conn)
    if llm is not None and llm.enabled_for("explainer") and decision.pathways:
        from agents.explainer.llm_prose import explain_with_llm

        # the store is closed meanwhile: the model may take seconds, nobody waits for it
        explanation = explain_with_llm(decision, llm, vocabulary)
    else:
        explanation = explain_decision(decision, vocabulary)
    # the LLM's true cost up to here (failed and rejected calls too), for the report
    explanation["llm_usage"] = llm.summary() if llm is not None else {
        "calls": 0, "failed": 0, "tokens": 0, "rejected": 0, "model": "none"}
    with resources.store() as store:
        set_explanation(store, decision.id, explanation)
    return {"explanation": explanation}


def present(state: SchedulingState, runtime: Runtime[Deps]) -> Command[
        Literal["order", "present", "__end__"]]:
    """Interrupt: show the pathways and wait for pick / defer / confirm / cancel."""
    with live(runtime.context).store() as store:
        decision = load_decision(store, state["decision_id"])
    if not decision.pathways:
        return Command(goto="__end__", update={"status": "no-options"})
    auto = runtime.context.auto_choice if runtime.context is not None else None
    if auto is not None:
        choice: dict[str, Any] = ({"action": "cancel"} if auto == "cancel"
                                  else {"action": "confirm", "pathway": auto})
    else:
        others = " / ".join(n for n in ("cheapest", "fastest", "greenest", "optimal-time")
                            if n in decision.pathways)
        problem = state.get("choice_problem")
        answer = interrupt({"decision_id": decision.id,
                            "pathways": sorted(decision.pathways),
                            "question": (f"{problem}. " if problem else "")
                            + f"confirm the recommended pathway, pick another ({others}), "
                              "or cancel"})
        choice = answer if isinstance(answer, dict) else {"action": str(answer)}
    action = choice.get("action", "confirm")
    if action == "cancel":
        return Command(goto="__end__", update={"choice": choice, "status": "cancelled"})
    wanted = choice.get("pathway", "recommended")
    if wanted not in decision.pathways:  # never order another option in its place
        why = unavailable_pathway(wanted, decision)
        if auto is None:  # the operator is here: ask again, saying why
            return Command(goto="present", update={"choice_problem": why,
                                                   "log": [f"not ordered: {why}"]})
        return Command(goto="__end__", update={
            "choice": choice, "status": "refused", "question": why,
            "log": [f"not ordered: {why}"]})
    return Command(goto="order", update={"choice": choice})


def unavailable_pathway(name: str, decision: Any) -> str:
    """Why a pathway the operator chose does not exist in this decision, and what to do."""
    have = ", ".join(sorted(decision.pathways))
    if name == "greenest":
        reason = "no option has a known CO2 figure, so none is the greenest"
    else:
        reason = f"this decision has no {name!r} pathway"
    return f"{reason}; nothing was ordered. Choose one of: {have}"


def order(state: SchedulingState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Order with the provider (select, init, confirm), persisted once per transaction."""
    resources = live(runtime.context)
    with resources.store() as store:
        decision = load_decision(store, state["decision_id"])
        name = state["choice"].get("pathway", "recommended")
        quote: Quote = decision.pathways[name].quote
        coordinator = Coordinator(store, resources.transport(store), _txn(state))
        result = coordinator.order(quote, quote.provider, _clock(state), decision.id,
                                   decision.job)
        set_chosen(store, decision.id, name)
        link_job(store, decision.id, result["order_id"])
    deferred = quote.start > _clock(state)
    return {"order": result, "status": "deferred" if deferred else "ordered",
            "log": [f"ordered {name} on {quote.provider} {quote.region}, starts "
                    f"{quote.start:%Y-%m-%d %H:%M} UTC"]}


def build_graph(checkpointer: Any = None) -> Any:
    """Compile the scheduling graph (a fresh one per call; tests pass a memory saver)."""
    builder = StateGraph(SchedulingState, context_schema=Deps, input_schema=AskInput,
                         output_schema=AskOutput)
    builder.add_node(intake)
    builder.add_node(build_intent)
    builder.add_node(supervise_intent)
    builder.add_node(clarify)
    builder.add_node(discover)
    builder.add_node(cluster_agent)  # type: ignore[arg-type]  # input is a Send payload
    # Nodes that use the store take it for each short piece of work and quote from the
    # read-only reference file (`context.Live`), so other processes use it in between.
    builder.add_node(aggregate_and_rank)
    builder.add_node(explain)
    builder.add_node(present)
    builder.add_node(order)
    builder.add_edge(START, "intake")
    builder.add_edge("build_intent", "supervise_intent")
    builder.add_edge("cluster_agent", "aggregate_and_rank")
    builder.add_edge("explain", "present")
    builder.add_edge("order", END)
    return builder.compile(checkpointer=checkpointer)
