from datetime import datetime

import pytest

from gridwise.errors import UserError
from gridwise.models import JobSpec
from gridwise.records.decisions import load_decision, recent_decisions, save_decision
from gridwise.store import Store
from tools.options import rank_quotes, to_decision


def _decision(store: Store, **constraints: object):
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 10,
                                  "hardware": {"gpu_type": "H100"}, "constraints": constraints})
    return to_decision(rank_quotes(store, job, datetime(2022, 3, 1, 5)), "train something",
                       now=datetime(2026, 1, 2, 3, 4, 5))


def test_round_trip(store: Store) -> None:
    d = _decision(store)
    assert d.chosen == "recommended" and d.options
    save_decision(store, d)
    back = load_decision(store, d.id)
    assert back == d
    n = store.rows("SELECT count(*) AS n FROM quotes WHERE decision_id = ?", [d.id])[0]["n"]
    assert n == len(d.options)
    assert recent_decisions(store)[0]["id"] == d.id


def test_infeasible_decision_keeps_relaxations(store: Store) -> None:
    d = _decision(store, budget_usd=1)
    assert d.chosen is None and not d.pathways
    assert any("budget" in r for r in d.infeasible_reasons)


def test_unknown_id_suggests(store: Store) -> None:
    d = _decision(store)
    save_decision(store, d)
    with pytest.raises(UserError) as info:
        load_decision(store, d.id[:-1] + "z")
    assert d.id in info.value.hint


def test_duplicate_save_writes_nothing_more(store: Store) -> None:
    d = _decision(store)
    save_decision(store, d)
    with pytest.raises(Exception, match="(?i)duplicate|constraint"):
        save_decision(store, d)
    assert store.rows("SELECT count(*) AS n FROM decisions")[0]["n"] == 1
    n = store.rows("SELECT count(*) AS n FROM quotes")[0]["n"]
    assert n == len(d.options)
