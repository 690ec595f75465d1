"""Which of several model names in a request is the job's model.

A request can name models that are not the one to run: a name the user takes back
("Llama-2-7B? no - OPT-13B", "X, actually Y", "not X but Y"), a teacher distilled into a
new student ("distil Llama-2-70B into a 1.3B student"), or a choice not yet made
("either Llama-3-8B or Mistral-7B", "GPT-J-6B and Pythia-6.9B", "wav2vec2 variants").
The first leaves the later name; the others name no single model, so none is taken.
Each rule reads the words between or around the names, not the names themselves.
"""

from __future__ import annotations

import re

from agents.intake.model_families import FAMILIES
from agents.intake.text import Hit

_I = re.IGNORECASE
#: Words between two names that take the first back: "X? no - Y", "X... actually Y",
#: "X (not released yet) - fine, Y", "X, I mean Y", "X - scratch that, Y".
_RETRACTS = re.compile(
    r"^[^.;\n]{0,50}?(?:\bno\b|\bnope\b|\bactually\b|\bi mean\b|\bi meant\b|\bsorry\b|"
    r"\bwait\b|\bscratch that\b|\bmake (?:that|it)\b|\bor rather\b|\brather\b|\binstead\b|"
    r"\bcorrection\b|\boops\b|\bnot (?:out|released|available|ready|supported)\b|"
    r"\bisn'?t (?:out|released|available)\b|\bswitch(?:ing)? to\b|\bgo with\b|"
    # a reason the first will not do: "(too big for us) - fine, Y", "X won't fit, so Y"
    r"\btoo (?:big|large|slow|expensive|costly)\b|\b(?:won'?t|doesn'?t|does not|will not) fit\b|"
    r"\b(?:fine|ok|okay|alright)\s*,)"
    r"[^.;\n]{0,30}$", _I)
#: Words right before the second name that reject it: "X, not Y", "X rather than Y"
_REJECTS_NEXT = re.compile(r"(?:\bnot|\brather than|\binstead of|\bno|\bnever|\bbut not)"
                           r"\s+(?:the\s+|a\s+|an\s+)?$", _I)
#: Joined as alternatives or a list: "X or Y", "either X or Y", "X and Y", "X, Y"
_JOINED = re.compile(r"^\s*(?:\)\s*)?(?:,\s*)?(?:or|and|vs\.?|versus|&|/)\s+(?:maybe\s+|perhaps\s+|"
                     r"possibly\s+|the\s+|a\s+|an\s+|our\s+)?$|^\s*,\s*$", _I)
#: A teacher before "into" a new, smaller model: "distil X into a 1.3B student"
_TEACHER = re.compile(r"^[\s,]*(?:\([^)]{0,30}\)\s*)?(?:in)?to\s+(?:a|an|the|our)?\s*"
                      r"(?:new\s+|smaller\s+|small\s+|tiny\s+|compact\s+)?"
                      r"(?:\d+(?:\.\d+)?\s?[BM]\b[\w-]*\s*)?(?:[\w-]+\s+){0,2}?"
                      r"(?:student|model|one|version|network|variant)\b", _I)
_DISTIL_BEFORE = re.compile(r"\bdistil\w*\s+(?:\w+\s+){0,2}$", _I)
#: A family written with a plural that names several models: "wav2vec2 variants"
#: Two sizes offered right after a family: "either the 8B or the 70B", "(7B or 13B?)"
_SIZE = (r"(?:\d+(?:\.\d+)?|[a-z]+(?:[- ][a-z]+)?)\s?[bm]\b")
_SIZE_CHOICE = re.compile(rf"^[\s,(]*(?:either\s+)?(?:the\s+)?{_SIZE}(?:\s+(?:one|version))?\s+"
                          rf"or\s+(?:the\s+)?{_SIZE}", _I)
_SIZE_BEFORE = re.compile(r"\b\d+(?:\.\d+)?\s?[BM](?:[- ]?param(?:eter)?s?)?\s+$", _I)
_PERSON_AFTER = re.compile(r"^(?:\s+(?:mentioned|said|says|sent|shared|wrote|asked|suggested|"
                           r"told|recommended|uploaded|prepared|promised|thinks|thought)\b|"
                           r"'s\s+(?:team|data|dataset|script|notebook|idea|request|laptop)\b)",
                           _I)
_SEVERAL_AFTER = re.compile(r"^[\s-]*(?:variants|flavou?rs|family|series|sizes|versions|"
                            r"models)\b", _I)


def chosen_models(text: str, hits: list[Hit]) -> list[Hit]:
    """`hits` (model names in text order) without names the text says are not the job's.

    An empty list means the request names no single model.
    """
    if not hits:
        return hits
    # "a 400M ViT", "our 85M-param ViT": a size before a bare family describes a new network
    # "the dataset Sam mentioned": a bare family acting as a person is a person
    out = [h for h in hits if not (str(h.value).lower() in FAMILIES and (_SIZE_BEFORE.search(
        text[max(0, h.start - 25):h.start]) or _PERSON_AFTER.match(text[h.end:h.end + 20])))]
    for h in out:
        if str(h.value).lower() in FAMILIES and _SEVERAL_AFTER.match(text[h.end:h.end + 20]):
            return []  # "wav2vec2 variants" (but "BERT-base variants" names BERT-base)
        if _SIZE_CHOICE.match(text[h.end:h.end + 60]):
            return []  # "llama 3.1, either the 8b or the 70b"
        if _DISTIL_BEFORE.search(text[max(0, h.start - 40):h.start]) and _TEACHER.match(
                text[h.end:h.end + 60]):
            return []
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        gap = re.sub(r"\.{2,}|…", " ", text[a.end:b.start])  # "X... actually Y"
        if _same(a, b):
            i += 1
            continue
        if re.fullmatch(r"\s*(?:in)?to\s+", gap, _I) and _DISTIL_BEFORE.search(
                text[max(0, a.start - 40):a.start]):
            del out[i]  # "distil X into Y": Y, the student, is the job's model
            continue
        if _REJECTS_NEXT.search(gap) and not _RETRACTS.match(gap[:-8] if len(gap) > 8 else ""):
            del out[i + 1]
            continue
        if _RETRACTS.match(gap):
            del out[i]
            i = max(0, i - 1)
            continue
        if _JOINED.match(gap):
            return []
        i += 1
    return out


def _same(a: Hit, b: Hit) -> bool:
    """Whether two hits name the same model ("Llama-3-8B ... the Llama-3-8B run")."""
    def key(h: Hit) -> str:
        return re.sub(r"[^a-z0-9]", "", str(h.value).lower())
    return key(a) == key(b) or key(b).startswith(key(a)) or key(a).startswith(key(b))
