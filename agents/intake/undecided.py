"""Fields a request states twice, or names without a value: the user has not decided.

Three shapes, each left unset and asked about with both values named:
- two different deadlines ("deadline 3 March ... hard deadline 10 March"): the earlier
  may be a wish and the later the real limit, or the reverse; a window's two ends, or
  one deadline written twice (in two zones), are not this;
- two precisions for one job ("serve it in fp16 and in int4"), unless the text converts
  one into the other ("quantise the bf16 weights to int4") or sets them for different
  parts (weights, KV cache, training vs serving);
- a placeholder for a value ("model TBD", "dataset: to be decided", "budget not yet
  fixed"): the field is named but has no value, so nothing may be guessed for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from agents.intake.checks import Problem
from agents.intake.text import Hit

_I = re.IGNORECASE
#: deadlines within this many seconds are one deadline written twice
_SAME_S = 60


def _fmt(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if isinstance(value, datetime) else str(value)


#: what introduces a deadline itself (not an event on that day: "our demo is Friday")
_DEADLINE_WORD = re.compile(
    r"\b(?:deadline|due|by|before|until|till|untill|no later than|at the latest|latest|"
    r"finish\w*|done|complete\w*|deliver\w*|ready|live|bis|avant|antes|entro|voor|przed)\b"
    r"[^.;!?]{0,25}$", _I)


#: the user says they do not know which of two dates holds ("so I'm not sure which")
_WHICH_DATE = re.compile(r"\bnot sure (?:which|what|whether)\b|\bunsure (?:which|whether)\b|"
                         r"\bdon'?t know (?:which|whether)\b|\bor was it\b|"
                         r"\bwhich (?:one|date|deadline) (?:is|holds|applies)\b|"
                         r"\b(?:someone|the \w+) (?:just )?(?:told|said to|asked) me\b", _I)


def two_deadlines(text: str, deadline_hits: Sequence[Hit]) -> list[Problem]:
    """Two dated deadline phrases, each said as one, that resolve over a minute apart.

    A second dated deadline needs no deadline word of its own when the user says they do
    not know which holds ("Deadline 12 May - the PM told me 9 May, not sure which").
    """
    unsure = bool(_WHICH_DATE.search(text))
    values: list[datetime] = []
    for h in deadline_hits:
        if h.cue.endswith(":bare") or not (unsure and values) and not _DEADLINE_WORD.search(
                text[max(0, h.start - 40):h.start]):
            continue  # "(17:00 UTC)" restating a dated deadline, or a day an event is on
        v = h.value
        if isinstance(v, datetime) and all(abs((v - w).total_seconds()) > _SAME_S
                                           for w in values):
            values.append(v)
    if len(values) < 2:
        return []
    shown = " or ".join(_fmt(v) for v in sorted(values)[:3])
    return [Problem(f"two different deadlines: {shown}",
                    f"Which is the deadline: {shown}?", "deadline")]


#: words that make one precision the other's source or target (a conversion)
_CONVERSION = (r"\b(?:to|into|from|quanti[sz]\w*|convert\w*|cast\w*|export\w*)\b|->|→|=>")
#: words that make two precisions a choice, a split by part, or a past experience
_PRECISION_ROLES = re.compile(
    _CONVERSION + r"|\b(?:instead|rather|not|no|than|"
    r"vs\.?|versus|then|after|before|train\w*|weights?|activations?|kv|cache|optimi[sz]er|gradients?|master|mixed|"
    r"compare\w*|comparison|both|each|baseline|ablation|sweep|"
    r"saw|seen|had|got|hit|instabilit\w*|unstable|diverg\w*|nans?|overflow\w*|underflow\w*|"
    r"issues?|problems?|last time|previously|earlier|used to)\b", _I)
#: one precision said to hold for the whole job: another one beside it is a clash even when
#: it names a part ("serve it in fp16, and make sure the weights are int8 throughout")
_THROUGHOUT = re.compile(r"\b(?:throughout|everywhere|end[- ]to[- ]end|all the way|across the "
                         r"board|for everything|entirely|exclusively)\b", _I)


def two_precisions(text: str, precision_hits: Sequence[Hit]) -> list[Problem]:
    """Two different precisions with nothing saying how they relate."""
    values = list(dict.fromkeys(str(h.value) for h in precision_hits))
    if len(values) < 2:
        return []
    first = min(precision_hits, key=lambda h: h.start)
    last = max(precision_hits, key=lambda h: h.start)
    window = text[max(0, first.start - 30):last.end + 20]
    whole = _THROUGHOUT.search(window) and not re.search(_CONVERSION,
                                                         _THROUGHOUT.sub(" ", window), _I)
    if not whole and _PRECISION_ROLES.search(window):
        return []
    shown = " or ".join(values[:3])
    return [Problem(f"two precisions for one job: {shown}",
                    f"Which precision should the job use: {shown}?", "precision")]


#: field word -> scored field
_FIELD_WORDS = {"model": "model", "base model": "model", "checkpoint": "model",
                "dataset": "dataset_gb", "data": "dataset_gb", "data size": "dataset_gb",
                "dataset size": "dataset_gb", "gpu count": "gpu_count",
                "number of gpus": "gpu_count", "start date": "earliest_start",
                "start time": "earliest_start", "end date": "deadline", "due date": "deadline",
                "gpu": "gpu_type", "gpus": "gpu_type", "gpu type": "gpu_type",
                "hardware": "gpu_type", "accelerator": "gpu_type",
                "budget": "budget_usd", "deadline": "deadline", "region": "regions"}
_PLACEHOLDER = re.compile(
    r"\b(?P<f>" + "|".join(sorted(map(re.escape, _FIELD_WORDS), key=len, reverse=True))
    + r")\s*(?:is\s+|are\s+|:\s*|=\s*|-\s*)?(?:still\s+|yet\s+|currently\s+)?"
    r"(?:tbd|tbc|tba|to be (?:decided|confirmed|determined|defined|announced|chosen)|"
    r"undecided|not (?:yet )?(?:decided|chosen|fixed|known|settled)|unknown|\?{2,})"
    r"(?![\w-])", _I)


def placeholders(raw: str) -> tuple[set[str], list[Problem]]:
    """Fields named with a placeholder instead of a value: (fields to unset, problems)."""
    unset: set[str] = set()
    out: list[Problem] = []
    for m in _PLACEHOLDER.finditer(raw):
        name = _FIELD_WORDS[m.group("f").lower()]
        if name in unset:
            continue
        unset.add(name)
        out.append(Problem(f"the {m.group('f').lower()} is still to be decided "
                           f"({m.group(0).strip()!r})",
                           f"Which {m.group('f').lower()} should the job use? The request says "
                           f"{m.group(0).strip()!r}.", name))
    return unset, out


#: a promise to give a value later: "I'll tell you later which country", "I'll check with
#: finance", "will confirm the deadline tomorrow", "to be shared later"
_LATER = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|will|let me|i'?m going to|we'?re going to|i need to|"
    r"we need to|have to)\s+(?:(?:tell|let)\s+you\s+(?:know\s+)?(?:later|tomorrow|soon|next\s+"
    r"\w+|once|when|after)|(?:tell|let)\s+you\s+(?:know\s+)?(?:later|tomorrow|soon)?\s*(?:which|"
    r"what|where|how much|how many|when)\b|(?:check|confirm|double-check|verify|ask|find out|"
    r"get back to you)\b(?:\s+(?:with|on|about)\s+[\w-]+)?|send\s+(?:you\s+)?(?:it|that|the\s+"
    r"\w+)\s+later)|\b(?:to be|will be|gets?)\s+(?:confirmed|shared|provided|sent|decided|"
    r"given)\s+(?:later|tomorrow|soon)\b|\bpending\s+(?:approval|confirmation|sign-?off)\b", _I)
#: words that name the field a promise is about, first match in the sentence wins
_LATER_FIELDS = [
    ("regions", r"countr\w*|regions?|locations?|zones?|jurisdictions?|data cent(?:er|re)s?"),
    ("budget_usd", r"budget|money|spend|funds?|finance"),
    ("deadline", r"deadline|due date"),
    ("gpu_count", r"how many|gpu count|number of gpus"),
    ("gpu_type", r"gpu type|which gpus?|accelerator|hardware"),
    ("model", r"model|checkpoint"),
    ("dataset_gb", r"dataset|data size|how much data"),
]


def deferred(raw: str) -> tuple[set[str], list[Problem]]:
    """Fields the user promises to give later: (fields to unset, problems).

    A value said to follow later ("I'll tell you later which country", "budget is 500,
    I'll check with finance") is not decided, so nothing the text states for that field
    may be acted on. Only a promise that names a field (after it, or just before it in its
    clause) counts: "I'll check the results" names none, and "EU region; I'll check the
    loss tomorrow" is about the loss.
    """
    unset: set[str] = set()
    out: list[Problem] = []
    for sent in re.split(r"(?<=[.!?])\s+|\n+", raw):
        m = _LATER.search(sent)
        if m is None:
            continue
        # the field the promise is about: named after it ("I'll tell you later which
        # country"), just before it in the same clause ("budget: I'll check"), or anywhere
        # in the sentence when it points back ("... country; I'll tell you which one")
        about = sent if re.search(r"\b(?:which|what)\b", m.group(0), _I) else (
            sent[m.start():] + " " + re.split(r"[;,]", sent[max(0, m.start() - 30):
                                                           m.start()])[-1])
        for name, words in _LATER_FIELDS:
            if name not in unset and re.search(r"\b(?:" + words + r")\b", about, _I):
                unset.add(name)
                label = name.removesuffix("_usd").removesuffix("_gb").replace("_", " ")
                out.append(Problem(f"the {label} is still to come ({m.group(0).strip()!r})",
                                   f"Which {label} should the job use? The request says "
                                   f"{m.group(0).strip()!r}.", name))
                break
    return unset, out


#: a data size given as a bare number: "dataset is 40", "corpus: 12," (no GB, TB, rows)
_BARE_DATA = re.compile(
    r"\b(?:dataset|data\s*set|data|corpus|training\s+data)(?:\s+size)?\s*(?:is|=|:|of|was)?\s*"
    r"(?:about|around|roughly|approx\.?|~)?\s*(?!(?:19|20)\d\d\b)(?P<n>\d+(?:[.,]\d+)*)(?![.,]?\d)"
    r"(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:and|with|in|on|for|but|only|please)\b)", _I)
#: an amount in a unit with no defined size: "100 units of compute", "50 compute credits"
_VAGUE_UNIT = re.compile(r"\b(?P<n>\d[\d.,]*)\s+(?:compute\s+units|units\s+of\s+(?:compute|gpu|"
                         r"processing|capacity|power|work)|compute\s+credits)\b", _I)


def unitless(raw: str) -> tuple[set[str], list[Problem]]:
    """Amounts a job is sized by, given with no unit or one of no defined size.

    "The dataset is 40" could be 40 MB or 40 TB, and "100 units of compute" names no
    GPU-hours: nothing may be guessed, so the field is asked about (the number is not
    read as a size or as compute).
    """
    unset: set[str] = set()
    out: list[Problem] = []
    if (m := _BARE_DATA.search(raw)) is not None:
        unset.add("dataset_gb")
        out.append(Problem(f"the data size {m.group('n')} has no unit",
                           f"How large is the dataset: {m.group('n')} GB, TB, or something "
                           "else?", "dataset_gb"))
    if (m := _VAGUE_UNIT.search(raw)) is not None:
        unset.add("gpu_hours")
        out.append(Problem(f"{m.group(0)!r} has no defined size",
                           f"How much compute is {m.group(0)!r}: how many GPU-hours, or which "
                           "GPUs for how long?", "gpu_hours"))
    return unset, out


#: a numeric day/month both of whose parts could be the month: "04/05", "3/6/2023"
_SLASH_DATE = re.compile(
    r"\b(?P<cue>deadline|due|by|before|until|till|no later than|on|from|start\w*|after|"
    r"begin\w*|kick\s*off|launch)\s*(?::|is|=)?\s*(?:the\s+)?"
    r"(?P<d>(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?:\d{4}|\d{2}))?)(?![\d/])"
    r"(?!\s*(?:of|th|rd|nd|st)\b)", _I)
_START_CUES = ("on", "from", "start", "after", "begin", "kick", "launch")


def ambiguous_dates(raw: str) -> tuple[set[str], list[Problem]]:
    """Numeric dates that read as two days: "deadline 04/05" is 4 May or 5 April.

    Only a date whose two parts are both 1-12 and differ is ambiguous ("13/05" and
    "05/05" are not); the deadline or start it gives is asked about, never guessed.
    """
    unset: set[str] = set()
    out: list[Problem] = []
    for m in _SLASH_DATE.finditer(raw):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (1 <= a <= 12 and 1 <= b <= 12) or a == b:
            continue
        name = "earliest_start" if m.group("cue").lower().startswith(_START_CUES) \
            else "deadline"
        if name in unset:
            continue
        unset.add(name)
        months = ("January February March April May June July August September October "
                  "November December").split()
        both = f"{a} {months[b - 1]} or {b} {months[a - 1]}"
        out.append(Problem(f"ambiguous date {m.group('d')} ({both})",
                           f"Is {m.group('d')} {both}?", name))
    return unset, out
