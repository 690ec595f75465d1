"""The time nouns that make a place word name a clock: "<place> <noun>", "<noun> <place>".

One table for the two readers of the construction: `place_clocks` rewrites "po beogradskom
vremenu" / "ora României" to "Belgrade time", and `not_run_places` says that the place in
"Budapest idő szerint" or "waktu Malaysia" is a clock, not where a job runs.

The nouns come from two sources. The `zones` cells of `pivot_table`: a word that at least
three zone forms of one language share in the same position is that language's time noun
(prepositions such as "по", "za", "po" are shorter than three letters and dropped), so a
language added to the matrix brings its noun with it; these match with or without their
accents. And `HAND_NOUNS`, for inflections and languages the matrix lacks, matched as
written ("času" and "casu" are both listed; "čase" is not "case").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from agents.intake.pivot_table import LANGUAGES, keyed

#: nouns the matrix does not give, "|"-separated, as written: after the place ("Suomen
#: aikaa", "bratislavského času", "Vilniaus laiku", "budapesti idő szerint", "Zürcher Ziit",
#: "Johannesburg-tyd", "ঢাকার সময়") and before it ("ora României", "waktu Malaysia")
HAND_NOUNS = {
    "after": "aikaa|ajassa|aikaan|vremenu|vremena|času|čase|casu|laiku|laiko|idő szerint|idő"
             "|ideje|tyd|ziit|zeit|tid|tijd|time|সময়|সময়|وقت",
    "before": "ora|waktu",
}


def plain(word: str) -> str:
    """`word` case-folded, its accents dropped ("Bucureștiului" -> "bucurestiului")."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word.casefold())
                   if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=1)
def _matrix_nouns() -> dict[str, frozenset[str]]:
    """Position ("before" / "after") -> the time nouns the zone cells share, case-folded."""
    out: dict[str, set[str]] = {"before": set(), "after": set()}
    for lang in LANGUAGES:
        words = [re.split(r"[\s-]+", a.casefold())
                 for forms in keyed(lang, "zones").values() for a in forms]
        for where, at in (("before", 0), ("after", -1)):
            shared = Counter(plain(w[at]) for w in words if len(w) > 1)
            out[where] |= {w[at] for w in words if len(w) > 1
                           and shared[plain(w[at])] >= 3 and len(plain(w[at])) >= 3}
    return {where: frozenset(nouns) for where, nouns in out.items()}


@lru_cache(maxsize=2)
def clock_nouns(where: str) -> str:
    """A regex alternation of the time nouns written `where` ("before" / "after") a place.

    The matrix's nouns come as written and without accents, the hand-listed ones as
    written; longer nouns first, so that "idő szerint" wins over "idő". A space in a
    noun matches any run of whitespace.
    """
    matrix = _matrix_nouns()[where]
    nouns = set(HAND_NOUNS[where].split("|")) | matrix | {plain(n) for n in matrix}
    return "|".join(re.escape(n).replace(r"\ ", r"\s+")
                    for n in sorted(nouns, key=lambda n: (-len(n), n)))
