"""Model sizes: the size a name carries ("Mixtral-8x7B" -> 46.7) and sizes stated apart.

`params_b` comes from a stated size, else from a size written in the name (MoE `NxMB`
names use the published total from data/models.csv).
"""

from __future__ import annotations

import re

from agents.intake.text import Hit
from gridwise.errors import UnknownNameError
from tools.sizing import resolve_model

_SIZE_IN_NAME = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)\s?([bm])(?![a-z0-9])", re.IGNORECASE)
_SPLIT_SIZE = re.compile(r"(?<![a-z0-9.])(\d+)([bm])(\d)(?![a-z0-9.])", re.IGNORECASE)
_MOE_IN_NAME = re.compile(r"(\d+)x(\d+(?:\.\d+)?)b", re.IGNORECASE)
_STATED_SIZE = re.compile(
    r"(?<![\w.-])(?P<num>\d+(?:\.\d+)?)[\s-]?(?P<unit>[BMT]|billion|million|trillion)\b"
    r"(?!\s*tokens?)"
    r"(?=\s?-?(?:(?:of\s+)?param(?:eter)?s?\b|\)|(?:[\w-]+\s+){0,2}?(?:model|llm|transformer|network|"
    r"checkpoint|lm|decoder|encoder|student|teacher|moe|variant|net|classifier|recommender|"
    r"detector|reranker|retriever|embedder|ranker|tagger|backbone|policy|run|"
    # "a 1.3B training run", not "5M training documents" (a count of data, s12)
    r"(?:pre-?)?train\w*(?!\s+(?:data|docs?|documents|samples|examples|images|files|records|"
    r"texts|pairs|sets?|corpus|tokens|rows|sentences)\b)|"
    r"cnn|rnn|lstm|gnn|gan|vae|mlp|autoencoder|"
    # "(the 3.3B one)", "8 experts, 1.1B total", "our 1.3B generator"
    r"one|version|total|generator|summari[sz]er|translator|captioner|"
    r"fine-?tun\w*)\b))",
    re.IGNORECASE)




def params_from_name(name: str) -> float | None:
    """Parameters (billions) a model name carries: `Llama-3-8B` -> 8, `Mixtral-8x7B` -> 46.7."""
    moe = _MOE_IN_NAME.search(name)
    if moe:
        try:
            known = resolve_model(name)
            if known.params_b:
                return known.params_b
        except UnknownNameError:
            pass
        return int(moe.group(1)) * float(moe.group(2))
    split = _SPLIT_SIZE.findall(name)
    if split:  # "BLOOM-7b1", "bloom-1b7": the unit letter stands for the decimal point
        whole, unit, frac = split[-1]
        return float(f"{whole}.{frac}") * (1.0 if unit.lower() == "b" else 1e-3)
    hits = _SIZE_IN_NAME.findall(name)
    if not hits:
        return None
    num, unit = hits[-1]
    return float(num) * (1.0 if unit.lower() == "b" else 1e-3)


#: A size right after a training verb is the model's ("pretrain 350M, 8 H100").
_VERB_SIZE = re.compile(
    r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*|distil\w*|serve|host|eval\w*|model)\s+(?:of\s+)?"
    r"(?:a|an|our|the|my)?\s*(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>[BM])\b(?!\s*(?:tokens?|images?|rows|samples|"
    r"examples|docs|documents|words|files|pages|records|sentences|pairs))", re.IGNORECASE)


#: "a Llama-style 7B chat demo": a size after a description is the described model's
_DESCRIBED_SIZE = re.compile(r"[\w.-]-?(?:style|like|based|class|ish|alike)\s+"
                             r"(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>[BM])\b(?![\w-]|\s*tokens?)",
                             re.IGNORECASE)


def stated_sizes(text: str) -> list[Hit]:
    """Sizes stated apart from a name: '350M-parameter' -> 0.35, '(3.3B)', 'our 34B model'."""
    out = []
    for m in [*_STATED_SIZE.finditer(text), *_VERB_SIZE.finditer(text),
              *_DESCRIBED_SIZE.finditer(text)]:
        unit = m.group("unit").lower()
        value = float(m.group("num")) * {"m": 1e-3, "million": 1e-3, "t": 1e3,
                                         "trillion": 1e3}.get(unit, 1.0)
        out.append(Hit(value, m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda h: h.start)
