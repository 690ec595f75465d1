"""More field-extraction classes found on the fresh8 set (issue 17, session 7): models,
objectives, kinds, units and bracketed regions. The conventions (own phrasings, near-misses,
no catalog, the clock NOW) are those of `test_intake_fresh8_fields.py`.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_intake_fresh8_fields import _check

# ------------------------------------------------ model names outside the family list
MODELS = [
    # camel case in a model slot (after "with" / a job verb, or before "model")
    ("Batch OCR of 80 GB of forms with PaddleOCR on 2 L4s.", {"model": "PaddleOCR"}),
    ("Train a GraphSAGE model from scratch on 40 GB of graphs.", {"model": "GraphSAGE"}),
    ("Translate 6 GB of Tamil news using IndicTrans2.", {"model": "IndicTrans2"}),
    ("Re-rank 50 GB of passages with ColBERTv2, spot ok.", {"model": "ColBERTv2"}),
    ("Fine-tune the YOLOv8x detector on 12 GB of dashcam frames.", {"model": "YOLOv8x"}),
    ("Use TimeSformer over 500 GB of clips.", {"model": "TimeSformer",
                                              "kind": "batch-inference"}),
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
    ("Serve our 7B model with ExLlamaV2 on 1 L4.", {"model": None, "params_b": 7.0}),
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
    ("Eval Qwen-7B; carbon matters, money matters.", {"objective": "balanced"}),
    ("Serve Llama-3-8B; budget matters more than speed.", {"objective": "cheapest"}),
    ("Train on 20 GB, and spend as little as we can.", {"objective": "cheapest"}),
    ("Fine-tune Llama-3-8B; lowest possible price please.", {"objective": "cheapest"}),
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
    # media and document passes over a stated dataset are batch inference
    ("Segment 2 TB of scans with SAM-ViT-H.", {"kind": "batch-inference"}),
    ("Denoise 50 GB of audio using Demucs-v4.", {"kind": "batch-inference"}),
    ("Vectorise our 80 GB wiki with e5-base.", {"kind": "batch-inference"}),
    ("Train an anomaly detection model on 20 GB of logs.", {"kind": "train"}),
    # DreamBooth adapts a model; perplexity is an eval
    ("Run DreamBooth on SDXL with 20 photos, 1 A100.", {"kind": "fine-tune"}),
    ("Compute perplexity of GPT-2 on 5 GB of web text.", {"kind": "eval"}),
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
    # more demonyms before an infrastructure noun; "borders" is one
    ("Fine-tune Gemma-7B; no Chinese or Russian datacenters.",
     {"exclude_regions": ["CN", "RU"]}),
    ("Embed 5 GB with e5-small; it must remain within Swiss borders.", {"regions": ["CH"]}),
    ("Serve Phi-2 on Brazilian servers only.", {"regions": ["BR"]}),
    ("Fine-tune Gemma-7B on 3 GB of Portuguese text.", {"regions": []}),
    # a figure to report is no carbon cap
    ("Train ResNet-50 on 5 GB; log the job's emissions as 0 kg in the sheet.",
     {"max_co2_kg": None}),
    ("Train ResNet-50 on 5 GB with emissions under 2 t.", {"max_co2_kg": 2000.0}),
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
