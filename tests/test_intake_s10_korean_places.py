"""Korean places with any particle (issue 17, session 10), in phrasings of our own."""

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 5, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("text, want", [
    ("Qwen2-7B 평가, L4 1장, 일본 리전만 가능합니다.", {"JP"}),
    ("Qwen2-7B 평가, L4 1장. 데이터는 독일에만 두세요.", {"DE"}),
    ("Qwen2-7B 평가, L4 1장. 서버는 싱가포르나 일본.", {"SG", "JP"}),
    ("Qwen2-7B 평가, L4 1장. 고객 데이터는 한국 밖으로 나가면 안 됩니다.", {"KR"}),
])
def test_korean_place_particles(text: str, want: set[str]) -> None:
    assert {r.upper() for r in parse_request(text, NOW, limits=None).regions} == want


def test_korean_language_word_is_no_place() -> None:
    assert parse_request("한국어 문서 2 GB 번역, Qwen2-7B, L4 1장.", NOW, limits=None).regions == []
