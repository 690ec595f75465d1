"""Typed, serialisable state of the scheduling graph (reducers in the annotations)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal

from typing_extensions import TypedDict

Status = Literal["clarify", "no-options", "presented", "ordered", "deferred", "cancelled",
                 "refused", "failed", "unresolved"]


def add_or_clear(current: list[Any] | None, update: list[Any] | None) -> list[Any]:
    """Fan-in reducer: append the branches' lists; None clears (once they are ranked).

    The catalogs are large and the decision keeps what matters, so they leave the state
    (and every later checkpoint) as soon as the coordinator has ranked them.
    """
    if update is None:
        return []
    return [*(current or []), *update]


class SchedulingState(TypedDict, total=False):
    """One conversation's state. Everything is JSON: quotes as dicts, times as ISO text."""

    request: str                       # the operator's words (answers are kept apart)
    clock: str                         # scenario time, ISO, naive UTC
    dataset: dict[str, Any] | None     # DatasetSpec from an uploaded file
    transaction_id: str                # Beckn transaction, constant from search to confirm
    parsed: dict[str, Any]             # what intake understood (fields, candidates, flags)
    job: dict[str, Any]                # the JobSpec
    job_without_llm: dict[str, Any] | None   # the parser-only JobSpec (repair fallback)
    intent: dict[str, Any]             # the Beckn search message
    intent_problems: list[str]         # what the intent supervisor rejected
    repairs: int                       # error-aware repairs spent (at most one)
    question: str                      # the clarification asked
    clarify_field: str                 # what that question is about
    answers: list[dict[str, Any]]      # {"field", "answer"} per clarification answered
    asked: list[str]                   # fields asked about (each at most once)
    unresolved: str                    # why the conversation ended without a job
    catalogs: Annotated[list[dict[str, Any]], add_or_clear]   # fan-in of on_search replies
    offered: Annotated[list[dict[str, Any]], add_or_clear]    # their items, to be stored
    provider_errors: dict[str, str]
    decision_id: str
    recommended_by: str
    explanation: dict[str, Any]
    choice: dict[str, Any]             # the operator's answer: action + pathway
    choice_problem: str                # why the last answer could not be ordered
    order: dict[str, Any]
    status: Status
    log: Annotated[list[str], operator.add]                   # what happened, for people


class AskInput(TypedDict, total=False):
    """What a caller passes to start a conversation (the graph's input schema)."""

    request: str
    clock: str
    dataset: dict[str, Any] | None
    job: dict[str, Any]                # a ready JobSpec (a console follow-up): not parsed


class AskOutput(TypedDict, total=False):
    """What a caller gets back from a run (the graph's output schema)."""

    status: Status
    question: str
    unresolved: str
    decision_id: str
    recommended_by: str
    provider_errors: dict[str, str]
    explanation: dict[str, Any]
    choice: dict[str, Any]
    order: dict[str, Any]
    repairs: int
    log: Annotated[list[str], operator.add]


class AgentTask(TypedDict):
    """What `discover` sends to one cluster agent."""

    provider: str
    intent: dict[str, Any]
