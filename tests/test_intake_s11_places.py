"""Session 11 (issue 17): places in other people's words.

Each case is a phrasing of a class, written for this file (not copied from a request set):
a place restated by the cloud region in it, "IT" the department, countries outside the
catalogue (the world table), the writer's greeting or organisation place, where the data
sits ("in S3 us-east-1") against a run rule, "must stay in the EU" then a region outside
it, a national grid and an adjective listed after a country. Each rule has benign
look-alikes that must not trigger it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)


def regions(text: str) -> set[str]:
    return set(parse_request(text, NOW, limits=None).regions)


@pytest.mark.parametrize(("text", "want"), [
    ("Serve Qwen-7B, Mumbai region (ap-south-1).", {"ap-south-1"}),
    ("Serve Qwen-7B, India only (ap-south-1).", {"ap-south-1"}),
    ("Serve Qwen-7B in Frankfurt (eu-central-1).", {"eu-central-1"}),
    ("Serve Qwen-7B in eu-central-1 (Frankfurt).", {"eu-central-1"}),
])
def test_place_restated_by_its_cloud_region(text: str, want: set[str]) -> None:
    assert regions(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Serve Qwen-7B in Germany or eu-west-1.", {"DE", "eu-west-1"}),  # two places
    ("Serve Qwen-7B in Japan (eu-central-1 is too far).", {"JP", "eu-central-1"}),
])
def test_places_that_are_not_restated(text: str, want: set[str]) -> None:
    assert want <= regions(text)


def test_it_department_is_no_place() -> None:
    assert regions("Serve Qwen-7B, servers in Germany only. Regards, A. Nowak, IT, "
                   "Stadtwerke") == {"DE"}


@pytest.mark.parametrize(("text", "want"), [
    ("Serve Qwen-7B in IT only.", {"IT"}),
    ("Serve Qwen-7B in DE, IT or FR.", {"DE", "IT", "FR"}),
])
def test_it_as_a_country_stays(text: str, want: set[str]) -> None:
    assert regions(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Serve Qwen-7B, only in Kazakhstan.", {"KZ"}),
    ("Serve Qwen-7B in Peru or Uruguay.", {"PE", "UY"}),
])
def test_countries_outside_the_catalogue(text: str, want: set[str]) -> None:
    assert regions(text) == want


@pytest.mark.parametrize("text", [
    "Fine-tune Qwen-7B on data from South America, run in Brazil.",
    "Fine-tune Qwen-7B for a woman's health app in Brazil.",
    "Fine-tune Qwen-7B on Czech web text in Brazil.",
])
def test_country_look_alikes(text: str) -> None:
    assert regions(text) == {"BR"}


@pytest.mark.parametrize(("text", "want"), [
    ("Hello from Lagos! Fine-tune Qwen-7B, EU only.", {"EU"}),
    ("We're a Toronto startup; fine-tune Qwen-7B on 8 A100s.", set()),
    ("Our data sits in S3 us-east-1; fine-tune Qwen-7B.", set()),
    ("Our data sits in S3 us-east-1; fine-tune Qwen-7B, must run in eu-west-1.", {"eu-west-1"}),
])
def test_writer_and_data_places_are_no_rule(text: str, want: set[str]) -> None:
    assert regions(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Fine-tune Qwen-7B, it must run in Toronto.", {"CA"}),
    ("Fine-tune Qwen-7B; the data must stay in S3 us-east-1.", {"us-east-1"}),
])
def test_run_rules_stay(text: str, want: set[str]) -> None:
    assert regions(text) == want


@pytest.mark.parametrize("text", [
    "Batch-translate 10M sentences with NLLB-200. Must stay in the EU for GDPR, but it also "
    "has to run in us-west-2 next to the bucket.",
    "Eval Qwen-7B. The data must stay in the EU. Legal says it has to run in us-west-2.",
])
def test_stay_in_an_area_then_a_region_outside_is_asked(text: str) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert parsed.needs_clarification and parsed.regions == []


def test_stay_in_an_area_with_a_region_inside_is_kept() -> None:
    assert regions("Eval Qwen-7B. The data must stay in the EU; eu-west-1 preferred.") == {
        "EU", "eu-west-1"}


def test_adjective_listed_after_a_country() -> None:
    assert regions("Translate 80 GB with Llama-2-13B, only in Poland or Czech.") == {"PL", "CZ"}


def test_on_a_national_grid() -> None:
    assert regions("Continued pre-training of Qwen-7B on German text, on the German grid "
                   "only.") == {"DE"}


@pytest.mark.parametrize("text", [
    "Fine-tune Qwen-7B on German or Czech.",  # languages
    "Fine-tune Qwen-7B, data in Polish or Czech, EU only.",
    "Fine-tune Qwen-7B in the EU; the German grid is dirty at night.",
])
def test_adjective_look_alikes(text: str) -> None:
    assert regions(text) <= {"EU"}
