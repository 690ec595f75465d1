"""Accelerator counts written apart from the usual "N x NAME": pairs, counters, words, chips.

`hardware.find_hardware` reads counts next to a name ("8x H100", "H100 x8") and layouts
(`layouts`). Some writers state the count in other ways, and this module reads those:

- type:count pairs of launchers: "--gpus L4:2", "accelerators: H100:8";
- CJK counters: "A100 を2枚", "4台の L4" (the lexicon rewrites "L4 2台" to "L4 2 x");
- other languages' small numbers before a GPU noun: "un GPU", "zwei GPUs";
- a chip count stated apart from a TPU name: "a TPU v5p slice, 128 chips".

Each only fills a count the name itself did not get (a chip count also goes first when
the TPU name's own count differs).
"""

from __future__ import annotations

import re

from agents.intake.text import Hit
from agents.intake.units import QTY, parse_number

#: "L4:2", "H100:8" right after a type name
_TYPE_COLON = re.compile(r"^:(?P<n>\d{1,4})\b")
_CJK_COUNTER = "枚|台|基|個|张|張|块|塊|장|개"
_CJK_AFTER = re.compile(rf"^\s*(?:を|が|は|x|×)?\s*(?P<n>\d+)\s*"
                        rf"(?:{_CJK_COUNTER}|(?:x|×)(?!\s*[A-Za-z]{{1,3}}\d))")
_CJK_BEFORE = re.compile(rf"(?P<n>\d+)\s*(?:{_CJK_COUNTER})\s*(?:の|的)?\s*$")
_FOREIGN = {"un": 1, "une": 1, "una": 1, "uno": 1, "ein": 1, "eine": 1, "einer": 1, "um": 1,
            "uma": 1, "deux": 2, "zwei": 2, "dos": 2, "due": 2, "dois": 2, "duas": 2,
            "trois": 3, "drei": 3, "tres": 3, "tre": 3, "três": 3, "quatre": 4, "vier": 4,
            "cuatro": 4, "quattro": 4, "quatro": 4, "huit": 8, "acht": 8, "ocho": 8, "otto": 8,
            "oito": 8, "seize": 16, "sechzehn": 16, "dieciséis": 16, "sedici": 16,
            "cinq": 5, "fünf": 5, "cinco": 5, "cinque": 5, "vijf": 5, "sechs": 6, "seis": 6,
            "sei": 6, "zes": 6, "sept": 7, "sieben": 7, "siete": 7, "sette": 7, "sete": 7,
            "zeven": 7, "neuf": 9, "neun": 9, "nueve": 9, "nove": 9, "negen": 9, "dix": 10,
            "zehn": 10, "diez": 10, "dieci": 10, "dez": 10, "tien": 10, "douze": 12,
            "zwölf": 12, "doce": 12, "dodici": 12, "twee": 2, "drie": 3, "zestien": 16}
_FOREIGN_COUNT = re.compile(r"\b(?P<w>" + "|".join(sorted(_FOREIGN, key=len, reverse=True))
                            + r")\s+(?:seule?\s+|einzige\s+|sola\s+)?(?:gpus?|grafikkarten?|"
                            r"cartes?\s+graphiques?|tarjetas?\s+gr[aá]ficas?)\b", re.IGNORECASE)
_CHIPS = re.compile(rf"(?P<n>{QTY})\s+(?:tpu\s+)?chips\b", re.IGNORECASE)


def _next_to_types(text: str, types: list[Hit]) -> Hit | None:
    for t in types:
        after, before = text[t.end:t.end + 12], text[max(0, t.start - 12):t.start]
        m = _TYPE_COLON.match(after) or _CJK_AFTER.match(after) or _CJK_BEFORE.search(before)
        if m and int(m.group("n")) >= 1:
            return Hit(int(m.group("n")), t.start, t.end, "type count")
    return None


def counts_stated_apart(text: str, types: list[Hit], counts: list[Hit]) -> list[Hit]:
    """`counts` with a count written as a pair, a counter, a word or a chip count added.

    Args:
        text: the request (model names masked).
        types: the accelerator types read, in text order.
        counts: the counts read next to the names.
    """
    found = _next_to_types(text, types)
    if found is None and any(str(t.value).startswith("TPU-") for t in types):
        m = _CHIPS.search(text)
        chips = parse_number(m.group("n")) if m else 0
        if m and chips >= 1 and not any(h.value == int(chips) for h in counts):
            return [Hit(int(chips), m.start(), m.end(), "chips"), *counts]
    if counts:
        return counts
    if found is None:
        m = _FOREIGN_COUNT.search(text)
        found = Hit(_FOREIGN[m.group("w").lower()], m.start(), m.end(), "word") if m else None
    return [found] if found is not None else counts
