"""Place and provider names with one slip ("Germnay", "Netherlnads", "Azuer"), read as meant.

A capitalised word one letter swap, drop or double away from a country's or a cloud
provider's name is that name, as the labels write it ("Typos ... Germnay" is
Germany). Only names of five or more letters are corrected, only capitalised words are
read (a lower-case word is more often an English word), a slip close to two countries
("Austira": Austria or Australia) is left to be asked, and a word that is itself a
known place, demonym or city is left alone ("Austrian" is no typo of Austria), and so is
a name with "n" or "i" added ("Kenyan", "Nepali", "Omani": a people or a language). City
names are not corrected: too many are one slip from an English word ("Median", "Turing").
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from agents.intake.cities import CITIES
from agents.intake.lexicon import one_edit
from agents.intake.places import COUNTRIES, DEMONYMS

#: Provider names as people write them (README "Providers"), for the same reading.
_PROVIDER_NAMES = ("Azure", "Amazon", "Google", "Microsoft", "Lambda", "Nebius", "Hyperbolic",
                   "Oracle")
_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{4,15}(?![\w-])")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-case one-word names -> the spelling to write."""
    names = {n.lower(): n for n in _PROVIDER_NAMES}
    for place in COUNTRIES:
        if " " not in place and place.isalpha() and len(place) >= 5:
            names.setdefault(place, place.title())
    return names


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_names()) | frozenset(DEMONYMS) | frozenset(CITIES)


def _rivals(word: str, name: str) -> bool:
    """Whether another country is also close to `word` ("Austira": Austria or Australia)."""
    code = COUNTRIES.get(name)
    return any(other_code != code and difflib.SequenceMatcher(None, word, other).ratio() >= 0.7
               for other, other_code in COUNTRIES.items() if other != name)


def fix_place_typos(text: str) -> str:
    """`text` with capitalised one-slip misspellings of places and providers corrected."""
    names, known = _names(), _known()

    def fix(m: re.Match[str]) -> str:
        low = m.group(0).lower()
        if low in known:
            return m.group(0)
        name = next((n for n in names if n[0] == low[0] and abs(len(n) - len(low)) <= 1
                     and one_edit(low, n)), None)
        if name is not None and low[:-1] == name and low[-1] in "ni":
            return m.group(0)  # "Kenyan news", "Nepali text": a demonym or language (s12)
        if name is None or _rivals(low, name):
            return m.group(0)
        return names[name]

    return _WORD.sub(fix, text)
