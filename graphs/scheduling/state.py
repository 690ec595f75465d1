"""Typed, serialisable state of the scheduling graph (reducers in the annotations)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal

# typing_extensions' TypedDict: on Python < 3.12 LangGraph (and Studio) derive the input
# and output JSON schemas only from it.
from typing_extensions import TypedDict

Status = Literal["clarify", "no-options", "presented", "ordered", "deferred", "cancelled",
                 "failed"]


class SchedulingState(TypedDict, total=False):
    """One conversation's state. Everything is JSON: quotes as dicts, times as ISO text."""

    request: str                       # the operator's words (answers get appended)
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
    catalogs: Annotated[list[dict[str, Any]], operator.add]   # fan-in of on_search replies
    provider_errors: dict[str, str]
    decision_id: str
    recommended_by: str
    explanation: dict[str, Any]
    choice: dict[str, Any]             # the operator's answer: action + pathway
    order: dict[str, Any]
    status: Status
    log: Annotated[list[str], operator.add]                   # what happened, for people


class SchedulingInput(TypedDict, total=False):
    """What a run starts from (the LangGraph server's input schema)."""

    request: str                       # the operator's words
    clock: str                         # scenario time, ISO, naive UTC (the data is historical)
    dataset: dict[str, Any] | None     # DatasetSpec from an uploaded file
    job: dict[str, Any]                # a ready JobSpec (a follow-up): the text is not parsed


class SchedulingOutput(TypedDict, total=False):
    """What a run returns (the output schema): the outcome, never internal working state."""

    request: str
    status: Status
    question: str
    transaction_id: str
    job: dict[str, Any]
    decision_id: str
    recommended_by: str
    provider_errors: dict[str, str]
    explanation: dict[str, Any]
    choice: dict[str, Any]
    order: dict[str, Any]
    log: list[str]


class AgentTask(TypedDict):
    """What `discover` sends to one cluster agent."""

    provider: str
    intent: dict[str, Any]
