"""Kind cues that do not say the job: a cue in a model's description, kinds left open.

`workload.find_kind` collects every kind cue. Some of them describe the model rather than
the job ("scan logs with our detector (CodeBERT fine-tune)"), and some are offered as a
choice the user has not made ("eval or fine-tune, whatever makes sense", "either
evaluation or fine-tuning"). A verb with the prefix "re-" ("redeploy", "re-score") is the
verb's own job. Each rule is a shape around the cues, not a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.intake.text import Hit

_I = re.IGNORECASE
#: "re-score", "Redeploy", "re-embed": the prefix before a word
_RE_PREFIX = re.compile(r"\b(re-?)(?=([a-z]{4,}))", _I)
#: stems that are other words behind "re" ("reserve" is no service)
_NOT_AFTER_RE = re.compile(r"serv|sear|cord|turn|port|main|quest|lease|view|sult", _I)


def without_re_prefix(text: str, cues: Sequence[re.Pattern[str]]) -> str:
    """`text` with "re-" blanked before a word that is a kind cue ("Redeploy" -> "deploy").

    Offsets are kept (the prefix becomes spaces).
    """
    def one(m: re.Match[str]) -> str:
        word = re.match(r"[a-z]+", text[m.end():], _I)
        rest = word.group(0) if word else ""
        if _NOT_AFTER_RE.match(rest) or not any(c.fullmatch(rest) for c in cues):
            return m.group(1)
        return " " * len(m.group(1))
    return _RE_PREFIX.sub(one, text)


#: a word that joins alternatives, in English and the languages the lexicon leaves as is
_OR = re.compile(r"^\s*,?\s*(?:or|oder|ou|o|eller|lub|oppure|or maybe|or perhaps)\s+"
                 r"(?:a\s+|an\s+|the\s+|maybe\s+|perhaps\s+)?$", _I)
#: a bracket right after the model it describes: "our detector (CodeBERT fine-tune)"
_MODEL_BEFORE_BRACKET = re.compile(r"(?:\bmodels?|\bnetwork|\bclassifier|\bdetector|\bencoder|"
                                   r"\bcheckpoint|\branker|\u2591)\s*\($", _I)


def undecided_kinds(text: str, hits: Sequence[Hit]) -> bool:
    """Whether two different kinds are offered as alternatives ("eval or fine-tune")."""
    for a, b in zip(hits, hits[1:], strict=False):
        if a.value != b.value and _OR.match(text[a.end:b.start]):
            return True
    return False


def describing_hits(text: str, hits: Sequence[Hit]) -> list[Hit]:
    """The hits inside a bracket that describes the model just before it."""
    out = []
    for m in re.finditer(r"\(([^()]{1,60})\)", text):
        if not _MODEL_BEFORE_BRACKET.search(text[max(0, m.start() - 20):m.start() + 1]):
            continue
        out += [h for h in hits if m.start() < h.start and h.end <= m.end()]
    return out
