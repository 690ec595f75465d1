"""Quantities in prose: sentences, numbers with their units, and dates and times.

Numbers are read with their units ($ / USD, USD/h, kg / g / t CO2e, kWh, gCO2/kWh,
USD/MWh, h / min / days, %, GPUs, GB) and scaled to one unit per kind (USD, kg, kWh,
hours, GB); a number without a unit is a count. Dates and times are read apart, so that
their digits are not taken for quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_NUM = re.compile(r"(?<![\w.,/])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_DT = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?"
                 r"(?:\s?(?:UTC|Z))?")
_RATE = r"\s?(?:/\s?h(?:our)?\b|per hour\b|an hour\b|/\s?GPU-h\b)"
_UNITS: list[tuple[re.Pattern[str], str, float]] = [(re.compile(p), k, m) for p, k, m in [
    (r"^\s?(?:USD|\$)\s?/\s?MWh", "price", 1.0),
    (r"^\s?(?:gCO2e?|g CO2e?|g)\s?/\s?kWh", "intensity", 1.0),
    (r"^\s?kWh\b", "energy", 1.0), (r"^\s?MWh\b", "energy", 1000.0),
    (r"^\s?(?:USD|dollars?)" + _RATE, "rate", 1.0),
    (r"^\s?(?:USD|dollars?)\b", "money", 1.0),
    (r"^\s?(?:kg|kilograms?)(?![\w/])", "mass", 1.0),
    (r"^\s?(?:t|tonnes?|tons?)(?![\w/])", "mass", 1000.0),
    (r"^\s?(?:g|grams?)(?![\w/])", "mass", 0.001),
    (r"^\s?(?:h|hrs?|hours?)\b", "hours", 1.0),
    (r"^\s?(?:min|minutes?)\b", "hours", 1 / 60),
    (r"^\s?days?\b", "hours", 24.0),
    (r"^\s?(?:%|percent\b)", "percent", 1.0),
    (r"^\s?(?:GB|gigabytes?)\b", "size", 1.0), (r"^\s?TB\b", "size", 1000.0),
    (r"^\s?(?:GPUs?|chips?|accelerators?|devices?)\b", "gpus", 1.0),
    (r"^\s?[x×]\s", "gpus", 1.0),
]]


@dataclass(frozen=True)
class Mention:
    """A number found in prose."""

    kind: str
    value: float
    text: str
    ulp: float
    sign: str = ""


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` (a decimal point or 'e.g.' does not end one)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])|\n+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def extract_numbers(text: str) -> list[Mention]:
    """Numbers with units in `text` (datetimes excluded; see `extract_datetimes`)."""
    out: list[Mention] = []
    for m in _NUM.finditer(text):
        raw, start, end = m.group(1), m.start(1), m.end(1)
        value = float(raw.replace(",", ""))
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        before, after = text[max(0, start - 5):start], text[end:end + 24]
        if before[-1:].isalpha() or (before.endswith("-") and before[-2:-1].isalnum()):
            continue  # inside an identifier such as 'a4-highgpu-8g' or 'Llama-3-8B'
        mult = 1.0
        money = before.endswith("$") or before.rstrip().endswith("USD")
        km = re.match(r"^\s?([kK]|M|bn)\b", after) if money else None
        if km:
            mult = {"k": 1e3, "K": 1e3, "M": 1e6, "bn": 1e9}[km.group(1)]
            after = after[km.end():]
        kind = None
        if money:
            kind = "rate" if re.match(r"^" + _RATE, after) else (
                "price" if re.match(r"^\s?/\s?MWh", after) else "money")
        else:
            for pat, k, unit_mult in _UNITS:
                if pat.match(after):
                    kind, mult = k, unit_mult
                    break
        if kind is None:
            if after[:1].isalpha():
                continue  # a code such as '8B', not a quantity
            kind = "count"
        sign_ctx = before.rstrip("$ ").removesuffix("USD").rstrip()
        sign = sign_ctx[-1:] if sign_ctx[-1:] in ("+", "-", "−") else ""
        out.append(Mention(kind, value * mult, (sign + ("$" if money else "") + raw).strip(),
                           10 ** -decimals * mult, "-" if sign == "−" else sign))
    return out


def extract_datetimes(text: str) -> tuple[list[tuple[str, datetime, bool]], str]:
    """(text, value, has_time) of each date/time, and `text` with them blanked out."""
    found: list[tuple[str, datetime, bool]] = []

    def take(m: re.Match[str]) -> str:
        y, mo, d, hh, mm = m.groups()
        found.append((m.group(0), datetime(int(y), int(mo), int(d), int(hh or 0),
                                           int(mm or 0)), hh is not None))
        return " " * len(m.group(0))

    return found, _DT.sub(take, text)
