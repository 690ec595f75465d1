"""Session 11 (issue 17): node x accelerator layouts, read through one set of patterns.

Each case is a phrasing of a class, written for this file (not copied from a request set).
`gpu_count` is the README's **total** ("2 nodes x 8 H100" -> 16; TPUs count chips, v4 and
v5p slice names count TensorCores, two a chip). Every rule has a benign look-alike: a count
of something that is no accelerator, a bound or range, a node of unstated size.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2024, 4, 2, 9, 0, tzinfo=UTC)


def hardware(text: str) -> tuple[int | None, str | None]:
    parsed = parse_request(text, NOW, limits=None)
    return parsed.gpu_count, parsed.gpu_type


@pytest.mark.parametrize(("text", "want"), [
    # Kubernetes: one pod's limit times its replicas; a pod alone is its limit
    ("deploy Mistral-7B-Instruct as an API for 3 days; replicas: 2, resources: limits: "
     "nvidia.com/gpu: 4, nodeSelector H100", (8, "H100")),
    ("serve Mistral-7B for a week on H100; replicas: 3\nresources:\n  limits:\n"
     "    nvidia.com/gpu: 4", (12, "H100")),
    ("serve Mistral-7B for a week, pod spec limits nvidia.com/gpu: 4 on L4", (4, "L4")),
    # Slurm: --gres per node, -N nodes, --gpus-per-node
    ("sbatch --gres=gpu:a100:4 -N 2 train.py # pretrain a 1B model on 20B tokens", (8, "A100")),
    ("sbatch --gres=gpu:a100:4 train.py # pretrain a 1B model on 20B tokens", (4, "A100")),
    ("srun -N 4 --gpus-per-node=4 python pretrain.py   # 1B model, 30B tokens, H100",
     (16, "H100")),
    ("pretrain a 1B model on 30B tokens on 2 nodes, --gpus-per-node 8, H100", (16, "H100")),
    # launchers: deepspeed's --num_gpus is per node, accelerate's --num_processes the total
    ("deepspeed --num_nodes 2 --num_gpus 4 train.py # SFT of Mistral-7B on 2 GB, A100",
     (8, "A100")),
    ("accelerate launch --num_machines 2 --num_processes 16 train.py # SFT of Mistral-7B on "
     "2 GB, H100", (16, "H100")),
    ("sky launch --num-nodes 2 --gpus H100:8 train.yaml # pretrain a 1B model on 20B tokens",
     (16, "H100")),
    ("accelerate launch --num_processes 8 train.py # SFT of Mistral-7B on 2 GB, H100",
     (8, "H100")),
    # prose
    ("pretrain a 1B model on 20B tokens on two boxes of eight GPUs", (16, None)),
    ("pretrain a 1B model on 20B tokens on two boxes of eight H100s", (16, "H100")),
    ("pretrain a 1B model on 20B tokens: 8 GPUs per node on 2 nodes, H100", (16, "H100")),
    ("pretrain a 1B model on 20B tokens on 2 workstations with 8 H100 each", (16, "H100")),
    ("serve Mistral-7B for a week on 2 instances with 4 A10G each", (8, "A10G")),
    # TPU slice names count TensorCores for v4 / v5p, chips for v5e / v6e
    ("pretrain a 1B model on 40B tokens on a TPU v5p-128 slice", (64, "TPU-v5p")),
    ("pretrain a 1B model on 40B tokens on v4-32", (16, "TPU-v4")),
    ("pretrain a 1B model on 40B tokens on v5e-4", (4, "TPU-v5e")),
    # multipliers and word numbers, several languages
    ("fine-tune Mistral-7B on 2 GB on A100 x4", (4, "A100")),
    ("fine-tune Mistral-7B on 2 GB on a quad V100 box", (4, "V100")),
    ("Queremos ajustar Mistral-7B con siete GPUs A100", (7, "A100")),
    ("Nous voulons affiner Mistral-7B sur six GPU H100, 2 Go de données", (6, "H100")),
    ("Vogliamo fare il fine-tuning di Mistral-7B su otto GPU A100, 2 GB di dati", (8, "A100")),
    ("用两张 A100 微调 Mistral-7B，数据 2 GB", (2, "A100")),
    ("用十六张 A100 预训练 1B 模型，20B tokens", (16, "A100")),
    ("Mistral-7B を H100 四枚で LoRA、データ 2 GB", (4, "H100")),
])
def test_layouts_give_the_total(text: str, want: tuple[int | None, str | None]) -> None:
    assert hardware(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("serve Mistral-7B for a week, replicas: 3, cpu: 4, memory: 16Gi", (None, None)),
    ("serve Mistral-7B for a week on H100; replicas: 3", (None, "H100")),
    ("fine-tune Mistral-7B on 2 GB with --num_workers 8 dataloader and --epochs 8", (None, None)),
    ("pretrain a 1B model on 20B tokens; set -n 4 tasks and --ntasks-per-node 2", (None, None)),
    ("serve Mistral-7B for a week; nodes: 3 and num_workers: 8", (None, None)),
    ("accelerate launch --num_cpu_threads_per_process 8 train.py # SFT of Mistral-7B on 2 GB",
     (None, None)),
    ("pretrain a 1B model on 20B tokens, 2 servers of 64 cores for preprocessing", (None, None)),
    ("fine-tune Mistral-7B on 2 GB; 4 workers of CPU for the dataloader", (None, None)),
    ("fine-tune Mistral-7B on 2 GB for 8 epochs with 2 datasets", (None, None)),
    ("pretrain a 1B model on 20B tokens, run version 2-3 of the recipe on 4 datasets",
     (None, None)),
    ("evaluate Mistral-7B on SQuAD v2 and the 2023-05 release", (None, None)),
    ("evaluate Mistral-7B on 8 H100s from 2024-05-16", (8, "H100")),
    # one node of a size the README does not fix (no SKU implies 8 GPUs)
    ("fine-tune Mistral-7B on 2 GB on a full H100 node", (None, "H100")),
    ("evaluate Mistral-7B on one A100 server", (None, "A100")),
    ("evaluate Mistral-7B on an 8-GPU A100 server", (8, "A100")),
    # bounds and ranges state no one count
    ("fine-tune Mistral-7B on 2 GB on up to 16 H100s", (None, "H100")),
    ("fine-tune Mistral-7B on 2 GB on 8-16 A100s", (None, "A100")),
    ("fine-tune Mistral-7B on 2 GB on 8-16 GPUs", (None, None)),
    ("evaluate Mistral-7B on 4 to 8 A100s", (None, "A100")),
])
def test_look_alikes_are_no_total(text: str, want: tuple[int | None, str | None]) -> None:
    assert hardware(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # node nouns and "each of" words of other languages
    ("Potrzebujemy 2 nody po 8 x H100, na 10 dni, bez spotów.", (16, "H100")),
    ("Wir brauchen 2 Knoten mit 8 A100 für das Pretraining eines 1B-Modells.", (16, "A100")),
    ("Nous voulons pré-entraîner un modèle 1B sur 2 nœuds de 8 H100.", (16, "H100")),
    ("Queremos entrenar un modelo 1B desde cero en 2 servidores de 8 H100.", (16, "H100")),
    ("Queremos entrenar un modelo 1B desde cero con 2 servidores de 64 GB de RAM.",
     (None, None)),
    # Spanish / French "en" is "on"; Swedish "på en" is "on one"
    ("Un barrido de 48 configuraciones, unas 300 horas-GPU en total, en RTX 4090.",
     (None, "RTX4090")),
    ("Utvärdera Gemma-7B i 3 timmar med en L4", (1, "L4")),
    # vague amounts are no count
    ("We need a few hundred H100s for a few weeks to train our 1B model.", (None, "H100")),
    ("train a 1B model on several dozen GPUs", (None, None)),
    ("train a 1B model on a dozen GPUs", (12, None)),
    ("Fine-tune Mistral-7B on 2 GB, a few GPUs will do.", (None, None)),
    # "output" holds the letters "tpu": a version number is no TPU generation
    ("LoRA of Mistral-7B on 6 GB, EU only. [checker v2.3 output] status: ok", (None, None)),
    ("pretrain a 1B model on 20B tokens on a TPU v4 pod, 32 chips", (32, "TPU-v4")),
])
def test_other_languages_vague_amounts_and_versions(
        text: str, want: tuple[int | None, str | None]) -> None:
    assert hardware(text) == want


def fields(text: str) -> dict[str, object]:
    parsed = parse_request(text, NOW, limits=None)
    return {"gpu_count": parsed.gpu_count, "min_gpu_mem_gb": parsed.min_gpu_mem_gb,
            "dataset_gb": parsed.dataset_gb, "asked": {q["field"] for q in parsed.problems}}


def test_exactly_one_gpu_beside_a_larger_count_is_asked() -> None:
    got = fields("Serve Mistral-7B-Instruct on exactly one GPU, and split the model across "
                 "4 GPUs with tensor parallelism.")
    assert (got["gpu_count"], "gpu_count" in got["asked"]) == (None, True)


def test_exactly_one_gpu_alone_is_one() -> None:
    assert fields("Serve Mistral-7B-Instruct for a week on exactly one GPU.")["gpu_count"] == 1


@pytest.mark.parametrize(("text", "mem", "data"), [
    ("Eval Mistral-7B on TruthfulQA. 1 GPU, 16 GB is enough. Run overnight.", 16, None),
    ("Eval Mistral-7B on a single card, 24 GB should suffice for it.", 24, None),
    # no GPU noun before it: "16 GB is enough" speaks of the data
    ("Embed our corpus with BGE-base, 16 GB is enough data for a test.", None, 16),
    # a size on one line and a `gpu:` key on the next: the size is the data's
    ("job:\n  type: batch\n  model: BGE-base\n  input_size: 640 GiB\n  gpu: L4\n  count: 4",
     None, 687.19),
])
def test_memory_said_to_be_enough_and_sizes_before_a_key(text: str, mem: float | None,
                                                         data: float | None) -> None:
    got = fields(text)
    assert (got["min_gpu_mem_gb"], got["dataset_gb"]) == (mem, data)


@pytest.mark.parametrize(("text", "gpu", "data"), [
    ("Queremos hacer DPO sobre Zephyr-7B-beta (~250 MB). Usaríamos 2 A100 de 80GB.",
     "A100-80GB", 0.25),
    ("Fine-tune Mistral-7B on 2 H100 mit 80 GB", "H100", None),  # the card's own memory
    # a size joined to the card that is the data's, or no memory the card has
    ("Fine-tune Mistral-7B on an A100 with 80GB of data", "A100", 80),
    ("Fine-tune Mistral-7B on 2 A100 with 30GB", "A100", 30),
])
def test_memory_joined_to_a_card_by_a_word(text: str, gpu: str, data: float | None) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert (parsed.gpu_type, parsed.dataset_gb) == (gpu, data)
