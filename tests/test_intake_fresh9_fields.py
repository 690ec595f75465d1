"""Field-extraction classes found on the fresh9 set, fixed by general rule (issue 17, s7).

Every phrase here is written for this test (none is a case of any labelled set). Each
class is tried in several shapes, next to near-misses that must not trigger. The checks
run without a catalog (`limits=None`). NOW is Wednesday 2023-06-14 09:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agents.intake import parse_request
from tests.intakekit import assert_fields

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday


def _fields(text: str) -> dict[str, Any]:
    return parse_request(text, NOW, limits=None).fields()


# ------------------------------------------------------------ pinyin (romanised Chinese)
PINYIN = [
    ("Women xuyao xunlian yi ge 3B moxing, 16 zhang A100, 5 tian, zhi zai Riben.",
     {"kind": "train", "params_b": 3, "gpu_type": "A100", "gpu_count": 16,
      "duration_hours": 120, "regions": ["JP"]}),
    ("Qing yong 4 zhang H100 weitiao Llama-2-13B, 3 zhou, zhi neng zai Deguo.",
     {"kind": "fine-tune", "model": "Llama-2-13B", "gpu_count": 4, "duration_hours": 504,
      "regions": ["DE"]}),
    ("Yong Qwen-7B fanyi 12 GB de wenjian, bu yao zai zhongguo, yue pianyi yue hao.",
     {"kind": "batch-inference", "dataset_gb": 12, "exclude_regions": ["CN"],
      "objective": "cheapest"}),
    ("bushu Mistral-7B, 2 zhang L4, 36 xiaoshi, zhi zai Xinjiapo",
     {"kind": "inference", "gpu_count": 2, "duration_hours": 36, "regions": ["SG"]}),
]


@pytest.mark.parametrize(("text", "want"), PINYIN)
def test_pinyin_requests(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------------------------ Hindi-English: counts and postpositions
HINGLISH = [
    ("Humein Mistral-7B ka LoRA fine-tune karna hai, ek A10G kaafi hai.",
     {"kind": "fine-tune", "gpu_type": "A10G", "gpu_count": 1}),
    ("Phi-2 ka eval chalana hai GSM8K pe, do bhi nahi, ek T4 chalega.",
     {"kind": "eval", "gpu_type": "T4", "gpu_count": 1}),
    ("Bhai, Gemma-7B ka eval 18:00 UTC ke baad start karna, ek L4.",
     {"kind": "eval", "gpu_count": 1, "earliest_start": "2023-06-14T18:00:00Z",
      "deadline": None}),
    ("Llama-2-7B ka fine-tune 20:00 UTC se pehle khatam hona chahiye, aath H100.",
     {"gpu_count": 8, "deadline": "2023-06-14T20:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), HINGLISH)
def test_hinglish_counts_and_times(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------------------------ Japanese counters after the accelerator
ROMAJI = [
    ("Gemma-2B no eval, GPU wa L4 hitotsu de onegaishimasu.", {"gpu_type": "L4", "gpu_count": 1}),
    ("Llama-3-8B no fine-tune, A100 futatsu, deeta wa 3 GB.",
     {"gpu_type": "A100", "gpu_count": 2, "dataset_gb": 3}),
    ("Evaluate Phi-3-mini, H100 yottsu.", {"gpu_type": "H100", "gpu_count": 4}),
]


@pytest.mark.parametrize(("text", "want"), ROMAJI)
def test_romaji_counters(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------------------------ Dutch: verb-final runs, "niet op X of Y"
DUTCH = [
    ("We willen bge-large-en draaien over 40.000 bestanden (ongeveer 25 GB).",
     {"kind": "batch-inference", "model": "bge-large-en", "dataset_gb": 25}),
    ("Whisper-small draaien over 300 uur aan opnames, 60 GB. Het mag niet op Amazon of Google.",
     {"kind": "batch-inference", "dataset_gb": 60, "exclude_providers": ["aws", "gcp"]}),
    ("Fine-tune Mistral-7B op 5 GB, het mag niet op Azure.",
     {"kind": "fine-tune", "exclude_providers": ["azure"]}),
]


@pytest.mark.parametrize(("text", "want"), DUTCH)
def test_dutch_runs_and_providers(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ---------------------------------------- the kind of a job named by what it runs, not a verb
KINDS = [
    ("Rnu the SuperGLUE suite against our DeBERTa-v3-large checkpoint on 1 A10G.",
     {"kind": "eval", "gpu_count": 1}),
    ("Kick off the nightly regression suite for Phi-2, one L4, about 2 hours.",
     {"kind": "eval", "duration_hours": 2}),
    ("We need the SQuAD numbers for bert-large-uncased, 1 T4.", {"kind": "eval"}),
    ("Ablations for our 350M model: 2 A100 for 3 days.", {"kind": "train", "params_b": 0.35}),
    ("Our ablation study needs 64 GPU-hours on V100s.", {"kind": "train", "gpu_hours": 64}),
    ("A ViT-B-16 imagenet-1k run on 8 A100, 4 days.", {"kind": "train", "gpu_count": 8}),
    ("C4 training job for a 1B model on 32 H100 for a week.", {"kind": "train"}),
    # near-misses: the suite words do not displace a stated job verb
    ("Fine-tune Qwen-7B and then run the eval suite on it.", {"kind": "fine-tune"}),
    ("Serve Llama-3-8B for a week; the regression suite ran last month.",
     {"kind": "inference"}),
]


@pytest.mark.parametrize(("text", "want"), KINDS)
def test_kind_from_suites_ablations_and_corpus_runs(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ---------------------------------------------------------------------- objective phrasings
OBJECTIVES = [
    ("Serve Phi-2 for a month; keep the emissions as low as you can.", "greenest"),
    ("Fine-tune Gemma-7B on 4 GB, CO2 as small as possible please.", "greenest"),
    ("Train a 1B model; time and money are equally important.", "balanced"),
    ("Eval Mistral-7B; cost and carbon have equal priority.", "balanced"),
    ("Embed 40 GB with e5-large. It doesn't need to be fast, just the cheapest option.",
     "cheapest"),
    ("Transcribe 80 GB with Whisper-small, does not have to be quick, greenest grid.",
     "greenest"),
    ("Entrenar un modelo de 300M desde cero, lo más sostenible posible.", "greenest"),
    ("Fine-tune Phi-2 zo duurzaam mogelijk.", "greenest"),
    ("Train our 7B model in the cheapest region and show its carbon on the sustainability "
     "dashboard.", "cheapest"),
]


@pytest.mark.parametrize(("text", "want"), OBJECTIVES)
def test_objective_phrasings(text: str, want: str) -> None:
    assert_fields(_fields(text), {"objective": want})


def test_sustainability_report_still_counts_as_green() -> None:
    """A report the run appears in is a preference (older sets); a dashboard is a tool."""
    assert_fields(_fields("Train a 1B model from scratch; it goes in our sustainability "
                          "report."), {"objective": "greenest"})


# ---------------------------------------------- a stated total of compute beats a share
TOTALS = [
    ("Sweep a 100M model: 12 trials of 3 GPU-hours each, 36 GPU-hours in total, on L4s.", 36),
    ("Fine-tune Phi-2 with LoRA, ~4 GPU-h per seed, 5 seeds => 20 GPU-h.", 20),
    ("Pretrain a 300M model, 2 GPU-days a run, six runs -> 12 GPU-days total.", 288),
    ("Embed 20 GB with e5-base; 8 A10G-hours overall, about 1 GPU-hour per shard.", 8),
    # a lone per-item figure is still the value
    ("Eval Gemma-2B, 3 GPU-hours each time we run it.", 3),
]


@pytest.mark.parametrize(("text", "want"), TOTALS)
def test_gpu_hours_total_beats_share(text: str, want: float) -> None:
    assert_fields(_fields(text), {"gpu_hours": want})


# ------------------------------------------ windows: "between X and Y", "X -> Y", overnight
WINDOWS = [
    ("Eval Phi-2 on 1 L4 between Friday 08:00 and Friday 17:00 UTC.",
     {"earliest_start": "2023-06-16T08:00:00Z", "deadline": "2023-06-16T17:00:00Z"}),
    ("window: 2023-06-20 06:00 -> 2023-06-21 18:00 UTC, fine-tune Gemma-2B",
     {"earliest_start": "2023-06-20T06:00:00Z", "deadline": "2023-06-21T18:00:00Z"}),
    ("Re-embed 30 GB with e5-small, any slot between 23:00 and 05:00 UTC tonight.",
     {"earliest_start": "2023-06-14T23:00:00Z", "deadline": "2023-06-15T05:00:00Z"}),
    ("Saturday batch: transcribe 20 GB with Whisper-small between Saturday 01:00 and "
     "04:00 UTC.", {"earliest_start": "2023-06-17T01:00:00Z",
                    "deadline": "2023-06-17T04:00:00Z"}),
    # near-miss: a window's end that already lies after its start keeps its day
    ("Serve Phi-2 between 10:00 and 16:00 UTC today.",
     {"earliest_start": "2023-06-14T10:00:00Z", "deadline": "2023-06-14T16:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), WINDOWS)
def test_time_windows(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------- providers and places: typos, "X clouds are not allowed"
PLACES = [
    ("Serve Phi-2 for a week, eurpoe only.", {"regions": ["EU"]}),
    ("Fine-tune Gemma-2B, Eurpe-only, 1 L4.", {"regions": ["EU"]}),
    ("Embed 10 GB with e5-base; no comunity clouds please.",
     {"exclude_providers": ["hyperbolic", "lium", "vast"]}),
    ("Train a 1B model on 8 A100. Amazon or Google clouds are not allowed.",
     {"exclude_providers": ["aws", "gcp"]}),
    ("Eval Phi-2 on MMLU; Azure servers are off-limits.", {"exclude_providers": ["azure"]}),
    ("Clasificar 5 GB con DistilBERT, nada de AWS.", {"exclude_providers": ["aws"]}),
    # near-miss: a cloud named as allowed stays allowed
    ("Serve Phi-2 on Google clouds only, Azure is fine too.", {"exclude_providers": []}),
]


@pytest.mark.parametrize(("text", "want"), PLACES)
def test_places_and_providers(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ---------------------------------------------- model names with one slip in family or part
MODEL_TYPOS = [
    ("Serve Lama-2-13B-chat on 1 A100 for a week.", "Llama-2-13B-chat"),
    ("Fine-tune Mistrl-7B-Instruct on 3 GB.", "Mistral-7B-Instruct"),
    ("Eval Gemam-7B on MMLU, 1 L4.", "Gemma-7B"),
    ("Run the SuperGLUE suite on bert-lrge-cased, 1 T4.", "bert-large-cased"),
    ("Eval deberta-v3-bse on 1 T4.", "deberta-v3-base"),
    # near-miss: a correct name is kept as written
    ("Fine-tune Falcon-7B on 2 GB.", "Falcon-7B"),
]


@pytest.mark.parametrize(("text", "want"), MODEL_TYPOS)
def test_model_name_typos(text: str, want: str) -> None:
    assert_fields(_fields(text), {"model": want})


# -------------------------------- counts: "2 x 8-way nodes", Portuguese "numa"; event lengths
COUNTS_AND_LENGTHS = [
    ("Train a 2B model on 3 x 8-way A100 nodes for 4 days.", {"gpu_count": 24}),
    ("Pretrain on 2x 8-GPU H100 nodes, 5 days.", {"gpu_count": 16}),
    ("Servir o Phi-2 numa T4 por 3 dias.", {"gpu_type": "T4", "gpu_count": 1}),
    ("Fine-tune o Gemma-2B em uma L4, 2 GB de dados.", {"gpu_type": "L4", "gpu_count": 1}),
    ("Serve Mistral-7B for a 36h hackathon on 2 L4.", {"duration_hours": 36}),
    ("Host Phi-2 for our 3-day workshop, 1 T4.", {"duration_hours": 72}),
    ("A 10h sprint: eval Gemma-7B on 1 A100.", {"duration_hours": 10}),
]


@pytest.mark.parametrize(("text", "want"), COUNTS_AND_LENGTHS)
def test_node_counts_and_event_lengths(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------ the kind from the request's material, with no job word at all
SHAPES = [
    ("Phi-3-mini must cope with 300 concurrent users, 2 L4, for a week.", "inference"),
    ("Qwen-7B with ~40 ms latency for our app, 1 A10G, two weeks.", "inference"),
    ("Phi-2: accuracy on our held-out split, 1 T4, 2 hours.", "eval"),
    ("Gemma-7B vs Mistral-7B, win-rate on 500 prompts, 1 A100.", "eval"),
    ("Florence-2 over 2 million photos, 4 A10G, within 3 days.", "batch-inference"),
    ("bge-m3 for 40 million emails, about 60 GB, 2 L4.", "batch-inference"),
    ("Mistral-7B with 40k instruction pairs from our helpdesk, 2 A100, 1 day.", "fine-tune"),
    ("Gemma-2B and 8,000 labelled examples, 1 L4, tonight.", "fine-tune"),
    ("Our 1B model on 300B tokens, 64 H100, 3 weeks.", "train"),
    ("A 350M-parameter transformer, 4 GPU-weeks of A100.", "train"),
]


@pytest.mark.parametrize(("text", "want"), SHAPES)
def test_kind_from_material(text: str, want: str) -> None:
    assert_fields(_fields(text), {"kind": want})


NO_KIND = [
    "Same settings as last time, thanks.",
    "Phi-2, 1 T4, tomorrow.",  # a model and hardware say nothing of the job
    "We have 40 million emails and 2 L4 free next week.",  # no model: nothing runs on them
]


@pytest.mark.parametrize("text", NO_KIND)
def test_too_little_material_keeps_kind_unset(text: str) -> None:
    assert_fields(_fields(text), {"kind": None})


# ------------------------- plural unit abbreviations; an accelerator's own "GPU-hours"
UNITS = [
    ("Embed 350 MBs of notes with e5-small.", {"dataset_gb": 0.35}),
    ("OCR ~12 GBs of scans with TrOCR-base.", {"dataset_gb": 12}),
    ("Fine-tune Phi-2 on 2 TBs of logs.", {"dataset_gb": 2000}),
    ("Train a 1B model, at most 40 kgs CO2.", {"max_co2_kg": 40}),
    ("We need 2,000 H100 GPU-hours for a 7B pretraining run.",
     {"gpu_hours": 2000, "gpu_type": "H100", "gpu_count": None}),
    ("Fine-tune Llama-2-13B with 300 A100-80GB GPU-hours.",
     {"gpu_hours": 300, "gpu_count": None}),
    ("Pretrain a 3B model using 50 L40S GPU-days.", {"gpu_hours": 1200}),
]


@pytest.mark.parametrize(("text", "want"), UNITS)
def test_plural_units_and_accelerator_hours(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# --------------------------- ISO offsets after a clock; "i.e." restating a date
ISO_AND_RESTATED = [
    ("deadline=2023-06-20T18:00+02:00, fine-tune Phi-2", {"deadline": "2023-06-20T16:00:00Z"}),
    ("Eval Gemma-2B by 2023-06-20T09:30:00-04:00.", {"deadline": "2023-06-20T13:30:00Z"}),
    ("Serve Phi-2 from 2023-06-20 08:00 +0100.", {"earliest_start": "2023-06-20T07:00:00Z"}),
    # near-miss: a clock window with a minus is not an offset
    ("Embed 5 GB with e5-small in the window 01:00-05:00 UTC tonight.",
     {"earliest_start": "2023-06-15T01:00:00Z", "deadline": "2023-06-15T05:00:00Z"}),
    # "X, i.e. Y": the second date restates the first, more exactly
    ("Start after Christmas, i.e. not before 27 Dec.", {"earliest_start": "2023-12-27T00:00:00Z"}),
    ("Start after Friday, i.e. from 19 June.", {"earliest_start": "2023-06-19T00:00:00Z"}),
    ("Finish by Friday, i.e. by 16 June 12:00 UTC.", {"deadline": "2023-06-16T12:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), ISO_AND_RESTATED)
def test_iso_offsets_and_restated_dates(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------ "a Mistral-7B-based encoder" describes an unnamed model
DESCRIBED = [
    ("Embed 2B tokens with our Qwen-7B-based retriever, 8 H100.", {"model": None}),
    ("Serve a Llama-3-8B-style assistant for a week on 1 L4.", {"model": None}),
    ("Fine-tune our BERT-large-like classifier on 3 GB.", {"model": None}),
    # near-miss: "-base" is a variant of the name itself
    ("Fine-tune Mistral-7B-base on 3 GB.", {"model": "Mistral-7B-base", "params_b": 7}),
]


@pytest.mark.parametrize(("text", "want"), DESCRIBED)
def test_based_on_a_model_names_none(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# --------------------------------- an uptime "stay up a month" at the end of a sentence
UPTIMES = [
    ("Serve Phi-2 from Monday and stay up a week.", 168),
    ("Host Mistral-7B on 1 L4; it must remain online a month.", 720),
    ("Deploy Gemma-2B tomorrow and keep it running a day.", 24),
]


@pytest.mark.parametrize(("text", "want"), UPTIMES)
def test_uptime_at_sentence_end(text: str, want: float) -> None:
    assert_fields(_fields(text), {"duration_hours": want})


def test_a_day_in_a_story_is_no_run_length() -> None:
    assert_fields(_fields("Fine-tune Phi-2 on 2 GB; the last outage cost us a day."),
                  {"duration_hours": None})


# ------------------------------ "done in N wall clock" is a run length, not a deadline
WALL_CLOCK = [
    ("Eval Phi-2 on MMLU, done in 1h45 wall-clock.", {"duration_hours": 1.75, "deadline": None}),
    ("Embed 5 GB with e5-small; finished in 6 hours wall clock.",
     {"duration_hours": 6, "deadline": None}),
    ("Fine-tune Gemma-2B in 90 minutes of wall time.", {"duration_hours": 1.5, "deadline": None}),
    # near-miss: "done in 2 days" with no wall clock stays a deadline offset
    ("Eval Phi-2 on MMLU, done in 2 days.", {"deadline": "2023-06-16T09:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), WALL_CLOCK)
def test_wall_clock_is_a_run_length(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


# ------------------------------ "X or Y only": every provider of the list is allowed
OTHERS = ["aws", "azure", "gcp", "hyperbolic", "lambda", "lium", "nebius", "onprem", "vast"]
ONLY_LISTS = [
    ("Pretrain a 1B model on 8 H100, Lambda or Nebius only.", {"lambda", "nebius"}),
    ("Fine-tune Phi-2, only on AWS, GCP and Azure.", {"aws", "gcp", "azure"}),
    ("Serve Gemma-2B on Vast / Lium only.", {"vast", "lium"}),
    # near-miss: one provider marked "only" leaves the others excluded
    ("Eval Phi-2 on Nebius only.", {"nebius"}),
]


@pytest.mark.parametrize(("text", "allowed"), ONLY_LISTS)
def test_only_list_allows_every_listed_provider(text: str, allowed: set[str]) -> None:
    assert_fields(_fields(text), {"exclude_providers": [p for p in OTHERS if p not in allowed]})


# -------------------- "X is fine if it's cheaper": a condition on X, not the objective
CONDITIONAL = [
    ("Fine-tune Phi-2; spot is fine if it's cheaper.", None),
    ("Serve Gemma-2B in the US, Canada works too if it is greener.", None),
    ("Eval Phi-2 on 2 L4, an A100 is ok if that's faster.", None),
    # near-misses: a stated wish stays one
    ("Fine-tune Phi-2, cheaper is better.", "cheapest"),
    ("Eval Phi-2, and if possible the cheapest option.", "cheapest"),
]


@pytest.mark.parametrize(("text", "want"), CONDITIONAL)
def test_comparative_in_a_condition_is_no_objective(text: str, want: str | None) -> None:
    assert_fields(_fields(text), {"objective": want})
