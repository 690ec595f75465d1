"""Text plumbing for intake: normalisation, sentence splitting and span masking.

Extractors work on one string whose character positions never move: consumed spans
(a model name, a GPU name) are masked with a filler of the same length, so that the
digits in `Mixtral-8x7B` or `H100 80G` cannot be read again as a count or a size.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: Longest request text the parser reads; longer input is cut and flagged.
MAX_CHARS = 8_000

_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: Longest unbroken run of non-space characters kept whole. Extractors' `[^\s]*\d[^\s]*`
#: -style patterns are quadratic in a run's length (8,000 digits took 15 s); a space after
#: every 256 characters (a multiple of 4, so base64 chunks still decode) bounds them.
_LONG_RUN = re.compile(r"\S{256}(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
#: the same, and the full stops of other scripts (Urdu "۔", the danda "।", CJK "。"), which
#: need no space after them (s14: the attack scan reads their sentences one by one)
_SCRIPT_END = re.compile(r"(?<=[.!?;])\s+|(?<=[۔।॥。！？])\s*|\n+")
#: The fill character of masked spans: not a letter, digit or punctuation extractors read.
MASK = "\u2591"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the request with its offset in the full text."""

    start: int
    text: str

    @property
    def end(self) -> int:
        """Offset just past the sentence."""
        return self.start + len(self.text)


def normalise(text: str) -> str:
    """NFKC-normalise, drop invisible and control characters, unify spaces and dashes.

    NFKC turns `CO₂` into `CO2` and full-width digits into ASCII; the dash variants and
    the multiplication sign are kept as distinct characters that the extractors know.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " "
                   for ch in text)
    text = re.sub("[\u2010\u2011\u2012\u2013\u2212\ufe63]", "-", text).replace("\u2014", " - ")
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return _LONG_RUN.sub(r"\g<0> ", _SPACES.sub(" ", text)).strip()


def sentences(text: str, script_ends: bool = False) -> list[Sentence]:
    """Split on sentence punctuation followed by space, and on line breaks.

    With `script_ends`, also after the full stops of other scripts ("۔", "।", "。").
    """
    out: list[Sentence] = []
    pos = 0
    for m in (_SCRIPT_END if script_ends else _SENTENCE_END).finditer(text):
        if m.start() > pos:
            out.append(Sentence(pos, text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append(Sentence(pos, text[pos:]))
    return out


def map_sentences(text: str, each: Callable[[str], str], script_ends: bool = False) -> str:
    """`text` with every sentence replaced by `each(sentence)`; what lies between is kept.

    `script_ends` as in `sentences`.
    """
    kept: list[str] = []
    pos = 0
    for sent in sentences(text, script_ends):
        kept.append(text[pos:sent.start])
        pos = sent.end
        kept.append(each(sent.text))
    kept.append(text[pos:])
    return "".join(kept)


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span replaced by fill characters of the same length."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = MASK
    return "".join(chars)


def clause_before(text: str, pos: int, limit: int = 80) -> str:
    """The text before `pos` back to the nearest clause break (sentence, ';', '(', ' - ')."""
    start = max(0, pos - limit)
    window = text[start:pos]
    cut = max(window.rfind(ch) for ch in ".;:!?()\n")
    dash = window.rfind(" - ")
    cut = max(cut, dash + 2 if dash >= 0 else -1)
    return window[cut + 1:] if cut >= 0 else window


@dataclass(frozen=True)
class Hit:
    """A value an extractor read, with where it came from (for candidates and masking)."""

    value: object
    start: int
    end: int
    cue: str = ""
