"""Clarification classes from the fresh9 tuning set (issue 17, seventh session, round 2).

Every phrase is written for the test (none is copied from a labelled set): a value the user
promises to give later (a country, a budget, a deadline), a service longer than the window
it must end in, a GPU count referred back to with another number ("the 8 GPUs"), an amount
with no unit ("the dataset is 40", "100 compute units"), a date "04/05" that reads as two
days, a card only marketplaces rent with every marketplace excluded, and an "only" provider
taken back by a correction. Near misses go ahead without a question.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from tests.intakekit import asked, assert_fields, placement
from tools.catalog_limits import CatalogLimits

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)  # a Wednesday


#: (text, the field asked about, fields still read)
ASKED = [
    # a value promised for later
    ("Fine-tune Gemma-7B on 4 A100. It must stay in the client's country; I'll let you know "
     "which one tomorrow.", "regions", {"kind": "fine-tune", "gpu_count": 4, "regions": None}),
    ("Serve Mistral-7B on 2 L4 for a week, region to be confirmed later by legal.", "regions",
     {"kind": "inference", "regions": None}),
    ("Eval Phi-2 on 1 T4. Budget around 300 dollars, but let me check with my manager on the "
     "budget.", "budget_usd", {"kind": "eval", "budget_usd": None}),
    ("Train our 1B model on 8 H100s; we'll confirm the deadline next week.", "deadline",
     {"kind": "train", "gpu_count": 8}),
    # a service longer than the window it must end in
    ("Host Gemma-7B for 3 days from Friday 08:00 UTC, and turn it off by Friday 18:00 UTC.",
     "deadline", {"kind": "inference", "duration_hours": 72}),
    ("Deploy Mistral-7B as an API for 24 hours starting 10 March 2023 09:00 UTC; it must be "
     "offline by 10 March 2023 17:00 UTC.", "deadline", {"kind": "inference"}),
    ("Serve Phi-2 for a week beginning 12 March 2023, torn down by 14 March 2023.", "deadline",
     {"kind": "inference", "duration_hours": 168}),
    # a count referred back to with another number
    ("Train our 3B model on 16 H100 for 3 days; all 32 cards must sit in one region.",
     "gpu_count", {"kind": "train", "gpu_count": None}),
    ("Fine-tune Gemma-7B with 2 A100s. Make sure the 4 GPUs share NVLink.", "gpu_count",
     {"kind": "fine-tune", "gpu_count": None}),
    ("Eval Qwen-7B on 8 L4 GPUs, and spread the shards evenly over those 6 L4s.", "gpu_count",
     {"kind": "eval", "gpu_count": None}),
    # an amount with no unit, or a unit of no defined size
    ("Embed our wiki with bge-base, the corpus is about 25, Germany only.", "dataset_gb",
     {"dataset_gb": None, "regions": ["DE"]}),
    ("Fine-tune Phi-2 on 2 A100; training data: 12.", "dataset_gb",
     {"kind": "fine-tune", "dataset_gb": None}),
    ("Train our 2B model with 300 compute units, greenest option.", "gpu_hours",
     {"kind": "train", "gpu_hours": None}),
    ("Eval Mistral-7B, we can spend 40 units of GPU on it.", "gpu_hours",
     {"kind": "eval", "gpu_hours": None}),
    # a numeric date that reads as two days
    ("Fine-tune Phi-2 on 2 GB with 1 A100, due 06/07.", "deadline",
     {"kind": "fine-tune", "deadline": None}),
    ("Serve Gemma-7B on 2 L4 for 3 days starting on 3/11/2023.", "earliest_start",
     {"kind": "inference", "earliest_start": None}),
    ("Train our 1B model on 8 H100, must finish before 10/09.", "deadline",
     {"kind": "train", "deadline": None}),
]

#: near misses: no question
BENIGN = [
    "Fine-tune Gemma-7B on 2 A100 in the EU; I'll check the loss curves when it finishes.",
    "Serve Mistral-7B on 1 L4 for 6 hours in Germany. I will tell you how the demo went.",
    "Eval Phi-2 on 1 T4 for 2 hours, budget $40, let me know where it ran.",
    "Train our 1B model on 8 H100 in an EU region; I'll check the loss curves tomorrow.",
    # "live by" is when a service must be up, not when it ends
    "Serve Gemma-7B for 3 days from Friday 08:00 UTC; it must be live by Friday 09:00 UTC.",
    "Host Mistral-7B for 48 hours starting 10 March 2023 09:00 UTC, shut down by "
    "12 March 2023 10:00 UTC.",
    # the same count referred back, or a number that counts something else
    "Train our 3B model on 8 A100s for 2 days; the 8 GPUs must share one node.",
    "Fine-tune Phi-2 on 2 GB with 4 L4, and split the 2 GB over the 4 GPUs.",
    # a size with its unit, a count of items
    "Embed our wiki with bge-base, the corpus is 25 GB, Germany only.",
    "Batch-score 5,000 GiB of data with our BERT classifier, budget $900.",
    "Fine-tune Phi-2 on 2 A100; the dataset is 40k rows (3 GB).",
    # a date only one way round, and "24/7"
    "Fine-tune Phi-2 on 2 GB with 1 A100, due 25/03/2023.",
    "Serve Gemma-7B on 2 L4 24/7 for a week, budget $800.",
    "Fine-tune Phi-2 on 1/4 of the 8 GB corpus with 1 A100.",
    "Train our tagger from scratch on the data 2021, 4 GB in all, 2 A100.",
]


@pytest.mark.parametrize("text,field,want", ASKED)
def test_asked(text, field, want):
    p = parse_request(text, NOW)
    assert p.needs_clarification and field in asked(p), (p.clarify_reason, asked(p))
    assert_fields(p.fields(), want)


@pytest.mark.parametrize("text", BENIGN)
def test_near_miss_goes_ahead(text):
    p = parse_request(text, NOW)
    assert not p.needs_clarification, p.clarify_reason


# ------------------------------------------------------------ a card only marketplaces rent
#: RTX 4090 rented by two marketplaces only; L40S by a cloud and a marketplace
LIMITS = CatalogLimits(
    usd_per_gpu_h={"RTX4090": 0.3, "L40S": 1.0}, min_g_per_kwh=10.0, min_pue=1.1,
    power_kw={"RTX4090": 0.45, "L40S": 0.35}, memory_gb={"RTX4090": 24, "L40S": 48},
    placements={"RTX4090": (placement("vast", "us-1", "US"), placement("lium", "ro-1", "RO")),
                "L40S": (placement("aws", "eu-central-1", "DE"), placement("vast", "us-1", "US"))})

MARKETPLACE_ASKED = [
    "Fine-tune SDXL with LoRA on 4 RTX 4090s; no decentralised clouds, please.",
    "Eval Phi-2 on 2 RTX 4090, keep it off marketplaces for security reasons.",
    "Serve Gemma-2B on one RTX 4090 for 5 hours, no peer-to-peer GPU hosts.",
]
MARKETPLACE_BENIGN = [
    # two named sellers excluded: a third marketplace may rent it
    "Fine-tune SDXL with LoRA on 4 RTX 4090s, not on Vast or Lium.",
    # a card clouds also rent: the planner finds which seller is left
    "Eval Phi-2 on 2 L40S, no marketplaces.",
    "Serve Gemma-2B on one RTX 4090 for 5 hours, cheapest.",
]


@pytest.mark.parametrize("text", MARKETPLACE_ASKED)
def test_marketplace_only_card_with_every_marketplace_excluded_is_asked(text):
    p = parse_request(text, NOW, LIMITS)
    assert p.needs_clarification and "gpu_type" in asked(p), p.clarify_reason
    assert "RTX4090" in p.clarify_reason


@pytest.mark.parametrize("text", MARKETPLACE_BENIGN)
def test_marketplace_near_miss_goes_ahead(text):
    p = parse_request(text, NOW, LIMITS)
    assert not p.needs_clarification, p.clarify_reason


# ------------------------------------------------------------ an "only" taken back
TAKEN_BACK = [
    ("Fine-tune Phi-2 on 2 GB, AWS only. Actually, no AWS, we have no account there.", "aws"),
    ("Serve Gemma-2B on 1 L4 for 6 hours, only on our on-prem cluster - scratch that, keep it "
     "off on-prem entirely.", "onprem"),
    ("Eval Mistral-7B on 2 A100, just use Nebius... no wait, not Nebius, their quota is gone.",
     "nebius"),
]


@pytest.mark.parametrize("text,provider", TAKEN_BACK)
def test_an_only_taken_back_is_a_correction(text, provider):
    p = parse_request(text, NOW)
    assert not p.needs_clarification, p.clarify_reason
    assert provider in p.exclude_providers


def test_an_only_and_an_exclusion_with_no_correction_is_still_asked():
    p = parse_request("Fine-tune Phi-2 on 2 GB, AWS only, and no AWS.", NOW)
    assert p.needs_clarification and "exclude_providers" in asked(p)
