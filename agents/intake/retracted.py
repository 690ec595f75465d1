"""Words the user takes back in passing: the retracted clause is dropped (session 10).

"Done after the weekend is fine... I mean start after the weekend", "I originally wrote
'by Thursday' but let's say Wednesday", "ready Monday - sorry, I meant Tuesday": the text
from the start of the retracted clause to the correction marker is removed, so only the
corrected wording is read. A newest message that withdraws the quoted one ("scratch
everything below") drops the quoted lines. Number-for-number corrections ("8... sorry, 4 GPUs") are
`conflicts.drop_corrections`; this is the same for words. It runs after the attack scan,
so an attack cannot be hidden by "retracting" it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
#: a self-correction after a pause: "... I mean", " - sorry, I meant", "... scratch that,"
_MARKER = re.compile(
    r"(?:\.{2,}|…|\s[-–—])\s*(?:no,?\s+|oh,?\s+|er+,?\s+|um+,?\s+)?(?:sorry,?\s+)?"
    r"(?:i\s+mean|i\s+meant|scratch\s+that|correction|make\s+that|or\s+rather|"
    r"let\s+me\s+rephrase)\b\s*[,:]?\s*(?![$€£]?\d)", _I)
#: "I originally wrote/said X but let's say Y": the first wording is withdrawn
_ORIGINALLY = re.compile(
    r"\b(?:i|we)\s+(?:originally|first|initially|previously)\s+(?:wrote|said|put|asked\s+for|"
    r"had|typed|mentioned)\b[^.;!?]{1,60}?\b(?:but|however)\s+(?=(?:let'?s|make|now|actually|"
    r"use|go|please|change|we'?ll|i'?d)\b)", _I)
#: "scratch the 8 GPUs, make it 4 x A10G", "forget the 2 TB - use 500 GB": a stated value
#: withdrawn and its replacement given straight after (s12); the withdrawn phrase is dropped
_WITHDRAWN = re.compile(
    r"\b(?:scratch|forget|drop|strike|disregard|cancel|lose|streich\w*|vergiss|olvida|"
    r"oublie[zr]?|dimentica|vergeet)\s+(?:the|that|those|my|die|den|das|las?|los|les?|il|gli|"
    r"de|het)\s+(?=[^,;.!?]{0,25}?\d)[^,;.!?]{1,30}?\s*(?:[,;]|\s[-–—])\s*(?:and\s+|but\s+)?"
    r"(?=(?:make\s+it|use|go\s+with|take|instead|rather|switch\s+to|change\s+(?:it\s+)?to|"
    r"now|nimm|mach|usa|pon|prends|mets|prendi|neem|maak)\b)", _I)
#: the newest message of a thread withdraws the quoted one: "scratch everything below",
#: "disregard my previous request" (s14); the quoted lines are then no request
_QUOTE_WITHDRAWN = re.compile(
    r"\b(?:scratch|ignore|disregard|forget|cancel|drop|withdraw)\s+(?:everything|all\s+of\s+"
    r"(?:that|this)|all|the\s+(?:request|message|e-?mail|mail|ask|job))\s+(?:below|underneath|"
    r"quoted|further\s+down)\b|\b(?:scratch|cancel|forget|disregard|withdraw)\s+(?:my|our|the)"
    r"\s+(?:previous|earlier|last|original|old)\s+(?:request|message|e-?mail|mail|ask)\b", _I)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.MULTILINE)
#: where a clause starts (a sentence end that is not an ellipsis, a comma or a semicolon)
_CLAUSE_START = re.compile(r"(?:(?<!\.)[.!?](?!\.)|[;,]|\n)\s*")


def drop_retracted(text: str) -> str:
    """`text` with the clauses the user takes back removed (the correction stays)."""
    if _QUOTE_WITHDRAWN.search(_QUOTED_LINE.sub("", text)):
        text = _QUOTED_LINE.sub("", text)  # the withdrawn quoted request is not read
    text = _WITHDRAWN.sub(" ", _ORIGINALLY.sub(" ", text))
    out, pos = [], 0
    for m in _MARKER.finditer(text):
        starts = [s.end() for s in _CLAUSE_START.finditer(text, pos, m.start())]
        start = starts[-1] if starts else pos
        restated = re.match(r"[^,.;!?]*", text[m.end():])
        if restated is None or len(restated.group(0).split()) < 3:
            # "Ready Monday - sorry, I meant Tuesday": only the last word is taken back
            last = re.search(r"\S+\s*$", text[start:m.start()])
            start = start + last.start() if last else m.start()
        out.append(text[pos:start])
        pos = m.end()
    return "".join(out) + text[pos:]
