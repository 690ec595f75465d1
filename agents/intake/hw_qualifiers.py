"""What the words around an accelerator count or type say about it.

`find_hardware` reads each accelerator name and the count next to it. The sentence can
still change what those mean, in ways any writer uses:

- an upper bound is no count: "max 2 of them", "up to 4 GPUs", "no more than 8 cards";
  nor is a range: "8-16 GPUs", "4 to 8 A100s";
- a count per run of a sweep is no total: "each run takes 30 min on one A10";
- a changed mind keeps the last value: "4x H100 ... actually make that 8 H100s";
- two counts that disagree are asked about: "8 GPUs total, i.e. 2 nodes with 8 each",
  "on a single GPU - 8x A100", "on exactly one GPU ... split across 4 GPUs";
- two types offered as alternatives are no type: "L4 or T4", "T4s or V100s, whichever";
- a count stated apart from the name: "V100s with 40 GB each, 4 of them", `"gpus": 2`.
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem
from agents.intake.hardware import HardwareHits
from agents.intake.layouts import keyed_total
from agents.intake.text import Hit
from agents.intake.twice import two_types_unsure
from agents.intake.units import QTY, parse_number

_I = re.IGNORECASE
_BOUND = re.compile(rf"\b(?:max(?:imum)?|at most|up to|no more than|not more than|a maximum of|"
                    rf"at the most|<=?|≤)\s*(?:of\s+)?(?P<n>{QTY})\s+(?:of\s+(?:them|those|"
                    rf"these)\b|(?:\w+\s+)?(?:gpus?|cards?|accelerators?|chips?|devices)\b|"
                    rf"(?-i:[A-Z]{{1,3}}\d{{1,4}}))|(?P<m>{QTY})\s+(?:gpus?|cards?|"
                    rf"accelerators?|chips?)?\s*(?:at most|max(?:imum)?|tops)\b", _I)
#: "8-16 GPUs", "4 to 8 A100s": a range states no one count (its ends are bounds)
_RANGE = re.compile(r"(?<![\w.,-])(?P<lo>\d{1,4})\s*(?:-|to)\s*(?P<n>\d{1,4})\s*(?:x\s*)?"
                    r"(?:gpus?\b|cards?\b|accelerators?\b|chips\b|(?-i:[A-Z]{1,3}\d{1,4}))", _I)
_PER_RUN = re.compile(r"\b(?:each|every|per|a single)\s+(?:run|trial|config(?:uration)?|job|"
                      r"experiment|sweep point|seed)\b", _I)
_CHANGED = re.compile(r"\b(?:actually|on second thought|make (?:it|that)|change (?:it|that) to|"
                      r"scratch that|correction|i meant|no wait|rather)\b|\?\s*no\b", _I)
_UNSURE = re.compile(r"\b(?:not sure|unsure|maybe|perhaps|undecided)\b", _I)
_TOTAL = re.compile(rf"\b(?P<n>{QTY})\s+(?:gpus?|cards?|accelerators?)\s+(?:in\s+)?total\b|"
                    rf"\btotal\s+of\s+(?P<m>{QTY})\s+(?:gpus?|cards?|accelerators?)\b", _I)
_SINGLE = re.compile(r"\b(?:on\s+)?(?:a\s+)?single\s+(?:gpu|card|accelerator|device)\b|"
                     r"\bon\s+(?:one|1)\s+gpu\b", _I)
#: "on exactly one GPU": insisted on, so any larger count beside it contradicts it
_EXACTLY_ONE = re.compile(r"\b(?:exactly|only|just)\s+(?:one|1|a\s+single)\s+(?:gpu|card|"
                          r"accelerator)\b", _I)
_OR_BETWEEN = re.compile(r"^s?\s*(?:,\s*)?(?:or|/|oder|ou|o|atau|au)\s+(?:an?\s+)?$", _I)
_OF_THEM = re.compile(rf"\b(?P<n>{QTY})\s+of\s+(?:them|those)\b", _I)
_SENTENCE = re.compile(r"[.;!\n]")


def _int(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value >= 1 and value == int(value) else None


def _clause(text: str, at: int) -> str:
    """The sentence around position `at`."""
    start = max((m.end() for m in _SENTENCE.finditer(text, 0, at)), default=0)
    end = _SENTENCE.search(text, at)
    return text[start:end.start() if end else len(text)]


def _per_run(text: str, at: int) -> bool:
    """"Each run takes 30 min on one A10": the sentence opens with the run it is about."""
    start = max((m.end() for m in _SENTENCE.finditer(text, 0, at)), default=0)
    return bool(_PER_RUN.search(text[start:at]))


def _bounds(text: str) -> set[int]:
    ends = {n for m in _RANGE.finditer(text) for n in (_int(m.group("lo")), _int(m.group("n")))
            if n is not None and int(m.group("lo")) < int(m.group("n"))}
    return ends | {n for m in _BOUND.finditer(text)
                   if (n := _int(m.group("n") or m.group("m"))) is not None}


def _asked(what: str, values: list[int]) -> Problem:
    shown = " or ".join(str(v) for v in values)
    return Problem(f"{what}: {shown}", f"How many GPUs should the job use: {shown}?",
                   "gpu_count")


def qualify_hardware(text: str, hw: HardwareHits) -> tuple[HardwareHits, list[Problem]]:
    """`hw` as the sentence means it, and the questions two disagreeing counts raise."""
    problems: list[Problem] = []
    bounds = _bounds(text)
    hw.counts = [h for h in hw.counts if int(str(h.value)) not in bounds
                 and not _per_run(text, h.start)]
    if len(hw.types) >= 2:
        first, second = hw.types[0], hw.types[1]
        if (first.value != second.value and _OR_BETWEEN.match(text[first.end:second.start])
                and not two_types_unsure(text, hw.types)):
            hw.types = []  # "L4 or T4": either will do (unless the user does not know which)
        elif first.value != second.value and _CHANGED.search(text[first.end:second.start]):
            hw.types = [h for h in hw.types if h.start >= second.start]
    values = list(dict.fromkeys(int(str(h.value)) for h in hw.counts))
    if len(values) >= 2 and _CHANGED.search(text[hw.counts[0].end:hw.counts[-1].start]) and (
            not _UNSURE.search(text[hw.counts[-1].start:])):
        hw.counts = [hw.counts[-1]]  # "4x H100 ... actually make that 8 H100s"
    if not hw.counts and hw.types:
        m = _OF_THEM.search(_clause(text[hw.types[0].end:], 0))
        n = _int(m.group("n")) if m else None
        if n and n not in bounds:
            hw.counts = [Hit(n, hw.types[0].start, hw.types[0].end, m.group(0) if m else "")]
    if not hw.counts:
        if keyed := keyed_total(text):  # `"gpus": 2`, `--num_processes 8`
            hw.counts = [keyed]
    if hw.counts:
        count = int(str(hw.counts[0].value))
        totals = {n for m in _TOTAL.finditer(text)
                  if (n := _int(m.group("n") or m.group("m"))) is not None}
        if totals and count not in totals:
            problems.append(_asked("the stated total and the per-node counts disagree",
                                   sorted(totals | {count})))
            hw.counts = []
        elif count > 1 and _SINGLE.search(text):
            problems.append(_asked("a single GPU and a count of several", [1, count]))
            hw.counts = []
        elif _EXACTLY_ONE.search(text) and (more := [int(str(h.value)) for h in hw.counts
                                                     if int(str(h.value)) > 1]):
            problems.append(_asked("exactly one GPU and a count of several", [1, more[0]]))
            hw.counts = []
    return hw, problems
