"""How far a written word is from a key word, for the lexicon's typo reading."""

from __future__ import annotations


def edits(a: str, b: str) -> int:
    """Edits from `a` to `b`: letters changed, added, dropped, or two neighbours swapped.

    (The optimal-string-alignment distance.) A typo of a key word is one or two such slips;
    a different English word of the same shape ("escalation" / "evaluation") is more.
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
