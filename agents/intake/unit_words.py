"""Data-size units as other scripts and config keys write them, for `lexicon.rewrite` (s14).

"12 ГБ" (Russian / Ukrainian), "18 گیگابایت" (Persian), "40 غيغابايت" and "2٫5 تيرابايت"
(Arabic, with its decimal comma "٫"), "50 জিবি" (Bengali), "25 Gt" (Finnish gigatavu),
"meio terabyte" / "mezzo terabyte" (half a terabyte), and a size key with its unit in the
key (`dataset_gb=12`, `"data_gb": 40`): each becomes the English "<n> GB" the size reader
knows; the words for a card's memory become "memory", so a size beside them stays one;
a model size with a foreign parameter noun ("45M parametrów") reads as "45M parameters".
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NUMBER = r"(\d+(?:[.,٫]\d+)?)"
#: unit words by the English unit they name
_UNITS = {
    "GB": r"ГБ|Гб|гигабайт\w*|гігабайт\w*|گیگابایت|گیگ|غيغابايت|غيغا|جيجابايت|جيجا|জিবি|"
          r"গিগাবাইট|जीबी|गीगाबाइट|Gt|gigatavu\w*|ጊባ|ጊጋባይት",
    "TB": r"ТБ|Тб|терабайт\w*|ترابایت|تيرابايت|تيرا|টিবি|টেরাবাইট|टीबी|टेराबाइट|teratavu\w*",
    "MB": r"МБ|Мб|мегабайт\w*|مگابایت|ميغابايت|ميجابايت|এমবি|मेगाबाइट|एमबी",
}


def _sized(unit: str) -> str:
    return rf"\1 {unit}"


#: (pattern, English) applied with the lexicon's phrases (whole words, any case)
UNIT_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"(\d+)٫(\d+)", r"\1.\2"),  # Arabic decimal comma, before the units read the number
    *[(rf"{_NUMBER}\s*(?:{words})(?=\W|$)(?::n|:ssa|:lla)?", _sized(unit))
      for unit, words in _UNITS.items()],
    (r"(?:meio|mezzo|medio|mitad de un)\s+(terabyte|gigabyte)", r"half a \1"),
    # a model size with the parameter noun of another language ("45M parametrów")
    (r"(\d+(?:[.,]\d+)?\s?[BMbm])\s+(?:parametr\w*|paramètres?|parâmetros?|parámetros?|"
     r"paraméter\w*|parameter[ea]|parametri|параметр\w*)", r"\1 parameters"),
    # the card's memory, so that a size next to it is no dataset ("24 ГБ памяти")
    (r"(?:видео)?памяти|памятью|пам['’]яті|حافظه|ذاكرة|الذاكرة|মেমোরি|मेमोरी", "memory"),
    (r"(?:dataset|data)_?(gb|tb|mb)[\"']?\s*[:=]\s*[\"']?(\d+(?:\.\d+)?)",
     lambda m: f"data: {m.group(2)} {m.group(1).upper()}"),
]
