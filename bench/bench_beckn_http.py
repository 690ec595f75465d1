"""Beckn search round trip: in-process vs over HTTP (Starlette + uvicorn, httpx, signed).

Run: .venv/bin/python -m bench.bench_beckn_http [--runs 20]
Needs GRIDWISE_SOURCE_DIR (make bench sets it to ../shared/data). One provider (lambda)
on loopback; the HTTP figure includes signing, verification, schema checks both ways,
the ACK and the asynchronous callback.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from agents.cluster import ClusterAgent
from bench.bench_load import machine
from gridwise.ingest.load import load
from gridwise.models import JobSpec
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn import messages as m
from tools.beckn.context import Bpp, Transaction
from tools.beckn.http import BapServer, BppServer, HttpTransport
from tools.beckn.registry import Peer, Registry, Subscriber
from tools.beckn.transport import InProcessTransport

CLOCK = datetime(2023, 6, 14, 9)
JOB = JobSpec.model_validate({"kind": "train", "gpu_hours": 100,
                              "hardware": {"gpu_type": "H100"}})


def run(runs: int) -> dict[str, object]:
    """Median seconds per search, each way, over `runs` searches after one warm-up."""
    s = Settings()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "g.duckdb") as store:
        load(store, s.source_dir, Path(tmp) / "cache", s.lwa_folder)
        keys = {n: Ed25519PrivateKey.generate() for n in ("bap", "lambda")}
        bap_reg, bpp_reg = Registry(), Registry()
        bap = BapServer(bap_reg, "bap")
        agent = ClusterAgent(store, "lambda")
        bpp = BppServer("lambda", agent.handle, bpp_reg, Subscriber("lambda", "k1", keys["lambda"]))
        bpp_reg.add(Peer.of("bap", bap.url, {"k1": keys["bap"].public_key()}))
        bap_reg.add(Peer.of("lambda", bpp.url, {"k1": keys["lambda"].public_key()}))
        bap.start()
        bpp.start()
        try:
            http = HttpTransport(bap, Subscriber("bap", "k1", keys["bap"]), {"lambda": bpp.url})
            local = InProcessTransport({"lambda": agent.handle})
            out: dict[str, list[float]] = {"inproc": [], "http": []}
            for i in range(runs + 1):
                for name, t in (("inproc", local), ("http", http)):
                    txn = Transaction(bap_id="bap", bap_uri=bap.url)
                    msg = m.search_from_job(JOB, CLOCK, txn,
                                            bpp=Bpp(bpp_id="lambda", bpp_uri=bpp.url))
                    t0 = time.perf_counter()
                    reply = t.send("search", msg)
                    if i:
                        out[name].append(time.perf_counter() - t0)
                    assert m.reply_error(reply) is None, reply
        finally:
            bpp.stop()
            bap.stop()
    med = {k: statistics.median(v) for k, v in out.items()}
    return {"machine": machine(), "runs": runs,
            "inproc_search_s_median": round(med["inproc"], 4),
            "http_search_s_median": round(med["http"], 4),
            "http_overhead_s": round(med["http"] - med["inproc"], 4),
            "ratio_http_vs_inproc": round(med["http"] / med["inproc"], 2)}


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    print(json.dumps(run(ap.parse_args().runs), indent=1))


if __name__ == "__main__":
    main()
