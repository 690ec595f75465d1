"""The templated rationale must verify completely, for many decision shapes."""

from datetime import datetime

import pytest

from agents.explainer.rationale import build_rationale
from agents.explainer.verifier import store_vocabulary, verify
from gridwise.models import JobSpec
from tests.graphkit import tiny_store
from tools.options import rank_quotes, to_decision

JOBS = [
    {"kind": "train", "gpu_hours": 10, "hardware": {"gpu_type": "H100"}},
    {"kind": "train", "gpu_hours": 10, "hardware": {"gpu_type": "H100"},
     "constraints": {"interruptible": True}},
    {"kind": "train", "gpu_hours": 16, "hardware": {"gpu_type": "V100-32GB", "gpu_count": 8}},
    {"kind": "inference", "duration_hours": 6, "model": {"name": "Mistral-7B"}},
    {"kind": "fine-tune", "model": {"name": "Llama-3-8B"}, "method": "lora",
     "dataset": {"tokens": 50_000_000}, "preferences": {"objective": "greenest"}},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tiny_store(tmp_path_factory.mktemp("v"))


@pytest.mark.parametrize("spec", JOBS)
@pytest.mark.parametrize("vocab", [False, True])
def test_template_prose_verifies_fully(store, spec, vocab):
    d = to_decision(rank_quotes(store, JobSpec.model_validate(spec), datetime(2022, 3, 1, 5)),
                    "train it")
    prose = build_rationale(d).prose
    v = verify(prose, d, store_vocabulary(store.conn) if vocab else None)
    bad = [(s.text, s.problems) for s in v.sentences if not s.verified]
    assert not bad, bad


def test_names_differing_only_in_case_share_owners(store):
    from agents.explainer.verifier import Record

    d = to_decision(rank_quotes(store, JobSpec.model_validate(JOBS[0]), datetime(2022, 3, 1, 5)))
    r = Record(d, set())
    assert r.names["h100"] == r.names["H100"]      # instance type 'h100' vs accelerator
