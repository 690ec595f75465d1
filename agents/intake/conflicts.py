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
from collections.abc import Sequence
from dataclasses import dataclass, field

from agents.intake.checks import Problem
from agents.intake.places import PROVIDERS
from agents.intake.text import Hit
from agents.intake.twice import (
    count_referred_back,
    two_carbon_caps,
    two_counts_unsure,
    two_run_lengths,
    two_types_unsure,
)
from agents.intake.undecided import (
    ambiguous_dates,
    deferred,
    placeholders,
    two_deadlines,
    two_precisions,
    unitless,
)
from agents.intake.units import parse_number

_I = re.IGNORECASE
_NUMBER = r"[$€£]?\d[\d.,]*(?:\s\d{3})*(?![\d])"
#: "X... sorry, Y", "X - no wait, Y", "X, I mean Y", "X (correction: Y)", "X? no - Y"
_CORRECTION = re.compile(
    r"(?P<old>" + _NUMBER + r"\s*(?:[A-Za-z%€$£][\w%-]*(?:\s[A-Za-z][\w-]*)?)?)\s*"
    r"(?:\.{2,}|…|,|;|-|–|—|\(|\?|!)?\s*"
    r"(?:sorry|oops|no wait|wait|i mean|i meant|correction|make that|or rather|scratch that|"
    r"(?<=[?!.…—–-])\s*no(?:pe)?|(?<=[?!.…—–-]\s)no(?:pe)?|"  # "1.5T tokens? no, 1.5B"
    r"typo|no(?=\s*[-–—:,]\s*[$€£]?\d)|actually(?!\s*[$€£]?\d[\d.,]*\s*(?:[A-Za-z][\w-]*)?\s*\?))\s*[,:!-]?\s*(?=[$€£]?\d)",
    _I)


def drop_corrections(text: str) -> str:
    """`text` with each value the user corrected in passing removed (the correction stays)."""
    return _CORRECTION.sub(" ", text)


# ---------------------------------------------------------------- alternatives
_BYTES = {"mb": 1e-3, "gb": 1.0, "tb": 1e3, "pb": 1e6, "gib": 1.073741824,
          "tib": 1099.511627776, "go": 1.0, "to": 1e3}
_HOURS = {"min": 1 / 60, "mins": 1 / 60, "minutes": 1 / 60, "h": 1.0, "hours": 1.0,
          "hour": 1.0, "days": 24.0, "day": 24.0, "weeks": 168.0, "week": 168.0}
_ALTERNATIVE = re.compile(
    r"(?<![\w.,])(?P<a>\d[\d.,]*)\s*(?P<ua>[A-Za-z]+\d*)?\s*,?\s+(?:or|oder|ou|o|of)\s+"
    r"(?:maybe\s+|perhaps\s+|possibly\s+|even\s+|up to\s+)?(?P<b>\d[\d.,]*)\s*"
    r"(?P<ub>[A-Za-z][\w-]*)?", _I)
_UNSURE = re.compile(r"\bnot sure\b|\bunsure\b|\bundecided\b|\bdon'?t know\b|\bi'?ll check\b|"
                     r"\bto be (?:decided|confirmed)\b|\btbd\b|\bwhatever\b|\bdepend\w*\b|"
                     r"\beither\b|\bmaybe\b|\bperhaps\b|\bnot decided\b|\bstill deciding\b", _I)
#: "8 GPUs... actually 4 GPUs?", "40 GB, maybe 4 TB?": a second value the user questions
_QUESTIONED = re.compile(
    r"(?<![\w.,])(?P<a>\d[\d.,]*)\s*(?P<ua>[A-Za-z][\w-]*)?\s*(?:\.{2,}|…|,|;|-|–|—)?\s*"
    r"(?:actually|or|maybe|perhaps|possibly|or maybe|or perhaps)\s+"
    r"(?P<b>\d[\d.,]*)\s*(?P<ub>[A-Za-z][\w-]*)?\s*\?", _I)
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
    matches = [(m, True) for m in _QUESTIONED.finditer(text)]
    matches += [(m, False) for m in _ALTERNATIVE.finditer(text)]
    for m, questioned in matches:
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
        if not questioned and max(a, b) / min(a, b) < _RATIO and not _UNSURE.search(sentence):
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


#: a budget said as a wish, not a limit: "ideally under $300", "$300 would be nice"
_SOFT_BEFORE = re.compile(r"\b(?:ideally|preferably|hopefully|if possible|aim(?:ing)? for|"
                          r"target(?:ing)?|would like|nicer?|better)\b[^.;!?$€]{0,15}$", _I)
_SOFT_AFTER = re.compile(r"^[\s,]*(?:would be (?:nice|great|ideal|better)|ideally|if possible|"
                         r"preferably|as a target)\b(?![^.;!?]{0,12}[$€\d])", _I)


def _budget_clash(money_hits: list[Hit], out: Conflicts, text: str = "") -> None:
    values = sorted({round(float(str(h.value)), 2) for h in money_hits})
    if len(values) < 2 or values[0] <= 0 or values[-1] / values[0] <= 1.1:
        return  # one budget, perhaps written twice or in two currencies
    hard = [h for h in money_hits if not (_SOFT_BEFORE.search(text[max(0, h.start - 40):h.start])
                                          or _SOFT_AFTER.search(text[h.end:h.end + 40]))]
    if text and len({round(float(str(h.value)), 2) for h in hard}) == 1 and len(hard) < len(
            money_hits):
        out.values["budget_usd"] = float(str(hard[0].value))  # the limit; the wish is not one
        return
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


#: what follows a decimal number, not a date: "0.25 t", "2.30 kg", "1.15 TB", "3.30x"
_UNIT_AFTER = re.compile(r"\s*(?:t|kg|g|tonnes?|tons?|[kmgtp]i?b|[kmgtp]bytes?|k|m|bn?|tokens?|"
                         r"h|hrs?|hours?|days?|weeks?|mins?|minutes?|x|%|[km]?wh?|usd|eur|"
                         r"dollars?|euros?|gpus?|nodes?|[tp]flops?|co2e?|params?|parameters?)"
                         r"(?![a-z])", _I)
_ISO_DATE = re.compile(r"(?<![\d-])(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
#: a clock time after a time word or before a zone / am-pm: "at 25:00 UTC", "by 24:30"
_CLOCK = re.compile(
    r"(?:\b(?:at|by|from|until|till|to|before|after|between|and|start(?:ing)?|deadline|"
    r"um|à|a las|alle|om|kl\.?|o)\s+)(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])|"
    r"(?<![\d:.])(?P<h2>\d{1,2}):(?P<m2>\d{2})(?![\d:])(?=\s*(?:am|pm|utc|gmt|[A-Z]{2,4}\b|"
    r"h\b|tonight|today|tomorrow))", _I)


def _impossible_clock(text: str, out: Conflicts) -> bool:
    for m in _CLOCK.finditer(text):
        hour, minute = int(m.group("h") or m.group("h2")), int(m.group("m") or m.group("m2"))
        if hour > 24 or minute > 59 or (hour == 24 and minute > 0):
            shown = f"{hour:02d}:{minute:02d}"
            out.problems.append(Problem(f"{shown!r} is not a clock time",
                                        f"Which time did you mean instead of {shown!r}?",
                                        "earliest_start"))
            out.unset |= {"deadline", "earliest_start"}
            return True
    return False


def _impossible_dates(text: str, out: Conflicts) -> None:
    if _impossible_clock(text, out):
        return
    for m in _ISO_DATE.finditer(text):  # "2023-04-31", "2023-13-02"
        year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        longest = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if not 1 <= day <= longest:
            why = (f"{calendar.month_name[month]} {year} has {longest} days" if longest
                   else f"there is no month {month}")
            out.problems.append(Problem(f"{m.group(0)!r} is not a date: {why}",
                                        f"Which date did you mean instead of {m.group(0)!r}?",
                                        "deadline"))
            out.unset |= {"deadline", "earliest_start"}
            return
    for m in _NUMERIC_DATE.finditer(text):  # "by 31/04": neither day/month nor month/day
        a, b = int(m.group("a")), int(m.group("b"))
        if "." in m.group(0) and m.group(0).count(".") == 1 and (
                a == 0 or _UNIT_AFTER.match(text, m.end())):
            continue  # a decimal number with its unit ("0.25 t CO2e"), not a day and month
        if 0 < a <= 31 and 0 < b <= 31 and max(a, b) > 12 and not _valid_day(a, b) \
                and not _valid_day(b, a):
            out.problems.append(Problem(f"{m.group(0)!r} is not a date",
                                        f"Which date did you mean instead of {m.group(0)!r}?",
                                        "deadline"))
            out.unset |= {"deadline", "earliest_start"}
            return
    for m in _DAY_MONTH.finditer(text):
        day = int(m.group("d") or m.group("d2"))
        month = _MONTHS[(m.group("m") or m.group("m2")).lower()]
        stated = _YEAR_AFTER.match(text, m.end())
        stated_year = stated.group(1) if stated else ""
        # "29 February 2023": February of a stated year has its own length
        longest = (calendar.monthrange(int(stated_year), month)[1] if stated_year else
                   29 if month == 2 else calendar.monthrange(2023, month)[1])
        if day > longest:
            shown = f"{m.group(0).strip()} {stated_year}".strip()
            named = f"{calendar.month_name[month]} {stated_year}".strip()
            out.problems.append(Problem(
                f"{shown!r} is not a date: {named} has at most {longest} days",
                f"Which date did you mean instead of {shown!r}?", "deadline"))
            out.unset |= {"deadline", "earliest_start"}
            return


#: a deadline said to be in the past in words: "deadline: last Friday", "was due 3 days ago"
_PAST_DEADLINE = re.compile(
    r"(?:\b(?:deadline|due)\s*(?:was\s+|is\s+|:\s*|on\s+)*|\b(?:needed|wanted|required|done|"
    r"finished|ready|delivered)\s+by\s+)(?:last\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week|month|year|night)|(?:\d+|a|one|two|three|a few|several)\s+(?:days?|weeks?|months?|"
    r"hours?)\s+ago|the day before yesterday)\b", _I)


def _past_deadline(text: str, out: Conflicts) -> None:
    if "deadline" in out.unset or (m := _PAST_DEADLINE.search(text)) is None:
        return
    out.unset.add("deadline")
    out.problems.append(Problem(f"the deadline ({m.group(0).strip()!r}) is in the past",
                                f"The request says {m.group(0).strip()!r}, which has passed: "
                                "what is the new deadline?", "deadline"))


_YEAR_AFTER = re.compile(r",?\s*((?:19|20)\d{2})\b(?![:.]\d)")
_ALL_PROVIDERS = {pid for _, ids, _ in PROVIDERS for pid in ids}


def find_conflicts(text: str, *, method_hits: list[Hit], money_hits: list[Hit],
                   excluded_providers: list[str], gpu_words: set[str], raw: str = "",
                   deadline_hits: Sequence[Hit] = (), precision_hits: Sequence[Hit] = (),
                   co2_hits: Sequence[Hit] = (), duration_hits: Sequence[Hit] = (),
                   count_hits: Sequence[Hit] = (), type_hits: Sequence[Hit] = ()) -> Conflicts:
    """Every clash in `text`: what to leave unset and what to ask.

    Args:
        text: the request as the extractors read it (names masked).
        method_hits: the method cues seen (`workload.find_method`).
        money_hits: the total budgets seen, in USD (`units.money`).
        excluded_providers: the provider ids the request excludes.
        gpu_words: lower-case accelerator names, so "8 or 64 H100s" reads as a count.
        raw: the request before names were masked (for placeholders: "model TBD").
        deadline_hits: every deadline read (two different ones are asked about).
        precision_hits: every precision cue read (`workload.find_precision`).
        co2_hits: the carbon caps read (each of these three: a value stated twice with
            different values is asked about, `twice`).
        duration_hits: the run lengths read.
        count_hits: the GPU counts read.
        type_hits: the accelerator types read.
    """
    out = Conflicts()
    _alternatives(text, gpu_words, out)
    _method_clash(text, method_hits, out)
    _budget_clash(money_hits, out, text)
    _impossible_dates(text, out)
    _past_deadline(text, out)
    if "deadline" not in out.unset and (twice := two_deadlines(text, deadline_hits)):
        out.unset.add("deadline")
        out.problems += twice
    if twice := two_precisions(text, precision_hits):
        out.unset.add("precision")
        out.problems += twice
    for name, asked in (("max_co2_kg", two_carbon_caps(text, co2_hits)),
                        ("duration_hours", two_run_lengths(text, duration_hits)),
                        ("gpu_count", two_counts_unsure(text, count_hits)
                         or count_referred_back(text, count_hits)),
                        ("gpu_type", two_types_unsure(text, type_hits))):
        if asked and name not in out.unset:
            out.unset.add(name)
            out.problems += asked
    for unset, asked in (placeholders(raw), deferred(raw), unitless(raw),
                         ambiguous_dates(raw)):
        out.problems += [q for q in asked if q.field not in out.unset]
        out.unset |= unset
    if _ALL_PROVIDERS and _ALL_PROVIDERS <= set(excluded_providers):
        out.problems.append(Problem("every provider is excluded: nowhere is left to run",
                                    "Which provider may the job use?", "exclude_providers"))
    return out
