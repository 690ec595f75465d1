"""A residency rule no offer can meet: the only allowed country has no cloud region (s12).

"Data must stay in Kenya, no exceptions": no catalogued cloud region lies in Kenya, so
the job cannot be placed and is asked about, the rule kept as stated. A country named in
passing (news from it, its clock) is no rule; a country with regions, or a second allowed
country that has them, is no problem. Catalog-free: the region table ships with the code.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.schema import ParsedRequest

NOW = datetime(2023, 5, 10, 9, 0, tzinfo=UTC)


def _parse(text: str) -> ParsedRequest:
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "code"), [
    ("Fine-tune Whisper-small on 40 GB of call audio, servers in Kenya only, 2 A100.", "KE"),
    ("Our patient scans can't leave Egypt. Fine-tune a U-Net on 90 GB, 4 A100.", "EG"),
    ("Fine-tune XLM-R on 3 GB; the data must stay in Nepal.", "NP"),
])
def test_only_country_without_regions_asked(text: str, code: str) -> None:
    p = _parse(text)
    assert p.needs_clarification and p.regions == [code]
    assert "residency" in [q["field"] for q in p.problems]


@pytest.mark.parametrize("text", [
    "Fine-tune XLM-R on 900 MB of Kenyan news, 1 A10G, $40.",
    "LoRA on Llama-2-7B, 2 GB, done by 2023-06-01 18:00 Kathmandu time.",
    "Fine-tune Whisper-small on 40 GB, servers in Germany only, 2 A100.",
    "Fine-tune Whisper-small on 40 GB, data must stay in Kenya or Germany, 2 A100.",
])
def test_look_alikes_not_asked(text: str) -> None:
    assert "residency" not in [q["field"] for q in _parse(text).problems]
