"""Location, provider and sovereignty phrases intake could not resolve (issue 11, item 1).

A constraint the parser cannot read must never be dropped: an order placed without it
could go anywhere. This module finds what the place extractor left unread, names the
words, and offers the closest known names:
- a cloud-region-shaped word that no provider has ("us-eats-1": did you mean us-east-1?);
- a capitalised name in a location phrase that is no known place ("keep it in Atlantis");
- a region both required and excluded ("EU only, no EU");
- a provider-only phrase ("on-prem only", "only on AWS"), which is resolved instead: every
  other provider is excluded.
"""

from __future__ import annotations

import csv
import difflib
import re
from functools import lru_cache
from pathlib import Path

from agents.intake.checks import Problem
from agents.intake.places import (
    COUNTRIES,
    DEMONYMS,
    PROVIDERS,
    REGIONS_CSV,
    PlaceHits,
    cloud_regions,
)
from agents.intake.text import Hit
from agents.intake.world_cities import WORLD_CITIES
from agents.intake.zones import GENERIC_ZONES

PROVIDERS_CSV = Path(__file__).resolve().parents[2] / "data" / "providers.csv"
_AREAS = ("EU", "Europe", "US", "USA", "APAC", "Asia-Pacific", "US-East", "US-West")
_REGION_SHAPED = re.compile(r"(?<![\w-])([a-z]{2,14}(?:-[a-z]{2,14}){1,2}-?\d{1,2}[a-z]?)(?![\w-])",
                            re.IGNORECASE)
#: Real AWS regions no catalogued offer is in: read as asked (the quote then says no offer is
#: there), never as a misspelling. Any other code of that shape names no region at all.
_REAL_UNCATALOGUED = frozenset({
    "ap-east-2", "ap-south-2", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
    "ca-west-1", "eu-central-2", "il-central-1", "me-south-1", "mx-central-1", "sa-east-1",
    "us-gov-east-1", "us-gov-west-1",
})
_LOCATION_PHRASE = re.compile(
    r"\b(?i:keep(?:s|ing)?\s+(?:it|this|everything|the\s+\w+|them|all)|stay(?:s|ing)?|remain(?:s)?|"
    r"run(?:s|ning)?(?:\s+it)?|host(?:ed)?(?:\s+it)?|located|based|only|restricted\s+to|"
    r"limited\s+to|must\s+be|serve[sd]?|serving|deploy(?:s|ed|ing)?|place[sd]?|put|"
    r"schedule[sd]?|launch(?:es|ed)?|start(?:s|ed)?|(?:pre-?)?train(?:s|ed|ing)?|"
    r"fine-?tun(?:e|es|ed|ing)|eval(?:uate)?[sd]?|process(?:es|ed)?|transcribe[sd]?|embed(?:s)?|"
    r"classify|translate[sd]?|generate[sd]?|index|infer|compute[sd]?|do\s+it|execute[sd]?)"
    r"\s+(?:\S+\s+){0,6}?in\s+(?:the\s+)?"
    r"(?P<w>[A-Z][a-zA-Z-]{2,}(?:\s+[A-Z][a-zA-Z-]{2,})?)")
#: "in Eurasia-Central", "in the Mars-East zone": a capitalised name built like a region.
_REGION_NAMED = re.compile(
    r"\b(?i:in|into|within)\s+(?:the\s+)?(?P<w>[A-Z][a-zA-Z]{2,}[- ](?:Central|North|South|"
    r"East|West|Northeast|Northwest|Southeast|Southwest|Mid|Midwest)(?:[- ]\d)?)\b")
_ONLY_AFTER = re.compile(r"(?<=\s)(?P<w>[A-Z][a-zA-Z]{2,}(?:\s+[A-Z][a-zA-Z]{2,})?)[- ]only\b")
#: Capitalised words in location phrases that are not places.
_NOT_PLACES = {
    "english", "german", "french", "spanish", "italian", "dutch", "chinese", "japanese",
    "korean", "hindi", "arabic", "portuguese", "russian", "polish", "swedish", "norwegian",
    "docker", "kubernetes", "slurm", "ray", "python", "pytorch", "jax", "tensorflow",
    "jupyter", "colab", "production", "staging", "memory", "ram", "vram", "fp16", "bf16",
    "gpu", "gpus", "cpu", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "lora", "qlora", "utc", "gmt", "spot",
    "budget", "time", "total", "parallel", "one", "two", "our", "your", "their", "this",
    "that", "these", "those", "please", "all", "any", "on-demand", "reserved", "inference",
    "training", "eval", "batch", "serving", "weights", "adapter", "adapters", "cet", "cest",
    "pst", "pdt", "est", "edt",
    # formats, servers and platforms a model is served or run in
    "awq", "gptq", "gguf", "onnx", "tensorrt", "triton", "vllm", "ollama", "tgi", "sglang",
    "sagemaker", "vertex", "bedrock", "hugging", "huggingface", "gradio", "streamlit",
    "fastapi", "flask", "openai", "int8", "int4", "fp8", "fp32", "bfloat16", "safetensors",
    # trainers and frameworks a job is written in
    "axolotl", "megatron", "megatron-lm", "deepspeed", "accelerate", "unsloth", "nemo",
    "fairseq", "keras", "lightning", "transformers", "peft", "trl", "torchtune", "mosaic",
    "composer", "jsonl", "json", "parquet", "csv", "english-only", "notebook", "notebooks",
}


@lru_cache(maxsize=1)
def provider_ids(path: Path = PROVIDERS_CSV) -> tuple[str, ...]:
    """Every provider id in data/providers.csv."""
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(row["id"] for row in csv.DictReader(fh))


@lru_cache(maxsize=1)
def _place_words() -> list[str]:
    cities = [k[:-5] for k in GENERIC_ZONES if k.endswith(" time") and k[:-5] not in DEMONYMS]
    return sorted({*(w.title() for w in COUNTRIES), *_AREAS, *(c.title() for c in cities)})


def _close_places(word: str) -> list[str]:
    return difflib.get_close_matches(word.title(), _place_words(), n=3, cutoff=0.6)


def _covered(s: int, e: int, hits: list[Hit]) -> bool:
    return any(h.start < e and s < h.end for h in hits)


def _region_shaped(text: str, places: PlaceHits) -> list[Problem]:
    known = {r.lower() for r in cloud_regions()}
    prefixes = {r.split("-")[0] for r in known if "-" in r}
    out = []
    for m in _REGION_SHAPED.finditer(text):
        word = m.group(1).lower()
        if word in known or word in _REAL_UNCATALOGUED or word.split("-")[0] not in prefixes:
            continue
        if _covered(m.start(1), m.end(1), places.mentions) \
                and not any(str(h.value).lower() == word for h in places.regions):
            continue  # part of a place the extractor read otherwise
        close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.7)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        out.append(Problem(f"{m.group(1)!r} is not a region any provider has.{hint}",
                           f"Which region did you mean by {m.group(1)!r}?{hint}", "regions"))
    return out


def _unknown_names(text: str, places: PlaceHits) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for pattern in (_LOCATION_PHRASE, _REGION_NAMED, _ONLY_AFTER):
        for m in pattern.finditer(text):
            words = m.group("w")
            first = words.split()[0]
            s, e = m.start("w"), m.end("w")
            if pattern is _ONLY_AFTER and re.search(r"(?:^|[.!?;:])\s*$", text[:s]):
                continue  # a capitalised sentence opener ("Inference only.") is no place
            if first.lower() in _NOT_PLACES or words.lower() in _NOT_PLACES \
                    or first.lower() in DEMONYMS or _covered(s, e, places.mentions) \
                    or words.lower() in WORLD_CITIES \
                    or re.match(r"\s+time\b", text[e:e + 6]) or words in seen \
                    or any(re.search(p, words, 0 if cs else re.IGNORECASE)
                           for p, _, cs in PROVIDERS):
                continue
            seen.add(words)
            close = _close_places(words)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            out.append(Problem(f"{words!r} is not a place gridwise knows.{hint}",
                               f"Where may the job run? {words!r} is not a known country, "
                               f"area, city or cloud region.{hint}", "regions"))
    return out


def unresolved_places(text: str, places: PlaceHits) -> list[Problem]:
    """Problems for place phrases the extractor left unread, or that contradict each other."""
    out = _region_shaped(text, places) + _unknown_names(text, places)
    out += _only_area_contradicted(text, places)
    out += _only_where_nothing_is(text, places)
    out += _only_and_excluded(text, places)
    allowed = {str(h.value).lower(): str(h.value) for h in places.regions}
    for h in places.exclude_regions:
        if str(h.value).lower() in allowed:
            out.append(Problem(f"{h.value} is both required and excluded",
                               f"Should the job run in {h.value} or not?", "regions"))
            break
    return out


@lru_cache(maxsize=1)
def _region_places() -> dict[str, set[str]]:
    """Each catalogued cloud region id -> the country, area and subarea it lies in."""
    with open(REGIONS_CSV, newline="", encoding="utf-8") as fh:
        return {row["region"].lower(): {v.lower() for v in (row["country"], row["area"],
                                                             row["subarea"]) if v}
                for row in csv.DictReader(fh)}


def _only_area_contradicted(text: str, places: PlaceHits) -> list[Problem]:
    """"EU only ... run it in us-west-2": a region outside an area the text allows *only*."""
    where = _region_places()
    codes = [h for h in places.regions
             if str(h.value).lower() in where and not str(h.value).isupper()]
    for h in places.regions:
        area = str(h.value).lower()
        if not str(h.value).isupper() or not _said_only(text, h):
            continue
        outside = [c for c in codes if area not in where[str(c.value).lower()]
                   and area not in str(c.value).lower()]
        if outside and any(area in v for v in where.values()):
            name = str(outside[0].value)
            return [Problem(f"{h.value} only, but {name} is not in {h.value}",
                            f"Should the job stay in {h.value}, or run in {name}?", "regions")]
    return []


def _only_where_nothing_is(text: str, places: PlaceHits) -> list[Problem]:
    """"Data must stay in Kenya, no exceptions": the only places allowed have no offer at all.

    Every allowed place is a country said to be the only one ("Kenya only", "can't leave
    Egypt") and no catalogued cloud region lies in it, so no offer can meet the rule (s12).
    A country named in passing ("Kenyan news", "Kathmandu time") is no rule and not judged.
    """
    if not places.regions:
        return []
    countries = set().union(*_region_places().values())
    for code in {str(h.value) for h in places.regions}:
        if not (len(code) == 2 and code.isupper()) or code.lower() in countries or not any(
                _said_only(text, h) for h in places.regions if str(h.value) == code):
            return []
    where = "/".join(dict.fromkeys(str(h.value) for h in places.regions))
    return [Problem(f"{where} only, but no cloud region of the catalog lies in {where}",
                    f"Nothing is offered in {where}. Can the job run in a nearby country, or "
                    "on your own servers there?", "residency")]  # the rule stays as stated


_ONLY = re.compile(r"^\s*(?:-\s*)?only\b|^-only\b", re.IGNORECASE)
_ONLY_BEFORE = re.compile(r"(?:\b(?:only|exclusively|just)\s+(?:on|with|at|use|using|in)?\s*|"
                          # "must stay in the EU", "has to remain within Germany": only there
                          r"\b(?:must|has\s+to|have\s+to|needs?\s+to|stays?)\s+(?:stay\s+|remain\s+)?"
                          r"(?:with)?in\s+|"
                          # "data must never leave the EU", "can't leave Germany" (s12)
                          r"\b(?:(?:must|may|can|should|shall|will)(?:\s+never|\s+not|n?'t)|won'?t|"
                          r"cannot|never|doesn'?t|does\s+not)\s+leave\s+)(?:the\s+|our\s+)?$",
                          re.IGNORECASE)


def _said_only(text: str, h: Hit) -> bool:
    """Whether the mention `h` is marked as the only one allowed ("EU only", "only on AWS")."""
    return bool(_ONLY.match(text[h.end:h.end + 8])
                or _ONLY_BEFORE.search(text[max(0, h.start - 30):h.start]))


#: the user takes back what they just said: "... no wait, ...", "scratch that", "actually,"
_TAKEN_BACK = re.compile(r"\b(?:no\s+wait|wait,?\s+no|scratch\s+that|forget\s+that|on\s+second\s+"
                         r"thought|i\s+mean|i\s+meant|or\s+rather|correction|actually|sorry)\b",
                         re.IGNORECASE)


def _only_and_excluded(text: str, places: PlaceHits) -> list[Problem]:
    """"AWS only ... no Amazon": a provider both the only one allowed and excluded.

    An exclusion that takes the "only" back ("our servers only if nothing else... no wait,
    no on-prem at all") is a correction, not a contradiction: the later word holds.
    """
    excluded = {str(h.value) for h in places.exclude_providers}
    for h in places.mentions:
        later = [e for e in places.exclude_providers if str(e.value) == str(h.value)
                 and e.start > h.end and _TAKEN_BACK.search(text, h.end, e.start)]
        if h.cue == "provider" and str(h.value) in excluded and _said_only(text, h) \
                and not later \
                and not any(e.start <= h.start < e.end for e in places.exclude_providers):
            return [Problem(f"{h.value} is both the only provider allowed and excluded",
                            f"Should the job run only on {h.value}, or anywhere but "
                            f"{h.value}?", "exclude_providers")]
    return []


def only_providers(text: str, places: PlaceHits) -> list[str]:
    """Provider ids to exclude because the text allows only some ("on-prem only")."""
    allowed: set[str] = set()
    excluded = {str(h.value) for h in places.exclude_providers}
    for h in places.mentions:
        if h.cue != "provider" or str(h.value) in excluded:
            continue
        if _said_only(text, h):
            allowed.add(str(h.value))
    # "nebius or lambda only", "only AWS, GCP and Azure": the whole list is allowed
    named = [h for h in places.mentions if h.cue == "provider" and str(h.value) not in excluded]
    for _ in range(2):
        for a, b in zip(named, named[1:], strict=False):
            if (str(a.value) in allowed or str(b.value) in allowed) and re.fullmatch(
                    r"\s*(?:,|/|&|\+|or|and|,\s*or|,\s*and)\s*", text[a.end:b.start], re.I):
                allowed.update((str(a.value), str(b.value)))
    if not allowed:
        return []
    return [p for p in provider_ids() if p not in allowed]
