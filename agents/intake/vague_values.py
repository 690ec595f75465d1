"""Values a request gives too loosely to act on: asked about, naming the field and readings.

- A limit with no unit where the unit decides its size: "carbon cap 50" (50 g, kg or t?),
  "deadline in 3" (hours, days, weeks?), "runtime 12" (minutes or hours?). A budget with
  no currency is not this: the labelling rules read it as USD.
- Hedged alternatives: "4 A100s ..., or maybe 8" (the second number borrows the first's
  unit), "2 or 3 A100s": the count, size or run length is not decided, so it is unset and
  both values are named; the same for a precision or a method ("fp16 or bf16", "LoRA or
  a full fine-tune"). A choice the user then settles ("one or two GPUs, let's say two"),
  leaves to the planner ("whichever is fine") or negates ("no LoRA or QLoRA") is not asked.
- A job without its object: "fine-tune it", "evaluate that model" with no model named or
  sized anywhere; a batch job over input data ("transcribe the audio by Monday") with no
  amount of it, no compute and no budget: nothing says what or how much to run.
Each shape is a structure of the text (a field word, a number, what follows it).
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem
from agents.intake.schema import ParsedRequest

_I = re.IGNORECASE
_NUM = r"(?!(?:19|20)\d\d\b)(?P<n>\d+(?:[.,]\d+)?)"
#: the end of a value: punctuation, the text's end, or a word that starts the next phrase
_END = (r"(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:and|with|please|pls|plz|if|or(?!\s+so\b)|but|max|"
        r"tops|on|using)\b)")  # "train it for 10 on 4 V100s": the 10 has no unit (s12)

_CARBON = re.compile(
    r"\b(?:carbon|co2e?|emissions?|footprint)\s*(?:cap|limit|budget|ceiling|max(?:imum)?|"
    r"target|allowance)?\s*(?:of|at|is|=|:|to|under|below|at most|<=?|≤|no more than|max|"
    r"maximum|up to|within|capped at|limited to)?\s*(?:about|around|~)?\s*" + _NUM + _END, _I)
#: "max 40 CO2", "under 12 of carbon": the number before the word, still with no unit
_CARBON_AFTER = re.compile(
    r"\b(?:under|below|max(?:imum)?|at most|no more than|capped at|cap of|limit of|up to|<=?|≤)"
    r"\s*" + _NUM + r"\s+(?:of\s+)?(?:co2e?|carbon|emissions)\b(?!\s*(?:intensity|per)\b)", _I)
_DEADLINE = re.compile(
    r"\b(?:(?:deadline|due|finish(?:ed)?|done|ready|complete[d]?|deliver(?:ed)?|results)\s+"
    r"(?:is\s+|of\s+|by\s+)?(?:in|within)\s+(?:the\s+next\s+)?|deadline\s*(?::|=|is|of)?\s*"
    r"(?:in\s+)?)" + _NUM + _END, _I)
_RUNTIME = re.compile(
    r"\b(?:run\s*time|wall[- ]?(?:clock[- ]?)?time|duration|run\s+length|for)\s*(?::|=|is|of|"
    r"~)?\s*(?:about\s+|around\s+|roughly\s+|~)?" + _NUM + _END, _I)

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16}
_N = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_WORDS) + r")"
#: what a count, a size or a run length is counted in
_UNITS = {"gpu_count": r"(?:x\s*)?(?:[A-Z]\d{2,3}[A-Z]?\w*|L4|T4|L40S?|A10G?|MI300X|gpus?|cards?|"
                       r"accelerators?|nodes?|chips?|devices?)",
          "dataset_gb": r"(?:[kmgtp]i?b|gigs?|terabytes?|gigabytes?|megabytes?)",
          "duration_hours": r"(?:h|hrs?|hours?|days?|weeks?|min(?:ute)?s?)"}
_HEDGE = r"(?:maybe\s+|perhaps\s+|possibly\s+|even\s+|probably\s+)?"
#: "4 A100s for our eval, or maybe 8", "8 GPUs, perhaps 16": the second value has no unit
_BORROWED = re.compile(r"(?<![\w.,])(?P<a>" + _N + r")\s*(?P<u>{u})\b[^.;!?\d]{{0,40}}?"
                       r"(?:,?\s+or\s+" + _HEDGE + r"|,\s*(?:maybe|perhaps|possibly|probably)\s+)"
                       r"(?P<b>" + _N + r")(?!\s*(?:[\w%$€£]|[.,]\d))")
#: "2 or 3 A100s", "either 2 or 3 days"
_PAIR = re.compile(r"(?<![\w.,])(?P<a>" + _N + r")\s*,?\s+or\s+" + _HEDGE + r"(?P<b>" + _N
                   + r")\s*(?P<u>{u})\b")
#: the user settles the choice: "let's say two", "go with 4", "make it 8"
_SETTLED = re.compile(r"\b(?:let'?s\s+(?:say|go\s+with|do|use|take)|go\s+with|make\s+it|we'?ll\s+"
                      r"(?:take|use|go\s+with)|settle\s+(?:on|for)|i'?d\s+say|ideally)\s+"
                      r"(?:\w+\s+)?" + _N + r"\b", _I)
#: a ratio, a range, a per-unit figure: "one or two per node" is not a total count
_NOT_TOTAL = re.compile(r"^\s*(?:per|each|a\s+piece)\b", _I)
#: either value will do: the choice is the planner's ("16 or 80 GB is fine", "whichever")
_EITHER_OK = re.compile(r"^(?![^.;!?]{0,30}?\bcan(?:'?t|not)\s+decide\b)(?:"  # s12: not decided
                        r"[^.;!?]{0,30}?\b(?:is|are|would\s+be)\s+(?:fine|ok|okay|good|"
                        r"acceptable)\b|[^.;!?]{0,30}?\b(?:whichever|either\s+(?:is|works|"
                        r"way)|both\s+(?:are\s+)?(?:fine|ok|work))\b)", _I)
#: a size that is the GPU's memory, not the data ("a GPU with 16 or 80 GB")
_MEMORY = re.compile(r"\b(?:gpus?|cards?|vram|memory|hbm|accelerators?)\b", _I)


def _value(word: str) -> float:
    w = word.lower()
    return float(_WORDS[w]) if w in _WORDS else float(w.replace(",", "."))


def _unit_follows(text: str, m: re.Match[str], unit: str) -> bool:
    """"for 3 or 4 days": the number's unit comes after a second number (a hedge, not bare)."""
    return bool(re.match(r"\s*(?:or|to|-)\s+(?:maybe\s+|perhaps\s+)?" + _N + r"\s*" + unit
                         + r"\b", text[m.end():m.end() + 30], _I))


def unitless_limits(text: str, p: ParsedRequest) -> list[Problem]:
    """A carbon cap, deadline or run length given as a bare number, and not read otherwise."""
    out: list[Problem] = []
    if p.max_co2_kg is None and (m := _CARBON.search(text) or _CARBON_AFTER.search(text)):
        n = m.group("n")
        out.append(Problem(f"the carbon cap {n} has no unit",
                           f"Is the carbon cap {n} g, {n} kg or {n} t of CO2?", "max_co2_kg"))
    if p.deadline is None and (m := _DEADLINE.search(text)) \
            and not _unit_follows(text, m, _UNITS["duration_hours"]):
        n = m.group("n")
        out.append(Problem(f"the deadline 'in {n}' has no unit",
                           f"Is the deadline in {n} hours, {n} days or {n} weeks (or a date)?",
                           "deadline"))
    if p.duration_hours is None and p.gpu_hours is None and (m := _RUNTIME.search(text)) \
            and not _unit_follows(text, m, _UNITS["duration_hours"]):
        n = m.group("n")
        out.append(Problem(f"the run length {n} has no unit",
                           f"Does the job run for {n} minutes, {n} hours or {n} days?",
                           "duration_hours"))
    return out


def hedged_values(text: str) -> tuple[set[str], list[Problem]]:
    """Two values for one count, size or run length, the choice left open."""
    unset: set[str] = set()
    out: list[Problem] = []
    for name, unit in _UNITS.items():
        for shape in (_BORROWED, _PAIR):
            pattern = re.compile(shape.pattern.format(u=unit), _I)
            for m in pattern.finditer(text):
                a, b = m.group("a"), m.group("b")
                rest = text[m.end():m.end() + 80]
                if _value(a) == _value(b) or _NOT_TOTAL.match(rest) or _EITHER_OK.match(
                        rest) or _SETTLED.search(re.split(r"(?<=[.!?])\s", rest)[0]):
                    continue
                if name == "dataset_gb" and _MEMORY.search(text[max(0, m.start() - 30):m.end()]):
                    continue
                if name in unset:
                    break
                unset.add(name)
                u = m.group("u")
                out.append(Problem(f"two values given for {name}: {a} or {b} {u}",
                                   f"Which is it: {a} {u} or {b} {u}?", name))
    return unset, out


#: a precision or a method, as written, and its value
_CHOICES = {
    "precision": {"fp16": r"fp16|float16|half[- ]precision", "bf16": r"bf16|bfloat16",
                  "fp8": r"fp8", "fp32": r"fp32|float32|full[- ]precision", "int8": r"int8|8-bit",
                  "int4": r"int4|4-bit"},
    "method": {"qlora": r"q-?lora", "lora": r"lora",
               "full": r"full(?:[- ]parameter|[- ]fine-?tun\w*)"},
}
_NEGATED = re.compile(r"\b(?:no|not|without|neither|nor|never)\s+(?:\w+\s+)?$", _I)


def hedged_choices(text: str) -> tuple[set[str], list[Problem]]:
    """"in fp16 or bf16", "LoRA or QLoRA": two values for one precision or method, undecided."""
    unset: set[str] = set()
    out: list[Problem] = []
    for name, values in _CHOICES.items():
        word = "|".join(values.values())
        pattern = re.compile(r"\b(?P<a>" + word + r")\s*,?\s+or\s+" + _HEDGE + r"(?:an?\s+)?(?P<b>"
                             + word + r")\b", _I)
        for m in pattern.finditer(text):
            a, b = (next(v for v, w in values.items() if re.fullmatch(w, m.group(g), _I))
                    for g in ("a", "b"))
            if a == b or _NEGATED.search(text[max(0, m.start() - 20):m.start()]) \
                    or _EITHER_OK.match(text[m.end():m.end() + 80]):
                continue
            unset.add(name)
            out.append(Problem(f"two values given for {name}: {a} or {b}",
                               f"Which {name} should the job use: {a} or {b}?", name))
            break
    return unset, out


_PRONOUN_JOB = re.compile(
    r"\b(?:fine-?tun\w*|finetune|re-?train|train|pre-?train|serve|host|deploy|eval\w*|"
    r"benchmark|test|quantis\w*|quantiz\w*|distil\w*|adapt)\s+(?:it|this|that|them|these|"
    r"those)(?:\s+(?:one|model|checkpoint|thing))?\b(?!\s*(?:'s|is|was|to|up)\b)", _I)
#: a batch job that reads input data (generation makes its own and needs none)
_READS_INPUT = re.compile(r"\b(?:transcrib\w*|translat\w*|embed\w*|caption\w*|classif\w*|ocr|"
                          r"scor(?:e|ing)|rerank\w*|summari[sz]\w*|label\w*|tag\w*|index\w*|"
                          r"extract\w*|detect\w*|segment\w*|annotat\w*)\b", _I)
#: an amount of input: "600k descriptions", "2 million SKUs", "900 hours of audio"
_AMOUNT = re.compile(r"\b\d[\d.,]*\s*(?:[kmb]|mn|bn|million|millions|thousand|mil|lakh|crore|"
                     r"billion)?\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?(?!(?:days|weeks|hours|minutes|"
                     r"mins|hrs|secs|seconds|months|years|gpus|nodes|cards)\b)[a-z]+s\b|"
                     r"\b\d[\d.,]*\s*(?:hours?|h|minutes?|days?)\s+of\b|"
                     # s12: a count with a CJK counter ("20 萬筆", "5万条", "3천 건") or a
                     # large-number word of another language ("200 тыс. записей")
                     r"\d[\d.,]*\s*(?:万|萬|千|百|億|亿|만|천|억)?\s*(?:筆|笔|条|條|件|个|個|份|张|張|"
                     r"篇|段|句|行|枚|本|건|개|장|줄)|"
                     r"\b\d[\d.,]*\s*(?:тыс\w*\.?|млн\.?|миллион\w*|mil|mill[oó]n\w*|milh[õo]\w*|"
                     r"million\w*|mille|milion\w*|milioni|bin|milyon)\s+\w{3,}", _I)


def missing_object(text: str, p: ParsedRequest) -> list[Problem]:
    """A job named with no object: a pronoun for the model, or input data of no amount."""
    if p.kind is None or p.model or p.params_b:
        return []
    if (m := _PRONOUN_JOB.search(text)) is not None:
        return [Problem(f"{m.group(0)!r}: the model is not named",
                        f"Which model should the {p.kind} use (name or size)?", "model")]
    return []


def unsized_batch(text: str, p: ParsedRequest) -> list[Problem]:
    """A batch job over input data with nothing that says how much: ask what and how much."""
    if p.kind != "batch-inference" or not _READS_INPUT.search(text) or _AMOUNT.search(text):
        return []
    if any((p.dataset_gb, p.dataset_tokens, p.gpu_hours, p.duration_hours, p.gpu_count,
            p.budget_usd, p.max_co2_kg, p.min_gpu_mem_gb)):
        return []
    return [Problem("the batch job states no amount of input data",
                    "Which data should the job process, and how much (GB, tokens or number "
                    "of items)?", "dataset_gb")]


def vague_problems(text: str, p: ParsedRequest) -> tuple[set[str], list[Problem]]:
    """Every shape above: the fields to leave unset and the questions to ask."""
    unset, out = hedged_values(text)
    choice_unset, choices = hedged_choices(text)
    unset |= choice_unset
    out += choices
    out += [q for q in unitless_limits(text, p) + missing_object(text, p) + unsized_batch(text, p)
            if q.field not in unset]
    return unset, out
