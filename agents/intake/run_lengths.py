"""Run lengths and compute: wall-clock durations and GPU-hours, in hours.

The labelling rules (`../shared/data/requests/README.md`): days x 24, a week = 168 h,
a month = 720 h, a year = 8760 h; GPU-days x 24 and GPU-weeks x 168.
"""

from __future__ import annotations

import re

from agents.intake.text import MASK, Hit, clause_before
from agents.intake.units import _APPROX, NUM, QTY, parse_number

# ----------------------------------------------------------------------------- compute
_HOURS_PER = {"min": 1 / 60, "minute": 1 / 60, "minutes": 1 / 60, "mins": 1 / 60,
              "h": 1.0, "hr": 1.0, "hrs": 1.0, "hour": 1.0, "hours": 1.0,
              "d": 24.0, "day": 24.0, "days": 24.0, "w": 168.0, "wk": 168.0, "wks": 168.0,
              "week": 168.0, "weeks": 168.0, "month": 720.0, "months": 720.0,
              "year": 8760.0, "years": 8760.0, "yr": 8760.0, "yrs": 8760.0,
              "fortnight": 336.0, "fortnights": 336.0}
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|years?|yrs?|fortnights?)"
_GPU_TIME = re.compile(
    rf"(?P<num>{QTY})\s?(?P<k>k)?\s*(?:gpu|{MASK}+|accelerator|chip)s?[- ]?"
    r"(?P<unit>hours?|hrs?|h|days?|weeks?)\b", re.IGNORECASE)


#: A key-value item ("gpu_hours=1", "gpu-hours: 30"): the schema's own name for the field
_GPU_HOURS_KV = re.compile(rf"\bgpu[_ -]?h(?:ours|rs)?\"?\s*[:=]\s*\"?(?P<num>{NUM})(?![\d.])",
                           re.IGNORECASE)


def gpu_hours(text: str) -> list[Hit]:
    """Compute stated as GPU-hours / GPU-h / `<GPU>-hours` / GPU-days (x24) / -weeks (x168).

    `<GPU>` is a masked accelerator name (the hardware extractor masks `H100` in
    "6,000 H100-hours" and records the type).
    """
    out = [Hit(parse_number(m.group("num")), m.start(), m.end(), "gpu_hours")
           for m in _GPU_HOURS_KV.finditer(text)]
    for m in _GPU_TIME.finditer(text):
        value = parse_number(m.group("num")) * (1e3 if m.group("k") else 1.0)
        unit = m.group("unit").lower()
        per = 24.0 if unit.startswith("day") else 168.0 if unit.startswith("week") else 1.0
        out.append(Hit(value * per, m.start(), m.end(), "gpu_hours"))
    return out


_FOR = re.compile(
    rf"\b(?:for|over(?!\s+the\s+next))\s+(?:the\s+next\s+|another\s+|a\s+further\s+|{_APPROX}\s+)?"
    rf"(?P<num>{QTY}|(?<=the )(?:whole|entire|full)|(?<=for )the\s+(?:whole|entire|full))\s?-?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)(?![-/]\w)", re.IGNORECASE)
_RUNS = re.compile(
    r"\b(?:runs?|running|takes?|lasts?|runtime|run[- ]time|duration|wall[- ]?clock(?: time)?|"
    r"time\s+(?:maximum|max\.?|at most))"
    rf"\"?(?:\s+(?:is|of|:|for|should be|will be|{_APPROX}))*\s*:?\s*\"?(?P<num>{QTY})\s?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)", re.IGNORECASE)
#: what a run length can be the length of ("a 2-week demo", "90 mins for a customer demo")
_JOB_NOUN = (r"(?:demo|run|job|window|(?:pre-?|re-?)?training|session|test|campaign|deployment|"
             r"service|pilot|trial|experiment|rental|reservation|fine-?tun\w*|eval\w*|"
             r"benchmark\w*|sweep|inference|endpoint|hosting|workload|batch|hackathon|event|"
             r"workshop|sprint|livestream)")
_ADJ = re.compile(
    rf"(?P<num>{QTY})[- ]?(?P<unit>{_UNIT})[- ](?:long\s+)?(?:[\w-]+\s+){{0,2}}?{_JOB_NOUN}\b",
    re.IGNORECASE)
#: "90 mins for a customer demo", "two weeks of the pilot": the length of a named job
_FOR_JOB = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore )"
    rf"(?P<num>{NUM}|(?<![\w-])an?(?= (?:hour|day|week)\b))\s?(?P<unit>{_UNIT})\s+"
    rf"(?:for|of)\s+(?:a|an|the|our|my|this|that)\s+(?:[\w-]+\s+){{0,2}}?{_JOB_NOUN}\b",
    re.IGNORECASE)
#: "36 hours straight", "stay up 10 days", "keep it live 48h": a length stated as unbroken
_AMOUNT = rf"(?P<num>{QTY})\s?(?P<unit>{_UNIT})\b"  # "thirty days in a row" (s16)
_STAY_UP = re.compile(
    r"\b(?:stay(?:s|ing)?|keep\s+(?:it|them|this|the\s+\w+)|remain(?:s|ing)?)\s+"
    rf"(?:up|live|online|running|alive|available)\s+{_AMOUNT}", re.IGNORECASE)
_STRAIGHT = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore ){_AMOUNT}"
    r"(?=\s+(?:straight|non-?stop|continuously|in a row|uninterrupted|solid)\b)", re.IGNORECASE)
#: "8 hours tomorrow from 09:00", "3 days starting Monday": a length before the time it starts
_BEFORE_START = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore ){_AMOUNT}"
    r"(?=,?\s+(?:tomorrow|today|tonight|this\s+(?:morning|afternoon|evening|weekend)|"
    r"starting|beginning|from\s+(?!now\b|today\b)|on\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*\b))",
    re.IGNORECASE)
#: a run length under a config or form key: "walltime: 36h", "max_wall = \"20h\"", "Time box:
#: 6h", "wall_hours = 5" (a key that names its unit needs none after the number) (s16)
_KV_RUN = re.compile(
    r"(?<![\w-])(?P<key>wall(?:[_ -]?(?:time|clock(?:[_ -]?time)?))?|max[_ -]?wall(?:[_ -]?time)?|"
    r"time[_ -]?(?:limit|box)|timebox|max[_ -]?(?:run[_ -]?time|duration|time)|"
    r"run[_ -]?(?:time|length)|est(?:imated)?[_ -]?(?:run[_ -]?time|duration)|"
    r"(?P<hkey>(?:wall|max[_ -]?wall|run|max|est(?:imated)?|duration)[_ -]?(?:hours|hrs|h)))"
    rf"\"?\s*[:=]\s*[\"']?(?P<num>{NUM})\s?(?P<unit>{_UNIT})?(?![\w.:])", re.IGNORECASE)
#: "2h30 should be enough", "3 hours will do": a run length judged sufficient
_ENOUGH = (r"\s+(?:should|will|would|ought to|must|may|might)?\s*(?:be\s+)?(?:enough|"
           r"plenty|sufficient|suffice|do(?:\s+it)?)\b|\s+(?:is|are)\s+(?:enough|plenty|"
           r"sufficient)\b")
_SUFFICES = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore )"
    rf"(?P<num>{NUM}|(?<![\w-])an?(?= (?:hour|day|week)\b))\s?(?P<unit>{_UNIT})(?={_ENOUGH})",
    re.IGNORECASE)
_AFTER = re.compile(
    rf"(?P<num>{QTY})\s?(?P<unit>{_UNIT})\s+(?:of\s+)?(?:wall(?:[- ]?clock|[- ]?time)?\b|runtime|"
    r"run[- ]time|compute time|training time)",
    re.IGNORECASE)
_ABOUT = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?:~\s?|\b(?:about|roughly|around|approx\.?|"
    rf"approximately|ca\.?|circa|maybe|perhaps|probably|estimated|likely|like|something like)\s+)"
    rf"(?P<num>{QTY})\s?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)(?![-/]\w)",
    re.IGNORECASE)
_WHOLE = ("whole", "entire", "full")
#: A run length standing alone as an item of a terse list ("1x A100, 6h, spot ok", "(4 hours)").
#: A word number is spaced from its unit ("an hour"): "anh", "oned" are words (s12).
_BARE = re.compile(
    rf"(?:^|[,;(]|(?<=\s))\s*(?<!\bwithin )(?<!\bin )(?<!\bnext )(?<!\bevery )(?<!\bafter )"
    rf"(?<!\bbefore )(?<!\bby )(?<!\bthan )(?<!\bpast )(?<!\blast )(?<!\bfirst )"
    rf"(?:~\s?)?(?P<num>{NUM}|half an?|a couple of|a few|an?|one)(?:(?<=\d)\s?|\s)"
    r"(?P<unit>minutes?|mins?|hours?|"
    r"hrs?|h|days?|d|weeks?|wks?|fortnight|months?)"
    # "36 h // India only", "<= 3h | int8", "6 hours only:" end an item too (s12)
    r"(?=\s*(?:tops|max(?:imum)?|at most|or so|or less|only)?\s*(?:[,;)|:]|//|\.(?:\s|$)|$))"
    r"(?!\s*ago)",
    re.IGNORECASE)
#: "3 hours on 2 A10G": a run length stated against the (masked) hardware
_ON_HARDWARE = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore )"
    rf"(?P<num>{NUM}|(?<![\w-])an?(?= hour\b))\s?(?P<unit>{_UNIT})\b"
    rf"(?=\s+on\s+(?:(?:a|an|one|the|our|\d+|\d+\s?x)\s*)?(?:single\s+)?(?:{MASK}|"
    r"(?:any|whatever|whichever|the\s+cheapest|a\s+single|one|a)\s+(?:gpu|card|accelerator)s?\b))",
    re.IGNORECASE)
#: "2 days and 6 hours", "1 hour 30 minutes": a smaller unit added to a run length
_COMPOUND = re.compile(rf"^\s*(?:,|and|\+|&)?\s*(?P<num>{NUM})\s?"
                       r"(?P<unit>days?|hours?|hrs?|h|minutes?|mins?)\b", re.IGNORECASE)
#: what follows a length of run: "3h30 of wall-clock", "2h15 of training", "1h45 wall time",
#: "3h30 max runtime" (s12)
_LENGTH_AFTER = re.compile(r"\s+(?:max(?:imum)?\s+)?(?:of\s+)?(?:wall\b|wall-?clock|run-?time|"
                           r"run\s+time|compute\b|training|fine-?tuning|inference|serving|gpu\s+time|total)",
                           re.IGNORECASE)
_HMM = re.compile(r"\b(?P<h>\d{1,2})\s?h\s?(?P<m>[0-5]\d)\b(?!\s*(?:gb|mb|:))", re.IGNORECASE)


#: what a length of time can measure besides the run: "900 hours Callcenter-Audio",
#: "400 hours audio", "1,200 h speech recordings" (the data's length)
_DATA_AFTER = re.compile(r"^\s+(?:of\s+)?(?:[\w-]+[- ])?(?:audio|speech|recordings?|video|footage|"
                         r"podcasts?|lectures?|calls?|interviews?|broadcasts?|music|voice|"
                         r"meetings?|transcripts?|movies?|films?|tv)\b", re.IGNORECASE)
#: the length of one item of many, not of the job: "each run ~30 min", "2 h per config"
_ITEM = (r"(?:run|config(?:uration)?|trial|experiment|seed|fold|epoch|step|sample|item|variant|"
         r"point)")
_EACH_BEFORE = re.compile(rf"\b(?:each|every|per|one)\s+{_ITEM}s?\s+(?:\w+\s+){{0,2}}$",
                          re.IGNORECASE)
_EACH_AFTER = re.compile(rf"^\s*(?:per|each|a|/)\s*{_ITEM}\b|^\s+each\b", re.IGNORECASE)


def _not_the_run(text: str, hit: Hit) -> bool:
    """Whether a length measures the data or one item of a sweep, not the job's run."""
    return bool(_DATA_AFTER.match(text[hit.end:hit.end + 40])
                or re.search(rf"\b(?:per|each)\s+{_ITEM}\b", text[hit.start:hit.end], re.IGNORECASE)
                or _EACH_BEFORE.search(text[max(0, hit.start - 40):hit.start])
                or _EACH_AFTER.match(text[hit.end:hit.end + 20])
                or bool(re.search(r"\b(?:each|every|per)\s+$",  # "each run ~30 min"
                                  text[max(0, hit.start - 12):hit.start], re.IGNORECASE)
                        and re.match(_ITEM, text[hit.start:], re.IGNORECASE)))


def durations(text: str) -> list[Hit]:
    """Wall-clock run lengths, less those of the data or of one item of a sweep."""
    return [h for h in _durations(text) if not _not_the_run(text, h)]


def _durations(text: str) -> list[Hit]:
    """Wall-clock run lengths in hours ("for 5 days", "runtime ca. 20h", "a 2-week demo").

    "within N hours" and "in the next N days" are deadlines, and "900 hours of audio"
    describes data, so neither is read here.
    """
    out: list[Hit] = []
    seen: set[int] = set()
    for pattern in (_FOR, _RUNS, _ADJ, _AFTER, _ABOUT, _BARE, _ON_HARDWARE, _FOR_JOB, _SUFFICES,
                    _STAY_UP, _STRAIGHT, _BEFORE_START):
        for m in pattern.finditer(text):
            if m.start("num") in seen or (pattern is _BARE and m.group("num").isalpha()
                                          and text[m.end():].lstrip().startswith(".")):
                continue  # "... cost us a day." tells a story; "…, 48 hours." is an item
            if m.group("num").lower() in ("a few", "few", "several"):
                continue  # "for a few hours" states no length (a count the labels leave unset)
            unit = m.group("unit").lower()
            num = re.sub(r"^the\s+", "", m.group("num").lower())
            try:
                value = (1.0 if num in _WHOLE else parse_number(m.group("num"))) * _HOURS_PER[unit]
            except (KeyError, ValueError):
                continue
            seen.add(m.start("num"))
            more = _COMPOUND.match(text[m.end():m.end() + 20])
            if more and _HOURS_PER[more.group("unit").lower()] < _HOURS_PER[unit]:
                value += parse_number(more.group("num")) * _HOURS_PER[more.group("unit").lower()]
                seen.add(m.end() + more.start("num"))
            if re.match(r"^\s+and a half\b", text[m.end():m.end() + 12], re.IGNORECASE):
                value *= 1.5 if parse_number(m.group("num")) == 1 else 1 + 0.5 / parse_number(
                    m.group("num"))  # "a week and a half"
            out.append(Hit(value, m.start(), m.end(), "duration"))
    for m in _KV_RUN.finditer(text):
        if m.start("num") in seen or not (m.group("unit") or m.group("hkey")):
            continue
        seen.add(m.start("num"))
        per = _HOURS_PER[m.group("unit").lower()] if m.group("unit") else 1.0
        out.append(Hit(parse_number(m.group("num")) * per, m.start(), m.end(), "duration"))
    for m in _HMM.finditer(text):
        before = clause_before(text, m.start(), 40).lower()
        on_hw = re.match(rf"\s+on\s+(?:(?:a|an|one|the|our|\d+)\s+)?(?:single\s+)?{MASK}",
                         text[m.end():m.end() + 30])
        if re.search(rf"(?:\b(?:for|runs?|takes?|runtime|lasts?|{_APPROX})|~)\s*$", before) \
                or on_hw or _LENGTH_AFTER.match(text[m.end():m.end() + 30]) \
                or re.match(_ENOUGH, text[m.end():m.end() + 30], re.IGNORECASE):
            out.append(Hit(int(m.group("h")) + int(m.group("m")) / 60, m.start(), m.end(),
                           "duration"))
    return out
