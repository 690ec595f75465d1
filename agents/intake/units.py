"""Numbers as written, and the units of data: dataset sizes, GPU memory and tokens.

Every converter follows the labelling rules in `../shared/data/requests/README.md`:
decimal commas, thousands separators (comma or space), `k`/"grand", TB x 1000, GiB x
1.073741824. Run lengths and GPU-hours are read by `run_lengths`; money and carbon by
`money_carbon`.
"""

from __future__ import annotations

import re

from agents.intake.text import Hit, clause_before

#: A number as people write it: `1,500` / `1 500` (thousands), `1,5` (decimal comma), `2.7`,
#: `1.234,50` (European thousands and decimals).
NUM = (r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
       r"|\d{1,3}(?: \d{3})+(?!\d|,\d|\.\d)|\d+(?:[.,]\d+)?)")
WORD_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "thirty-two": 32, "forty": 40, "fifty": 50, "sixty": 60, "sixty-four": 64,
    "hundred": 100, "half a": 0.5, "half an": 0.5, "a couple of": 2, "a couple": 2,
    "a few": 3, "half a dozen": 6, "half-dozen": 6, "a half-dozen": 6, "a dozen": 12,
    "dozen": 12, "a pair of": 2, "pair of": 2, "a whole": 1, "an entire": 1, "a full": 1,
    "one whole": 1,
}
_UNITS_W = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_W = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen")
_TENS_W = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_NUMBERS.update({w: i + 1 for i, w in enumerate(_UNITS_W)})
WORD_NUMBERS.update({w: i + 10 for i, w in enumerate(_TEENS_W)})
for _t, _tens in enumerate(_TENS_W):
    WORD_NUMBERS[_tens] = 20 + 10 * _t
    for _u, _unit in enumerate(_UNITS_W):
        WORD_NUMBERS[f"{_tens}-{_unit}"] = WORD_NUMBERS[f"{_tens} {_unit}"] = 21 + 10 * _t + _u
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
#: A number or a number word.
QTY = rf"(?:{NUM}|\b(?:{_WORDS})\b)"
_SCALE = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}
_APPROX = (r"(?:~|about|roughly|around|approx\.?|approximately|ca\.?|circa|some|up to|at most|"
           r"max\.?|maybe|perhaps|probably|like|est\.?|estimated|an estimated|likely)")


def parse_number(raw: str) -> float:
    """A written number as a float: `1,500` -> 1500, `1,5` -> 1.5, `1 500` -> 1500, `two` -> 2.

    Raises:
        ValueError: the text is not a number.
    """
    s = raw.strip().lower()
    if s in WORD_NUMBERS:
        return float(WORD_NUMBERS[s])
    s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d{1,2}", s):  # European "1.234,50"
        return float(s.replace(".", "").replace(",", "."))
    # European thousands: "1.200.000" (two groups: no decimal), "9.600", "1.000" (three
    # digits ending in 00 after one dot: nobody writes 9.6 as "9.600") (s16)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}|[1-9]\d{0,2}\.\d00", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    return float(s)


def scale(word: str | None) -> float:
    """The multiplier of a scale word (`k`, `million`, `B`, `trillion`); 1 when absent."""
    return _SCALE.get((word or "").lower(), 1.0)


# ----------------------------------------------------------------------------- data size
_BYTES = {"kb": 1e-6, "mb": 1e-3, "gb": 1.0, "g": 1.0, "tb": 1e3, "pb": 1e6,
          "kib": 2**10 / 1e9, "mib": 2**20 / 1e9, "gib": 2**30 / 1e9,
          "tib": 2**40 / 1e9, "megabytes": 1e-3, "gigabytes": 1.0, "terabytes": 1e3,
          "petabytes": 1e6, "megabyte": 1e-3, "gigabyte": 1.0, "terabyte": 1e3}
_SIZE = re.compile(
    rf"(?P<num>{QTY})\s?(?P<unit>[kmgtp]i?b|g|(?:mega|giga|tera|peta)bytes?)(?![\w])",
    re.IGNORECASE)
_MEM_BEFORE = re.compile(
    r"(?:>=|≥|>|at least|min(?:imum)?\.?|fits? (?:in|into|on)|with|of|over|more than)\s*$",
    re.IGNORECASE)
_GPU_NOUN = re.compile(r"\b(?:gpus?|cards?|accelerators?|devices?|vram|memory|mig)\b|fits?\b",
                       re.IGNORECASE)
_MEM_AFTER = re.compile(  # on the same line: "640 GiB\n  gpu: L4" is a data size, then a key
    r"^[^\S\n]*(?:\+|or more|(?:of )?(?:vram|hbm|gpu memory|memory)|each|per (?:gpu|card|device)|"
    r"(?:gpus?|cards?|accelerators?|devices?)\b)",
    re.IGNORECASE)

#: "16 GB is enough", "24 GB should suffice" after a GPU noun: memory the card needs
_ENOUGH_AFTER = re.compile(r"^\s*(?:is|are|should be|will be|would be)?\s*(?:enough|sufficient|"
                           r"plenty)\b|^\s*(?:will do|should do|suffices?|should suffice)\b",
                           re.IGNORECASE)

#: a range of sizes: "between 1 and 10 TB", "between 2 TB and 20 TB", "anywhere from 1 to 5 TB"
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s+\d[\d.,]*\s*(?:[kmgt]i?b)?\s+(?:and|to)\s+$",
                           re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s+(?:and|to)\s+\d[\d.,]*\s*[kmgt]i?b\b", re.IGNORECASE)


def data_sizes(text: str) -> tuple[list[Hit], list[Hit]]:
    """(dataset sizes in decimal GB, per-GPU memory needs in GB) found in `text`.

    A size is GPU memory when it sits next to a GPU noun or a memory cue ("GPUs with at
    least 40 GiB", "fits in 24 GiB", "24gb+"); GB and GiB are the same nominal number there.
    Everything else in bytes describes the data.
    """
    data: list[Hit] = []
    memory: list[Hit] = []
    for m in _SIZE.finditer(text):
        unit = m.group("unit").lower()
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        before = clause_before(text, m.start(), 60)
        after = text[m.end():m.end() + 25]
        if unit != "g" and (_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after)):
            continue  # "somewhere between 1 and 10 TB": no size is stated
        is_mem_unit = unit in ("gb", "gib", "g")
        nouns = list(_GPU_NOUN.finditer(before))
        near_gpu = bool(_MEM_BEFORE.search(before)) and bool(nouns) and not re.search(
            r"\d\s?(?:[kmgtp]i?b|g)\b", before[nouns[-1].end():] if nouns else "", re.IGNORECASE)
        mem_after = bool(_MEM_AFTER.match(after)) and not re.match(
            r"^\s*\+?\s*of\b(?! (?:vram|memory|hbm|gpu memory|gpu ram|video memory))", after,
            re.IGNORECASE)
        if mem_after and not nouns and re.match(
                r"^\s*(?:\+|or more)(?!\s*(?:of\s+)?(?:vram|hbm|gpu|memory|each|per|cards?|"
                r"gpus?|accelerators?|devices?)\b)", after, re.IGNORECASE):
            mem_after = False  # "on 100 GB or more": at least that much data, no GPU in sight
        if nouns and _ENOUGH_AFTER.match(after):
            mem_after = True  # "1 GPU, 16 GB is enough": the card's memory need
        if is_mem_unit and (near_gpu or mem_after):
            memory.append(Hit(value, m.start(), m.end(), "memory"))
        elif unit != "g":
            data.append(Hit(round(value * _BYTES[unit], 2), m.start(), m.end(), "data"))
    for m in re.finditer(r"\bhalf an? (tera|giga|peta)byte\b", text, re.IGNORECASE):
        unit = {"tera": 1e3, "giga": 1.0, "peta": 1e6}[m.group(1).lower()]
        data.append(Hit(0.5 * unit, m.start(), m.end(), "data"))
    return data, memory


# ----------------------------------------------------------------------------- tokens
_TOKENS = re.compile(
    rf"(?P<num>{NUM})\s?(?P<scale>k|m|b|t|bn|mn|tn|thousand|million|billion|trillion)?"
    r"-?\s*(?:[a-z][\w-]*\s+){0,2}?(?:tokens?|toks?)\b", re.IGNORECASE)


#: "tokens are 40 billion", "tokens: 2.5B"
_TOKENS_FIRST = re.compile(
    rf"\btokens?\s*(?:are|is|=|:|total|count|of)?\s*(?:about\s+|~\s?)?(?P<num>{NUM})\s?"
    r"(?P<scale>k|m|b|t|bn|mn|tn|thousand|million|billion|trillion)\b", re.IGNORECASE)


def tokens(text: str) -> list[Hit]:
    """Token counts ("26B tokens", "1.5 trillion tokens", "450M tokens") as integers."""
    out = []
    for m in _TOKENS.finditer(text):
        value = parse_number(m.group("num")) * scale(m.group("scale"))
        out.append(Hit(int(round(value)), m.start(), m.end(), "tokens"))
    if not out:
        out = [Hit(int(round(parse_number(m.group("num")) * scale(m.group("scale")))), m.start(),
                   m.end(), "tokens") for m in _TOKENS_FIRST.finditer(text)]
    return out


def without_card_memory(text: str, data: list[Hit], gpu_spans: list[tuple[int, int]]) -> list[Hit]:
    """`data` less the sizes bracketed right after a GPU name: the card's own memory.

    "a single A100 (40GB)", "2x L40S (48 GB)": part of the card's name, not the dataset.
    """
    ends = {end for _, end in gpu_spans}
    return [h for h in data
            if not (re.match(r"\s*\)", text[h.end:h.end + 4])
                    and any(re.fullmatch(r"s?\s*\(\s*", text[e:h.start]) for e in ends
                            if e <= h.start))]
