"""Field-extraction classes found on the fresh8 set, fixed by rule (issue 17, session 7).

Every phrase here is written for this test (none is a case of any labelled set). Each
class is tried in several shapes, next to near-misses that share its words and must not
trigger. The checks run without a catalog (`limits=None`), so they hold with or without
a loaded store. NOW is Wednesday 2023-06-14 09:00 UTC (summer time in Europe and the US).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agents.intake import parse_request
from tests.intakekit import assert_fields

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday


def _check(text: str, want: dict[str, Any]) -> None:
    assert_fields(parse_request(text, NOW, limits=None).fields(), want)


# ------------------------------------------------ providers: indifference, "any X but", keys
PROVIDERS = [
    # "don't care which cloud" is indifference, not a second negation
    ("Fine-tune Whisper-small on 4 GB, we don't care which cloud except Google.",
     {"exclude_providers": ["gcp"]}),
    ("Serve Phi-2 for a week; dont really mind the provider as long as it is not Azure",
     {"exclude_providers": ["azure"]}),
    # "any cloud but X": an exception, not a new clause
    ("Eval Qwen-7B on GSM8K, any cloud but Amazon.", {"exclude_providers": ["aws"]}),
    ("Embed 30 GB with bge-base-en on every provider but Lium and Vast.",
     {"exclude_providers": ["lium", "vast"]}),
    # near-miss: a contrastive "but" still starts a new clause
    ("Serve Mistral-7B on AWS, but not in Germany.",
     {"exclude_providers": [], "exclude_regions": ["DE"]}),
    # a negated provider followed by an unrelated "... is fine"
    ("Caption 2 TB with BLIP-2, not on our own servers, spot is fine.",
     {"exclude_providers": ["onprem"], "interruptible": True}),
    # a key-value line whose key negates
    ("task: eval\nmodel: Qwen-7B\nexcluded_clouds: aws, gcp",
     {"exclude_providers": ["aws", "gcp"]}),
    ("job: fine-tune Llama-3-8B\nblocked providers: nebius\nregion: EU",
     {"exclude_providers": ["nebius"], "regions": ["EU"]}),
    # near-miss: a plain key names no exclusion
    ("job: eval Phi-2 on ARC\nprovider: aws", {"exclude_providers": []}),
]


@pytest.mark.parametrize(("text", "want"), PROVIDERS)
def test_provider_exclusions(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ interruptible: verdicts after the word
SPOT = [
    ("Serve SDXL for the launch party, nothing preemptible please.", {"interruptible": False}),
    ("Fine-tune BERT-base on 1 GB. Spot instances are not an option.",
     {"interruptible": False}),
    ("Train ResNet-50 on 20 GB; interruptions would be unacceptable.",
     {"interruptible": False}),
    ("Train ResNet-50 on 20 GB, keep it on-demand", {"interruptible": False}),
    ("Train ResNet-50 on 20 GB, stick to on-demand nodes.", {"interruptible": False}),
    # near-misses: a negation that praises
    ("Train ResNet-50 on 20 GB; spot is not a problem.", {"interruptible": True}),
    ("Train ResNet-50 on 20 GB; preemption is fine, it checkpoints.", {"interruptible": True}),
    # romaji loanwords
    ("Mistral-7B no fine-tune, deeta wa 3 GB, supotto mo daijoubu desu.",
     {"interruptible": True, "dataset_gb": 3.0}),
    ("Mistral-7B no fine-tune, 3 GB, supotto wa fuka desu.", {"interruptible": False}),
]


@pytest.mark.parametrize(("text", "want"), SPOT)
def test_interruptible_verdicts(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ gpu_count: group words, totals, shards
COUNTS = [
    ("LoRA for SDXL on an RTX 6000 Ada pair, 12 GB of images.", {"gpu_count": 2}),
    ("Fine-tune Mistral-7B on an H100 duo.", {"gpu_count": 2, "gpu_type": "H100"}),
    ("Serve Phi-3-mini on a half-dozen L4s.", {"gpu_count": 6, "gpu_type": "L4"}),
    # a count stated as the total wins over a per-item count
    ("LoRA adapters of Llama-2-7B for 4 teams, one GPU per team, so 4 GPUs in total.",
     {"gpu_count": 4}),
    ("Eval Qwen-7B for five languages at one GPU each, 5 GPUs altogether.", {"gpu_count": 5}),
    # a count that refers back to a GPU noun
    ("Serve DeepSeek-67B in bf16 on GPUs with 80 GB or more, 4 of them.",
     {"gpu_count": 4, "min_gpu_mem_gb": 80.0}),
    # a second identical box doubles the count
    ("Take one 8xH100 node plus another identical one and pretrain a 1B model.",
     {"gpu_count": 16, "gpu_type": "H100"}),
    ("Book a 4x A100 server and a second such server for the Llama-2-13B fine-tune.",
     {"gpu_count": 8}),
    # one accelerator per tensor-parallel shard
    ("Serve Llama-3-70B with 8-way tensor parallelism on H200s.", {"gpu_count": 8}),
    ("Serve Llama-3-70B, tensor-parallel size 4, on A100 80GB.",
     {"gpu_count": 4, "gpu_type": "A100-80GB"}),
    # near-misses: vague counts name the type only
    ("Score 9 GB of reviews with RoBERTa-base; a few T4s should do.",
     {"gpu_count": None, "gpu_type": "T4"}),
    ("Serve Mistral-7B on V100s for a day.", {"gpu_count": None, "gpu_type": "V100"}),
]


@pytest.mark.parametrize(("text", "want"), COUNTS)
def test_gpu_counts(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ a meeting's city gives its clock a zone
MEETINGS = [
    # Friday 09:00 in Tokyo (UTC+9) = Friday 00:00 UTC
    ("Serve Mistral-7B for the demo, before my 9am Tokyo call on Friday.",
     {"deadline": "2023-06-16T00:00:00Z", "regions": []}),
    # tomorrow 10:00 in London (BST) = 09:00 UTC
    ("Finish the Llama-3-8B fine-tune on 20 GB before the 10:00 London meeting tomorrow.",
     {"deadline": "2023-06-15T09:00:00Z"}),
    # Thursday 16:00 in New York (EDT) = 20:00 UTC
    ("Eval Phi-2 on ARC, results by 4pm for the New York review on Thursday.",
     {"deadline": "2023-06-15T20:00:00Z"}),
    # the city after the meeting noun; an explicit zone agrees; no region
    ("MMLU numbers for Qwen2-72B before the Monday standup in Sydney (08:00 AEST).",
     {"deadline": "2023-06-18T22:00:00Z", "regions": []}),
    # near-misses: a city with no meeting is a place, a meeting with no city is UTC
    ("Eval Phi-2 on ARC in Tokyo before the 9am call.",
     {"deadline": "2023-06-15T09:00:00Z", "regions": ["JP"]}),
    ("Embed 10 GB with bge-small, by 17:00 for the team.",
     {"deadline": "2023-06-14T17:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), MEETINGS)
def test_meeting_city_zones(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ time: offsets, next day, tonight, restated
TIMES = [
    # "a day and a half" = 36 h; "next 48h" = now + 48 h, but "for the next 48 hours" is a run
    ("Could the Wav2Vec2-large fine-tune (40 GB) be done within a day and a half?",
     {"deadline": "2023-06-15T21:00:00Z"}),
    ("Embed 5 GB with bge-small in an hour and a half.", {"deadline": "2023-06-14T10:30:00Z"}),
    ("fine-tune sentence-t5-base on 1 GB, next 48h pls", {"deadline": "2023-06-16T09:00:00Z"}),
    ("Serve Phi-2 for the next 48 hours.", {"deadline": None, "duration_hours": 48.0}),
    # a window's end "the next day" is the day after its start
    ("Keep a Mistral-7B endpoint up from 18:00 UTC+2 on 2023-06-20 to 06:00 UTC+2 the next "
     "day.", {"earliest_start": "2023-06-20T16:00:00Z", "deadline": "2023-06-21T04:00:00Z"}),
    ("Serve Gemma-7B from 22:00 on 1 July until 02:00 the following morning.",
     {"earliest_start": "2023-07-01T22:00:00Z", "deadline": "2023-07-02T02:00:00Z"}),
    # small hours "tonight" are after midnight
    ("Batch-score 14 GB with DistilBERT, only in the window 01:00-05:00 CET tonight.",
     {"earliest_start": "2023-06-15T00:00:00Z", "deadline": "2023-06-15T04:00:00Z"}),
    ("Serve Phi-2 from 20:00 tonight.", {"earliest_start": "2023-06-14T20:00:00Z"}),
    # a bracketed date restates the one before it, in its role
    ("Train a small model from scratch (30 GB); start after Christmas (27 Dec), done by "
     "2 Jan 2024.", {"earliest_start": "2023-12-27T00:00:00Z",
                     "deadline": "2024-01-02T23:59:59Z"}),
    # run lengths written "8h wall"
    ("eval: Qwen1.5-14B-Chat / GSM8K / 2xA100 / 8h wall / us-east-1",
     {"duration_hours": 8.0}),
]


@pytest.mark.parametrize(("text", "want"), TIMES)
def test_time_phrases(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ model names outside the family list
MODELS = [
    # camel case in a model slot (after "with" / a job verb, or before "model")
    ("Batch OCR of 80 GB of forms with PaddleOCR on 2 L4s.", {"model": "PaddleOCR"}),
    ("Train a GraphSAGE model from scratch on 40 GB of graphs.", {"model": "GraphSAGE"}),
    ("Translate 6 GB of Tamil news using IndicTrans2.", {"model": "IndicTrans2"}),
    ("Re-rank 50 GB of passages with ColBERTv2, spot ok.", {"model": "ColBERTv2"}),
    # a capitalised name with a size class
    ("We need to OCR 300 GB of journals with Nougat-base, EU only.", {"model": "Nougat-base"}),
    # names already known keep working, written as people write them
    ("Fine-tune XLM-RoBERTa-large on 5 GB of tickets.", {"model": "XLM-RoBERTa-large"}),
    ("LoRA on Stable-Diffusion-XL with 2 GB of renders.", {"model": "Stable-Diffusion-XL"}),
    # a mixed digit-letter version part and a language pair stay in the name
    ("Eval of StableLM-3B-4E1T on ARC.", {"model": "StableLM-3B-4E1T", "params_b": 3.0}),
    ("Fine-tune Marian-MT en-de on 2 GB of parallel text.", {"model": "Marian-MT-en-de"}),
    # a size after a description is the described model's (no name)
    ("Serve a Llama-style 7B chat demo for the weekend.", {"model": None, "params_b": 7.0}),
    ("Pretrain a GPT-like 1.3B decoder on 20B tokens.", {"model": None, "params_b": 1.3}),
    # near-misses: tools, methods, datasets and companies share the shape
    ("Train a model on ImageNet with PyTorch.", {"model": None}),
    ("Fine-tune with LoRA via DeepSpeed on 8 H100, our 7B model.", {"model": None}),
    ("Eval our 7B checkpoint on HellaSwag and TruthfulQA.", {"model": None}),
    ("Score 3 GB of text with our 1B classifier, results to the DataOps team.",
     {"model": None}),
]


@pytest.mark.parametrize(("text", "want"), MODELS)
def test_model_shapes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ objective: indirect cues and non-cues
OBJECTIVES = [
    # two criteria held together with no priority
    ("Finance and the ESG lead both review it, so keep cost and emissions reasonable: "
     "fine-tune Falcon-7B on 10 GB.", {"objective": "balanced"}),
    ("Serve Phi-2 for a week; keep price and carbon in check.", {"objective": "balanced"}),
    # a slot that "works out best", with no criterion
    ("Nightly Qwen-7B eval, ~6 GPU-hours; just pick the slot that works out best.",
     {"objective": "optimal-time"}),
    ("Embed 4 GB with bge-small whenever; whichever window suits best.",
     {"objective": "optimal-time"}),
    # as little footprint as possible
    ("Given our pledge, the Gemma-7B eval should leave as little footprint as we can manage.",
     {"objective": "greenest"}),
    ("Caption 1 TB with BLIP-2 with as little carbon as possible.", {"objective": "greenest"}),
    ("Train a 1B model from scratch; it is featured in our sustainability report.",
     {"objective": "greenest"}),
    # near-misses: a sustainability team setting a cap, Portuguese "pronto" (ready)
    ("Train our 3B model on 60B tokens; the sustainability office caps this at 0.25 t CO2.",
     {"objective": None, "max_co2_kg": 250.0}),
    ("Preciso do fine-tune do BERTimbau-base (5 GB) pronto até sexta-feira.",
     {"objective": None}),
    ("Need the BERT-base eval done pronto!", {"objective": "fastest"}),
]


@pytest.mark.parametrize(("text", "want"), OBJECTIVES)
def test_objectives(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ kind, method, precision, units, city regions
MISC = [
    # an audit of a model is an eval; an audit event is not
    ("Regulators want the fairness audit of our Llama-2-13B scoring model, EU only.",
     {"kind": "eval"}),
    ("Run the audit suite on Mistral-7B-Instruct by Friday.", {"kind": "eval"}),
    ("The ISO audit is next month, so batch-translate 20 GB with NLLB-200 in the EU.",
     {"kind": "batch-inference"}),
    # training that starts from a pretrained model adapts it
    ("Reward-model training for RLHF: start from Llama-2-7B, 8x A100 80GB.",
     {"kind": "fine-tune"}),
    ("Train a ranking head initialised from the base Qwen-7B checkpoint, 20 GB.",
     {"kind": "fine-tune"}),
    ("Train ResNet-50 from scratch on 80 GB.", {"kind": "train"}),
    # "full parameters"; a precision named only as unwanted
    ("Fine-tune Gemma-2B-it with full parameters in bf16 on 2 GB.",
     {"method": "full", "precision": "bf16"}),
    ("Fine-tune OPT-1.3B in fp32, since we hit NaNs with fp16 last time.",
     {"precision": "fp32"}),
    ("Serve Llama-2-13B in bf16 rather than fp16.", {"precision": "bf16"}),
    # a thousands space before a comma; "150M-token"
    ("Fine-tune Mistral-7B with LoRA, budget EUR 1 500, data 4 GB.", {"budget_usd": 1620.0}),
    ("Generate dialogues with Llama-3-8B-Instruct over a 40M-token seed set.",
     {"dataset_tokens": 40_000_000}),
    # a city before "region" / "only" is a place
    ("Fine-tune Qwen-7B on 4 GB. Osaka region only.", {"regions": ["JP"]}),
    ("Serve Phi-2 for a week in our Frankfurt region.", {"regions": ["DE"]}),
    ("Serve Phi-2 for our Berlin team.", {"regions": []}),
]


@pytest.mark.parametrize(("text", "want"), MISC)
def test_misc_fields(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------------ cloud regions written in brackets
BRACKETS = [
    ("Eval Phi-2 in AWS (eu-west-1), not in (us-east-1).",
     {"regions": ["eu-west-1"], "exclude_regions": ["us-east-1"]}),
    ("Serve Gemma-7B, but never [us-east-1].", {"exclude_regions": ["us-east-1"]}),
    ("Serve Qwen-7B, no (us-west-2) please.", {"exclude_regions": ["us-west-2"]}),
    # where the data is, in brackets, is no constraint
    ("Fine-tune Mistral-7B, data is in (us-east-1), run it in [eu-west-1].",
     {"regions": ["eu-west-1"]}),
    # allowed regions in brackets (already read) stay read
    ("Batch-embed 30 GB with bge-large-en [europe-west4].", {"regions": ["europe-west4"]}),
    ("Train ResNet-50 on 50 GB; allowed regions: [eu-central-1, eu-west-1].",
     {"regions": ["eu-central-1", "eu-west-1"]}),
]


@pytest.mark.parametrize(("text", "want"), BRACKETS)
def test_bracketed_regions(text: str, want: dict[str, Any]) -> None:
    _check(text, want)
