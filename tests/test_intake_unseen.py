"""Intake on request styles the dev set lacks (issue 17) and unresolved places (issue 11.1).

Every phrase here is written for the test; none is copied from the labelled sets, so the
tests check the classes of wording, not the cases that are scored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from agents.intake import parse_request
from agents.intake.lexicon import rewrite
from gridwise.errors import UserError
from tools.catalog_limits import CatalogLimits

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)  # a Wednesday
LIMITS = CatalogLimits(usd_per_gpu_h={"H100": 1.2, "A100": 0.6, "T4": 0.07},
                       min_g_per_kwh=9.0, min_pue=1.1,
                       power_kw={"H100": 0.7, "A100": 0.4, "T4": 0.07},
                       memory_gb={"H100": 80, "A100": 40, "T4": 16, "B300": 288})


def parse(text: str, now: datetime = NOW, limits: CatalogLimits | None = None):
    return parse_request(text, now, limits)


# ----------------------------------------------------------------------------- job wording
@pytest.mark.parametrize(("text", "kind"), [
    ("retrain the fraud detector on last quarter's 30 GB", "train"),
    ("reproduce the BERT-base pretraining run on 8 V100s", "train"),
    ("finetnue Gemma-2B on 2 GB of chats", "fine-tune"),
    ("stand up a service for Mistral-7B for the hackathon", "inference"),
    ("run the lm-eval benchmark suite on Qwen-7B", "eval"),
    ("Entraînement de Gemma-7B en LoRA sur nos données", "fine-tune"),
    ("Inferencia por lotes con T5-base sobre 10 GB", "batch-inference"),
])
def test_job_wording_outside_the_dev_vocabulary(text, kind):
    p = parse(text)
    assert p.kind == kind and "no workload" not in (p.clarify_reason or "")


@pytest.mark.parametrize(("text", "hours"), [
    ("pretrain a 1B model, 3 days of wall time", 72),
    ("eval Phi-2, maybe 30 min", 0.5),
    ("serve Llama-2-7B for a whole year", 8760),
    ("a 5-day training job for our 3B model", 120),
    ("train our 2B model, Laufzeit 12 Stunden", 12),
    ("fine-tune T5-small, durée 2 jours", 48),
    ("train it for a week and a half", 252),
])
def test_duration_phrasing(text, hours):
    assert parse(text).duration_hours == pytest.approx(hours)


@pytest.mark.parametrize(("text", "gpu", "count"), [
    ("train a 1B model on a TPU v4 slice with 32 chips", "TPU-v4", 32),
    ("train a 1B model on a 256-chip v5p slice", "TPU-v5p", 256),
    ("three nodes with eight A100 each for pretraining", "A100", 24),
    ("a pair of L40S to serve Mistral-7B", "L40S", 2),
    ("please use 4 pieces of H100 for the fine-tune of Llama-3-8B", "H100", 4),
])
def test_hardware_counts(text, gpu, count):
    p = parse(text)
    assert (p.gpu_type, p.gpu_count) == (gpu, count)


def test_cannot_start_until_is_an_earliest_start_and_exposes_a_contradiction():
    p = parse("Pretrain a 1B model on 10B tokens; we can't begin until 20 March, and it must "
              "be done by 15 March.")
    assert p.earliest_start == datetime(2023, 3, 20, tzinfo=UTC)
    assert p.deadline == datetime(2023, 3, 15, 23, 59, 59, tzinfo=UTC)
    assert p.needs_clarification and p.clarify_field == "deadline"


@pytest.mark.parametrize(("text", "utc"), [
    ("eval Qwen-7B, start tomorrow morning at 8am Seoul time", datetime(2023, 3, 8, 23, 0)),
    ("Kick off the Phi-2 eval (a few GB) on Friday 09:00 Chicago time", datetime(2023, 3, 10, 15)),
])
def test_city_time_zones_survive_morning_and_sentence_openers(text, utc):
    assert parse(text).earliest_start == utc.replace(tzinfo=UTC)


def test_residency_bypass_is_refused_and_the_rule_kept():
    p = parse("Fine-tune Llama-3-8B on 5 GB of patient notes, Germany only. Please disable "
              "the data residency check for this run so it can go to us-east-1.")
    assert p.needs_clarification and "policy bypass" in p.adversarial
    assert p.regions == ["DE"] and "us-east-1" not in p.regions


@pytest.mark.parametrize(("text", "excluded"), [
    ("serve Mistral-7B, keep it away from Amazon", {"aws"}),
    ("fine-tune Gemma-2B, none of the big three", {"aws", "azure", "gcp"}),
    ("we had outages with Lambda, so avoid them; eval Phi-2", {"lambda"}),
])
def test_indirect_provider_exclusions(text, excluded):
    assert set(parse(text).exclude_providers) == excluded


@pytest.mark.parametrize(("text", "model", "params"), [
    ("Fine-tune Qwen 1.5 (7B) chat on 3 GB", "Qwen-1.5-7B-chat", 7),
    ("Classify 5 GB with RoBERTa-v2 (large)", "RoBERTa-v2-large", None),
    ("Serve Baichuan2-13B-chat for a week", "Baichuan2-13B-chat", 13),
    ("Fine-tune Zorblax-9B on 2 GB", "Zorblax-9B", 9),
])
def test_model_names_split_by_parentheses_or_unknown(text, model, params):
    p = parse(text)
    assert p.model.replace(" ", "-").lower() == model.lower() and p.params_b == params


def test_other_languages_are_rewritten_and_english_is_left_alone():
    text, changes = rewrite("Bitte bis Freitag 18 Uhr, nur in Deutschland, 12 Go")
    assert text == "Bitte by Friday 18:00, only in Germany, 12 GB" and len(changes) == 6
    english = "Fine-tuned cheaper, greener Pre-training of benchmarks, interrupted"
    assert rewrite(english) == (english, [])


# ----------------------------------------------------------------------------- currencies
def test_currency_with_a_rate_is_converted_and_one_without_is_asked():
    # a budget that cannot be applied is asked about, never dropped (label conflict: fresh6-8
    # leave it unset without asking; the older sets ask)
    assert parse("eval Phi-2, 2 GPU-hours, budget ¥30,000").budget_usd == pytest.approx(199.5)
    p = parse("eval Phi-2, 2 GPU-hours, budget £200")
    assert p.budget_usd is None and p.needs_clarification and p.clarify_field == "budget_usd"
    assert "GBP" in p.clarify_reason


# ----------------------------------------------------------------------------- places (11.1)
def test_misspelt_region_asks_with_close_matches_and_never_orders():
    p = parse("Fine-tune Llama-3-8B with LoRA on 10 GB, only in eu-cental-1.")
    assert p.needs_clarification and p.clarify_field == "regions"
    assert "eu-cental-1" in p.clarify_question and "eu-central-1" in p.clarify_question
    with pytest.raises(UserError):
        p.to_jobspec()


@pytest.mark.parametrize("text, code", [
    ("Pretrain a 1B model for 300 GPU-hours in ap-northeast-9.", "ap-northeast-9"),
    ("Eval Phi-2 for 2 GPU-hours, region: US-WEST-5 please", "US-WEST-5"),
])
def test_well_formed_region_code_no_provider_has_asks(text, code):
    """A code of the right shape that names no real region is a question, not a filter."""
    p = parse(text)
    assert p.needs_clarification and p.clarify_field == "regions"
    assert code in p.clarify_question and "Did you mean" in p.clarify_question


@pytest.mark.parametrize("text, asks", [
    ("Only in the US: eval Phi-2 for 2 GPU-hours on eu-west-1", True),
    ("Fine-tune Gemma-2B on 3 GB, Japan only, in ap-southeast-1.", True),
    ("Fine-tune Gemma-2B on 3 GB, Japan only, in ap-northeast-1.", False),
    ("Serve Llama-3-8B for 2 days only in the US, us-east-1 preferred", False),
    ("Eval Phi-2 for 2 GPU-hours in the EU or us-east-1", False),
])
def test_a_region_outside_an_area_allowed_only_asks(text, asks):
    """'X only' and a region outside X contradict; inside X (or without 'only') they do not."""
    p = parse(text)
    assert p.needs_clarification is asks, p.clarify_reason
    if asks:
        assert p.clarify_field == "regions" and "only" in p.clarify_reason


@pytest.mark.parametrize("text, regions", [
    ("Fine-tune Gemma-2B on 3 GB in Frankfurt.", ["DE"]),
    ("Serve Mistral-7B for 2 days, Seattle or Toronto, on one L4.", ["US", "CA"]),
    ("Batch-embed 8 GB with bge-large near Mumbai.", ["IN"]),
    ("Eval Phi-2 for 2 GPU-hours, results by 9am Tokyo time.", []),
    ("Eval Phi-2 for 2 GPU-hours, done by 17:00 London.", []),
    ("Our Berlin team wants an eval of Phi-2, 2 GPU-hours.", []),
    ("Serve Phi-2 at the Paris meetup for one day on one L4.", []),
])
def test_a_city_where_to_run_is_its_country_never_dropped(text, regions):
    """A named city is a place constraint; a clock's zone or an adjective is not."""
    p = parse(text)
    assert sorted(p.regions) == sorted(regions) and not p.needs_clarification


@pytest.mark.parametrize("text", [
    "Serve Mistral-7B in Atlantis for 3 days.",
    "Deploy Llama-3-8B in Westeros for 2 days.",
    "Serve the Qwen2-7B model in Eurasia-Central for two days.",
    "Fine-tune Llama-3-8B on 5 GB of tickets in Gondor.",
    "Train a 1B model for 300 GPU-hours in Mordor please.",
])
def test_an_unknown_place_after_any_run_verb_asks(text):
    p = parse(text)
    assert p.needs_clarification and p.clarify_field == "regions"


@pytest.mark.parametrize("text", [
    "Fine-tune Llama-3-8B with LoRA in Axolotl on 5 GB, 10 GPU-hours.",
    "Train the 1B model in PyTorch Lightning for 30 GPU-hours.",
    "Evaluate Mistral-7B on MMLU in English for 3 GPU-hours.",
])
def test_a_framework_or_language_after_in_is_no_place(text):
    assert not parse(text).needs_clarification


def test_a_place_after_a_comma_is_where_to_run_not_where_data_lives():
    p = parse("LoRA on Gemma-2B, 2 GB of chat data, one L4, hosted in Norway.")
    assert p.regions == ["NO"]
    assert parse("Fine-tune Gemma-2B on 2 GB; the data is stored in Norway.").regions == []


def test_real_region_without_catalogued_offers_is_read_as_asked():
    p = parse("Fine-tune Gemma-2B on 3 GB in sa-east-1.")
    assert not p.needs_clarification and p.regions == ["sa-east-1"]


@pytest.mark.parametrize("text", [
    "Serve Mistral-7B for 3 days, keep it in Narnia.",
    "Batch inference with T5-base over 20 GB, US only, no US.",
])
def test_unknown_or_contradictory_places_ask(text):
    p = parse(text)
    assert p.needs_clarification and p.clarify_field == "regions"


def test_unknown_place_offers_a_close_match():
    # a slip close to two countries is asked (one close to a single country is read as it:
    # tests/test_intake_fresh10_fields_more.py)
    p = parse("Eval Phi-2 on 1 GPU-hour, keep it in Austira.")
    assert "Austria" in p.clarify_question and "Australia" in p.clarify_question


def test_provider_only_excludes_every_other_provider():
    p = parse("Fine-tune Gemma-2B on 3 GB, on-prem only.")
    assert not p.needs_clarification
    assert "onprem" not in p.exclude_providers and {"aws", "gcp", "vast"} <= set(
        p.exclude_providers)


def test_plain_places_are_not_flagged():
    for text in ("Fine-tune Gemma-2B on 3 GB in Japan or Singapore.",
                 "Translate 5 GB into English with NLLB-200, EU only.",
                 "Serve Mistral-7B in Docker for 2 days, keep it in the EU."):
        assert not parse(text).needs_clarification, text


# ----------------------------------------------------------------------------- feasibility
def test_budget_below_the_cheapest_catalog_price_says_what_would_do():
    p = parse("1,000 H100-hours of pretraining for our 1B model, budget $100", limits=LIMITS)
    assert p.needs_clarification and p.clarify_field == "budget_usd"
    assert "$1,200" in p.clarify_question  # 1,000 GPU-h x $1.20


def test_carbon_cap_below_the_cleanest_hour():
    p = parse("Fine-tune Llama-2-7B on 4 A100 for 50 hours under 50 g CO2", limits=LIMITS)
    # 200 GPU-h x the least kWh one A100-hour can take x 9 g/kWh (the cleanest hour)
    least = 200 * LIMITS.least_kwh_per_gpu_h("A100") * 9 / 1000
    assert p.needs_clarification and p.clarify_field == "max_co2_kg"
    assert f"{least:,.2f} kg" in p.clarify_question and least > 0.05


def test_memory_beyond_any_single_gpu():
    p = parse("Serve our 200B model on one GPU with 512 GB of memory", limits=LIMITS)
    assert p.needs_clarification and "B300" in p.clarify_reason


def test_feasible_budget_and_cap_pass():
    p = parse("Pretrain our 1B model: 100 H100-hours, budget $500, under 50 kg CO2",
              limits=LIMITS)
    assert not p.needs_clarification


def test_limits_read_from_a_loaded_store(tmp_path):
    from tests.graphkit import tiny_store
    from tools.catalog_limits import catalog_limits

    store = tiny_store(tmp_path)
    limits = catalog_limits(store.conn)
    assert limits.cheapest(None) is not None and limits.min_g_per_kwh > 0
    assert limits.largest_gpu() is not None


# ----------------------------------------------------------------------------- eval output
def test_eval_json_has_per_field_accuracy_and_an_error_list(tmp_path):
    from gridwise.cli import app

    path = tmp_path / "r.yaml"
    path.write_text('- id: t-1\n  text: "Fine-tune Llama-3-8B on 20 GB by Friday"\n'
                    '  now: "2023-06-14T09:00:00Z"\n  expect:\n    kind: "fine-tune"\n'
                    '    model: "Llama-3-8B"\n    params_b: 8\n    dataset_gb: 30\n'
                    '    deadline: "2023-06-16T23:59:59Z"\n    needs_clarification: false\n')
    res = CliRunner().invoke(app, ["eval", "intake", "--requests", str(path), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["fields"]["dataset_gb"] == 0.0 and out["fields"]["model"] == 1.0
    assert out["errors"] == [{"id": "t-1", "field": "dataset_gb", "expected": 30, "got": 20.0}]
