"""More field classes from the fresh10 tuning set (issue 17, s8), in new words.

Objectives in German, Dutch and Spanish words, "mind." for at least, a key-value budget
whose key names the currency, "N-way <GPU>" counts, and one-slip misspellings of a
country or provider (read as meant unless two countries are close). Near misses sit next
to each class. The checks run without a catalog. NOW is Wednesday 2023-06-14 09:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agents.intake import parse_request
from tests.intakekit import asked, assert_fields

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday


def _fields(text: str) -> dict[str, Any]:
    return parse_request(text, NOW, limits=None).fields()


@pytest.mark.parametrize(("text", "want"), [
    ("Bitte Phi-2 auf einer L4 bereitstellen, Hauptsache günstig.", "cheapest"),
    ("Evalueer Gemma-2B op één L4, het moet goedkoop.", "cheapest"),
    ("Gemma-2B feintunen auf 2 A100, es muss schnell gehen.", "fastest"),
])
def test_objective_words_in_other_languages(text: str, want: str) -> None:
    assert _fields(text)["objective"] == want


def test_a_model_name_part_is_no_objective() -> None:
    got = _fields("Generate 5,000 images with FLUX.1-schnell on one L40S.")
    assert got["objective"] is None and got["model"] == "FLUX.1-schnell"


def test_german_abbreviation_for_at_least_is_gpu_memory() -> None:
    assert_fields(_fields("Phi-2 feintunen, 2 Stunden, 1 GPU mit mind. 40GB"),
                  {"min_gpu_mem_gb": 40, "dataset_gb": None})


@pytest.mark.parametrize(("text", "usd"), [
    ('{"kind": "eval", "model": "Phi-2", "gpus": "1x L4", "budget_eur": 300}', 324),
    ("kind=fine-tune model=Gemma-2B gpus=2xA100 total_budget_usd=1,250", 1250),
    ('{"model": "Phi-2", "usd_cost_cap": 80, "task": "serve"}', 80),
    # near miss: a key with no currency is read by the prose rules, a rate is no budget
    ('{"model": "Phi-2", "max_usd_per_hour": 2, "task": "serve"}', None),
])
def test_key_value_budget_with_a_currency_key(text: str, usd: float | None) -> None:
    assert _fields(text)["budget_usd"] == usd


@pytest.mark.parametrize(("text", "count"), [
    ("Pretrain a 125M-param model on 20B tokens, 4-way A100, 2 days.", 4),
    ("Eval Mistral-7B on MMLU with 2-way H100.", 2),
    # near misses: a box of N, and N boxes of N each
    ("Serve Phi-2 on one 8-way L4 box.", 8),
    ("Train a 1B model on 2 x 8-way H100 nodes.", 16),
])
def test_n_way_counts(text: str, count: int) -> None:
    assert _fields(text)["gpu_count"] == count


@pytest.mark.parametrize(("text", "want"), [
    ("Fine-tune Gemma-2B on 2 A100, only in Swedne.", {"regions": ["SE"]}),
    ("Serve Phi-2 on one L4 in Frnace or Spian.", {"regions": ["FR", "ES"]}),
    ("Eval Mistral-7B on 1 A100, not on Gogle or Amazno.",
     {"exclude_providers": ["gcp", "aws"]}),
])
def test_one_slip_place_and_provider_names(text: str, want: dict[str, Any]) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert_fields(parsed.fields(), want)
    assert "regions" not in asked(parsed)


@pytest.mark.parametrize("text", [
    # a slip close to two countries (Austria, Australia) is asked, not guessed
    "Fine-tune Gemma-2B on 2 A100, keep it in Austira.",
])
def test_an_ambiguous_slip_is_asked(text: str) -> None:
    assert "regions" in asked(parse_request(text, NOW, limits=None))


def test_a_demonym_is_no_typo() -> None:
    assert _fields("Fine-tune Gemma-2B for our Austrian customers on 2 A100.")["regions"] == []


@pytest.mark.parametrize("text", ["Serve Phi-2 on one L4 for a few days.",
                                  "Fine-tune Gemma-2B on 2 A100 for several hours."])
def test_a_vague_run_length_is_unset(text: str) -> None:
    assert _fields(text)["duration_hours"] is None


def test_a_couple_of_hours_is_still_two() -> None:
    assert _fields("Eval Phi-2 on one L4 for a couple of hours.")["duration_hours"] == 2


@pytest.mark.parametrize(("text", "regions"), [
    ("Translate 8 GB of manuals JA → EN/DE with NLLB-200, only in Japan.", ["JP"]),
    ("Translate 6 GB of menus EN->IT/ES with madlad-400, cheapest.", []),
    # near miss: a country code standing alone is still a place
    ("Translate 3 GB with NLLB-200 (en->de), data stays in DE.", ["DE"]),
])
def test_language_pairs_name_no_place(text: str, regions: list[str]) -> None:
    assert sorted(_fields(text)["regions"]) == regions
