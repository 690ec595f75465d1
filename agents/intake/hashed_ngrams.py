"""Hashed n-gram features shared by intake's learned models (attack detector, job kind).

Both models are linear over the same kind of sparse row: n-grams of the lowercased text
hashed with CRC-32 into a fixed number of columns, counted, and L2-normalised, so a
trainer (`evals.train_attack_model`, `evals.train_kind_model`) and the run-time scorer
compute exactly the same row. Numpy only, so intake needs no learning library at run time.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

#: word n-grams are hashed with this prefix, so "ab" the word and "ab" the chars differ
_WORD_SALT = "\x00w"
_WORD = re.compile(r"\w+(?:[-'.]\w+)*")


def hashed_ngrams(text: str, dim: int, chars: tuple[int, ...],
                  words: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """The text's hashed n-gram columns and their L2-normalised counts.

    Args:
        text: any text; it is lowercased and padded with one space each side.
        dim: the number of hashed columns.
        chars: character n-gram lengths read (e.g. 2 to 5).
        words: word n-gram lengths read (e.g. 1, 2); words are runs of letters and
            digits joined by "-", "'" or ".". None by default.

    Returns:
        (columns, values), both 1-D and aligned, columns ascending and unique; empty for
        blank text.
    """
    if not text.strip():
        return np.zeros(0, np.int64), np.zeros(0)
    t = f" {text.lower()} "
    grams = [t[i:i + n] for n in chars for i in range(len(t) - n + 1)]
    tokens = _WORD.findall(t)
    grams += [_WORD_SALT + " ".join(tokens[i:i + n])
              for n in words for i in range(len(tokens) - n + 1)]
    if not grams:
        return np.zeros(0, np.int64), np.zeros(0)
    hashes = [zlib.crc32(g.encode()) % dim for g in grams]
    cols, counts = np.unique(np.asarray(hashes, np.int64), return_counts=True)
    values = counts.astype(float)
    return cols, values / np.sqrt((values**2).sum())
