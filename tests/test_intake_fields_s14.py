"""Session 14 (issue 17): counts, places, spot, objectives, kinds, sizes, names, read generally.

Each case is a phrasing of a class, written for this file (not copied from a request set),
with look-alikes that must keep their old reading:
- a GPU count pasted as a one-row CSV table or a JSON record with a `count` key;
- "one" and small numbers in Dutch, Portuguese, Polish, Hinglish, Hungarian, Estonian;
- a count after the name and a comma or a quantity word ("RTX 4090, 6 kartica");
- a GPU-time compound of a phrase's head noun ("GPU-giờ") is no GPU count;
- the "nor" of other languages continues a provider exclusion; foreign "not" / "except";
- foreign negations and spellings of spot capacity; a form's "Spot/preemptible: not allowed";
- cheapest / fastest / greenest / balanced in languages the matrix lacks;
- locatives of places ("á Íslandi", "v Sloveniji"), the Baltic "ES" after its verb;
- job nouns (a chatbot service in Bengali script, Lithuanian training from scratch);
- data sizes in Cyrillic, Arabic, Persian, Bengali units, and `dataset_gb=` keys;
- model names after a foreign "with", with a glued case ending, with a capital "V3".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.models_found import find_models
from agents.intake.parser import parse_request
from agents.intake.table_counts import table_counts

NOW = datetime(2024, 4, 2, 9, 0, tzinfo=UTC)


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "count"), [
    ("task,model,accelerator,qty,region\nsummarise,Qwen2-7B-Instruct,L40S,3,EU", 3),
    ("owner,job,hardware,deadline\nml-infra,eval,2x A10G,2024-05-01", 2),
    ('{"task": "eval", "gpu": "A100", "count": 6, "owner": "nlp"}', 6),
    ("gpu: L4\ncount: 5\njob: embeddings", 5),
])
def test_pasted_table_or_record_states_the_count(text: str, count: int) -> None:
    assert parse(text).gpu_count == count


@pytest.mark.parametrize("text", [
    # several rows: several jobs or a data sample, no one count
    "id,label,count\n1,cat,40\n2,dog,35",
    # a count key with no accelerator key beside it
    '{"task": "classify", "count": 50000, "lang": "en"}',
    # a header of sentences, not field names
    "We want this, that and more\nfine,ok,sure",
])
def test_tables_that_state_no_gpu_count(text: str) -> None:
    assert table_counts(text) == []


@pytest.mark.parametrize(("text", "count"), [
    ("Graag een evaluatie van Phi-3-mini, eén T4 volstaat.", 1),
    ("Queremos servir o Qwen2-7B numa GPU durante dois dias.", 1),
    ("Ewaluacja modelu Phi-2 na jednej karcie RTX 3090.", 1),
    ("Humein Phi-3-mini ka eval ek RTX 4090 par karna hai.", 1),
    ("Kérjük, futtassák a Phi-2 evalt egy T4-en.", 1),
    ("Palun hinnake Mistral-7B mudelit kuuel L4 kaardil.", 6),
    ("Treba nam fine-tune Phi-2 na RTX 4090, 6 kartica.", 6),
    ("Za eval Phi-2 treba 12 grafičkih kartica tipa L4.", 12),
])
def test_foreign_small_numbers_before_or_after_the_name(text: str, count: int) -> None:
    assert parse(text).gpu_count == count


@pytest.mark.parametrize("text", [
    "Cần khoảng 120 GPU-giờ trên A10G để đánh giá Phi-2.",
    "ประเมิน Phi-2 ประมาณ 120 GPU-ชั่วโมง บน A10G",
])
def test_a_gpu_time_compound_is_no_gpu_count(text: str) -> None:
    assert parse(text).gpu_count is None


@pytest.mark.parametrize(("text", "providers"), [
    ("Proszę nie na Azure ani AWS.", ["azure", "aws"]),
    ("Evaluation de Phi-2, rien sur Azure ni GCP.", ["azure", "gcp"]),
    ("Eval di Phi-2, niente Azure né Amazon.", ["azure", "aws"]),
    ("Evaluare Phi-2; vă rog să nu folosiți AWS.", ["aws"]),
    ("Eval Phi-2 di mana saja asalkan bukan GCP.", ["gcp"]),
    ("Eval Phi-2, partout sauf AWS.", ["aws"]),
    ("Eval Phi-2, bitte nicht bei den großen Clouds.", ["aws", "azure", "gcp"]),
])
def test_a_foreign_nor_continues_the_exclusion(text: str, providers: list[str]) -> None:
    assert sorted(parse(text).exclude_providers) == sorted(providers)


def test_a_list_word_after_an_allowed_provider_excludes_nothing() -> None:
    assert parse("Eval of Phi-2 on AWS, no rush.").exclude_providers == []


def test_no_after_an_allowed_region_negates_only_what_follows() -> None:
    assert parse("Eval of Phi-2, EU or US, no China.").regions == ["EU", "US"]


@pytest.mark.parametrize(("text", "value"), [
    ("Fine-tune Phi-2 pe 2 GB, fără instanțe spot.", False),
    ("Fine-tune Phi-2, jangan pakai spot.", False),
    ("Eval Phi-2: никаких спотов.", False),
    ("Eval Phi-2, bez spotových serverů.", False),
    ("Eval Phi-2, спотовые серверы подойдут.", True),
    ("Eval Phi-2. Spot/preemptible: not allowed\nOwner: ml", False),
    ("Eval Phi-2, instances préemptibles OK.", True),
    ("Eval Phi-2 w/o spot please.", False),
    ("job: eval\nspot_ok: false", False),
])
def test_spot_in_other_languages(text: str, value: bool) -> None:
    assert parse(text).interruptible is value


def test_spot_without_a_negation_nearby_stays_allowed() -> None:
    assert parse("Eval Phi-2 on spot capacity; sin prisa.").interruptible is True


@pytest.mark.parametrize(("text", "objective"), [
    ("Paleiskite Phi-2 vertinimą, kuo pigiau.", "cheapest"),
    ("Phi-2 eval, pēc iespējas ātrāk.", "fastest"),
    ("Phi-2 eval, võimalikult roheliselt.", "greenest"),
    ("Eval на Phi-2, най-евтиният вариант.", "cheapest"),
    ("Eval Phi-2, y rhataf posib.", "cheapest"),
    ("Eval Phi-2, sem grænast.", "greenest"),
    ("Eval di Phi-2, il miglior compromesso tra costo e tempo.", "balanced"),
])
def test_objectives_the_matrix_lacks(text: str, objective: str) -> None:
    assert parse(text).objective == objective


@pytest.mark.parametrize(("text", "regions"), [
    ("Phi-2 eval. Duomenys turi likti ES.", ["EU"]),
    ("Phi-2 eval, aðeins á Íslandi.", ["IS"]),
    ("Phi-2 eval, samo v Sloveniji.", ["SI"]),
    ("Phi-2 eval, ainult Euroopa andmekeskustes.", ["EU"]),
    ("Eval Phi-2 us-west only, spot ok.", ["US-West"]),
])
def test_places_in_case_forms(text: str, regions: list[str]) -> None:
    assert parse(text).regions == regions


def test_es_alone_is_still_spain() -> None:
    assert parse("Eval Phi-2, data must stay in ES.").regions == ["ES"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Phi-3-mini চ্যাটবট সার্ভিস দরকার, সোমবার থেকে।", "inference"),
    ("Reikia GPT-2 mokymas nuo nulio ant 10 GB.", "train"),
])
def test_job_nouns_of_other_languages(text: str, kind: str) -> None:
    assert parse(text).kind == kind


@pytest.mark.parametrize(("text", "gb"), [
    ("Классификация 7 ГБ отзывов моделью Phi-2.", 7.0),
    ("ارزیابی Phi-2 روی ۹ گیگابایت داده", 9.0),
    ("تصنيف ١٫٥ تيرابايت من النصوص باستخدام Phi-2", 1500.0),
    ("job=eval model=Phi-2 dataset_gb=4", 4.0),
])
def test_data_sizes_in_other_units(text: str, gb: float) -> None:
    assert parse(text).dataset_gb == gb


@pytest.mark.parametrize(("text", "size"), [
    ("Trening modelu od zera (85M parametrów) na 3 GB.", 0.085),
    ("Entraîner un modèle de 220M paramètres sur 4 GB.", 0.22),
    ("Treinar um transformer de 1,5B parâmetros.", 1.5),
])
def test_model_sizes_with_foreign_parameter_nouns(text: str, size: float) -> None:
    assert parse(text).params_b == size


def test_card_memory_in_russian_is_no_dataset() -> None:
    assert parse("Eval Phi-2 на GPU с 48 ГБ памяти.").dataset_gb is None


@pytest.mark.parametrize(("text", "name"), [
    ("Clasificar audio con FrogNET en 2 GPUs.", "FrogNET"),
    ("Tõlge NLLB-200-ga 3 GB tekstil.", "NLLB-200"),
    ("Evaluate EfficientNetV2-L on 4 GB.", "EfficientNetV2-L"),
])
def test_model_names(text: str, name: str) -> None:
    assert [str(h.value) for h in find_models(text)][:1] == [name]


def test_a_version_suffix_is_not_a_case_ending() -> None:
    assert [str(h.value) for h in find_models("serve Qwen2-7B-Instruct")] == [
        "Qwen2-7B-Instruct"]


def test_a_stated_total_of_bare_gpus_wins_over_a_per_person_one() -> None:
    text = "Workshop: 9 participants, each gets one T4 for a Phi-2 eval; 9 GPUs in total."
    assert parse(text).gpu_count == 9


def test_a_per_person_count_alone_is_kept() -> None:
    assert parse("Workshop: each participant gets one T4 for a Phi-2 eval.").gpu_count == 1
