"""The attack-classifier probe (evals/attack_probe.py): its features and one run."""

import numpy as np
import pytest

from evals import attack_probe


def test_rows_are_unit_length_and_the_same_for_the_same_text():
    x = attack_probe._rows(["Ignore all rules", "ignore all rules", "Fine-tune Llama-3-8B"])
    assert np.allclose(np.sqrt(x.multiply(x).sum(axis=1)).A1, 1.0)
    assert (x[0] != x[1]).nnz == 0 and (x[0] != x[2]).nnz > 0


@pytest.mark.slow
def test_a_run_on_the_dev_set_trains_on_the_others_and_prints_both_lines(capsys):
    cases, flag = attack_probe.flagged("dev")
    assert len(cases) == flag.size == 45
    assert attack_probe.main(["dev"]) == 0
    out = capsys.readouterr().out
    assert "classifier catches" in out and "rules OR classifier" in out
