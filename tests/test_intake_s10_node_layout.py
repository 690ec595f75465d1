"""Session 10 (issue 17): accelerator totals written as layouts, config keys and counters.

Each case is a phrasing of a class, written for this file (not copied from a request set):
shorthand "nodes x GPUs" layouts, config keys and launcher flags, a box referred back to,
type:count pairs, CJK counters written after the name, small numbers in other languages
and chip counts stated apart from a TPU name.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2024, 4, 2, 9, 0, tzinfo=UTC)


def parse(text: str):
    return parse_request(text, NOW, limits=None)


@pytest.mark.parametrize(("text", "count"), [
    ("pretrain a 2B model on 40B tokens, 3n x 8g A100-80GB, spot ok", 24),
    ("LoRA of Mistral-7B on 2 GB, 2n x 4 L40S", 8),
    ("train a 1B model on 10B tokens using 4 nodes × 8 gpus of H200", 32),
    ("resources:\n  num_nodes: 3\n  gpus_per_node: 4\n  accelerator: H100\n"
     "job: pretrain a 1B model on 30B tokens", 12),
    ("deepspeed --num_nodes=2 --num_gpus 8 train.py --gpus-per-node 8   # SFT of "
     "Mistral-7B on 4 GB, H100", 16),
    ("torchrun --nnodes 4 --nproc_per_node 4 pretrain.py  # 1B model, 20B tokens, A100", 16),
    ("hw: {gpu: L40S, nodes: 3, per_node: 2}\nfine-tune Qwen-7B on 1 GB", 6),
])
def test_layouts_and_keys_multiply_nodes_by_per_node(text: str, count: int) -> None:
    assert parse(text).gpu_count == count


@pytest.mark.parametrize(("text", "count"), [
    ("batch scoring of 50M tokens with Mistral-7B; one 4xL4 node does ~1k tok/s. "
     "book 3 such nodes", 12),
    ("embed 2 TB of images on a box with 8 A10G; we want two identical boxes", 16),
])
def test_a_box_referred_back_is_counted_that_many_times(text: str, count: int) -> None:
    assert parse(text).gpu_count == count


@pytest.mark.parametrize(("text", "count", "gpu"), [
    ("serve Mistral-7B-Instruct for 10h: sky launch --gpus A10G:3 serve.yaml", 3, "A10G"),
    ("Mistral-7B を H100 を4枚で LoRA、データ 2 GB", 4, "H100"),
    ("Qwen-7B の評価、L4 2台で 3時間", 2, "L4"),
    ("Nous voulons affiner Mistral-7B sur 2 Go avec une GPU A100.", 1, "A100"),
    ("Wir möchten Mistral-7B auf zwei GPUs vom Typ L40S bereitstellen, eine Woche lang.",
     2, "L40S"),
    ("We need a TPU v5e pod, 16 chips, to pretrain a 1B model on 20B tokens.", 16, "TPU-v5e"),
])
def test_counts_next_to_types_counters_and_chips(text: str, count: int, gpu: str) -> None:
    parsed = parse(text)
    assert (parsed.gpu_count, parsed.gpu_type) == (count, gpu)


@pytest.mark.parametrize(("text", "count"), [
    ("fine-tune Mistral-7B on 3 GB with 2 nodes of H100", None),  # per-node size not stated
    ("serve Mistral-7B for a week at 10:30 on an L4", 1),  # a clock time is no count
    ("train a 1B model on 10B tokens; nodes: 4", None),  # a node count alone
])
def test_no_total_without_both_parts(text: str, count: int | None) -> None:
    assert parse(text).gpu_count == count
