"""Negative amounts in a request: "-20 GB" is never read as 20 GB.

The unit extractors read digits, so a leading minus would silently vanish. A minus sign
that stands alone before a number (not inside a name, date or range such as
`Llama-3`, `2023-06-14` or `10-20`) marks an amount no job can have: the parser masks
it, so nothing reads it as positive, and asks the operator what was meant.
"""

from __future__ import annotations

import re

from agents.intake.text import MASK, Hit

_NEGATIVE = re.compile(
    rf"(?<![\w{MASK}.,:/+-])-(?:[$€£]\s?)?\d[\d.,]*(?:\s?(?:[a-zA-Z%]+(?:[- ]hours?)?))?")


def negative_amounts(text: str) -> list[Hit]:
    """Every stand-alone negative number in `text` (normalised), with its unit if any."""
    return [Hit(m.group(0).strip(), m.start(), m.end(), "negative")
            for m in _NEGATIVE.finditer(text)]
