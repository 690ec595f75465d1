"""The whole quote book at the bench clock, hashed: a change meant to be faster keeps it.

Every quote's numbers (cost, energy, CO2 and its range, the actual CO2, windows, notes) and
the signals' provenance, for the forecast on both carbon bases and for the oracle, rounded
to 9 significant digits (so a BLAS build's last bits do not count) and hashed. A change that
means to move quotes updates the golden file (GRIDWISE_UPDATE_GOLDEN=1) and says why.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from gridwise.models import JobSpec
from gridwise.store import Store
from tools.forecast.signals import ForecastCache, ForecastSignals, OracleSignals, SignalSource
from tools.quoting import QuoteBook, quote_job

CLOCK = datetime(2023, 6, 14, 9)
#: The bench job (bench.bench_quote): a LoRA fine-tune, interruptible, over 7 days.
JOB = {"kind": "fine-tune", "model": {"name": "Llama-3-8B"}, "method": "lora",
       "dataset": {"tokens": 2_000_000_000}, "constraints": {"interruptible": True}}
GOLDEN = Path(__file__).parent / "golden" / "quote_book_digest.json"


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def digest(book: QuoteBook) -> str:
    """A hash of every quote's numbers and labels, the skip reasons and the signals."""
    h = hashlib.sha256()
    for q in book.quotes:
        row = [q.offer.provider, q.offer.region, q.offer.instance_type, q.accelerator, q.count,
               q.spot, q.window, q.hours, q.start.isoformat(), q.runtime_h, q.cost_usd,
               q.energy_kwh, q.kg_co2e, q.ci_mean, q.usd_mwh_mean, q.confidence, q.notes,
               q.energy_kwh_range, q.kg_co2e_range, q.signal, q.kg_co2e_actual,
               q.kg_co2e_now, q.window_basis]
        h.update(repr(_rounded(row)).encode())
    h.update(repr(sorted(book.skipped.items())).encode())
    h.update(json.dumps(book.signals, sort_keys=True, default=str).encode())
    return h.hexdigest()[:20]


def _sources() -> dict[str, tuple[SignalSource, str]]:
    return {"forecast/lca": (ForecastSignals(cache=ForecastCache()), "lca"),
            "forecast/direct": (ForecastSignals(cache=ForecastCache()), "direct"),
            "oracle/lca": (OracleSignals(), "lca")}


@pytest.mark.shared
def test_the_quote_book_at_the_bench_clock_is_unchanged(real_store: Store) -> None:
    job = JobSpec.model_validate(JOB)
    got = {}
    for name, (source, basis) in _sources().items():
        book = quote_job(real_store, job, CLOCK, horizon_h=168, signals=source,
                         carbon_basis=basis)  # type: ignore[arg-type]
        got[name] = {"quotes": len(book.quotes), "digest": digest(book)}
    if os.environ.get("GRIDWISE_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1) + "\n")
    assert got == json.loads(GOLDEN.read_text())


def test_the_digest_sees_a_changed_number_and_not_a_last_bit() -> None:
    class Q:  # the fields `digest` reads, as plain attributes
        class offer:  # noqa: N801
            provider, region, instance_type = "aws", "us-east-1", "p4d"

        accelerator, count, spot, window, hours = "A100", 8, False, "now", [0, 1]
        start = CLOCK
        runtime_h, cost_usd, energy_kwh, kg_co2e, ci_mean = 1.5, 10.0, 3.0, 1.25, 400.0
        usd_mwh_mean, confidence, notes = None, 0.9, ["n"]
        energy_kwh_range, kg_co2e_range = (2.0, 4.0), (1.0, 1.5)
        signal, kg_co2e_actual, kg_co2e_now, window_basis = "forecast:ridge", 1.2, 1.3, "b"

    def book(**change: object) -> QuoteBook:
        q = Q()
        for k, v in change.items():
            setattr(q, k, v)
        return QuoteBook(CLOCK, CLOCK, None, quotes=[q])  # type: ignore[list-item]

    base = digest(book())
    assert digest(book(kg_co2e=1.25 * (1 + 1e-13))) == base  # a last bit: benign
    assert digest(book(kg_co2e=1.2501)) != base
    assert digest(book(window="low-carbon")) != base
    assert digest(book(kg_co2e_range=(1.0, 1.6))) != base
