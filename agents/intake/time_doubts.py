"""A day stated with an alternative the writer has not settled: neither is read, both asked.

"Done by Friday, or maybe the Friday after", "on 2023-04-01. Wait, or was it the 2nd?",
"start Monday or possibly Tuesday": a careful reader takes neither date and asks which
one is meant (README: a value the text leaves open is unset and needs clarification).
A window whose date is in doubt loses both ends ("from 10:00 to 18:00 JST on
2023-04-01. Wait, or was it the 2nd?"). "Friday or Saturday, whichever is cheaper" is
the same doubt; "by Friday or earlier" is no second date and stays read.
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem
from agents.intake.timeexpr import TimeExpr

#: the words between a date and its alternative: "or maybe", ". Wait, or was it", ", or"
_HEDGE = re.compile(r"^[\s,;:.!?)(-]*(?:(?:wait|hmm+|um+|actually)[\s,.!-]*)?(?:or|or else)\s+"
                    r"(?:maybe\s+|possibly\s+|perhaps\s+|probably\s+|rather\s+)?"
                    r"(?:(?:was|is|will)\s+it\s+(?:be\s+)?)?(?:the\s+|on\s+)?$", re.IGNORECASE)
_DATE_KINDS = ("iso", "dmy", "mdy", "slash", "dom", "weekday", "relday")


def _dated(expr: TimeExpr) -> bool:
    return any(p.kind in _DATE_KINDS for p in expr.parts)


def doubted(text: str, exprs: list[TimeExpr]) -> tuple[set[int], list[Problem]]:
    """The ids of the expressions whose date is given two ways, and the question to ask."""
    out: set[int] = set()
    problems: list[Problem] = []
    for a, b in zip(exprs, exprs[1:], strict=False):
        if _dated(a) and _dated(b) and _HEDGE.match(text[a.end:b.start]):
            out |= {id(a), id(b)}
            tail = re.match(r"\s+(?:after|before|later)\b", text[b.end:])  # "the Friday after"
            first, second = text[a.start:a.end], text[b.start:b.end + (tail.end() if tail else 0)]
            problems.append(Problem(
                f"the date is given two ways ('{first}' or '{second}')",
                f"Which date is meant: '{first}' or '{second}'?", "deadline"))
    return out, problems[:1]


#: "the start is Monday 08:00 CET, not 07:00": the time after "not" is the one taken back
_NOT_THAT = re.compile(r"^\s*[,;(]?\s*(?:and\s+|but\s+)?not\s+(?:at\s+|on\s+|the\s+)?$",
                       re.IGNORECASE)


def corrected(text: str, exprs: list[TimeExpr]) -> tuple[set[int], set[int]]:
    """The ids of times taken back ("..., not 07:00"), the offsets of the times replacing them.

    The replacing time is read first in its role: it corrects an earlier statement of the
    same time ("from Monday 07:00 CET ... P.S. the start is Monday 08:00 CET, not 07:00").
    """
    dropped: set[int] = set()
    kept: set[int] = set()
    for a, b in zip(exprs, exprs[1:], strict=False):
        if _NOT_THAT.match(text[a.end:b.start]):
            dropped.add(id(b))
            kept.add(a.start)
    return dropped, kept
