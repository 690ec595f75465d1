"""Session 12 (issue 17): places, model names, run lengths and job verbs, read more generally.

Each case is a phrasing of a class, written for this file (not copied from a request set),
with look-alikes that must keep their old reading:
- a demonym or language one letter from a country ("Kenyan", "Nepali") is no typo of it;
- a zone named by a city ("Mexico City time") is a clock, not a region;
- a place written with its language's accents ("México", "Perú") is that place;
- Vietnamese "anh" (you / older brother) is the UK only as "Anh", capitalised;
- a word number runs into no unit ("anh" is not "an h");
- a form's empty box ("- [ ] EU only") states nothing;
- a Hebrew proclitic on a Latin name ("ל-Mistral-7B") is spaced off it;
- a camel-case name alone in brackets, or before a job noun, is a model;
- a pivot form ending in `*` is a stem: inflected verbs and nouns read as the job;
- dollars and euros written in other scripts; "500 or 5000 dollars" is two sums;
- an objective "in between", "not at any price", a grid "at its cleanest", "faster".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.lexicon import rewrite
from agents.intake.models_found import find_models
from agents.intake.money_carbon import money
from agents.intake.objective import find_objective
from agents.intake.parser import parse_request
from agents.intake.pivot import pivot_rewrite
from agents.intake.place_typos import fix_place_typos
from agents.intake.run_lengths import durations
from agents.intake.unchecked import drop_unchecked

NOW = datetime(2024, 4, 2, 9, 0, tzinfo=UTC)


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "want"), [
    ("fine-tune XLM-R on 2 GB of Kenyan tweets, 1 A10G", "Kenyan"),
    ("LoRA for Nepali summarisation, 1 L4", "Nepali"),
    ("classify Omani court rulings on 1 T4", "Omani"),
    # look-alikes: a real slip is still read as the country
    ("run it only in Germnay on 1 A100", "Germany"),
    ("keep the data in Keyna, 1 T4", "Kenya"),
])
def test_demonyms_are_not_country_typos(text: str, want: str) -> None:
    assert want in fix_place_typos(text)


@pytest.mark.parametrize(("text", "regions"), [
    ("start Saturday 6 am Mexico City time, 1 L4 for a Whisper-small eval", []),
    ("translate 10 GB with NLLB-200 on 1 A100, done by 09:00 Kenyan time", []),
    ("LoRA on Llama-2-7B for Nepali, 2 x A10G, by 2024-04-05 18:00 UTC", []),
    ("eval Gemma-7B on 1 L4, Brasil or México only", ["BR", "MX"]),
    ("serve Mistral-7B on 1 L4, only in Perú", ["PE"]),
    # look-alikes: a place that is a rule stays one
    ("eval Gemma-7B on 1 L4, Mexico only", ["MX"]),
    ("fine-tune Llama-3-8B in Kenya only, 1 A100", ["KE"]),
])
def test_place_readings(text: str, regions: list[str]) -> None:
    assert parse(text).regions == regions


@pytest.mark.parametrize(("text", "want"), [
    ("Chào anh, em cần một GPU L4", "Chào anh, em cần"),
    ("Nhờ anh chạy giúp", "Nhờ anh chạy"),
    ("dữ liệu chỉ ở Anh thôi", "only in the UK"),
    ("dữ liệu ở Vương quốc Anh", "the UK"),
])
def test_vietnamese_anh_is_the_uk_only_capitalised(text: str, want: str) -> None:
    assert want in pivot_rewrite(text)[0]


@pytest.mark.parametrize(("text", "want"), [
    ("Chao anh, minh can 1 L4", []),
    ("hello anh, need an A100", []),
    # look-alikes: a run length in a terse list
    ("1x A100, 6h, spot ok", [6.0]),
    ("need 1 A100, an hour, spot", [1.0]),
    ("T4 (4 hours)", [4.0]),
])
def test_word_numbers_need_a_space_before_the_unit(text: str, want: list[float]) -> None:
    assert [h.value for h in durations(text)] == want


def test_empty_boxes_state_nothing() -> None:
    text = ("### Job\neval Phi-2 on 1 A10\n### Constraints\n- [x] must not be preempted\n"
            "- [ ] EU only\n* [ ] spot is fine\n☐ budget $50\n")
    out = drop_unchecked(text)
    assert "must not be preempted" in out and "EU only" not in out
    assert "spot is fine" not in out and "$50" not in out
    parsed = parse(text)
    assert parsed.regions == [] and parsed.interruptible is False and parsed.budget_usd is None


@pytest.mark.parametrize("text", [
    "- [x] EU only\neval Phi-2 on 1 A10",   # a ticked box holds
    "eval Phi-2 on 1 A10, EU only [ ] later",  # a box mid-line is no form line
])
def test_ticked_boxes_and_plain_lines_stay(text: str) -> None:
    assert parse(text).regions == ["EU"]


@pytest.mark.parametrize(("text", "model"), [
    ("צריך fine-tune ל-Qwen2-7B על 2 H100", "Qwen2-7B"),
    ("להריץ eval ב-Gemma-7B על T4 אחד", "Gemma-7B"),
])
def test_hebrew_proclitic_is_spaced_off_a_latin_name(text: str, model: str) -> None:
    assert parse(text).model == model


@pytest.mark.parametrize(("text", "want"), [
    ("Flood-mapping segmentation training (AquaSegNet), 4 A100, ~2 days", ["AquaSegNet"]),
    ("batch protein folding (FoldMaster-v2 architecture) on 8 H100", ["FoldMaster-v2"]),
    ("run the TerraCast fine-tune on 2 L40S, EU only", ["TerraCast"]),
    ("fine-tune our BERTimbau model on 3 GB of Portuguese reviews", ["BERTimbau"]),
    # look-alikes: tools, benchmarks and libraries in the same places
    ("train it with our usual stack (PyTorch), 4 A100", []),
    ("Run the MLPerf Inference benchmark suite on 8 H100", []),
    ("Retrain our fraud XGBoost-on-GPU pipeline, 3 hours, T4", []),
    ("a ResNet architecture trained from scratch, 2 A100", []),
])
def test_bracketed_and_job_noun_model_names(text: str, want: list[str]) -> None:
    assert [h.value for h in find_models(text)] == want


@pytest.mark.parametrize(("text", "kind"), [
    ("переведите 2 ТБ субтитров с NLLB-200 на 2 A100", "batch-inference"),
    ("Переклад 500 GB документів з NLLB-200, 2 A100", "batch-inference"),
    ("Mistral-7B ile 20 GB metin üzerinde toplu özetleme, 1 A100", "batch-inference"),
    ("дообучите Llama-3-8B на 4 H100, 3 GB данных", "fine-tune"),
])
def test_inflected_job_words(text: str, kind: str) -> None:
    assert parse(text).kind == kind


@pytest.mark.parametrize(("text", "want"), [
    ("переведите", "translate"), ("перевод документов", "translate documents"),
    ("özetlemek", "summarise"), ("çevirin", "translate"),
    # look-alikes: a word sharing no stem, and an English word, are left alone
    ("переход", "переход"), ("summary", "summary"),
])
def test_stem_forms_rewrite(text: str, want: str) -> None:
    assert rewrite(text)[0].replace("документов", "documents") == want


@pytest.mark.parametrize(("text", "want"), [
    ("LoRA on Qwen2-7B, 1 A100. Not the cheapest, not the fastest - something in between.",
     "balanced"),
    ("eval Gemma-7B on 1 L4; anything sensible in the middle works", "balanced"),
    ("Quick, but not at any cost: train a 1B model on 8 H100", "balanced"),
    ("ballance price and speed for this Whisper batch", "balanced"),
    ("Price and latency weigh roughly equally for us. Serve Mistral-7B.", "balanced"),
    ("only run it when the grid is at its greenest, 4 A100", "greenest"),
    ("rerun the eval like last week but faster", "fastest"),
    ("translate 1 TB with NLLB-200, price as low as possible", "cheapest"),
    ("Потрібен інференс Mistral-7B, щось недороге", "cheapest"),
    ("i-run ang Whisper batch, kahit anong GPU basta mura", "cheapest"),
    # look-alikes: a place in between, a saving that explains spot, a faster part
    ("copy the shards somewhere in between two buckets, 1 T4 eval of Phi-2", None),
    ("Spot only please, it's a lot cheaper. Eval Phi-2 on 1 T4.", None),
    ("eval Phi-2 on 1 T4 with a faster tokenizer", None),
])
def test_objective_phrasings(text: str, want: str | None) -> None:
    assert find_objective(rewrite(text)[0])[0] == want


@pytest.mark.parametrize(("text", "want"), [
    ("ขอรัน eval Phi-2 บน L4 หนึ่งใบ", (1, "L4")),
    ("ขอเทรนโมเดลบน A100 สองตัว", (2, "A100")),
    ("צריך eval של Phi-2 על T4 אחד", (1, "T4")),
    ("צריך fine-tune על 3 כרטיסי A100", (3, "A100")),
    ("تقييم Phi-2 على H100 واحدة", (1, "H100")),
    ("потрібен eval Phi-2 на одній T4", (1, "T4")),
    ("нужен eval Phi-2 на одного H100", (1, "H100")),
    ("i-eval ang Phi-2 sa isang L4", (1, "L4")),
    # look-alikes: a quarter and a grade are no accelerators, a bare type has no count
    ("eval Phi-2 on a T4; report due Q4", (1, "T4")),
    ("צריך eval של Phi-2 על T4", (None, "T4")),
])
def test_counts_written_around_the_accelerator(text: str, want: tuple) -> None:
    parsed = parse(text)
    assert (parsed.gpu_count, parsed.gpu_type) == want


@pytest.mark.parametrize(("text", "kind"), [
    ("classify 5M training documents for toxicity with our classifier, 2 L4", "batch-inference"),
    ("re-score the training samples with Phi-2 on 1 A10G", "batch-inference"),
    ("search the hyper parameter space of our ranking model, 200 GPU-hours on A10", "train"),
    ("10k instruction pairs generated with Mixtral-8x7B on 4 H100", "batch-inference"),
    ("GraphCast reforecasts for 1990-2020 on 4 A100", "batch-inference"),
    ("Pangu ensemble members for next winter on 8 H100", "batch-inference"),
    # look-alikes: training on the training set is training; a model generated from
    # scratch is trained; the training data of a fine-tune
    ("train a 1B model from scratch on the training set, 8 H100", "train"),
    ("fine-tune Llama-3-8B; the training data is 3 GB, 2 A100", "fine-tune"),
])
def test_kind_phrasings(text: str, kind: str) -> None:
    assert parse(text).kind == kind


@pytest.mark.parametrize(("text", "want"), [
    ("classify 5M training documents with our Phi-2 classifier, 2 L4", None),
    ("dedupe 20M training samples on 1 A10G", None),
    # look-alikes: a size before a training run or a model is the model's
    ("a 1.3B training run on 8 H100", 1.3),
    ("our 350M pre-training job, 4 A100", 0.35),
])
def test_counts_of_training_data_are_no_model_size(text: str, want: float | None) -> None:
    got = parse(text).params_b
    assert got == want if want is None else got == pytest.approx(want)


@pytest.mark.parametrize(("text", "want"), [
    ("eval Phi-2 על T4 אחד, תקציב 40 דולר", [40.0]),
    ("تقييم Phi-2 على T4، الميزانية 60 دولار", [60.0]),
    ("eval Phi-2 บน T4 งบ 30 ดอลลาร์", [30.0]),
    ("eval Phi-2 на T4, бюджет 500 евро", [540.0]),
    ("eval Phi-2 на T4, бюджет 70 долларов", [70.0]),
    ("评估 Phi-2，预算 200 美元", [200.0]),
    # two sums sharing one currency word are two budgets (asked); one sum stays one
    ("budget is 300 or 3000 dollars, not sure", [300.0, 3000.0]),
    ("התקציב 200 או 2000 דולר", [200.0, 2000.0]),
    ("2 or 4 A100, budget 300 dollars", [300.0]),
])
def test_money_words_of_other_scripts(text: str, want: list[float]) -> None:
    assert [h.value for h in money(rewrite(text)[0])] == want


def test_two_sums_sharing_a_currency_are_asked() -> None:
    parsed = parse("fine-tune Llama-3-8B on 2 A100, budget 500 or 5000 dollars, I forget which")
    assert parsed.budget_usd is None and parsed.needs_clarification


@pytest.mark.parametrize(("text", "regions"), [
    ("Team: Vision (Lyon + Accra)\nJob: train a ViT-B/16 from scratch on 4 A100", []),
    ("From: M. Sato, Osaka office\nJob: eval Phi-2 on 1 T4", []),
    ("Swiss data residency applies. Fine-tune Llama-3-8B on 2 A100.", ["CH"]),
    # look-alikes: a rule on its own line, and data about a country, stay as they were
    ("Team: Vision\nRegion: Germany only\nJob: eval Phi-2 on 1 T4", ["DE"]),
    ("classify 3 GB of Canadian news on 1 T4", []),
])
def test_who_lines_and_residency(text: str, regions: list[str]) -> None:
    assert parse(text).regions == regions


@pytest.mark.parametrize(("text", "want"), [
    ("2x A100 // 12 h // EU only // eval Phi-2", [12.0]),
    ("eval | phi-2 | 1x T4 | <= 2h | cheapest", [2.0]),
    ("8 hours only: batch OCR with Donut on 1 L4", [8.0]),
    ("1x L4, 2h15 max runtime, Norway", [2.25]),
    # look-alikes: a deadline span and a past span are no run length
    ("done in 6 hours: eval Phi-2 on 1 T4", []),
    ("within 5 days | spot ok", []),
])
def test_run_lengths_as_list_items(text: str, want: list[float]) -> None:
    assert [h.value for h in durations(text)] == want


@pytest.mark.parametrize(("text", "regions", "excluded"), [
    ("SERVE MISTRAL-7B ON 1 L4, US-EAST ONLY", ["US-East"], []),
    ("eval Phi-2 on 1 T4, nothign in Germany or France", [], ["DE", "FR"]),
    # look-alikes: the usual spellings
    ("serve Mistral-7B on 1 L4, US-East only", ["US-East"], []),
    ("eval Phi-2 on 1 T4, nothing in Germany", [], ["DE"]),
])
def test_shouted_areas_and_slipped_negations(text: str, regions: list[str],
                                             excluded: list[str]) -> None:
    parsed = parse(text)
    assert (parsed.regions, parsed.exclude_regions) == (regions, excluded)
