"""What quoting computes once and shares: window searches, CO2 per window and power, offers.

Each shortcut must give exactly what computing everything anew gives.
"""

from datetime import datetime, timedelta

import numpy as np
import pytest

from gridwise.models import JobSpec
from gridwise.store import Store
from tests.graphkit import memory_store
from tools import offers as offers_mod
from tools.forecast.signals import OracleSignals
from tools.quote_draft import DraftMemo, OfferTerms, SeriesSums, StartOption, drafts
from tools.quoting import quote_job
from tools.ranking import _feasible, rank, violations
from tools.windows import TIE_RTOL, WindowSearch


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return memory_store(tmp_path_factory.mktemp("shared"))


def _series(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.integers(50, 60, 120).astype(float)  # few distinct values: many ties
    v[rng.choice(120, 6, replace=False)] = np.nan
    return v


def _brute_min_mean(v: np.ndarray, d: int, earliest: int, deadline: int) -> int | None:
    sums = [(s, v[s:s + d].sum()) for s in range(earliest, deadline - d + 1)
            if not np.isnan(v[s:s + d]).any()]
    if not sums:
        return None
    best = min(x for _, x in sums)
    return next(s for s, x in sums if x <= best + TIE_RTOL * max(1.0, abs(best)))


def _brute_lowest(v: np.ndarray, d: int, earliest: int, deadline: int) -> list[int] | None:
    idx = [i for i in range(earliest, deadline) if not np.isnan(v[i])]
    if len(idx) < d:
        return None
    return sorted(sorted(idx, key=lambda i: (v[i], i))[:d])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_search_serves_every_length_as_brute_force(seed: int) -> None:
    v = _series(seed)
    search = WindowSearch(v, 5, 100)
    for d in [*range(1, 40, 3), *range(39, 0, -4)]:  # lengths in both orders, one search
        want = _brute_min_mean(v, d, 5, 100)
        if want is None:
            with pytest.raises(Exception, match="no gap-free window"):
                search.min_mean(d)
        else:
            start, mean = search.min_mean(d)
            assert start == want
            assert mean == pytest.approx(np.nanmean(v[start:start + d]))
        assert search.lowest(d).tolist() == _brute_lowest(v, d, 5, 100)


def _terms(kw: float, e_range: tuple[float, float], penalties: tuple[float, ...]) -> OfferTerms:
    from tools.quote_draft import OfferNotes

    class _Plan:
        notes = ["a plan note"]
    return OfferTerms(
        offer=None, acc=None, plan=_Plan(), instances=1, gpus=8.0, runtime=10.5,  # type: ignore[arg-type]
        spot=False, kw_per_h=kw, earliest=datetime(2023, 1, 1), power=None,
        carbon_basis="lca", window_basis=None, energy=kw * 10.5, e_range=e_range,
        hourly_price=12.0, known=OfferNotes(None, penalties, ()))


def test_memo_shares_only_what_is_the_same() -> None:
    earliest = datetime(2023, 1, 1)
    opts = [StartOption.at("now", list(range(11)), SeriesSums(4000.0, 3500.0, 4700.0, 4100.0),
                           None, earliest, timedelta(hours=0.5)),
            StartOption.at("low-carbon", list(range(30, 41)),
                           SeriesSums(3000.0, 2500.0, 3300.0, None), None, earliest,
                           timedelta(hours=0.5))]
    now = SeriesSums(4000.0, 3500.0, 4700.0, 4100.0)
    # same node power, different energy ranges and deductions: nothing may leak across
    terms = [_terms(6.0, (55.0, 70.0), ()), _terms(6.0, (60.0, 66.0), (0.15,)),
             _terms(7.5, (70.0, 90.0), ())]
    memo = DraftMemo()
    shared = [drafts(t, opts, now, "forecast:ridge", memo) for t in terms]
    alone = [drafts(t, opts, now, "forecast:ridge", DraftMemo()) for t in terms]
    fields = ("kg_co2e", "kg_co2e_range", "ci_mean", "confidence", "kg_co2e_actual",
              "kg_co2e_now", "start", "finish", "cost_usd", "notes")
    for got, want in zip(shared, alone, strict=True):
        for a, b in zip(got, want, strict=True):
            assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields]
    assert shared[0][0].kg_co2e_range != shared[1][0].kg_co2e_range
    assert shared[0][0].confidence != shared[1][0].confidence
    assert shared[0][1].finish == earliest + timedelta(hours=40.5)
    assert shared[0][1].kg_co2e_actual is None and shared[0][0].kg_co2e_actual == 4100 * 6 / 1000


def test_offers_are_read_once_per_load(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str | None] = []
    real = offers_mod._read_offers

    def counted(conn, provider):  # type: ignore[no-untyped-def]
        reads.append(provider)
        return real(conn, provider)

    monkeypatch.setattr(offers_mod, "_read_offers", counted)
    monkeypatch.setattr(offers_mod, "_MEMO", {})
    first = offers_mod.load_offers(store.conn)
    again = offers_mod.load_offers(store.conn)
    assert again == first and again is not first and reads == [None]
    # a new load changes the stamp: read anew
    store.conn.execute("UPDATE data_sources SET loaded_at = loaded_at + INTERVAL 1 SECOND")
    offers_mod.load_offers(store.conn)
    assert reads == [None, None]


def test_unstamped_data_is_never_memoised(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(offers_mod, "load_stamp", lambda conn: None)
    monkeypatch.setattr(offers_mod, "_MEMO", {})
    offers_mod.load_offers(store.conn)
    assert offers_mod._MEMO == {}


@pytest.mark.parametrize("constraints", [{}, {"interruptible": True}, {"budget_usd": 50},
                                         {"interruptible": True, "deadline": "2022-03-02T12:00"}])
def test_bulk_feasibility_and_picks_match_one_by_one(store: Store, constraints: dict) -> None:
    job = JobSpec.model_validate({"kind": "fine-tune", "model": {"name": "Llama-3-8B"},
                                  "method": "lora", "dataset": {"tokens": 200_000_000},
                                  "constraints": constraints})
    clock = datetime(2022, 3, 1, 5)
    quotes = quote_job(store, job, clock, signals=OracleSignals()).quotes
    feasible, rejected = _feasible(quotes, job.constraints)
    want_rejected: dict[str, int] = {}
    for q in quotes:
        for b in violations(q, job.constraints):
            want_rejected[b] = want_rejected.get(b, 0) + 1
    assert feasible == [q for q in quotes if not violations(q, job.constraints)]
    assert rejected == want_rejected
    if not feasible:
        return
    r, f = rank(quotes, job, clock), feasible
    co2 = [np.inf if q.kg_co2e is None else q.kg_co2e for q in f]
    flagged = [q.price_flagged for q in f]
    n = range(len(f))
    assert r.chosen["cheapest"] == min(n, key=lambda i: (flagged[i] and not all(flagged),
                                                         f[i].cost_usd, f[i].finish, co2[i]))
    assert r.chosen["fastest"] == min(n, key=lambda i: (f[i].finish, f[i].cost_usd, co2[i]))
    assert r.chosen["optimal-time"] == min(n, key=lambda i: (r.scores[i], f[i].cost_usd))
