"""Helpers for dispatch tests: real on-prem orders on the tiny store, a dispatcher on Slurm."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from agents.cluster import ClusterAgent
from agents.coordinator import Coordinator
from gridwise.models import JobSpec, Quote
from gridwise.records.decisions import new_decision_id
from gridwise.store import Store
from tools.beckn import messages as m
from tools.beckn.context import Bpp, Transaction
from tools.beckn.transport import InProcessTransport
from tools.dispatch.dispatcher import Dispatcher
from tools.dispatch.slurm import Slurm

CLOCK = datetime(2022, 3, 1, 5)
V100_JOB = {"kind": "train", "gpu_hours": 2, "hardware": {"gpu_type": "V100-32GB",
                                                          "gpu_count": 2}}


def order_onprem(store: Store, job: dict[str, Any] | None = None, window: str = "now",
                 clock: datetime = CLOCK, provider: str = "onprem") -> tuple[str, Quote]:
    """Search, select, init and confirm one quote, as the graph does; (order id, quote)."""
    spec = JobSpec.model_validate(job or V100_JOB)
    agent = ClusterAgent(store, provider)
    transport = InProcessTransport({provider: agent.handle})
    txn = Transaction(bap_id="bap", bap_uri="inproc://bap")
    reply = transport.send("search", m.search_from_job(
        spec, clock, txn, bpp=Bpp(bpp_id=provider, bpp_uri=f"inproc://{provider}")))
    quotes = [q for q in m.quotes_from_on_search(reply) if q.window == window]
    assert quotes, m.reply_error(reply)
    quote = quotes[0]
    decision_id = new_decision_id()
    store.conn.execute("INSERT INTO decisions VALUES (?, now()::TIMESTAMP, ?, NULL, NULL, NULL, "
                       "'{}')", [decision_id, clock])
    out = Coordinator(store, transport, txn).order(quote, provider, clock, decision_id, spec)
    return out["order_id"], quote


def slurm_of(cluster: Any) -> Slurm:
    return Slurm(conf=cluster.conf)


def dispatcher(cluster: Any, tmp_path: Any, **kw: Any) -> Dispatcher:
    opts = {"partitions": {"onprem-eu-v100": cluster.partition,
                           "onprem-us-t4": cluster.partition},
            "max_retries": 1, "time_scale": 2.0, "log_dir": tmp_path} | kw
    return Dispatcher(slurm=slurm_of(cluster), **opts)


def until(store: Store, disp: Dispatcher, order_id: str, states: tuple[str, ...],
          timeout_s: float = 30.0) -> str:
    """Tick until the order's job reaches one of `states`; returns the state."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        disp.tick(store)
        row = store.rows("SELECT status FROM jobs WHERE id = ?", [order_id])
        if row and row[0]["status"] in states:
            return str(row[0]["status"])
        time.sleep(0.3)
    tries = store.rows("SELECT * FROM job_attempts WHERE order_id = ?", [order_id])
    raise AssertionError(f"{order_id} did not reach {states}: {tries}")


def copies(store: Store, order_id: str, n: int, command: str | None = None,
           tag: str = "c") -> list[str]:
    """`n` more orders like `order_id` (same quote and decision, no GPU hold): load for the
    dispatcher beyond what the tiny fleet could hold at once."""
    row = store.rows("SELECT o.*, j.spec FROM orders o JOIN jobs j ON j.id = o.id "
                     "WHERE o.id = ?", [order_id])[0]
    spec = JobSpec.model_validate_json(row["spec"])
    if command is not None:
        spec.command = command
    ids = []
    with store.transaction() as con:
        for k in range(n):
            oid = f"{order_id}-{tag}{k:03d}"
            con.execute("INSERT INTO orders VALUES (?, ?, ?, 'SCHEDULED', ?, now()::TIMESTAMP, ?)",
                        [oid, f"{row['transaction_id']}-{tag}{k}", row["decision_id"], row["start"],
                         row["record"]])
            con.execute("INSERT INTO jobs VALUES (?, now()::TIMESTAMP, ?, 'SCHEDULED')",
                        [oid, spec.model_dump_json()])
            ids.append(oid)
    return ids


def slurm_jobs_named(cluster: Any, name: str) -> list[Any]:
    return [j for j in slurm_of(cluster).jobs().values() if j.name == name]
