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
    ("Any region but China works; fine-tune Qwen-7B.", {"exclude_regions": ["CN"]}),
    # near-misses: a contrastive "but" still starts a new clause
    ("Fine-tune Qwen-7B on any provider but keep it in Germany.",
     {"regions": ["DE"], "exclude_regions": []}),
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
    # "isn't X", "X and Y are out"; "in the EU, Germany is out" keeps the EU
    ("Serve Mistral-7B on whatever cloud you like, as long as it isn't Google.",
     {"exclude_providers": ["gcp"]}),
    ("Embed 40 GB with e5-large; Azure and AWS are out.",
     {"exclude_providers": ["azure", "aws"]}),
    ("Serve Qwen-7B in the EU, Germany is out.", {"regions": ["EU"], "exclude_regions": ["DE"]}),
    # the same in Spanish, Portuguese and German
    ("Ajuste fino de Qwen-7B con 3 GB, cualquier nube menos Azure.",
     {"kind": "fine-tune", "exclude_providers": ["azure"]}),
    ("Fine-tune do Gemma-7B com 2 GB, qualquer nuvem exceto AWS.", {"exclude_providers": ["aws"]}),
    ("Feintuning von Llama-3-8B auf 10 GB, jeder Anbieter außer Google.",
     {"exclude_providers": ["gcp"]}),
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
    ("Serve Qwen-7B; preemptible capacity would be a problem.", {"interruptible": False}),
    # near-misses: a negation that praises
    ("Train ResNet-50 on 20 GB; spot is not a problem.", {"interruptible": True}),
    ("Train ResNet-50 on 20 GB; spot is not required.", {"interruptible": True}),
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
    ("Fine-tune Mistral-7B on a quartet of L40S.", {"gpu_count": 4, "gpu_type": "L40S"}),
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
    # a country-named city: the meeting is no region either
    ("Have the Phi-2 eval numbers ready for my 8:30 Singapore call tomorrow.",
     {"deadline": "2023-06-15T00:30:00Z", "regions": []}),
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
    ("Serve Phi-2 the next 3 days.", {"deadline": None}),
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
    # a run length in weeks and days adds up
    ("Serve Llama-3-8B for 2 weeks and 3 days.", {"duration_hours": 408.0}),
    ("Serve Llama-3-8B for 1 week, 2 days.", {"duration_hours": 216.0}),
    # run lengths written "8h wall"
    ("eval: Qwen1.5-14B-Chat / GSM8K / 2xA100 / 8h wall / us-east-1",
     {"duration_hours": 8.0}),
]


@pytest.mark.parametrize(("text", "want"), TIMES)
def test_time_phrases(text: str, want: dict[str, Any]) -> None:
    _check(text, want)
