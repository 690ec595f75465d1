"""Accelerator totals written as a cluster layout, a key/value pair or a counter word.

`hardware.find_hardware` reads counts written next to an accelerator name. Engineers also
state the whole cluster as a layout or in a config, and this module reads those forms:

- shorthand layouts: "2n x 8g", "4n x 8 B200", "3 nodes × 4 gpus" -> nodes times per node;
- config keys and launcher flags: "nodes: 4 / gpus_per_node: 8", "--nnodes=2
  --nproc_per_node=8", "{nodes: 8, per_node: 8}", "--num-nodes 3 --gpus-per-node 4";
- a box referred back to: "... per 8xA100 node. give me 2 such nodes" -> 16;
- type:count pairs of launchers: "--gpus L4:2", "accelerators: H100:8";
- CJK counters and other languages' small numbers: "A100 を2枚", "4台の L4", "un GPU",
  "zwei GPUs";
- a chip count stated apart from a TPU name: "a TPU v5p slice, 128 chips".

The total found here goes first among the counts: it describes the whole request, while a
count next to the name may be one node's share.
"""

from __future__ import annotations

import re

from agents.intake.hardware import HardwareHits
from agents.intake.text import Hit
from agents.intake.units import QTY, parse_number

_NODE_WORDS = r"(?:nodes?|servers?|machines?|boxes|box|hosts?|instances?)"
#: "2n x 8g", "4n x 8 B200", "2 nodes x 4 A10G": a layout with an abbreviated node or GPU unit
_SHORT_LAYOUT = re.compile(
    rf"(?<![\w.])(?P<nodes>\d+)\s*(?:n|{_NODE_WORDS})\s*(?:x|×|\*)\s*(?P<per>\d+)\s*"
    r"(?:g\b|gpus?\b|(?=\s*(?:[A-Z]{1,2}\d|TPU|MI\d|RTX)))", re.IGNORECASE)
_NODES_KEY = re.compile(r"(?:(?<![\w-])|(?<=--))(?:n_?nodes|num[_-]?nodes|node[_-]?count|nodes)"
                        r"\s*[:=]?\s*(?P<n>\d+)\b", re.IGNORECASE)
_PER_NODE_KEY = re.compile(
    r"(?:(?<![\w-])|(?<=--))(?:gpus?[_-]?per[_-]?node|per[_-]?node|nproc[_-]?per[_-]?node|"
    r"devices[_-]?per[_-]?node|gpus[_-]?per[_-]?host|accelerators[_-]?per[_-]?node)"
    r"\s*[:=]?\s*(?P<n>\d+)\b", re.IGNORECASE)
#: "2 such nodes", "3 of those boxes", "two identical servers": a box described before
_SUCH_NODES = re.compile(rf"\b(?P<n>{QTY})\s+(?:such|of\s+(?:those|these|them)|identical|"
                         rf"similar|more\s+of\s+(?:those|these))\s+{_NODE_WORDS}\b",
                         re.IGNORECASE)
_BOX_END = re.compile(rf"^[\s-]*{_NODE_WORDS}\b", re.IGNORECASE)
_BOX_START = re.compile(rf"\b{_NODE_WORDS}\s+(?:with|of|having|carrying)\s+(?:\d+\s*(?:x|×)?\s*)?$",
                        re.IGNORECASE)
#: "L4:2", "H100:8" right after a type name
_TYPE_COLON = re.compile(r"^:(?P<n>\d{1,4})\b")
_CJK_COUNTER = "枚|台|基|個|张|張|块|塊|장|개"
#: "A100 を2枚"; the lexicon rewrites "L4 2台" to "L4 2 x", a count after the name
_CJK_AFTER = re.compile(rf"^\s*(?:を|が|は|x|×)?\s*(?P<n>\d+)\s*"
                        rf"(?:{_CJK_COUNTER}|(?:x|×)(?!\s*[A-Za-z]{{1,3}}\d))")
_CJK_BEFORE = re.compile(rf"(?P<n>\d+)\s*(?:{_CJK_COUNTER})\s*(?:の|的)?\s*$")
_FOREIGN = {"un": 1, "une": 1, "una": 1, "uno": 1, "ein": 1, "eine": 1, "einer": 1, "um": 1,
            "uma": 1, "deux": 2, "zwei": 2, "dos": 2, "due": 2, "dois": 2, "duas": 2,
            "trois": 3, "drei": 3, "tres": 3, "tre": 3, "três": 3, "quatre": 4, "vier": 4,
            "cuatro": 4, "quattro": 4, "quatro": 4, "huit": 8, "acht": 8, "ocho": 8, "otto": 8,
            "oito": 8, "seize": 16, "sechzehn": 16, "dieciséis": 16, "sedici": 16}
_FOREIGN_COUNT = re.compile(r"\b(?P<w>" + "|".join(sorted(_FOREIGN, key=len, reverse=True))
                            + r")\s+(?:seule?\s+|einzige\s+|sola\s+)?(?:gpus?|grafikkarten?|"
                            r"cartes?\s+graphiques?|tarjetas?\s+gr[aá]ficas?)\b", re.IGNORECASE)
_CHIPS = re.compile(rf"(?P<n>{QTY})\s+(?:tpu\s+)?chips\b", re.IGNORECASE)


def _layout(text: str) -> Hit | None:
    m = _SHORT_LAYOUT.search(text)
    if m:
        total = int(m.group("nodes")) * int(m.group("per"))
        return Hit(total, m.start(), m.end(), "layout")
    nodes, per = _NODES_KEY.search(text), _PER_NODE_KEY.search(text)
    if nodes and per:
        total = int(nodes.group("n")) * int(per.group("n"))
        return Hit(total, min(nodes.start(), per.start()), max(nodes.end(), per.end()), "keys")
    return None


def _referred_box(text: str, hw: HardwareHits) -> Hit | None:
    m = _SUCH_NODES.search(text)
    if not m:
        return None
    boxes = [h for h in hw.counts if h.end <= m.start() and (
        _BOX_END.match(text[h.end:h.end + 12])
        or _BOX_START.search(text[max(0, h.start - 24):h.start]))]
    if not boxes:
        return None
    value = parse_number(m.group("n"))
    if value != int(value) or value < 1:
        return None
    return Hit(int(value) * int(str(boxes[-1].value)), m.start(), m.end(), "such nodes")


def _next_to_types(text: str, hw: HardwareHits) -> Hit | None:
    for t in hw.types:
        after, before = text[t.end:t.end + 12], text[max(0, t.start - 12):t.start]
        m = _TYPE_COLON.match(after) or _CJK_AFTER.match(after) or _CJK_BEFORE.search(before)
        if m and int(m.group("n")) >= 1:
            return Hit(int(m.group("n")), t.start, t.end, "type count")
    return None


def layout_counts(text: str, hw: HardwareHits) -> HardwareHits:
    """`hw` with the cluster total of a layout, key pair or counter word first in its counts.

    A layout or a referred-back box states the whole and goes before the per-node count; a
    type:count pair, a CJK counter, a foreign small number or a stated chip count only
    fills a count the name itself did not get.
    """
    total = _layout(text) or _referred_box(text, hw)
    if total is not None:
        hw.counts = [total] + [h for h in hw.counts if h.value != total.value]
        return hw
    found = _next_to_types(text, hw)
    if found is None and any(str(t.value).startswith("TPU-") for t in hw.types):
        m = _CHIPS.search(text)
        chips = parse_number(m.group("n")) if m else 0
        found = Hit(int(chips), m.start(), m.end(), "chips") if m and chips >= 1 else None
        if found and not any(h.value == found.value for h in hw.counts):
            hw.counts = [found] + hw.counts
            return hw
        found = None
    if found is None and not hw.counts:
        m = _FOREIGN_COUNT.search(text)
        found = Hit(_FOREIGN[m.group("w").lower()], m.start(), m.end(), "word") if m else None
    if found is not None and not hw.counts:
        hw.counts = [found]
    return hw
