"""Requests that say two things at once: corrections, alternatives, clashing values.

A user who corrects a figure in passing ("2.6 TB... sorry, 2.6 GB") means the second
one, so the first is dropped before extraction (`drop_corrections`). A user who gives
two values and does not choose ("10 GB or 10 TB, I'll check", "8 or maybe 64 H100s"),
two different budgets, LoRA and a full-parameter fine-tune at once, a calendar date
that does not exist ("31 February"), or every provider excluded, has said nothing we
can act on: the field is left unset and the question names both values
(`find_conflicts`). Each rule is a shape of text, not a sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from agents.intake.checks import Problem
from agents.intake.places import PROVIDERS
from agents.intake.text import Hit
from agents.intake.units import parse_number

_I = re.IGNORECASE
_NUMBER = r"[$€£]?\d[\d.,]*(?:\s\d{3})*(?![\d])"
#: "X... sorry, Y", "X - no wait, Y", "X, I mean Y", "X (correction: Y)"
_CORRECTION = re.compile(
    r"(?P<old>" + _NUMBER + r"\s*(?:[A-Za-z%€$£][\w%-]*(?:\s[A-Za-z][\w-]*)?)?)\s*"
    r"(?:\.{2,}|…|,|;|-|–|—|\(|\?|!)?\s*"
    r"(?:sorry|oops|no wait|wait|i mean|i meant|correction|make that|or rather|scratch that|"
    r"typo)\s*[,:!-]?\s*(?=[$€£]?\d)", _I)


def drop_corrections(text: str) -> str:
    """`text` with each value the user corrected in passing removed (the correction stays)."""
    return _CORRECTION.sub(" ", text)


# ---------------------------------------------------------------- alternatives
_BYTES = {"mb": 1e-3, "gb": 1.0, "tb": 1e3, "pb": 1e6, "gib": 1.073741824,
          "tib": 1099.511627776, "go": 1.0, "to": 1e3}
_HOURS = {"min": 1 / 60, "mins": 1 / 60, "minutes": 1 / 60, "h": 1.0, "hours": 1.0,
          "hour": 1.0, "days": 24.0, "day": 24.0, "weeks": 168.0, "week": 168.0}
_ALTERNATIVE = re.compile(
    r"(?<![\w.,])(?P<a>\d[\d.,]*)\s*(?P<ua>[A-Za-z]+\d*)?\s+(?:or|oder|ou|o|of)\s+"
    r"(?:maybe\s+|perhaps\s+|possibly\s+|even\s+|up to\s+)?(?P<b>\d[\d.,]*)\s*"
    r"(?P<ub>[A-Za-z][\w-]*)?", _I)
_UNSURE = re.compile(r"\bnot sure\b|\bunsure\b|\bundecided\b|\bdon'?t know\b|\bi'?ll check\b|"
                     r"\bto be (?:decided|confirmed)\b|\btbd\b|\bwhatever\b|\bdepend\w*\b|"
                     r"\beither\b|\bmaybe\b|\bperhaps\b|\bnot decided\b|\bstill deciding\b", _I)
#: how far apart two alternatives must be to matter without an "unsure" word
_RATIO = 4.0


def _field_of(unit: str, gpu_words: set[str]) -> tuple[str, float] | None:
    u = unit.lower()
    if u in _BYTES:
        return "dataset_gb", _BYTES[u]
    if u in _HOURS:
        return "duration_hours", _HOURS[u]
    if u.rstrip("s") in gpu_words or u in ("gpus", "gpu", "cards", "nodes", "chips"):
        return "gpu_count", 1.0
    return None


@dataclass
class Conflicts:
    """The fields a conflict leaves unset and the questions to ask."""

    unset: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)  # a later value the user chose


def _alternatives(text: str, gpu_words: set[str], out: Conflicts) -> None:
    for m in _ALTERNATIVE.finditer(text):
        unit_b = m.group("ub") or ""
        unit_a = m.group("ua") or unit_b
        what = _field_of(unit_b, gpu_words) if unit_b else None
        what_a = _field_of(unit_a, gpu_words) if unit_a else what
        if what is None or what_a is None or what_a[0] != what[0] or what[0] in out.unset:
            continue
        if what[0] == "dataset_gb" and re.search(
                r"\b(?:gpus?|cards?|vram|memory|hbm|accelerators?)\b",
                text[max(0, m.start() - 30):m.end() + 20], re.IGNORECASE):
            continue  # "a GPU with 16 or 80 GB": memory, not the dataset
        try:
            a = parse_number(m.group("a")) * what_a[1]
            b = parse_number(m.group("b")) * what[1]
        except ValueError:
            continue
        if a <= 0 or b <= 0 or a == b:
            continue
        after = re.split(r"[.;!?]\s", text[m.start():])[0]
        sentence = text[max(0, m.start() - 60):m.start()] + after
        if max(a, b) / min(a, b) < _RATIO and not _UNSURE.search(sentence):
            continue
        shown = f"{m.group('a')} {unit_a}".strip(), f"{m.group('b')} {unit_b}".strip()
        out.unset.add(what[0])
        out.problems.append(Problem(
            f"two values given for {what[0]}: {shown[0]!r} or {shown[1]!r}",
            f"Which is it: {shown[0]} or {shown[1]}?", what[0]))


# ---------------------------------------------------------------- clashing values
_CONTRAST = re.compile(r"\b(?:instead of|rather than|not|no|than|vs\.?|versus|compared|or|tried|"
                       r"last (?:time|week|month|year)|previously|used to|"
                       r"nicht|pas|sin|senza|sem|zamiast|statt|anstatt|plutôt que)\b", _I)


_CHANGED_MIND = re.compile(r"\b(?:actually|on second thought|make it|change (?:it|that) to|"
                           r"switch(?:ing)? to|instead)\b", _I)


def _method_clash(text: str, method_hits: list[Hit], out: Conflicts) -> None:
    values = {str(h.value) for h in method_hits}
    if "full" not in values or not values & {"lora", "qlora"}:
        return
    first, last = min(method_hits, key=lambda h: h.start), max(method_hits, key=lambda h: h.start)
    between = text[max(0, first.start - 25):last.end]
    if _CONTRAST.search(between):
        return  # "LoRA rather than a full fine-tune": a choice, not a clash
    if _CHANGED_MIND.search(text[first.end:last.start]):
        out.values["method"] = str(last.value)  # "LoRA ... but actually make it a full one"
        return
    out.unset.add("method")
    out.problems.append(Problem(
        "the method is both LoRA and a full-parameter fine-tune",
        "Which method: a LoRA adapter, or a full-parameter fine-tune?", "method"))


def _budget_clash(money_hits: list[Hit], out: Conflicts) -> None:
    values = sorted({round(float(str(h.value)), 2) for h in money_hits})
    if len(values) < 2 or values[0] <= 0 or values[-1] / values[0] <= 1.1:
        return  # one budget, perhaps written twice or in two currencies
    out.unset.add("budget_usd")
    shown = " or ".join(f"${v:,.0f}" for v in values[:3])
    out.problems.append(Problem(f"two different budgets: {shown}",
                                f"Which is the total budget: {shown}?", "budget_usd"))


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MONTH_RE
                        + r")\b|\b(?P<m2>" + _MONTH_RE + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|"
                        r"th)?\b(?![:.]\d)", _I)


_NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?:\d{4}|\d{2}))?"
                           r"(?![\d/:-]|\.\d)")


def _valid_day(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else
                                             calendar.monthrange(2023, month)[1])


def _impossible_dates(text: str, out: Conflicts) -> None:
    for m in _NUMERIC_DATE.finditer(text):  # "by 31/04": neither day/month nor month/day
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= 31 and b <= 31 and max(a, b) > 12 and not _valid_day(a, b) \
                and not _valid_day(b, a):
            out.problems.append(Problem(f"{m.group(0)!r} is not a date",
                                        f"Which date did you mean instead of {m.group(0)!r}?",
                                        "deadline"))
            out.unset |= {"deadline", "earliest_start"}
            return
    for m in _DAY_MONTH.finditer(text):
        day = int(m.group("d") or m.group("d2"))
        month = _MONTHS[(m.group("m") or m.group("m2")).lower()]
        longest = 29 if month == 2 else calendar.monthrange(2023, month)[1]
        if day > longest:
            out.problems.append(Problem(
                f"{m.group(0).strip()!r} is not a date: "
                f"{calendar.month_name[month]} has at most {longest} days",
                f"Which date did you mean instead of {m.group(0).strip()!r}?", "deadline"))
            out.unset |= {"deadline", "earliest_start"}
            return


_ALL_PROVIDERS = {pid for _, ids, _ in PROVIDERS for pid in ids}


def find_conflicts(text: str, *, method_hits: list[Hit], money_hits: list[Hit],
                   excluded_providers: list[str], gpu_words: set[str]) -> Conflicts:
    """Every clash in `text`: what to leave unset and what to ask.

    Args:
        text: the request as the extractors read it (names masked).
        method_hits: the method cues seen (`workload.find_method`).
        money_hits: the total budgets seen, in USD (`units.money`).
        excluded_providers: the provider ids the request excludes.
        gpu_words: lower-case accelerator names, so "8 or 64 H100s" reads as a count.
    """
    out = Conflicts()
    _alternatives(text, gpu_words, out)
    _method_clash(text, method_hits, out)
    _budget_clash(money_hits, out)
    _impossible_dates(text, out)
    if _ALL_PROVIDERS and _ALL_PROVIDERS <= set(excluded_providers):
        out.problems.append(Problem("every provider is excluded: nowhere is left to run",
                                    "Which provider may the job use?", "exclude_providers"))
    return out
