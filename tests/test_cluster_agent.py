from datetime import datetime

import pytest

from agents.cluster import ClusterAgent
from gridwise.models import JobSpec
from tools.beckn import messages as m
from tools.beckn.context import Bpp, Transaction
from tools.placement import Pod

CLOCK = datetime(2022, 3, 1, 5)
JOB = {"kind": "train", "gpu_hours": 16, "hardware": {"gpu_type": "V100-32GB", "gpu_count": 8}}


def _now(reply):
    quotes = [q for q in m.quotes_from_on_search(reply) if q.window == "now"]
    assert len(quotes) == 1, quotes
    return quotes[0]


def _search(txn):
    return m.search_from_job(JobSpec.model_validate(JOB), CLOCK, txn,
                             bpp=Bpp(bpp_id="onprem", bpp_uri="inproc://onprem"))


def test_onprem_quote_is_placed_on_real_nodes(store):
    txn = Transaction(bap_id="bap", bap_uri="inproc://bap")
    reply = ClusterAgent(store, "onprem").handle(_search(txn))
    quote = _now(reply)
    assert quote.cluster == "onprem-eu-v100" and quote.count == 8
    assert any("placed by fgd-online" in n and "openb-node-0002 GPUs [0, 1, 2, 3, 4, 5, 6, 7]" in n
               for n in quote.notes)


def test_fgd_is_used_when_a_target_workload_is_known(store):
    txn = Transaction(bap_id="bap", bap_uri="inproc://bap")
    workload = [Pod(8000, 32768, 1, 500), Pod(4000, 16384, 1, 1000)] * 10
    reply = ClusterAgent(store, "onprem", workload).handle(_search(txn))
    quote = _now(reply)
    assert any(n.startswith("placed by fgd on") for n in quote.notes)


def test_confirm_reserves_once_and_capacity_shrinks(store):
    agent = ClusterAgent(store, "onprem")
    txn = Transaction(bap_id="bap", bap_uri="inproc://bap")
    quote = _now(agent.handle(_search(txn)))
    held = agent.reserve("o-1", quote)
    assert agent.reserve("o-1", quote) == held            # idempotent per order
    from gridwise.records.reservations import busy_gpus

    busy = busy_gpus(store, quote.cluster, quote.start, quote.finish)
    assert busy == {"openb-node-0002": set(range(8))}
    from tools.beckn.context import BecknError
    with pytest.raises(BecknError):                        # the only V100-32GB node is full
        agent.reserve("o-2", quote)
    # a new search still quotes the fleet, but only in windows clear of the hold
    again = m.quotes_from_on_search(agent.handle(_search(Transaction(bap_id="b",
                                                                     bap_uri="inproc://b"))))
    assert again and all(q.start >= quote.finish or q.finish <= quote.start for q in again)


def test_catalog_keeps_the_front_ends_and_the_nearest_relaxations(store):
    from tools.offers import load_offers
    from tools.quoting import quote_job
    from tools.ranking import pareto_front

    agent = ClusterAgent(store, "lambda", max_items=1)
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 10,
                                  "hardware": {"gpu_type": "H100"}})
    own = load_offers(store.conn, "lambda")
    cands = quote_job(store, job, CLOCK, offers=own).quotes
    kept = agent._catalog(cands, job.constraints)
    front = [cands[i] for i in pareto_front(cands)]
    assert min(c.finish for c in kept) == min(c.finish for c in front)
    assert min(c.kg_co2e for c in kept) == min(c.kg_co2e for c in front)
    late = JobSpec.model_validate({**job.model_dump(mode="json"), "constraints": {
        "deadline": "2022-03-01T08:00:00"}})
    late_cands = quote_job(store, late, CLOCK, offers=own).quotes
    (nearest,) = agent._catalog(late_cands, late.constraints)
    assert nearest.finish == min(c.finish for c in late_cands)


def test_confirmed_placements_become_the_online_policys_history(store):
    agent = ClusterAgent(store, "onprem")
    quote = _now(agent.handle(_search(Transaction(bap_id="bap", bap_uri="inproc://bap"))))
    assert any(n.startswith("placed by fgd-online (no target workload is stored for FGD: the "
                            "workload is estimated from this cluster's placement history")
               for n in quote.notes)
    agent.reserve("o-1", quote)
    agent.reserve("o-1", quote)  # idempotent: recorded once
    rows = store.rows("SELECT cluster, num_gpu, gpu_milli, gpu_spec, source, placed_at "
                      "FROM placement_history")
    assert rows == [{"cluster": "onprem-eu-v100", "num_gpu": 8, "gpu_milli": 1000,
                     "gpu_spec": "V100M32", "source": "o-1", "placed_at": quote.start}]
    from tools.placement.history import load_history
    assert [w for _, w in load_history(store, "onprem-eu-v100", quote.start)] == [1.0]
    assert load_history(store, "onprem-eu-v100", datetime(2022, 2, 1)) == []  # before it
