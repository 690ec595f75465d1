"""Session 10 (issue 17): clock hours and postposed start cues in other languages.

Each case is a phrasing of a class, written for this file (not copied from a request set):
CJK clock hours ("9時", "下午3点"), a start written after its time ("から", "以降", Hinglish
"se shuru"), "tonight" and "next <weekday>" in Japanese, and French "à partir du".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2024, 4, 2, 3, 0, tzinfo=UTC)  # Tuesday 12:00 JST, 08:30 IST


def parse(text: str):
    return parse_request(text, NOW, limits=None)


@pytest.mark.parametrize(("text", "deadline"), [
    ("Qwen-7B の評価を L4 1枚で、木曜日の15時(JST)までにお願いします。",
     "2024-04-04T06:00:00+00:00"),
    ("明日の朝8時(JST)までに Mistral-7B で 2 GB を翻訳してください。", "2024-04-02T23:00:00+00:00"),
])
def test_cjk_clock_hours_in_deadlines(text: str, deadline: str) -> None:
    assert parse(text).deadline.isoformat() == deadline


@pytest.mark.parametrize(("text", "start"), [
    ("Mistral-7B の LoRA、データ 2 GB、H100 x2、金曜日 10:00 JST から開始。",
     "2024-04-05T01:00:00+00:00"),
    ("Qwen-7B の評価、T4 1枚、今夜21時(JST)以降に開始してください。", "2024-04-02T12:00:00+00:00"),
    ("Mistral-7B chatbot chahiye, 3 din ke liye, kal subah 10 baje IST se shuru karna.",
     "2024-04-03T04:30:00+00:00"),
    ("Servir Mistral-7B pendant 2 semaines, à partir du 4 avril 10:00 UTC.",
     "2024-04-04T10:00:00+00:00"),
])
def test_postposed_start_cues_set_the_earliest_start(text: str, start: str) -> None:
    parsed = parse(text)
    assert parsed.earliest_start.isoformat() == start
    assert parsed.deadline is None


def test_from_without_a_time_stays_a_plain_word() -> None:
    # "データから" (from the data) names no time: no start is made up
    assert parse("Mistral-7B をこのデータから LoRA で微調整、L4 x2。").earliest_start is None


@pytest.mark.parametrize(("text", "hours"), [
    ("Qwen-7B の評価、L4 1枚、およそ3時間かかる見込み。", 3),
    ("Mistral-7B 微调, 数据 2 GB, H100 x2, 大约6小时。", 6),
    ("sft Mistral-7B on 1 GB, ask: 4 L40S x 2d.", 48),
    ("pretrain 1B on 10B tok; 8x H100, 3d, spot ok", 72),
])
def test_hedged_cjk_and_terse_day_lengths(text: str, hours: float) -> None:
    assert parse(text).duration_hours == hours


@pytest.mark.parametrize(("text", "objective", "spot"), [
    ("Qwen-7B で 2 GB を翻訳、L4 で。コスト優先でお願いします。", "cheapest", None),
    ("Mistral-7B の評価、速さ優先、H100 x2。", "fastest", None),
    ("Mistral-7B の LoRA、データ 1 GB、L4 x2、スポットは不可です。", None, False),
    ("Mistral-7B se 5 GB translate karo, kharcha kam se kam rakhna", "cheapest", None),
])
def test_cjk_and_hinglish_priorities_and_spot(text: str, objective: str | None,
                                              spot: bool | None) -> None:
    parsed = parse(text)
    assert (parsed.objective, parsed.interruptible) == (objective, spot)


@pytest.mark.parametrize(("text", "kg"), [
    ("Fine-tune Mistral-7B on 2 GB, 2x A100, 10 h. Carbon budget: 40 kg.", 40),
    ("Train a 1B model on 10B tokens, 8x H100, 2 days. CO2 cap = 0,2 t", 200),
    ("Serve Mistral-7B on an L4 for a week; emissions limit: 15 kg", 15),
])
def test_a_keyed_carbon_cap_with_a_noun_before_the_colon(text: str, kg: float) -> None:
    assert parse(text).max_co2_kg == kg
