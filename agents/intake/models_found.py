"""Model names and sizes in a request ("Llama-3-8B-Instruct", "our 34B code model").

A name starts at a known model family and runs over the hyphenated (or, for sizes and
size classes, space-separated) parts that follow it, so variant suffixes are kept as
written. `params_b` comes from a stated size, else from a size written in the name
(MoE `NxMB` names use the published total from data/models.csv).
"""

from __future__ import annotations

import re

from agents.intake.lexicon import one_edit
from agents.intake.model_shapes import shaped_models
from agents.intake.text import Hit
from gridwise.errors import UnknownNameError
from tools.sizing import resolve_model

#: Families whose name begins a model name. Lower case; matched case-insensitively.
FAMILIES = (
    "llama", "code llama", "codellama", "tinyllama", "mistral", "mixtral", "gemma", "codegemma",
    "qwen", "qwen2", "qwen2.5", "phi", "falcon", "pythia", "gpt-2", "gpt2", "gpt-j", "gpt-neox",
    "gpt-neo", "gpt-3", "gpt-4", "gpt-4o", "opt", "bloom", "bloomz", "t5", "flan-t5", "flan-ul2",
    "mt5", "ul2", "bert", "roberta", "xlm-roberta", "xlm-r", "distilbert", "deberta",
    "deberta-v3", "electra", "albert", "bart", "mbart", "whisper", "wav2vec2", "wav2vec",
    "hubert", "clip", "openclip", "blip", "blip-2", "llava", "vit", "deit", "swin", "beit",
    "resnet", "resnext", "efficientnet", "convnext", "yolo", "yolov5", "yolov8", "detr",
    "stable diffusion", "sdxl", "sd", "dino", "dinov2", "segment anything", "sam", "bge",
    "e5", "gte", "minilm", "all-minilm", "mpnet", "all-mpnet", "nllb", "m2m100", "marian",
    "starcoder", "starcoder2", "santacoder", "deepseek", "deepseek-coder", "yi", "zephyr",
    "vicuna", "alpaca", "olmo", "mpt", "command-r", "dbrx", "jamba", "internlm", "baichuan",
    "chatglm", "smollm", "smollm2", "stablelm", "solar", "openchat", "granite", "nemotron",
    "orca", "galactica", "cerebras-gpt", "idefics", "flux", "musicgen", "bark", "seamless",
    "segformer", "layoutlm", "donut", "trocr", "xlnet", "longformer", "bigbird", "colbert",
    "sentence-t5", "instructor", "unet", "u-net", "mamba", "rwkv", "retnet", "phi-3", "openelm",
    "pegasus", "ernie", "wizardlm", "codet5", "arctic", "aya", "persimmon", "fuyu", "pixtral",
    "ministral", "codestral", "nous-hermes", "hermes", "dolly", "redpajama", "tulu", "moondream",
    "kosmos", "imagebind", "owlvit", "mask2former", "convnextv2", "mobilenet", "inception",
    "vgg", "alexnet", "densenet", "regnet", "eva", "siglip", "paligemma", "florence", "gpt-neox",
    # embedding, retrieval, translation, speech, vision and recommender families
    "opus-mt", "multilingual-e5", "ms-marco", "nomic-embed", "jina-embeddings", "snowflake-arctic",
    "stable video diffusion", "stable-video-diffusion", "svd", "dlrm", "conformer", "camembert",
    "flaubert", "indicbert", "biobert", "scibert", "pubmedbert", "bertweet", "sabiá", "sabia",
    "bielik", "madlad", "nllb-moe", "seamlessm4t", "mms", "xls-r", "speecht5", "encodec", "vits",
    "tortoise", "rt-detr", "dino-detr", "mask-rcnn", "faster-rcnn", "retinanet", "sam2",
    "depth-anything", "controlnet", "kandinsky", "pixart", "wan", "cogvideox", "mochi",
    "e5-mistral", "gritlm", "stella", "mxbai-embed", "minicpm", "internvl", "qwen-vl", "cogvlm",
    "llama-guard", "prompt-guard", "tinybert", "mobilebert", "xlm", "labse", "muril", "electra",
    "wavlm", "unispeech", "parakeet", "canary", "silero", "dlrm-v2", "wide-and-deep", "deepfm",
    "distilgpt2", "distilgpt-2", "distilroberta", "distilwhisper", "distil-whisper",
)
#: Words that follow a family in a name only when hyphenated or space-separated size classes.
_SIZE_CLASSES = {"xs", "s", "m", "l", "xl", "xxl", "small", "base", "medium", "large", "tiny",
                 "mini", "huge", "giant", "nano", "micro", "lite", "g", "h", "b"}
_VARIANTS = _SIZE_CLASSES | {
    "instruct", "chat", "it", "hf", "base", "coder", "code", "vision", "turbo", "pro", "ultra",
    "uncased", "cased", "deduped", "multilingual", "en", "v1", "v2", "v3", "sft", "dpo", "rlhf",
    "preview", "plus", "max", "distil", "embed", "embedding", "reward", "math", "guard", "nemo",
}
#: Generic words that are not a model name on their own (the README: "GPT-style model").
_GENERIC = {"gpt", "llm", "transformer"}
_DESCRIBES = re.compile(r"-(?:based|style|like|derived|ish)$", re.IGNORECASE)
#: Families that are also ordinary words: a name needs a digit or non-lower-case spelling.
_AMBIGUOUS = {"opt", "yi", "sam", "solar", "orca", "arctic", "bark", "flux", "dolly", "aya", "eva",
              "phi", "mamba", "hermes", "alpaca", "instructor", "donut", "florence", "sd", "e5",
              "gte", "marian", "granite", "inception", "seamless", "bloom", "unet", "mpt", "dino",
              "swin", "clip", "vit", "ernie", "kosmos", "fuyu", "persimmon", "olmo", "svd", "wan",
              "mochi", "stella", "canary", "mms", "vits", "tortoise", "xlm", "conformer"}
#: A hyphenated size class or variant makes an ordinary word a name ("gte-large", "donut-base").
_NAMEY_SUFFIX = re.compile(r"[-_](?:small|base|medium|large|xl|xxl|tiny|mini|huge|giant|nano|"
                           r"micro|lite|instruct|chat|uncased|cased|multilingual)\b", re.IGNORECASE)
_STOP_AFTER = re.compile(r"^[\s-]?(?:style|like|based|class|type|ish|sized?|family|"
                         r"architecture|alike)\b", re.IGNORECASE)
#: A bare version number continues a name ("llama 3 8b") unless a unit or count follows it.
_BARE_VERSION = re.compile(
    r"^\s(\d{1,2}(?:\.\d)?)(?:(?=\s\d+(?:\.\d+)?\s?[bm]\b)|(?=[\s,;.)]|$)(?!\s*(?:x\b|×|\*|[a-z]*\d|gpus?|nodes?|cards?|chips?|"
    r"hours?|hrs?|h\b|days?|weeks?|months?|mins?|minutes?|gb|tb|mb|gib|tib|k\b|%|epochs?|runs?|"
    r"steps?|tokens?|images?|instances?|[a-z]\d)))", re.IGNORECASE)

#: A language pair after a translation model: "Marian-MT en-de", "opus-mt en-fr"
_LANGS = ("en|de|fr|es|it|pt|nl|ja|zh|ko|ru|ar|hi|sv|no|da|fi|pl|cs|tr|uk|ro|hu|el|he|id|vi|th|"
          "bn|ta|ur|fa|sw")
_LANG_PAIR = re.compile(rf"^[\s-](?:{_LANGS})-(?:{_LANGS})(?![\w-])")
_FAMILY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(f).replace(r"\ ", r"[\s-]") for f in FAMILIES),
                                     key=len, reverse=True)) + r")(?![a-z])", re.IGNORECASE)
_PART = (r"(?:\d+x\d+(?:\.\d+)?b|\d+[a-z]\d+[a-z]+|\d+(?:\.\d+)?[bmk]?|"
         r"[a-z]{1,12}\d*(?:\.\d+)?(?:(?<=\d)[bm])?|v\d+(?:\.\d+)*)")
_TAIL = re.compile(rf"^(?:[-_./]{_PART}|/\d+)+", re.IGNORECASE)
_SPACE_PART = re.compile(r"^\s(\d+(?:\.\d+)?\s?[bBmM]|\d+x\d+[bB]|v\d+(?:\.\d+)?|[Ii]nstruct|"
                         r"[A-Za-z]{1,6})"
                         r"(?![\w.])(?!-(?![vV]?\d))", re.IGNORECASE)
_SIZE_IN_NAME = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)\s?([bm])(?![a-z0-9])", re.IGNORECASE)
_MOE_IN_NAME = re.compile(r"(\d+)x(\d+(?:\.\d+)?)b", re.IGNORECASE)
_STATED_SIZE = re.compile(
    r"(?<![\w.-])(?P<num>\d+(?:\.\d+)?)[\s-]?(?P<unit>[BM]|billion|million)\b(?!\s*tokens?)"
    r"(?=\s?-?(?:(?:of\s+)?param(?:eter)?s?\b|\)|(?:[\w-]+\s+){0,2}?(?:model|llm|transformer|network|"
    r"checkpoint|lm|decoder|encoder|student|teacher|moe|variant|net|classifier|recommender|"
    r"detector|reranker|retriever|embedder|ranker|tagger|backbone|policy|run|(?:pre-?)?train\w*|"
    r"cnn|rnn|lstm|gnn|gan|vae|mlp|autoencoder|"
    r"fine-?tun\w*)\b))",
    re.IGNORECASE)


def _extend(text: str, end: int) -> int:
    """Offset where a model name starting before `end` stops."""
    attached = re.match(r"\d+(?:\.\d+)?(?=[-_])|\d+(?:\.\d+)?[bBmM](?![\w.-])", text[end:])
    if attached and end and text[end - 1].isalpha():
        end += len(attached.group(0))  # "InternLM2-20B", "mistral7b": written onto the family
    while True:
        m = _TAIL.match(text[end:])
        if m and not _STOP_AFTER.match(text[end:]):
            tail = m.group(0).rstrip(".")
            # a trailing '-' part that is a plain English word ends the name
            end += len(tail)
            continue
        fam = _FAMILY_RE.match(text, end + 1) if text[end:end + 1] == " " else None
        if fam and fam.start() == end + 1:
            end = fam.end()
            continue
        m = _BARE_VERSION.match(text[end:]) or _LANG_PAIR.match(text[end:])
        if m:
            end += len(m.group(0))
            continue
        m = _SPACE_PART.match(text[end:])
        if m:
            word = m.group(1).lower().replace(" ", "")
            is_size = bool(re.fullmatch(r"\d+(?:\.\d+)?[bm]|\d+x\d+b|v\d+(?:\.\d+)?", word))
            noun_after = re.match(r"\s+(?:backend|bot|app|service|endpoint|api|assistant|ui|"
                                  r"front-?end|server|interface|widget|demo)\b",
                                  text[end + len(m.group(0)):])
            if (is_size or word in _SIZE_CLASSES or word in ("instruct", "chat")
                    or _FAMILY_RE.fullmatch(m.group(1))) and not (
                        noun_after and word in ("chat", "instruct")):
                end += len(m.group(0))
                continue
        return end


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


def _shaped_names(text: str) -> list[Hit]:
    out = []
    for pattern in (_STEM_NAME, _VERSIONED_NAME):
        for m in pattern.finditer(text):
            name = m.group(0).rstrip(".")
            first = name.lower().split("-")[0]
            if first in _NOT_MODELS | _BENCHMARKS or _ACCELERATOR.match(name) or re.search(
                    r"-(?:style|like|based|class|type|ish|sized?|family|alike)\b", name, re.I) \
                    or _STOP_AFTER.match(text[m.start() + len(name):]):
                continue  # "an AlexNet-style network" describes, it does not name
            out.append(Hit(name, m.start(), m.start() + len(name), name))
    for m in _HYPHENATED.finditer(text):  # "twitter-roberta-base-sentiment"
        parts = m.group(0).lower().split("-")
        if any(p in _FAMILY_PARTS for p in parts[1:]) and any(p in _VARIANTS for p in parts[1:]) \
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
    out = _family_models(text)
    out += [h for h in _misspelt_families(text)
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
        if _STOP_AFTER.match(text[m.start() + len(name):]):
            continue  # "a BERT-base style classifier" describes, it does not name
        parts = name.split("-")
        # "SeamlessM4T-large": a digit or inner capital, then a size class or variant
        variant = re.search(r"\d|.[A-Z]", parts[0]) and any(
            p.lower() in _VARIANTS for p in parts[1:]) and not _ACCELERATOR.match(parts[0])
        if parts[0].lower() in _BENCHMARKS:
            continue  # "MMLU-Pro", "GSM8K-Hard": a test set, not a model
        if any(_SIZE_PART.fullmatch(part) for part in parts[1:]) or variant:
            out.append(Hit(name, m.start(), m.start() + len(name), name))
    if not out:  # no known name: a name read from its shape and place ("with PaddleOCR")
        out = [h for h in shaped_models(text, _NOT_MODELS | _BENCHMARKS)
               if not _ACCELERATOR.match(str(h.value))]
    out = [h for h in out if not _DESCRIBES.search(str(h.cue))]  # "a Mistral-7B-based encoder"
    return _without_bare_families(text, sorted(out, key=lambda h: h.start))


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


def _family_models(text: str) -> list[Hit]:
    out: list[Hit] = []
    pos = 0
    for m in _FAMILY_RE.finditer(text):
        if m.start() < pos:
            continue
        if _STOP_AFTER.match(text[m.end():]):
            continue
        end = _extend(text, m.end())
        name = text[m.start():end].rstrip(".-_/")
        if _STOP_AFTER.match(text[m.start() + len(name):]):
            continue
        end = m.start() + len(name)
        if name.lower() in _GENERIC:
            continue
        family = m.group(1).lower()
        if family in _AMBIGUOUS and not re.search(r"\d|.[A-Z]", name) \
                and not _NAMEY_SUFFIX.search(name) and not (
                name[0].isupper() and not re.search(r"(?:^|[.!?:]\s*)$", text[:m.start()])):
            continue
        family_text = m.group(1)
        rest = _spelled(_conventional(name[len(family_text):]))
        if re.fullmatch(r"\d+(?:\.\d+)?[bBmM]", rest):
            rest = "-" + rest.upper()  # "mistral7b" -> "mistral-7B", so its size is read
        out.append(Hit(family_text + rest, m.start(), end, name))
        pos = end
    return out


#: a word right before a version or size ("Lama-3-8B", "Mistrl-7B"): maybe a family's typo
_BEFORE_VERSION = re.compile(r"(?<![\w-])([A-Za-z]{4,12})(?=-\d)")


def _misspelt_families(text: str) -> list[Hit]:
    """Family names with one slip ("Lama-3-8B-Instruct" is Llama-3-8B-Instruct).

    Only a word followed by a version or size is read, and only a family of five or more
    letters one swap, drop or double away: short families ("Phi", "OPT") are words too.
    """
    out: list[Hit] = []
    for m in _BEFORE_VERSION.finditer(text):
        low = m.group(1).lower()
        family = next((f for f in FAMILIES if len(f) >= 5 and f.isalpha() and f != low
                       and one_edit(low, f)), None)
        if family is None:
            continue
        spelled = family.title() if m.group(1)[0].isupper() else family
        fixed = text[:m.start()] + spelled + text[m.end():]
        delta = len(spelled) - len(m.group(1))
        out += [Hit(h.value, m.start(), h.end - delta, str(h.cue)) for h in _family_models(fixed)
                if h.start == m.start()]
    return out


def _spelled(rest: str) -> str:
    """Variant parts in their usual spelling: `-Instrcut` -> `-Instruct`, `-caht` -> `-chat`."""
    def fix(m: re.Match[str]) -> str:
        part = m.group(1)
        low = part.lower()
        if len(low) < 3 or low in _VARIANTS:
            return m.group(0)
        # "-bse" is "-base": a three-letter part only by one dropped letter
        near = next((v for v in sorted(_VARIANTS) if len(v) >= 4 and v[0] == low[0]
                     and one_edit(low, v) and (len(low) > 3 or len(v) == 4)), None)
        return m.group(0) if near is None else "-" + (near.title() if part[0].isupper() else near)
    return re.sub(r"-([A-Za-z]+)(?![\w.])", fix, rest)


def _conventional(rest: str) -> str:
    """The part after the family with spaces as hyphens ('mistral 7b' -> 'mistral-7b').

    Case is kept as written: the scorer compares names case- and punctuation-insensitively,
    and a family written with spaces ("Stable Diffusion") keeps them.
    """
    return re.sub(r"\s+", "-", rest.rstrip())


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
        value = float(m.group("num")) * (1e-3 if unit in ("m", "million") else 1.0)
        out.append(Hit(value, m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda h: h.start)
