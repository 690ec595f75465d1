"""One constraint stated twice with different values, and the user has not chosen.

- Two carbon caps ("max 50 kg CO2 - well, up to 500 kg is also fine"): the cap is unset
  and both are named. A past figure ("last run emitted 300 kg") is not a cap.
- Two run lengths for one job ("a 2-hour job, reserve the GPUs for 3 days of runtime"),
  an order of magnitude apart: unset and asked. A start offset ("kick off in 3 hours")
  or a window end is not a run length.
- Two accelerator types and the user does not know which ("H100s, or A100s, not sure"):
  unset and asked ("whichever is cheaper" leaves the choice to the planner: not asked).
- Two GPU counts and the user says they are unsure ("4 A100s... actually 8, or maybe 4
  is fine, I'm not sure"): unset and asked. Counts that add up ("one GPU per adapter, so
  6 altogether") carry no such word and are left to the extractor.
- Two places each said to be the only one allowed, in separate statements, that share
  no country ("data must stay in the EU. The data must also stay in Japan"): asked, the
  places are kept as stated. A narrowing ("EU only ... in Germany") is not this.
Each rule is a shape of text, not a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from agents.intake.checks import Problem
from agents.intake.text import Hit
from tools.ranking import EEA, EU, EUROPE

_I = re.IGNORECASE
#: words that make the user's own choice open
_UNSURE = re.compile(r"\bnot sure\b|\bunsure\b|\bundecided\b|\bdon'?t know\b|\bmaybe\b|"
                     r"\bperhaps\b|\bor so\b|\beither\b|\bwhichever\b|\bno idea\b|"
                     r"\bcan'?t decide\b|\bstill deciding\b|\bnot decided\b", _I)

# ---------------------------------------------------------------- carbon caps
_MASS = re.compile(r"(?<![\w.,])(?P<n>\d[\d.,]*)\s*(?P<u>kg|kilos?|kilograms?|t|tonnes?|tons?|g|"
                   r"grams?)(?![\w/])", _I)
_KG = {"kg": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0, "t": 1000.0,
       "tonne": 1000.0, "tonnes": 1000.0, "ton": 1000.0, "tons": 1000.0, "g": 0.001,
       "gram": 0.001, "grams": 0.001}
#: units that are also other things ("2T tokens"): read as mass only before a carbon word
_AMBIGUOUS = {"t", "g", "ton", "tons"}
_CARBON_AFTER = re.compile(r"\s*(?:of\s+)?(?:co2\w*|co₂\w*|carbon|emissions?|ghg)\b", _I)
#: a measured or past figure, not a cap
_PAST = re.compile(r"\b(?:last|previous|prior|emitted|produced|used|consumed|saved|baseline|"
                   r"avoided|offset|was|were|cost us)\b[^.;!?]{0,25}$", _I)


def _kg(number: str, unit: str) -> float | None:
    try:
        return float(number.replace(",", ".") if number.count(",") == 1 and "." not in number
                     and len(number.split(",")[1]) != 3 else number.replace(",", "")) \
            * _KG[unit.lower()]
    except (ValueError, KeyError):
        return None


def two_carbon_caps(text: str, co2_hits: Sequence[Hit]) -> list[Problem]:
    """A second mass amount beside the carbon cap, with another value (both named)."""
    if not co2_hits:
        return []
    cap = float(str(co2_hits[0].value))
    for m in _MASS.finditer(text):
        if m.group("u").lower() in _AMBIGUOUS and not _CARBON_AFTER.match(text, m.end()):
            continue  # "2T tokens", "5 g of data": a carbon figure says so
        value = _kg(m.group("n"), m.group("u"))
        if value is None or value <= 0 or cap <= 0 or max(value, cap) / min(value, cap) <= 1.1:
            continue
        if _PAST.search(text[max(0, m.start() - 40):m.start()]):
            continue
        low, high = sorted((cap, value))
        return [Problem(f"two carbon caps: {low:g} kg or {high:g} kg",
                        f"Which is the carbon cap: {low:g} kg or {high:g} kg CO2?", "max_co2_kg")]
    return []


# ---------------------------------------------------------------- run lengths
#: what makes an amount of time something else than the run's length
_NOT_LENGTH = re.compile(r"\b(?:in|within|after|by|every|each|per|ago|next|last|first|"
                         r"before|until|till)\s*(?:the\s+)?(?:next\s+)?(?:about\s+|~\s*)?$", _I)
#: how far apart two run lengths must be to be a clash (not a rounded or padded estimate)
_LENGTH_RATIO = 4.0


def two_run_lengths(text: str, duration_hits: Sequence[Hit]) -> list[Problem]:
    """Two run lengths of one job, far apart ("2-hour job ... 3 days of runtime")."""
    lengths = [h for h in duration_hits
               if not _NOT_LENGTH.search(text[max(0, h.start - 20):h.start])]
    values = sorted({float(str(h.value)) for h in lengths if float(str(h.value)) > 0})
    if len(values) < 2 or values[-1] / values[0] < _LENGTH_RATIO:
        return []
    shown = f"{values[0]:g} h or {values[-1]:g} h"
    return [Problem(f"two run lengths: {shown}",
                    f"How long does the job run: {shown}?", "duration_hours")]


# ---------------------------------------------------------------- GPU counts
def two_counts_unsure(text: str, count_hits: Sequence[Hit]) -> list[Problem]:
    """Two GPU counts and a word saying the user has not decided."""
    values = list(dict.fromkeys(int(str(h.value)) for h in count_hits))
    if len(values) < 2 or not _UNSURE.search(text):
        return []
    shown = " or ".join(str(v) for v in values[:3])
    return [Problem(f"two GPU counts and the user is unsure: {shown}",
                    f"How many GPUs should the job use: {shown}?", "gpu_count")]


#: a count referred back to with a definite article: "the 8 GPUs", "all 16 cards", "those 4"
_COUNT_BACK = re.compile(r"\b(?:the|those|these|all(?:\s+the)?|both|our)\s+(\d{1,5})\s*(?:x\s*)?"
                         r"(?:gpus?|cards?|accelerators?|devices|chips|(?:[A-Za-z]+\d+[\w-]*s?))\b",
                         _I)


def count_referred_back(text: str, count_hits: Sequence[Hit]) -> list[Problem]:
    """A stated GPU count and "the N GPUs" with another N: which count holds is unknown.

    "Serve it on 4 H100s. The 8 GPUs must share a node": the definite article points back
    at a count the request gave, so a different number is a contradiction, not a second
    group. A count that matches ("8 A100s ... the 8 GPUs") is the same one.
    """
    refs = list(_COUNT_BACK.finditer(text))
    stated = {int(str(h.value)) for h in count_hits
              if not any(m.start(1) <= h.start < m.end() for m in refs)}
    if not stated:
        return []
    back = {int(m.group(1)) for m in refs} - stated
    if not back:
        return []
    shown = " or ".join(str(v) for v in sorted(stated | back)[:3])
    return [Problem(f"conflicting GPU counts: {shown}",
                    f"How many GPUs should the job use: {shown}?", "gpu_count")]


#: the user does not know (not "whichever is cheaper": that leaves the choice to us)
_DONT_KNOW = re.compile(r"\bnot sure\b|\bunsure\b|\bundecided\b|\bdon'?t know\b|\bno idea\b|"
                        r"\bcan'?t decide\b|\bstill deciding\b|\bnot decided\b|\bto be decided\b",
                        _I)


def two_types_unsure(text: str, type_hits: Sequence[Hit]) -> list[Problem]:
    """Two accelerator types and the user says they do not know which."""
    values = list(dict.fromkeys(str(h.value) for h in type_hits))
    if len(values) < 2 or not _DONT_KNOW.search(text):
        return []
    shown = " or ".join(values[:3])
    return [Problem(f"two accelerator types and the user is unsure: {shown}",
                    f"Which accelerator should the job use: {shown}?", "gpu_type")]


# ---------------------------------------------------------------- places, each "only"
_EXCLUSIVE = re.compile(
    r"\b(?:must|has to|have to|needs? to|should|shall|is to|are to)\s+(?:also\s+|all\s+|"
    r"only\s+|strictly\s+|always\s+)?(?:stay|remain|reside|live|be\s+(?:kept|stored|hosted|"
    r"processed|run|located))\s+(?:with)?in\s+(?:the\s+)?$|"
    r"\b(?:only|exclusively|strictly)\s+(?:in|inside|within)\s+(?:the\s+)?$|"
    r"\b(?:can'?t|cannot|must not|may not|never)\s+leave\s+(?:the\s+)?$", _I)
_APAC = {"JP", "SG", "AU", "KR", "IN", "HK", "TW", "ID", "MY", "TH", "VN", "PH", "NZ", "CN"}
_AREA_SETS = {"eu": EU, "eea": EEA, "europe": EUROPE, "us": {"US"}, "us-east": {"US"},
              "us-west": {"US"}, "apac": _APAC}


@lru_cache(maxsize=1)
def _region_countries() -> dict[str, str]:
    from agents.intake.unresolved import _region_places

    out = {}
    for region, where in _region_places().items():
        codes = [w for w in where if len(w) == 2]
        if codes:
            out[region] = codes[0].upper()
    return out


def _countries(value: str) -> set[str] | None:
    v = value.lower()
    if v in _AREA_SETS:
        return set(_AREA_SETS[v])
    if len(value) == 2 and value.isalpha():
        return {value.upper()}
    country = _region_countries().get(v)
    return {country} if country else None


def _statement(text: str, pos: int) -> int:
    """Index of the statement (split at sentence ends and ';') that holds `pos`."""
    return len(re.findall(r"[.;!?](?:\s|$)", text[:pos]))


def two_only_places(text: str, region_hits: Sequence[Hit]) -> list[Problem]:
    """Two statements that each allow only places sharing no country with the other's."""
    groups: dict[int, set[str]] = {}
    names: dict[int, list[str]] = {}
    for h in region_hits:
        before = text[max(0, h.start - 45):h.start]
        if not _EXCLUSIVE.search(before) and not re.match(r"[\s-]*only\b", text[h.end:h.end + 8],
                                                           _I):
            continue
        countries = _countries(str(h.value))
        if countries is None:
            return []  # a place with no known countries: not judged here
        key = _statement(text, h.start)
        groups.setdefault(key, set()).update(countries)
        names.setdefault(key, []).append(str(h.value))
    keys = sorted(groups)
    for a, b in zip(keys, keys[1:], strict=False):
        if not groups[a] & groups[b]:
            one, two = "/".join(names[a]), "/".join(names[b])
            return [Problem(f"the data must stay only in {one} and also only in {two}",
                            f"Where may the job run: only in {one}, or only in {two}?",
                            "regions")]
    return []
