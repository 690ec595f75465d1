"""Choices the user has not made yet: two options for one field, and no decision.

"either Llama-3-8B or Mistral-7B (still deciding)", "eval or fine-tune, whatever makes
sense", "Tuesday... or maybe Thursday, I need to check", "500 (dollars or euros, I
forget)", "somewhere between 1 and 10 TB, we don't know yet", "my manager says cheapest,
I say fastest": an alternation of two values and a cue that nobody has chosen. The field
the options belong to is left unset and asked about. Options the user leaves open on
purpose ("L40S or A100, whichever") are no question, except for the workload itself,
which the scheduler cannot pick for them.
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem
from agents.intake.schema import ParsedRequest

_I = re.IGNORECASE

#: the user says no decision has been made (English and the languages the parser reads)
_UNDECIDED = re.compile(
    r"\bstill\s+(?:deciding|undecided|choosing|thinking|debating|figuring)\b|"
    r"\bnot\s+(?:sure|decided|certain|settled|fixed|known)\b|n['’]?t\s+(?:sure|decided|"
    r"know|settled)\b|\bundecided\b|\bunsure\b|\b(?:we|i|they)'?(?:ll| will)\s+(?:decide|"
    r"see|choose|pick)\b|\bdecide\s+(?:later|tomorrow|next)\b|\bno\s+idea\b|"
    r"\bi\s+forg[eo]t\b|\bcan'?t\s+remember\b|\b(?:need|have)\s+to\s+(?:check|confirm|ask)\b|"
    r"\bwill\s+(?:tell|let|confirm|inform)\s+(?:me|us)\b|\btbd\b|\bto\s+be\s+(?:decided|"
    r"confirmed)\b|\bvi\s+vet\s+(?:inte|ej|not)\b|\bwissen\s+(?:es\s+)?noch\s+(?:nicht|not)\b|"
    r"\b(?:no|not)\s+(?:lo\s+)?sabemos\b|\bne\s+sait\s+(?:pas|not)\b|"
    r"\b(?:non|not)\s+(?:lo\s+)?sappiamo\b|\bweten\s+(?:het\s+)?nog\s+(?:niet|not)\b|"
    r"\b(?:nie|not)\s+wiemy\b|\b(?:não|not)\s+sabemos\b|"
    # s12: "can't decide", "hasn't confirmed", "depends on legal sign-off", and "I don't
    # remember" in the languages the parser reads (the options then are not the user's call)
    r"\bcan(?:'?t|not)\s+(?:decide|choose|make\s+up)\b|"
    r"\b(?:has|have|had)(?:n'?t|\s+not)\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|approved|"
    r"decided|signed\s+off)\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|approved)\b|"
    r"\bunconfirmed\b|\bdepend(?:s|ing)\s+(?:on\s+|upon\s+)?(?:\w+\s+){0,2}?(?:sign-?off|"
    r"approval|legal|funding|the\s+(?:client|customer|grant|board|boss|manager)|what|which|"
    r"whether|how)\b|"
    r"\bno\s+(?:me\s+)?(?:recuerdo|acuerdo)\b|\bnão\s+(?:me\s+)?lembro\b|"
    r"\bje\s+ne\s+(?:sais|me\s+souviens)\s+plus\b|\bnon\s+(?:mi\s+)?ricordo\b|"
    r"\bwei(?:ß|ss)\s+(?:ich\s+)?nicht\s+mehr\b|\bweet\s+(?:ik\s+)?niet\s+meer\b|"
    r"\bне\s+(?:помню|пам'ятаю|знаю\s+точно)|hatırlamıyorum|\btidak\s+ingat\b|"
    r"\bkhông\s+nhớ\b|לא\s+(?:זוכר|זוכרת|בטוח|בטוחה)|(?:لا|مش)\s+(?:أتذكر|اتذكر)|"
    r"یادم\s+نیست|याद\s+नहीं|จำไม่ได้|覚えていない|不记得|不記得|기억이\s*안", _I)
#: the choice handed to the scheduler: counts only for the workload kind
_DELEGATED = re.compile(r"\bwhatever\s+(?:makes\s+sense|you\s+think|works|is\s+best)\b|"
                        r"\byou\s+(?:decide|choose|pick)\b|\bup\s+to\s+you\b|\byour\s+call\b|"
                        r"\bwhichever\s+(?:makes\s+sense|you\s+think)\b", _I)
#: the options left open on purpose: "whichever is cheaper", "either is fine", "both please"
_OPEN_ON_PURPOSE = re.compile(r"\b(?:whichever\s+(?:is|gives|costs|runs|works|has)|either\s+"
                              r"(?:is|one\s+is|works|would)|any\s+of\s+them|both\s+(?:please|"
                              r"of\s+them|are))\b", _I)
#: two options: "A or B", "either A or B", "between 1 and 10 TB", "A... no, B"
_OR = r"(?:or|eller|oder|ou|o|lub|veya|או|или|або|أو|یا|या|atau|hoặc|ή)"
_ALTERNATION = re.compile(
    r"\s" + _OR + r"\s+(?:maybe\s+|perhaps\s+|possibly\s+)?|\b(?:either|antingen|entweder|"
    r"soit)\b|\bbetween\s+\d[\d.,]*\s*(?:\w+\s+)?and\s+\d|(?:\.\.\.|…)\s*(?:no|wait)\b|"
    # "maybe training maybe just inference": two options, each hedged
    r"\b(?:maybe|perhaps)\s+[\w-]+(?:\s+[\w-]+)?\s*,?\s+(?=(?:maybe|perhaps)\s)", _I)
#: two people who want different things: "my manager says cheapest, I say fastest"
_DISAGREE = re.compile(r"\b(?:says?|wants?|prefers?)\s+[\w-]+\s*,?\s+(?:but\s+|and\s+|while\s+)?"
                       r"(?:i|we|my\s+\w+|the\s+\w+)\s+(?:say|want|prefer)s?\b", _I)

_KINDS = {"eval": r"eval\w*|utv[äa]rder\w*|evaluier\w*|[ée]valu\w*|benchmark\w*",
          "fine-tune": r"fine-?tun\w*|finetun\w*|finjuster\w*|feinabstimm\w*|feintun\w*",
          "train": r"(?:pre-?)?train(?:s|ed|ing)?\b(?!\s+(?:data|set|split))",
          "inference": r"serv(?:e|ing)|host\w*|deploy\w*|inference"}
_CURRENCY = re.compile(r"\b(?:usd|eur|gbp|dollars?|euros?|pounds?)\b|[$€£]", _I)
_DAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|"
                  r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                  r"dec)\w*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{1,2}\b",
                  _I)
_DATA = re.compile(r"\b\d[\d.,]*\s*(?:[kmgtp]i?b|tb|gb|tokens?|rows|files|hours of)\b|"
                   r"\b(?:terabytes?|gigabytes?)\b", _I)
_OBJECTIVE = re.compile(r"\b(?:cheap\w*|fast\w*|quick\w*|green\w*|speed|cost)\b", _I)
_MODEL = re.compile(r"\b[A-Za-z][\w.]*-?\d+(?:\.\d+)?\s*[bBmM]\b|\b[A-Z][a-z]+[A-Z0-9][\w.-]*|"
                    r"\b(?:llama|mistral|gemma|falcon|qwen|phi|bert|t5|gpt|whisper|opt|bloom|"
                    r"mixtral|deepseek|yi|olmo|pythia|roberta|deberta)\w*\b|\b(?:the\s+)?\w+\s+b\b",
                    _I)

#: field -> the parsed attributes that it unsets
_UNSETS = {"kind": ("kind",), "model": ("model", "params_b"), "budget_usd": ("budget_usd",),
           "budget_amount": ("budget_usd",),
           "deadline": ("deadline",), "dataset_gb": ("dataset_gb", "dataset_tokens"),
           "objective": ("objective",), "request": ()}
#: a bare number as the second option ("4 A100s, or maybe 8"): a count, asked elsewhere
_NUMBER_NEXT = re.compile(r"\s*\d+\b(?!\s*(?:[kmgtp]i?b|tb|gb|tokens?|usd|eur|dollars?|euros?)\b)",
                          _I)


def _sentences(text: str) -> list[str]:
    """Sentences, an ellipsis ("Tuesday... or maybe Thursday") not ending one."""
    return [s for s in re.split(r"(?<=[^.][.!?])(?!\.)\s+|;\s*|\n+", text) if s.strip()]


_ANY_KIND = r"(?:" + "|".join(_KINDS.values()) + r")"
#: two workloads as the options: "eval or fine-tune", "antingen utvärdering eller finjustering"
_KIND_PAIR = re.compile(r"\b(?P<a>" + _ANY_KIND + r")(?:\s+[\w-]+){0,2}?\s*,?\s+(?:" + _OR
                        + r"\s+(?:maybe\s+|perhaps\s+)?|(?:maybe|perhaps)\s+(?:just\s+|only\s+)?)"
                        r"(?:an?\s+)?(?P<b>" + _ANY_KIND + r")", _I)


def _two_kinds(sent: str) -> bool:
    for m in _KIND_PAIR.finditer(sent):
        kinds = {k for g in ("a", "b") for k, w in _KINDS.items()
                 if re.fullmatch(r"(?:" + w + r")", m.group(g), _I)}
        if len(kinds) >= 2:
            return True
    return False


#: two counts as the options ("4 or 8 GPUs", "8 or maybe 64 H100s"): `hedged_values` asks
_COUNTS = re.compile(r"\b\d+\s*,?\s+or\s+(?:maybe\s+|perhaps\s+)?\d+\b(?!\s*(?:[kmgtp]i?b|tb|gb|"
                     r"tokens?|usd|eur|dollars?|euros?)\b)", _I)


#: money named near two numbers: "budget 500 USD... or 5000?", "התקציב 500 או 5000 דולר"
_MONEY = re.compile(r"\bbudget\w*|\bpresupuesto|\bor[çc]amento|\bbud[żz]et|\bбюджет\w*|תקציב|"
                    r"بودجه|ميزانية|बजट|งบ|\b(?:usd|eur|dollars?|euros?)\b|[$€£]|דולר|دولار|"
                    r"доллар\w*|долар\w*", _I)
_AMOUNT_NEXT = re.compile(r"\s*(?:maybe\s+|perhaps\s+)?[$€£]?\s*\d", _I)
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s*(?:k\b)?[^\d]{0,12}$", _I)
#: two model sizes as the options: "7B or 70B"
_SIZE_PAIR = re.compile(r"\b\d+(?:\.\d+)?\s*[bm]\s*,?\s+" + _OR + r"\s+(?:maybe\s+|perhaps\s+)?"
                        r"\d+(?:\.\d+)?\s*[bm]\b", _I)
#: hardware or places as the options: the scheduler may pick ("L40S or A100 depending on price")
_HARDWARE = re.compile(r"\b(?:[ABHLTV]\d{2,3}[A-Z]?\w*|L4|T4|L40S?|A10G?|MI\d{3}X?|TPU\w*|gpus?|"
                       r"cards?|nodes?|regions?|zones?|clouds?|providers?)\b", _I)


def _field(sent: str, alt: re.Match[str], parsed: ParsedRequest) -> str:
    """The field whose two options `sent` gives (the words around the alternation)."""
    near = sent[max(0, alt.start() - 50):alt.end() + 50]
    if _two_kinds(sent):
        return "kind"
    if _SIZE_PAIR.search(sent[max(0, alt.start() - 12):alt.end() + 12]):
        return "model"
    if _MONEY.search(near) and _NUMBER_BEFORE.search(sent[max(0, alt.start() - 20):alt.start()]) \
            and _AMOUNT_NEXT.match(sent, alt.end()) and not _HARDWARE.search(
                sent[max(0, alt.start() - 12):alt.end() + 12]):
        return "budget_amount"
    if _COUNTS.search(sent[max(0, alt.start() - 12):alt.end() + 12]) or _NUMBER_NEXT.match(
            sent, alt.end()):
        return "request"
    if len(_CURRENCY.findall(near)) >= 2:
        return "budget_usd"
    if len(_DAY.findall(near)) >= 2:
        return "deadline"
    if alt.group(0).lower().startswith("between") or len(_DATA.findall(near)) >= 2:
        return "dataset_gb"
    if _MODEL.search(sent[max(0, alt.start() - 30):alt.start()]) and _MODEL.search(
            sent[alt.end():alt.end() + 30]) or re.search(r"\bwhich\s+model\b|\bthe\s+model\s+"
                                                          r"(?:we|to)\b", sent, _I):
        return "model"
    return "request"


#: a cue that hands the choice to someone else: only for what the scheduler may not pick
_DEPENDS = re.compile(r"\bdepend", _I)
#: a later line of a thread that asks or leaves open which option ("which one tho",
#: "dunno", "hold off on the model"), s14
_LATER_CUE = re.compile(r"\bwhich\s+one\b|\bdunno\b|\bhold\s+off\s+on\s+(?:the\s+)?(?:model|"
                        r"choice|decision|\w+\s+choice)\b", _I)


def _cue(sents: list[str], i: int) -> re.Match[str] | None:
    """The undecided cue of sentence `i`, or of the next one after a question.

    "budget is 500 USD... or 5000? grant office hasn't confirmed": the cue follows the
    options in a sentence of its own, which offers no options itself; in a thread, a later
    line asks which one or holds the choice off (`_LATER_CUE`).
    """
    sent = sents[i]
    cue = _UNDECIDED.search(sent) or (_DELEGATED.search(sent) if _two_kinds(sent) else None)
    if cue is None and i + 1 < len(sents) and sent.rstrip().endswith("?") \
            and not _ALTERNATION.search(sents[i + 1]):
        cue = _UNDECIDED.search(sents[i + 1])
    if cue is None and _ALTERNATION.search(sent):
        later = sents[i + 1:i + 4]
        if not any(_ALTERNATION.search(s) for s in later):
            cue = next((m for s in later if (m := _LATER_CUE.search(s))), None)
    return cue


def open_choices(text: str, parsed: ParsedRequest) -> tuple[set[str], list[Problem]]:
    """Fields with two options and no decision: (attributes to unset, problems).

    Each sentence gives at most one field; a request can leave several open ("4 GPUs, or 8,
    can't decide. Done Friday or the Friday after, depends on the client").
    """
    unset: set[str] = set()
    out: list[Problem] = []
    sents = _sentences(text)
    for i, sent in enumerate(sents):
        disagree = _DISAGREE.search(sent)
        if disagree and len(_OBJECTIVE.findall(sent)) >= 2:
            return {"objective"}, [Problem(
                "conflicting priorities with no agreed one",
                "Which should come first for this job: cost or speed (or carbon)?", "objective")]
        cue = _cue(sents, i)
        if cue is None or (_OPEN_ON_PURPOSE.search(sent) and not _two_kinds(sent)):
            continue
        alts = list(_ALTERNATION.finditer(sent))
        names = [_field(sent, alt, parsed) for alt in alts]
        if not names:
            continue
        name = next((n for n in names if n != "request"), "request")
        if _DEPENDS.match(cue.group(0)) and name == "request" and any(
                _HARDWARE.search(sent[max(0, a.start() - 20):a.end() + 20]) for a in alts):
            continue  # "L40S or A100 depending on price": the scheduler's pick
        if name in {q.field for q in out} or (name == "request" and out):
            continue
        label = {"budget_usd": "budget currency", "dataset_gb": "dataset size",
                 "budget_amount": "budget", "kind": "workload (what to run)",
                 "request": "choice"}.get(name, name)
        unset |= set(_UNSETS[name])
        out.append(Problem(
            f"{label} not decided yet ({cue.group(0).strip()!r})",
            f"Which {label} should the job use? The request gives options but no decision.",
            "budget_usd" if name == "budget_amount" else name))
    return unset, out
