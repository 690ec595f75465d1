"""Values that refer to something the request does not say (issue 17, session 10).

- Essentials given only by reference to earlier talk: "the dataset Sam mentioned", "the
  GPUs we used in March", "by the usual deadline", "same budget as last time". Two or
  more such references leave the job unreadable, so it is asked about.
- A clock with no zone: "by 5pm our time", "9am my time": whose time is unknown unless
  the sentence names a zone or a place, so the time is left unset and asked about.
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem

_I = re.IGNORECASE
_THING = (r"(?:data(?:set)?|corpus|model|checkpoint|gpus?|hardware|cards?|cluster|setup|"
          r"config\w*|budget|region|deadline|machines?|nodes?|settings?|parameters?)")
#: a value named only by a reference to earlier talk or an earlier job
_REFERENCE = re.compile(
    r"\bthe\s+(?:usual|same|normal|standard|regular|agreed|old)\s+" + _THING + r"\b|"
    r"\bthe\s+(?:[\w-]+\s+)?" + _THING + r"\s+(?:(?:that|which)\s+)?(?:[A-Z][a-z]+|you|he|she|they|"
    r"we|someone|the\s+team|my\s+boss|legal|finance)\s+(?:mentioned|sent|shared|suggested|"
    r"picked|chose|talked\s+about|gave\s+(?:us|me)|used|had|booked)\b|"
    r"\b(?:same|like)\s+(?:as\s+)?(?:last\s+time|before|usual|always|previously)\b", _I)
#: a clock in the user's own, unnamed zone
_OWN_ZONE = re.compile(r"\b(?:our|my)\s+(?:local\s+|own\s+)?(?:time(?:\s*zone)?|tz|clock)\b", _I)
#: a zone or place in the same sentence that says which clock ("our time (CET)", "we're in Oslo")
_NAMED_ZONE = re.compile(r"\b(?:UTC|GMT|[A-Z]{1,3}[SD]?T|CES?T|IST|JST|KST|SGT|AEST)\b|"
                         r"\b(?i:we'?re|we\s+are|i'?m|i\s+am|based|located)\s+in\s+[A-Z]")
#: the place written right after: "my local time (Tokyo)", "our time in Lisbon"
_PLACE_AFTER = re.compile(r"\s*(?:\(\s*|,\s*|\s(?:in|at)\s+|\s*-\s*)[A-Z][a-z]")
_DEADLINE_CUE = re.compile(r"\b(?:by|due|deadline|done|finish\w*|ready|before|until|latest)\b",
                           _I)


def unstated_context(text: str) -> list[Problem]:
    """Two or more values named only by reference to what the request does not say."""
    refs = [m.group(0) for m in _REFERENCE.finditer(text)]
    if len(refs) < 2:
        return []
    shown = ", ".join(repr(r) for r in refs[:3])
    return [Problem(f"the job refers to things not stated here ({shown})",
                    "Which model, data and hardware do you mean? Please state them (the "
                    "request refers to earlier context).", "request")]


def unnamed_zone(text: str) -> tuple[set[str], list[Problem]]:
    """A time in "our time" with no zone or place named: (fields to unset, problems)."""
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        m = _OWN_ZONE.search(sent)
        if m is None or _NAMED_ZONE.search(sent) or _PLACE_AFTER.match(sent, m.end()):
            continue
        name = "deadline" if _DEADLINE_CUE.search(sent[:m.start()]) else "earliest_start"
        return {name}, [Problem(f"{m.group(0)!r}: the time zone is not stated",
                                "Which time zone is that time in?", name)]
    return set(), []
