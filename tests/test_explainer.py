import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import jinja2
import pytest

from agents.explainer import explain
from agents.explainer.quantities import extract_numbers, split_sentences
from agents.explainer.rationale import build_rationale, quote_label
from agents.explainer.verifier import store_vocabulary, verify
from gridwise.errors import UserError
from gridwise.models import Decision, JobSpec
from gridwise.prompts import load_prompt
from gridwise.store import Store
from tests.graphkit import memory_store
from tools.options import rank_quotes, to_decision

CLOCK = datetime(2022, 3, 1, 6)
SPEC = {"kind": "train", "gpu_hours": 16, "preferences": {"objective": "greenest"},
        "constraints": {"deadline": "2022-03-02T20:00:00Z", "interruptible": True,
                        "exclude_providers": ["lium"]}}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return memory_store(tmp_path_factory.mktemp("explainer"))


@pytest.fixture(scope="module")
def decision(store: Store) -> Decision:
    return to_decision(rank_quotes(store, JobSpec.model_validate(SPEC), CLOCK), now=CLOCK)


@pytest.fixture(scope="module")
def vocab(store: Store) -> set[str]:
    return store_vocabulary(store.conn)


def _resolve(decision: Decision, path: str) -> object:
    obj: object = decision
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


def test_claims_are_bound_to_the_record(decision: Decision) -> None:
    r = build_rationale(decision)
    assert r.source == "template"
    simple = [c for c in r.claims if c.source.startswith(("pathways.", "job."))
              and "[" not in c.source and " " not in c.source]
    assert len(simple) > 20
    for c in simple:
        value = _resolve(decision, c.source)
        if isinstance(value, datetime):
            value = value.isoformat()
        expected = value * 100 if c.metric == "confidence" else value
        assert c.value == pytest.approx(expected) if isinstance(expected, float) else \
            c.value == expected, c.id


def test_counterfactuals_use_the_recorded_deltas(decision: Decision) -> None:
    r = build_rationale(decision)
    deltas = [c for c in r.counterfactuals if c.reason == "delta"]
    assert {c.option for c in deltas} == {n for n, p in decision.pathways.items()
                                          if n != "recommended" and "recommended" in p.deltas}
    for c in deltas:
        assert c.deltas == decision.pathways[c.option].deltas["recommended"]
    rejected = [x for x in decision.reasons if "broke the" in x]
    assert rejected, "fixture should reject some options"
    assert [c.text for c in r.counterfactuals if c.reason == "constraint"] == [
        f"Excluded: {x}." for x in rejected]


def test_templated_prose_verifies_fully(decision: Decision, vocab: set[str]) -> None:
    e = explain(decision, vocab)
    assert e["dropped"] == 0, [s for s in e["sentences"] if not s["verified"]]
    assert e["checked_numbers"] >= 20
    assert e["verified_text"] == e["prose"]
    assert e["model"] == "none (templated)"


def _rec(decision: Decision):  # noqa: ANN202
    return decision.pathways["recommended"].quote


def planted(decision: Decision) -> dict[str, str]:
    q = _rec(decision)
    cheap = decision.pathways["fastest"].quote
    return {
        "money +5%": f"The recommended option costs ${q.cost_usd * 1.05:,.2f}.",
        "kg +20%": f"The recommended option emits {q.kg_co2e * 1.2 + 0.1:,.2f} kg CO2e.",
        "grams": f"The recommended option emits {q.kg_co2e * 1000 * 1.5:,.0f} g CO2e.",
        "hours +1.5": f"The recommended option runs for {q.runtime_h + 1.5:.1f} h.",
        "finish moved": "The recommended option finishes "
                        f"{q.finish + timedelta(hours=3):%Y-%m-%d %H:%M} UTC.",
        "gpu count": f"The recommended option uses {q.count * 4} x {q.accelerator}.",
        "confidence": "The recommended option has a confidence of "
                      f"{q.confidence * 100 - 9:.0f}%.",
        "another pathway's cost": f"The recommended option costs ${cheap.cost_usd:,.2f}.",
        "wrong provider": "The recommended option runs on hyperbolic default.",
        "option not named by pathway": f"The recommended option runs on "
                                       f"{cheap.provider} {cheap.region}.",
        # x 2 is another option's real energy (twice the GPUs, same node power per GPU)
        "energy": f"It uses {q.energy_kwh * 2.37:,.1f} kWh.",
        "bare count": "It was chosen among 4242 options.",
    }


@pytest.mark.parametrize("case", [
    "money +5%", "kg +20%", "grams", "hours +1.5", "finish moved", "gpu count", "confidence",
    "another pathway's cost", "wrong provider", "option not named by pathway", "energy",
    "bare count"])
def test_planted_wrong_numbers_are_caught(decision: Decision, vocab: set[str],
                                         case: str) -> None:
    sentence = planted(decision)[case]
    v = verify(sentence, decision, vocab)
    assert v.dropped == 1 and v.verified_text == "", (case, v.sentences[0])
    assert v.sentences[0].problems


def test_right_numbers_pass_with_rounding(decision: Decision, vocab: set[str]) -> None:
    q = _rec(decision)
    text = (f"The recommended option is {quote_label(q)}. "
            f"It costs ${q.cost_usd:,.2f}, about ${q.cost_usd:,.0f}. "
            f"It emits {q.kg_co2e:.2f} kg CO2e ({q.kg_co2e * 1000:,.0f} g). "
            f"It runs {q.runtime_h:.0f} h from {q.start:%Y-%m-%d %H:%M} UTC to "
            f"{q.finish:%Y-%m-%dT%H:%M}Z on {q.count} GPUs. "
            f"Its confidence is {q.confidence * 100:.1f}%.")
    v = verify(text, decision, vocab)
    assert v.dropped == 0, [s.problems for s in v.sentences]
    assert v.checked_numbers >= 8


def test_dropped_sentences_are_removed_and_counted(decision: Decision, vocab: set[str]) -> None:
    q = _rec(decision)
    good = f"The recommended option costs ${q.cost_usd:,.2f}."
    bad = f"It emits {q.kg_co2e * 3 + 1:.1f} kg CO2e."
    v = verify(f"{good} {bad} {good}", decision, vocab)
    assert v.dropped == 1 and v.verified_text == f"{good} {good}"
    assert [s.verified for s in v.sentences] == [True, False, True]


def test_number_extraction_units() -> None:
    got = [(m.kind, m.value, m.sign) for m in extract_numbers(
        "-$1,683.82, +7.0 kg CO2, 35.4 h, 2 t, 40 USD/MWh, 26.3 gCO2/kWh, $2.5k, 16 x B200, "
        "$1.25 per hour, 5%, Llama-3-8B on a4-highgpu-8g")]
    assert got == [("money", 1683.82, "-"), ("mass", 7.0, "+"), ("hours", 35.4, ""),
                   ("mass", 2000.0, ""), ("price", 40.0, ""), ("intensity", 26.3, ""),
                   ("money", 2500.0, ""), ("gpus", 16.0, ""), ("rate", 1.25, ""),
                   ("percent", 5.0, "")]
    assert split_sentences("It costs $4.50. It runs 3.5 h.\nDone") == [
        "It costs $4.50.", "It runs 3.5 h.", "Done"]


def test_infeasible_decision_prose_verifies(store: Store, vocab: set[str]) -> None:
    job = JobSpec.model_validate({"kind": "inference", "duration_hours": 10,
                                  "hardware": {"gpu_type": "H100"},
                                  "constraints": {"deadline": "2022-03-01T11:00:00Z"}})
    d = to_decision(rank_quotes(store, job, datetime(2022, 3, 1, 5)), now=CLOCK)
    assert not d.pathways and d.infeasible_reasons
    e = explain(d, vocab)
    assert "nothing is recommended" in e["prose"] and e["dropped"] == 0


def test_load_prompt_renders_and_hashes() -> None:
    p = load_prompt("explainer", "rationale", 1, claims_json="[]", counterfactuals_json="[]",
                    request_text="fine-tune", max_sentences=8)
    raw = Path(p.path).read_bytes()
    assert p.sha256 == hashlib.sha256(raw).hexdigest()
    assert "fine-tune" in p.text and "{{" not in p.text
    assert p.record() == {"name": "explainer/rationale", "version": "v1", "sha256": p.sha256}


def test_load_prompt_missing_variable_raises() -> None:
    with pytest.raises(jinja2.UndefinedError, match="claims_json"):
        load_prompt("explainer", "rationale", 1, counterfactuals_json="[]",
                    request_text="", max_sentences=8)


def test_load_prompt_unknown_version() -> None:
    with pytest.raises(UserError, match="no prompt explainer/rationale version 9"):
        load_prompt("explainer", "rationale", 9)
