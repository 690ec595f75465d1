"""Model names in a request ("Llama-3-8B-Instruct", "our in-house model FooBar-9000").

Names from a known family are read by `model_families`; this module adds names outside
the family list read from their shape (a size part, a camel-case stem, a version, a
quoted or bracketed name) and drops bare families that name no single model. Sizes are
read by `model_sizes`.
"""

from __future__ import annotations

import re

from agents.intake.model_families import (
    DESCRIBES,
    FAMILIES,
    STOP_AFTER,
    VARIANTS,
    family_models,
    misspelt_families,
    unglued,
)
from agents.intake.model_shapes import shaped_models
from agents.intake.text import Hit

#: A name outside the family list still reads as a model when a hyphenated part is a size
#: ("Nemotron-4-340B", "Foo-7B-chat").
_SIZED_NAME = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)+(?![\w/-])")
_SIZE_PART = re.compile(r"\d+(?:\.\d+)?[bm]|\d+x\d+(?:\.\d+)?b", re.IGNORECASE)


#: A name the family list does not know, introduced as one ("our in-house model FooBar-9000",
#: "a checkpoint called Zephyr2"): written with a digit or an inner capital, not a GPU.
_INTRODUCED = re.compile(r"\b(?:model|checkpoint|network|llm)\s+(?:(?:called|named)\s+)?"
                         r"(?-i:(?P<n>[A-Z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*))(?![\w/-])",
                         re.IGNORECASE)
_ACCELERATOR = re.compile(r"^(?:[A-Z]{1,2}\d{1,4}[A-Z]?|MI\d+X?|RTX\S*|TPU\S*|GPU\S*)$")


#: "our in-house model, Kestrel (2.4B params)": a capitalised word with its size in brackets
_NAME_WITH_SIZE = re.compile(r"(?<![\w-])(?-i:(?P<n>[A-Z][a-zA-Z]{2,}(?:-[A-Za-z0-9.]+)*))\s+"
                             r"\(\s*\d+(?:\.\d+)?\s?[BM]\s*(?:params?|parameters)\s*\)")


def _introduced(text: str) -> list[Hit]:
    out = [Hit(m.group("n"), m.start("n"), m.end("n"), m.group("n"))
           for m in _NAME_WITH_SIZE.finditer(text) if not _ACCELERATOR.match(m.group("n"))]
    for m in _INTRODUCED.finditer(text):
        name = m.group("n").rstrip(".")
        if (re.search(r"\d|.[A-Z]", name) and not _ACCELERATOR.match(name)
                and not re.fullmatch(r"\d+(?:\.\d+)?[BM]", name)):
            out.append(Hit(name, m.start("n"), m.start("n") + len(name), name))
    return out


#: A name shaped like a model outside the family list: a camel-case word on a model-family
#: stem ("IndicBERT", "BioGPT", "SwinFormer"), or a hyphenated name ending in a version
#: ("foo-embed-v1.5", "ms-marco-MiniLM-L-6-v2").
_STEM_NAME = re.compile(r"(?<![\w/.-])(?-i:[A-Z][a-z]+[A-Za-z]*(?:BERT|BERTa|GPT|ViT|T5|Former|"
                        r"former|LM|Net|Diffusion|Coder|Whisper|Llama))(?:-[A-Za-z0-9.]+)*"
                        r"(?![\w/-])")
_VERSIONED_NAME = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]{2,}(?:-[A-Za-z0-9]+)*-v\d+(?:\.\d+)?"
                             r"(?![\w/-])")
#: Words on a family stem that are datasets, benchmarks or companies, not models.
_NOT_MODELS = {"imagenet", "wikitext", "openwebtext", "cifar", "squad", "glue", "superglue",
               "openai", "deepmind", "kubernetes", "internet", "subnet", "ethernet", "telnet",
               "magnet", "cabinet", "planet", "helmet", "botnet", "intranet", "dotnet", "chatgpt"}
#: Benchmark and dataset names whose variants look like model names ("MMLU-Pro").
_BENCHMARKS = {"mmlu", "gsm8k", "humaneval", "hellaswag", "arc", "mbpp", "truthfulqa", "bbh",
               "gpqa", "mteb", "squad", "glue", "superglue", "winogrande", "ifeval", "mt-bench",
               "livebench", "math", "drop", "boolq", "piqa", "imagenet", "coco", "librispeech"}
#: A quoted name introduced as a model: "our new 'Kestrel (v2) 13B' model"
_QUOTED_MODEL = re.compile(r"[\"'‘“](?P<n>(?-i:[A-Z])[\w .()-]{1,40}?)[\"'’”]\s+(?:model|"
                           r"checkpoint|llm|network)\b", re.IGNORECASE)
#: An acronym in brackets right after "model": "our CTR model (DLRM)"
_BRACKET_MODEL = re.compile(r"\b(?:model|network|recommender|ranker|re-?ranker|classifier|"
                            r"detector|encoder|embedder|summari[sz]er|tagger|llm|checkpoint)\s+\("
                            r"(?P<n>(?-i:[A-Z][A-Za-z0-9-]{2,20})(?:\s\d+(?:\.\d+)?[BM])?)\)",
                            re.IGNORECASE)


#: A hyphenated name with a family and a size class among its later parts
_HYPHENATED = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9.]+){2,}(?![\w/-])")
_FAMILY_PARTS = {f for f in FAMILIES if re.fullmatch(r"[a-z0-9.]+", f) and len(f) > 2}


def _unglued_name(name: str) -> str:
    """`name` without a case ending or "model" noun glued on ("FinGPT-3-8B-mallin")."""
    head = re.match(r"[^-]+", name)
    return head.group(0) + unglued(head.group(0), name[head.end():]) if head else name


def _shaped_names(text: str) -> list[Hit]:
    out = []
    for pattern in (_STEM_NAME, _VERSIONED_NAME):
        for m in pattern.finditer(text):
            name = _unglued_name(m.group(0).rstrip("."))
            first = name.lower().split("-")[0]
            if first in _NOT_MODELS | _BENCHMARKS or _ACCELERATOR.match(name) or re.search(
                    r"-(?:style|like|based|class|type|ish|sized?|family|alike)\b", name, re.I) \
                    or STOP_AFTER.match(text[m.start() + len(name):]):
                continue  # "an AlexNet-style network" describes, it does not name
            out.append(Hit(name, m.start(), m.start() + len(name), name))
    for m in _HYPHENATED.finditer(text):  # "twitter-roberta-base-sentiment"
        parts = m.group(0).lower().split("-")
        if any(p in _FAMILY_PARTS for p in parts[1:]) and any(p in VARIANTS for p in parts[1:]) \
                and parts[0] not in _NOT_MODELS | _BENCHMARKS:
            out.append(Hit(m.group(0), m.start(), m.end(), m.group(0)))
    for pattern in (_QUOTED_MODEL, _BRACKET_MODEL):
        for m in pattern.finditer(text):
            raw = m.group("n").strip()
            name = re.sub(r"[\s()]+", "-", raw).strip("-")
            if not _ACCELERATOR.match(name):
                out.append(Hit(name, m.start("n"), m.end("n"), raw))
    return out


def find_models(text: str) -> list[Hit]:
    """Model names in text order, each spanning its variant suffixes."""
    out = family_models(text)
    out += [h for h in misspelt_families(text)
            if not any(o.start < h.end and h.start < o.end for o in out)]
    out += [h for h in _introduced(text)
            if not any(o.start < h.end and h.start < o.end for o in out)]
    for h in _shaped_names(text):
        if not any(o.start < h.end and h.start < o.end for o in out):
            out.append(h)
    for m in _SIZED_NAME.finditer(text):
        if any(h.start < m.end() and m.start() < h.end for h in out):
            continue
        name = m.group(0).rstrip(".")
        name = _unglued_name(name)
        if STOP_AFTER.match(text[m.start() + len(name):]):
            continue  # "a BERT-base style classifier" describes, it does not name
        parts = name.split("-")
        # "SeamlessM4T-large": a digit or inner capital, then a size class or variant
        variant = re.search(r"\d|.[A-Z]", parts[0]) and any(
            p.lower() in VARIANTS for p in parts[1:]) and not _ACCELERATOR.match(parts[0])
        if parts[0].lower() in _BENCHMARKS:
            continue  # "MMLU-Pro", "GSM8K-Hard": a test set, not a model
        if any(_SIZE_PART.fullmatch(part) for part in parts[1:]) or variant:
            out.append(Hit(name, m.start(), m.start() + len(name), name))
    if not out:  # no known name: a name read from its shape and place ("with PaddleOCR")
        out = [h for h in shaped_models(text, _NOT_MODELS | _BENCHMARKS)
               if not _ACCELERATOR.match(str(h.value))]
    out = [h for h in out if not DESCRIBES.search(str(h.cue))]  # "a Mistral-7B-based encoder"
    out = [_without_case_ending(h) for h in out]
    return _without_bare_families(text, sorted(out, key=lambda h: h.start))


#: a case ending glued by a hyphen onto a name that ends in a number or a size: Estonian
#: "NLLB-200-ga" (with), Hungarian "Gemma-7B-vel", Finnish "Llama-3-8B:lla" (s14)
_CASE_ENDING = re.compile(r"^(?P<name>.*\d[bBmM]?)[-:](?:ga|ks|lt|st|le|ni|nak|nek|ban|ben|"
                          r"ból|ből|ról|ről|val|vel|lla|llä|lle|ssa|ssä|sta|stä|lta|ltä|ksi|n)$")


def _without_case_ending(hit: Hit) -> Hit:
    """`hit` without a case ending glued onto its name ("NLLB-200-ga" -> "NLLB-200")."""
    m = _CASE_ENDING.match(str(hit.value))
    if m is None:
        return hit
    name = m.group("name")
    return Hit(name, hit.start, hit.start + len(name), name)


#: "the big Llama", "the latest Mistral": a family with a vague size names no one model
_VAGUE_BEFORE = re.compile(r"\b(?:the|a|that|this|some|our|one of the)\s+(?:big|bigger|biggest|"
                           r"small|smaller|smallest|large|larger|largest|new|newer|newest|latest|"
                           r"usual|old|older|right|good|best|recent)\s+$", re.IGNORECASE)


def _without_bare_families(text: str, hits: list[Hit]) -> list[Hit]:
    """Hits without a bare family name that names no single model.

    "Llama" is dropped when a fuller name of it ("Llama-3-8B") is also written, or when a
    vague size word precedes it ("the big Llama").
    """
    out = []
    for h in hits:
        name = str(h.value)
        bare = name.lower() in FAMILIES and not re.search(r"\d", name)
        fuller = any(o is not h and str(o.value).lower().startswith(name.lower())
                     and len(str(o.value)) > len(name) for o in hits)
        if bare and (fuller or _VAGUE_BEFORE.search(text[max(0, h.start - 30):h.start])):
            continue
        out.append(h)
    return out
