"""Accelerators in a request: type, total count, and names that do not exist.

Types are canonicalised through `gridwise.accelerators` (aliases in data/accelerators.csv)
and then onto the README's catalog names: "A100 80GB" -> `A100-80GB`, "A100" / "A100
40GB" -> `A100`, "4090" -> `RTX4090`, "v6e-8" / "Trillium" -> `TPU-v6e` x 8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.intake import layouts
from agents.intake.count_words import counts_stated_apart
from agents.intake.table_counts import table_counts
from agents.intake.text import Hit
from agents.intake.units import NUM, QTY, parse_number
from gridwise.accelerators import alias_index, load_accelerators

#: The canonical `gpu_type` values of the labelling rules.
CATALOG_TYPES = ("H100", "H200", "A100-80GB", "A100", "L40S", "L4", "A10G", "A10", "T4", "V100",
                 "RTX4090", "RTX6000-Ada", "MI300X", "TPU-v6e", "TPU-v5e", "TPU-v5p", "TPU-v4",
                 "B200")
#: TPU generations whose slice suffix counts TensorCores (2 per chip), not chips.
_TPU_CORES_PER_CHIP = {"v2": 2, "v3": 2, "v4": 2, "v5p": 2}

_GPU = re.compile(
    r"(?:(?<![\w/.-])|(?<=\d[x×*]))(?:(?P<memfirst>\d{2,3})\s?gi?b\s+)?(?:(?:nvidia|amd)\s+)?"
    r"(?P<fam>(?:geforce\s+)?rtx\s?|tesla\s+|quadro\s+rtx\s?|instinct\s+)?"
    r"(?P<base>[a-z]{1,3}\d{1,4}[a-z]{0,2}|\d{4})(?P<ada>[\s-]ada)?"
    r"(?:[\s-](?:sxm\d?|pcie|nvl|nvlink|hgx))?"
    r"(?:[\s-]?(?P<mem>\d{2,3})\s?g(?:i?b)?)?(?P<s>s)?(?![\w])", re.IGNORECASE)
_TPU = re.compile(
    r"(?<![\w-])(?P<tpu>(?:cloud\s+)?tpu\s?-?\s?)?(?P<gen>v[2-6](?:e|p|litepod)?)"
    r"(?:-(?P<n>\d+))?(?P<after>\s+(?:tpu|pod|slice))?(?![\w])|\b(?P<trillium>trillium)\b",
    re.IGNORECASE)
_TPU_ANY = re.compile(r"(?<![\w-])(?:tpu\s?-?\s?v\d+[a-z]*|v(?:[7-9]|\d{2,})[a-z]*(?=\s+(?:tpu|pod|"
                      r"slice)))(?![\w])", re.IGNORECASE)
_COUNT_X_BEFORE = re.compile(rf"(?P<n>{QTY})\s?(?:x|×|\*)\s?$", re.IGNORECASE)
_COUNT_BEFORE = re.compile(rf"(?P<n>{QTY})\s+(?:(?:pieces?|units?|pcs\.?|nos\.?|cards?|boards?)"
                           r"\s+(?:of\s+)?|of\s+|"
                           r"gpus?\s+|(?:nvidia|amd|google)\s+)?$", re.IGNORECASE)
_CHIPS_AFTER = re.compile(rf"^\s*(?:slice|pod)?\s*(?:of|with|\()\s*(?P<n>{QTY})\s+(?:tpu\s+)?"
                          r"chips\b",
                          re.IGNORECASE)
_CHIPS_BEFORE = re.compile(rf"(?P<n>{NUM})[- ]chips?\s+(?:tpu\s+)?$", re.IGNORECASE)
_FEW = "two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|thirty-two|sixty-four"
_COUNT_AFTER = re.compile(rf"^\s?(?:(?:x|×|\*)\s?(?P<n>\d+)\b|s?\s+(?:of|in|,)?\s*(?P<u>{QTY})\s+"
                          r"(?:units|pieces|pcs|cards|gpus)\b|s?[\s,]+(?P<t>\d+|" + _FEW
                          + r")\s+of\s+(?:them|those|these)\b|s?[\s,;:(]*(?:quantity|qty|count|"
                          r"number|amount)\s*[:=]?\s*(?P<q>\d+)\b)", re.IGNORECASE)
_GENERIC = re.compile(
    rf"(?P<n>{QTY})[\s-]?(?:x|×|\*)?\s?(?:[A-Z]{{1,3}}\d{{2,4}}[A-Za-z]?\s+)?"
    r"(?:(?:tpu\s+)?chips|gpus|accelerators|cards|gpu\b)"
    r"(?![- ]?(?:hours?|hrs?|h|days?|weeks?)\b)", re.IGNORECASE)
#: "quad V100 box", "dual A6000 workstation": a count written as a multiplier word
_MULTIPLIER_BEFORE = re.compile(r"\b(?P<w>dual|twin|triple|quad|octo|octa)[- ]?(?:gpu\s+)?$",
                                re.IGNORECASE)
_MULTIPLIERS = {"dual": 2, "twin": 2, "triple": 3, "quad": 4, "octo": 8, "octa": 8}
#: Counts too vague to label ("a few T4s" names the type only)
_VAGUE = {"a few"}
#: "a few hundred H100s", "several dozen GPUs": a scale word made vague by what precedes it
_VAGUE_BEFORE = re.compile(r"\b(?:few|several|many)\s+$", re.IGNORECASE)
#: "an RTX 6000 Ada pair", "an A100 trio": a group noun after the name
_GROUP_AFTER = re.compile(r"^s?\s+(?P<g>pair|duo|trio|quartet)\b", re.IGNORECASE)
_GROUP_BEFORE = re.compile(r"\b(?P<g>duo|trio|quartet)\s+of\s+$", re.IGNORECASE)
_GROUPS = {"pair": 2, "duo": 2, "trio": 3, "quartet": 4}
#: Counts stated as the total win over per-item counts ("one GPU per adapter, 6 in total")
_TOTAL_AFTER = re.compile(r"^\s*(?:in total|total|altogether|overall|all told|combined|in all)\b",
                          re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"(?:\b(?:a total of|total of|in total|total:?|altogether)|"
                           r"(?:=>?|->|\u2192)\s*(?:budget|a total of|total)?)\s*$",
                           re.IGNORECASE)
#: "2 GPU-hours each", "~2 GPU-days per experiment": one item's share, not the whole
_EACH_AFTER = re.compile(r"^\s*(?:each|apiece|per\s+(?!gpu\b|hour\b|day\b)\w+|a\s+(?:run|job|"
                         r"experiment|trial|seed|model))\b", re.IGNORECASE)


def totals_first(hits: list[Hit], text: str) -> list[Hit]:
    """`hits` with those stated as the total first and per-item ones last.

    "40 runs of 2 GPU-hours each -> 80 GPU-h total" states a share and the whole; the
    whole is the request's value, whichever comes first.
    """
    totals = [h for h in hits if _TOTAL_AFTER.match(text[h.end:h.end + 16])
              or _TOTAL_BEFORE.search(text[max(0, h.start - 14):h.start])]
    each = [h for h in hits if h not in totals and _EACH_AFTER.match(text[h.end:h.end + 24])]
    return totals + [h for h in hits if h not in totals and h not in each] + each
#: "8-way tensor parallelism", "tensor-parallel size 4": one accelerator per shard
_PARALLEL = re.compile(r"\b(?P<n>\d+)[- ]way\s+(?:tensor|model)[- ]parallel\w*|"
                       r"\b(?:tensor[- ]parallel(?:ism)?(?:[- ]size)?|tp)\s*[=:]?\s*(?P<m>\d+)\b",
                       re.IGNORECASE)
#: "GPUs with 80 GB or more, any vendor, 4 of them": a count that refers back to a GPU noun
_GPUS_THEN_OF_THEM = re.compile(rf"\b(?:gpus|accelerators|cards)\b[^.;!?]{{0,60}}?\b(?P<n>{QTY})"
                                r"\s+of\s+(?:them|those|these)\b", re.IGNORECASE)
#: A MIG profile ("3g.40gb") is part of one GPU: not a memory need, not a dataset size
MIG_PROFILE = re.compile(r"\b\d+g\.\d+gb\b", re.IGNORECASE)
_MIG = re.compile(r"\bMIG\b|\b\d+g\.\d+gb\b", re.IGNORECASE)
#: "T4 or better", "at least an A10G": a floor on the hardware, not the type to run on
_FLOOR_AFTER = re.compile(r"^\s*(?:or\s+(?:better|newer|higher|faster|above|bigger|up)|"
                          r"and\s+(?:up|above|better)|\+(?!\s*\d)|-class or better)",
                          re.IGNORECASE)
_FLOOR_BEFORE = re.compile(r"\b(?:at least|minimum|min\.?|no worse than|nothing (?:below|less than|"
                           r"weaker than|slower than))\s+(?:an?\s+|one\s+)?$", re.IGNORECASE)
#: "A100 de 80GB", "A100 mit 80 GB", "A100 with 80GB": a memory variant joined by a word
_MEM_OF_AFTER = re.compile(r"^\s(?:de|di|da|mit|with|com|con|avec)\s(?P<mem>\d{2,3})\s?gi?b\b"
                           r"(?!\s*(?:of|de|des|di|von|van)\b)", re.IGNORECASE)
_HOURS_AFTER = re.compile(r"^[\s-]?(?:hours?|hrs?|h|days?|weeks?)\b", re.IGNORECASE)
_GPU_CONTEXT_AFTER = re.compile(r"^\s*(?:gpus?|cards?|accelerators?)\b", re.IGNORECASE)


@dataclass
class HardwareHits:
    """What the hardware scan found: types, counts, unknown names, and spans to mask."""

    types: list[Hit] = field(default_factory=list)
    counts: list[Hit] = field(default_factory=list)
    unknown: list[Hit] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _catalog(name: str) -> str:
    """Map a canonical CSV name onto the README catalog (`V100-32GB` -> `V100`)."""
    if name in CATALOG_TYPES:
        return name
    base = name.split("-")[0]
    return base if base in CATALOG_TYPES else name


def canonical_gpu(base: str, mem: str | None = None, extra: str = "") -> str | None:
    """The accelerator-table name for a written base name plus optional memory ('A100', '80').

    `catalog_type` then maps it onto the README's catalog names.
    """
    index = alias_index()
    keys = [_norm(base + extra)]
    if base.lower().endswith("s") and not base.lower().endswith("40s"):
        keys.append(_norm(base[:-1] + extra))
    for key in keys:
        if mem and key + mem + "gb" in index:
            return index[key + mem + "gb"]
        if key in index:
            return index[key]
        if key.isdigit() and "rtx" + key in index:
            return index["rtx" + key]
    return None


def catalog_type(name: str) -> str:
    """The README catalog name of an accelerator-table name (`V100-32GB` -> `V100`)."""
    return _catalog(name)


def _count_near(text: str, start: int, end: int) -> int | None:
    return layouts.times_nodes(_count_here(text, start, end), text[end:])


def _count_here(text: str, start: int, end: int) -> int | None:
    before = text[max(0, start - 40):start]
    box = layouts.one_box(before, text[end:])
    if box:
        return box
    m = _MULTIPLIER_BEFORE.search(before)
    if m:
        return _MULTIPLIERS[m.group("w").lower()]
    total = layouts.nodes_before(before, text[end:])
    if total is not None:
        return total
    m = _GROUP_AFTER.match(text[end:end + 16]) or _GROUP_BEFORE.search(before)
    if m:  # "an RTX 6000 Ada pair", "a trio of L4s"
        return _GROUPS[m.group("g").lower()]
    for pattern in (_COUNT_X_BEFORE, _COUNT_BEFORE):
        m = pattern.search(before)
        if m and m.group("n").lower() not in _VAGUE and not _VAGUE_BEFORE.search(
                before[:m.start()]):
            value = parse_number(m.group("n"))
            if value == 1 and pattern is _COUNT_BEFORE and layouts.one_node_after(text[end:]):
                return None  # "a full H100 node": one node, of a size the text does not state
            if value >= 1 and value == int(value):
                return int(value)
    m = _COUNT_AFTER.match(text[end:end + 26])
    if m:
        return int(m.group("n") or m.group("q") or parse_number(m.group("u") or m.group("t")))
    m = layouts.BOX_SIZE.search(before)
    return int(m.group("n")) if m and "way" in m.group(0).lower() else None  # "8-way V100"


def find_hardware(text: str) -> HardwareHits:
    """Accelerator types and counts in `text` (model names must already be masked)."""
    out = HardwareHits()
    memory = {a.name: a.memory_gb for a in load_accelerators().values()}
    for m in _TPU.finditer(text):
        if m.group("trillium"):
            gen, n = "v6e", None
        else:
            if not (m.group("tpu") or m.group("n") or m.group("after")):
                continue
            gen, n = m.group("gen").lower().replace("litepod", "e"), m.group("n")
        tpu = "TPU-" + gen
        out.types.append(Hit(tpu, m.start(), m.end(), tpu))
        out.spans.append((m.start(), m.end()))
        if n:
            chips = int(n) // _TPU_CORES_PER_CHIP.get(gen, 1)
            out.counts.append(Hit(chips, m.start(), m.end(), m.group(0)))
        else:
            stated = _CHIPS_AFTER.match(text[m.end():m.end() + 40]) or _CHIPS_BEFORE.search(
                text[max(0, m.start() - 20):m.start()])
            count = int(parse_number(stated.group("n"))) if stated else _count_near(
                text, m.start(), m.end())
            if count:
                out.counts.append(Hit(count, m.start(), m.end(), m.group(0)))
    for m in _TPU_ANY.finditer(text):  # "TPU v7": a generation no catalog has
        if not any(s <= m.start() < e for s, e in out.spans):
            out.unknown.append(Hit(m.group(0), m.start(), m.end(), "unknown accelerator"))
            out.spans.append((m.start(), m.end()))
    for m in _GPU.finditer(text):
        if any(s <= m.start() < e for s, e in out.spans):
            continue
        mem = m.group("mem") or m.group("memfirst")
        extra = "ada" if m.group("ada") else ""
        base = m.group("base") + (m.group("s") or "")
        name = canonical_gpu(("rtx" if m.group("fam") and "rtx" in m.group("fam").lower() else "")
                             + m.group("base"), mem, extra)
        if name is None and m.group("s"):
            name = canonical_gpu(m.group("base"), mem, extra)
        if name and name.startswith("TPU-") and not re.search(
                r"\b(?:tpu|pod|slice|chips?)\b", text[max(0, m.start() - 12):m.end() + 12], re.I):
            continue  # "SQuAD v2", "MNIST v3": a version, not a TPU generation
        if name is None:
            if _looks_like_gpu(text, m):
                out.unknown.append(Hit(base, m.start(), m.end(), "unknown accelerator"))
                count = _count_near(text, m.start(), m.end())
                if count:  # "8 H300": the count stands even though the name is asked about
                    out.counts.append(Hit(count, m.start(), m.end(), m.group(0)))
            continue
        of = None if mem else _MEM_OF_AFTER.match(text[m.end():m.end() + 24])
        variant = (canonical_gpu(m.group("base"), of.group("mem"), extra) or name) if of else None
        if of and variant and memory.get(variant) == float(of.group("mem")):
            name = variant  # "2 A100 de 80GB": the card's own memory (variant), not data
            out.spans.append((m.end(), m.end() + of.end()))
        elif of and float(of.group("mem")) > memory.get(name, 1e9) * 1.05:
            # "4 V100 de 80 GB": a memory no such card has, as "V100 80GB" is asked (s13)
            out.unknown.append(Hit(f"{name} {of.group('mem')}GB", m.start(), m.end(),
                                   "no such memory size"))
            out.spans.append((m.end(), m.end() + of.end()))
        if mem and float(mem) > memory.get(name, 1e9) * 1.05:
            out.unknown.append(Hit(f"{name} {mem}GB", m.start(), m.end(), "no such memory size"))
        out.spans.append((m.start(), m.end()))
        if _FLOOR_AFTER.match(text[m.end():m.end() + 20]) or _FLOOR_BEFORE.search(
                text[max(0, m.start() - 30):m.start()]):
            continue
        out.types.append(Hit(catalog_type(name), m.start(), m.end(), name))
        if _HOURS_AFTER.match(text[m.end():m.end() + 8]):
            continue
        count = _count_near(text, m.start(), m.end())
        if count:
            out.counts.append(Hit(count, m.start(), m.end(), m.group(0)))
    if not out.counts:  # "T4,4" under "gpu,count"; `"gpu": "T4", "count": 2` (s14)
        out.counts = table_counts(text)
    if not out.counts:
        out.counts = layouts.generic_layouts(text) or _generic_counts(text)
    if not out.counts:
        for m in (*_PARALLEL.finditer(text), *_GPUS_THEN_OF_THEM.finditer(text)):
            out.counts.append(Hit(int(parse_number(m.group("n") or m.group("m"))), m.start(),
                                  m.end(), m.group(0)))
    # "each gets one V100 ... total 12 GPUs": a total stated with a bare GPU noun also counts,
    # when it is a whole multiple of the per-item counts (else the two contradict: asked)
    out.counts += [h for h in _generic_counts(text)
                   if all(h.value > c.value and h.value % c.value == 0 for c in out.counts)
                   and (_TOTAL_BEFORE.search(text[max(0, h.start - 14):h.start])
                        or _TOTAL_AFTER.match(text[h.end:h.end + 16]))]
    out.counts = totals_first(out.counts, text)
    # "a single GPU", "on ONE card", "one 24GB+ card", "512 GB on one device" (s13)
    single = (r"\bsingle\s+(?:[\w.]+\s+){0,3}?(?:gpu|card|accelerator|device)\b|"
              r"\bone\s+(?:[\w.]+\+?\s+){0,2}?(?:gpu|card|accelerator|device)\b(?!\s+(?:per|each)\b)")
    if not out.counts and re.search(single, text, re.I):
        out.counts.append(Hit(1, 0, 0, "single GPU"))
    if _MIG.search(text):
        # a MIG slice is part of one GPU: "a 3g.40gb slice on an A100" states no count
        out.counts = [h for h in out.counts if h.value != 1]
        out.spans += [(m.start(), m.end()) for m in MIG_PROFILE.finditer(text)]
    total = layouts.layout_total(text, out.counts)
    if total is not None:  # the whole cluster goes first; a count next to a name is one node's
        out.counts = [total] + [h for h in out.counts if h.value != total.value]
    else:
        out.counts = counts_stated_apart(text, out.types, out.counts)
    return out


def _generic_counts(text: str) -> list[Hit]:
    """"8 GPUs", "4 cards": a count with an accelerator noun and no name ("a few GPUs": none)."""
    out = []
    for g in _GENERIC.finditer(text):
        if g.group("n").lower() in _VAGUE or _VAGUE_BEFORE.search(text[:g.start()]):
            continue
        value = parse_number(g.group("n"))
        if value >= 1 and value == int(value):
            out.append(Hit(int(value), g.start(), g.end(), g.group(0)))
    return out


def _looks_like_gpu(text: str, m: re.Match[str]) -> bool:
    """An unknown name reads as an accelerator only in a hardware context."""
    base = m.group("base")
    if m.group("fam") and re.fullmatch(r"\d{4}", base):
        return True  # "RTX 9090": a GPU family with a model number no catalog has
    if not re.fullmatch(r"[A-Z]{1,2}\d{2,4}[A-Z]?", base):
        return False
    before = text[max(0, m.start() - 12):m.start()]
    gpu_shaped = re.fullmatch(r"(?:H|A|B|L|T|V|P|MI|GH|GB)\d{2,4}X?", base)
    return bool(re.search(r"\d\s?(?:x|×|\*)\s?$|\b(?:nvidia|amd)\s+$", before, re.I)
                or (gpu_shaped and re.search(rf"\b(?:{QTY}|on)\s+$", before, re.I))
                or _GPU_CONTEXT_AFTER.match(text[m.end():m.end() + 12])
                or m.group("fam") or m.group("mem"))
