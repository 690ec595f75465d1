"""Intake: turn a natural-language job request into structured fields (deterministic half).

`parse_request(text, now)` reads every field the labelling rules define, keeps the
candidate values it saw per field (a later LLM step may only choose among them), and
says when the request needs clarification. No LLM is called here.
"""

from gridwise.regex_cache import install

install()  # the word tables' ~3,100 patterns compiled once per machine, not per process

from agents.intake.parser import parse_request  # noqa: E402
from agents.intake.schema import FIELDS, ParsedRequest  # noqa: E402

__all__ = ["FIELDS", "ParsedRequest", "parse_request"]
