from datetime import datetime

import pytest

from agents.explainer.llm_prose import explain_with_llm
from agents.explainer.rationale import build_rationale
from gridwise.models import JobSpec
from tests.graphkit import fake_seam, tiny_store
from tools.options import rank_quotes, to_decision


@pytest.fixture
def decision(tmp_path):
    store = tiny_store(tmp_path)
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 10,
                                  "hardware": {"gpu_type": "H100"}})
    return to_decision(rank_quotes(store, job, datetime(2022, 3, 1, 5)), "train it")


def test_verified_llm_prose_is_used_and_wrong_sentences_dropped(decision, tmp_path):
    template = build_rationale(decision).prose      # every sentence verifies
    q = decision.pathways["recommended"].quote
    wrong = f"On {q.provider} {q.region} it costs ${q.cost_usd * 3:,.2f}."   # planted
    seam = fake_seam([f"{template} {wrong}"], tmp_path)
    out = explain_with_llm(decision, seam)
    assert out["source"] == "llm" and out["dropped"] == 1
    assert out["verified_text"].startswith(template[:60]) and wrong not in out["verified_text"]


def test_unverifiable_llm_prose_falls_back_to_template(decision, tmp_path):
    seam = fake_seam(["The greenest path has no carbon emissions at all. Trust me."], tmp_path)
    out = explain_with_llm(decision, seam)
    assert out["source"] == "template"
    assert out["fallback"].startswith("template: the LLM's prose was rejected")


def test_llm_down_falls_back_to_template(decision, tmp_path):
    seam = fake_seam([], tmp_path)        # the fake raises when asked: treated as down

    def boom(role, messages):
        from gridwise.llm import LLMUnavailable
        raise LLMUnavailable("connection refused")

    seam.complete = boom  # type: ignore[method-assign]
    out = explain_with_llm(decision, seam)
    assert out["source"] == "template" and "unavailable" in out["fallback"]


def test_rejected_prose_is_counted_and_the_report_says_by_which_check(decision, tmp_path):
    from tests.graphkit import tiny_store
    from tools.reports import versions

    seam = fake_seam(["It is nice and fast. Really nice."], tmp_path)
    out = explain_with_llm(decision, seam)
    assert out["rejected_by"] == "verifier: numbers and names"
    assert seam.summary()["rejected"] == 1 and seam.rejections[0]["role"] == "explainer"
    shown = versions(tiny_store(tmp_path / "s"), out, static=False)["explainer model"]
    assert "prose rejected by verifier: numbers and names" in shown


def test_report_versions_carry_the_true_llm_usage(tmp_path):
    from tests.graphkit import tiny_store
    from tools.reports import versions

    usage = {"calls": 3, "failed": 1, "tokens": 420, "rejected": 2, "model": "smollm2-135m"}
    shown = versions(tiny_store(tmp_path), {"llm_usage": usage}, static=False)["LLM calls"]
    assert shown == "3 (1 failed), 420 tokens, 2 results rejected; model smollm2-135m"
