"""Alternatives of a regular expression in one fixed order: the longest first, then A-Z.

A pattern joined from a set with `sorted(..., key=len)` kept the set's order among forms of
the same length, and a set of strings iterates in another order in every process (hash
randomisation): the same tables made a different pattern each run. Where two same-length
alternatives can both match at one place (a stem with any ending beside a whole word, a
case variant) the match could differ between runs; and a pattern that is never the same
twice can not be reused from `gridwise.regex_cache`.
"""

from __future__ import annotations

from collections.abc import Iterable


def longest_first(forms: Iterable[str]) -> list[str]:
    """The distinct `forms`, longest first, ties in code-point order."""
    return sorted(set(forms), key=lambda f: (-len(f), f))


__all__ = ["longest_first"]
