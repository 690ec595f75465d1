"""Language pairs in a translation request ("EN->DE/FR/ES", "ja → en"), which name no place.

Two-letter language codes share their spelling with country codes (DE, FR, ES), so the
targets of a translation would otherwise read as where the job may run. A pair written
with an arrow is masked before places are read; a code standing alone is still a place.
"""

from __future__ import annotations

import re

_CODES = ("en|de|fr|es|it|pt|nl|ja|jp|zh|ko|ru|ar|hi|sv|no|da|fi|pl|cs|tr|uk|ro|hu|el|he|id|"
          "vi|th|bn|ta|ur|fa|sw|ca|eu|gl|bg|hr|sk|sl|et|lv|lt")
_PAIR = re.compile(rf"(?<![\w-])(?:{_CODES})\s?(?:->|-->|→|=>|<->|↔|>)\s?(?:{_CODES})"
                   rf"(?:\s?[/,+&]\s?(?:{_CODES}))*(?![\w-])", re.IGNORECASE)


def language_pairs(text: str) -> list[tuple[int, int]]:
    """Spans of arrow-written language pairs ("EN->DE/FR") in `text`."""
    return [(m.start(), m.end()) for m in _PAIR.finditer(text)]
