"""Model names read from a known family ("Llama-3-8B-Instruct", "mistral 7b", "Lama-3-8B").

A name starts at a known model family and runs over the hyphenated (or, for sizes and
size classes, space-separated) parts that follow it, so variant suffixes are kept as
written; a family with one slip is read as the family (`misspelt_families`).
"""

from __future__ import annotations

import re

from agents.intake.lexicon import one_edit
from agents.intake.text import Hit

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
    # science and domain models (s16: fresh26's weather, protein, ecology and medical names)
    "graphcast", "gencast", "pangu-weather", "fourcastnet", "climax", "aurora", "prithvi",
    "prithvi-wxc", "fuxi", "neuralgcm", "stormer", "esm", "esm-2", "esm2", "esmfold",
    "alphafold", "alphafold2", "openfold", "rosettafold", "proteinmpnn", "protgpt2", "progen",
    "progen2", "rfdiffusion", "geneformer", "dnabert", "scgpt", "chemberta", "molformer",
    "megadetector", "speciesnet", "bioclip", "chronos", "timesfm", "moirai", "lag-llama",
    "patchtst", "openvla", "medsam", "nnu-net", "nnunet", "swinunetr",
    "totalsegmentator", "biomedclip", "meditron", "satmae", "demucs",
)
#: Words that follow a family in a name only when hyphenated or space-separated size classes.
_SIZE_CLASSES = {"xs", "s", "m", "l", "xl", "xxl", "small", "base", "medium", "large", "tiny",
                 "mini", "huge", "giant", "nano", "micro", "lite", "g", "h", "b"}
VARIANTS = _SIZE_CLASSES | {
    "instruct", "chat", "it", "hf", "base", "coder", "code", "vision", "turbo", "pro", "ultra",
    "uncased", "cased", "deduped", "multilingual", "en", "v1", "v2", "v3", "sft", "dpo", "rlhf",
    "preview", "plus", "max", "distil", "embed", "embedding", "reward", "math", "guard", "nemo",
    "v4", "v5", "v6",
}
#: Generic words that are not a model name on their own (the README: "GPT-style model").
_GENERIC = {"gpt", "llm", "transformer"}
DESCRIBES = re.compile(r"-(?:based|style|like|derived|ish)$", re.IGNORECASE)
#: Families that are also ordinary words: a name needs a digit or non-lower-case spelling.
_AMBIGUOUS = {"opt", "yi", "sam", "solar", "orca", "arctic", "bark", "flux", "dolly", "aya", "eva",
              "phi", "mamba", "hermes", "alpaca", "instructor", "donut", "florence", "sd", "e5",
              "gte", "marian", "granite", "inception", "seamless", "bloom", "unet", "mpt", "dino",
              "swin", "clip", "vit", "ernie", "kosmos", "fuyu", "persimmon", "olmo", "svd", "wan",
              "mochi", "stella", "canary", "mms", "vits", "tortoise", "xlm", "conformer",
              "aurora", "climax", "chronos", "esm", "progen"}
#: A hyphenated size class or variant makes an ordinary word a name ("gte-large", "donut-base").
_NAMEY_SUFFIX = re.compile(r"[-_](?:small|base|medium|large|xl|xxl|tiny|mini|huge|giant|nano|"
                           r"micro|lite|instruct|chat|uncased|cased|multilingual)\b", re.IGNORECASE)
STOP_AFTER = re.compile(r"^[\s-]?(?:style|like|based|class|type|ish|sized?|family|"
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


def _family_pattern(family: str) -> str:
    """A family as written, spaces as spaces or hyphens.

    A hyphen is allowed before its trailing digits ("m2m100" is also "M2M-100").
    """
    pattern = re.escape(family).replace(r"\ ", r"[\s-]")
    if len(family) >= 4:
        pattern = re.sub(r"(?<=[a-z])(?=\d+$)", "-?", pattern)
    return pattern


_FAMILY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((_family_pattern(f) for f in FAMILIES), key=len,
                                     reverse=True)) + r")(?:(?![a-z])|(?=v\d))", re.IGNORECASE)
_PART = (r"(?:\d+x\d+(?:\.\d+)?b|\d+[a-z]\d+[a-z]+|\d+[bm]\d(?![\w.])|\d+(?:\.\d+)?[bmk]?|"
         r"[a-z]{1,12}\d*(?:\.\d+)?(?:(?<=\d)[bm])?|v\d+(?:\.\d+)*)")
_TAIL = re.compile(rf"^(?:[-_./]{_PART}|/\d+)+", re.IGNORECASE)
_SPACE_PART = re.compile(r"^\s(\d+(?:\.\d+)?\s?[bBmM]|\d+x\d+[bB]|v\d+(?:\.\d+)?|[Ii]nstruct|"
                         r"[A-Za-z]{1,6})"
                         r"(?![\w]|\.\w)(?!-(?![vV]?\d))", re.IGNORECASE)


#: A version spelt out, as dictation writes it: "blip two", "llama three point one"
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBER_WORD = "|".join(_WORDS)
_SPELT_VERSION = re.compile(
    rf"^\s(?:{_NUMBER_WORD})(?:\s+point\s+(?:{_NUMBER_WORD}))?(?![\w-])"
    r"(?!\s+(?:x\b|times|gpus?|nodes?|cards?|chips?|hours?|hrs?|days?|weeks?|months?|mins?|"
    r"minutes?|gb|tb|mb|gigs?|epochs?|runs?|steps?|of\b|h100|a100|[a-z]\d))", re.IGNORECASE)


def _digits(rest: str) -> str:
    """Spelt-out version numbers as digits: "-three-point-one" -> "-3.1"."""
    def one(m: re.Match[str]) -> str:
        return str(_WORDS.index(m.group(1).lower()))
    rest = re.sub(rf"\b({_NUMBER_WORD})\b", one, rest, flags=re.IGNORECASE)
    return re.sub(r"(\d)-point-(\d)", r"\1.\2", rest)


#: a noun "model" in another language, hyphenated onto a name: "YOLOv8-model",
#: "FinGPT-3-8B-mallin", "Whisper-large-v3-mallilla" (Finnish cases of "malli")
_GLUED_NOUN = re.compile(r"mod[eè]l+[a-zäöüåéèíóú]*|mall(?:i|in|ia|illa|ilta|ista|iin|eja)",
                         re.IGNORECASE)


def unglued(before: str, tail: str) -> str:
    """`tail` up to a word another language glues onto a name with a hyphen.

    Hungarian and Finnish write case endings after a hyphen ("Gemma-7B-n", "GPT-4:llä"): a
    part of one to three lower-case letters right after a size ("7B") that is no variant
    is such an ending; a hyphenated "model" noun (`_GLUED_NOUN`) describes the name.
    """
    parts = re.findall(r"[-_./][^-_./]+|/\d+", tail)
    kept = ""
    prev = before[-4:]
    for part in parts:
        word = part[1:]
        ending = (part[0] == "-" and re.fullmatch(r"[a-zäöüőű]{1,3}", word) is not None
                  and word not in VARIANTS and re.search(r"\d[bBmM]$", prev) is not None)
        if part[0] == "-" and (ending or _GLUED_NOUN.fullmatch(word)):
            return kept
        kept += part
        prev = part
    return kept if kept == tail else tail


def _extend(text: str, end: int) -> int:
    """Offset where a model name starting before `end` stops."""
    attached = re.match(r"\d+(?:\.\d+)?(?=[-_])|\d+(?:\.\d+)?[bBmM](?![\w-]|\.\w)|"
                        r"[vV]\d+(?:\.\d+)?[a-z]{0,2}(?![\w]|\.\w)|\+(?![\w+])", text[end:])
    if attached and end and (text[end - 1].isalpha() or attached.group(0) == "+"):
        end += len(attached.group(0))  # "InternLM2-20B", "mistral7b", "MobileNetV3" (s14)
    while True:
        m = _TAIL.match(text[end:])
        if m and not STOP_AFTER.match(text[end:]):
            tail = unglued(text[:end], m.group(0).rstrip("."))
            # a trailing '-' part that is a plain English word ends the name
            end += len(tail)
            if tail == m.group(0).rstrip("."):
                continue
            return end
        fam = _FAMILY_RE.match(text, end + 1) if text[end:end + 1] == " " else None
        if fam and fam.start() == end + 1:
            end = fam.end()
            continue
        m = (_BARE_VERSION.match(text[end:]) or _LANG_PAIR.match(text[end:])
             or (_SPELT_VERSION.match(text[end:]) if re.search(r"(?<![\w.-])[A-Za-z][A-Za-z-]*$",
                                                               text[max(0, end - 30):end])
                 else None))
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
            # "Mistral-Nemo-12B s LoRA": a lone letter before another word is a preposition
            # (Croatian, Slovak, Czech "s" = with), not a size class
            lone = len(word) == 1 and word not in "bm" and re.match(
                r"\s+[A-Za-z]", text[end + len(m.group(0)):])
            if (is_size or (word in _SIZE_CLASSES and not lone) or word in ("instruct", "chat")
                    or _FAMILY_RE.fullmatch(m.group(1))) and not (
                        noun_after and word in ("chat", "instruct")):
                end += len(m.group(0))
                continue
        return end


def family_models(text: str) -> list[Hit]:
    """Names that start at a known family, in text order, each with its variant parts."""
    out: list[Hit] = []
    pos = 0
    for m in _FAMILY_RE.finditer(text):
        if m.start() < pos:
            continue
        if STOP_AFTER.match(text[m.end():]):
            continue
        end = _extend(text, m.end())
        name = text[m.start():end].rstrip(".-_/")
        if STOP_AFTER.match(text[m.start() + len(name):]):
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
        rest = _digits(_spelled(_conventional(name[len(family_text):])))
        if re.fullmatch(r"\d+(?:\.\d+)?[bBmM]", rest):
            rest = "-" + rest.upper()  # "mistral7b" -> "mistral-7B", so its size is read
        out.append(Hit(family_text + rest, m.start(), end, name))
        pos = end
    return out


#: a word right before a version or size ("Lama-3-8B", "Mistrl-7B"): maybe a family's typo
_BEFORE_VERSION = re.compile(r"(?<![\w-])([A-Za-z]{4,12})(?=-\d)")


def misspelt_families(text: str) -> list[Hit]:
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
        out += [Hit(h.value, m.start(), h.end - delta, str(h.cue)) for h in family_models(fixed)
                if h.start == m.start()]
    return out


def _spelled(rest: str) -> str:
    """Variant parts in their usual spelling: `-Instrcut` -> `-Instruct`, `-caht` -> `-chat`."""
    def fix(m: re.Match[str]) -> str:
        part = m.group(1)
        low = part.lower()
        if len(low) < 3 or low in VARIANTS:
            return m.group(0)
        # "-bse" is "-base": a three-letter part only by one dropped letter
        near = next((v for v in sorted(VARIANTS) if len(v) >= 4 and v[0] == low[0]
                     and one_edit(low, v) and (len(low) > 3 or len(v) == 4)), None)
        return m.group(0) if near is None else "-" + (near.title() if part[0].isupper() else near)
    return re.sub(r"-([A-Za-z]+)(?![\w.])", fix, rest)


def _conventional(rest: str) -> str:
    """The part after the family with spaces as hyphens ('mistral 7b' -> 'mistral-7b').

    Case is kept as written: the scorer compares names case- and punctuation-insensitively,
    and a family written with spaces ("Stable Diffusion") keeps them.
    """
    return re.sub(r"\s+", "-", rest.rstrip())
