"""A total GPU count the text states and a different count it also gives: contradiction.

"8 GPUs total, i.e. 2 nodes with 8 each" (16), "on a single GPU - 8x A100 please" (8):
the user names the whole job's count in two ways that do not agree, so the count is left
unset and asked about. Only an explicit total ("N GPUs in total", "a single GPU", "one
card") is compared, so per-phase counts ("4 for the eval, 8 for training") stay as read.
"""

from __future__ import annotations

import re

from agents.intake.checks import Problem

_I = re.IGNORECASE
_DEVICE = r"(?:gpus?|cards?|accelerators?|devices|chips)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8, "sixteen": 16}
#: "8 GPUs total", "16 cards in total / overall / altogether", "a single GPU", "one GPU only"
_TOTAL = re.compile(
    r"\b(?P<n>\d{1,4}|" + "|".join(_WORDS) + r")\s*(?:x\s*)?" + _DEVICE
    + r"\s+(?:in\s+)?(?:total|overall|altogether|combined)\b|"
    r"\b(?:a\s+|one\s+)?(?P<single>single)\s*-?\s*(?:gpu|card|accelerator|device)\b|"
    r"\b(?:only\s+|just\s+)(?P<one>one)\s+" + _DEVICE + r"\b", _I)
#: a phase of the job the count is for: then it is no total of the job
_PHASE = re.compile(r"\bfor\s+(?:the\s+)?(?:eval\w*|inference|serving|training|fine-?tun\w*|"
                    r"pre-?process\w*|debug\w*|test\w*|smoke)\b|\bper\s+(?:node|replica|"
                    r"worker|job)\b|\beach\b[^.;]{0,10}$", _I)


def total_conflict(text: str, gpu_count: int | None) -> list[Problem]:
    """A stated total that differs from the count read: asked (the count is unset by caller)."""
    if gpu_count is None:
        return []
    for m in _TOTAL.finditer(text):
        if _PHASE.search(text[m.end():m.end() + 30]):
            continue
        if m.group("single") or m.group("one"):
            total = 1
        else:
            word = m.group("n").lower()
            total = _WORDS[word] if word in _WORDS else int(word)
        if total != gpu_count:
            return [Problem(f"GPU count contradicts itself: {total} in total or {gpu_count}",
                            f"How many GPUs should the job use in total: {total} or "
                            f"{gpu_count}?", "gpu_count")]
    return []
