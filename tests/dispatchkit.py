"""Helpers for dispatch tests: real on-prem orders on the tiny store, a dispatcher on Slurm."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from agents.cluster import ClusterAgent
from agents.coordinator import Coordinator
from gridwise.decisions import new_decision_id
from gridwise.models import JobSpec, Quote
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
                 clock: datetime = CLOCK) -> tuple[str, Quote]:
    """Search, select, init and confirm one on-prem quote, as the graph does; (order id, quote)."""
    spec = JobSpec.model_validate(job or V100_JOB)
    agent = ClusterAgent(store, "onprem")
    transport = InProcessTransport({"onprem": agent.handle})
    txn = Transaction(bap_id="bap", bap_uri="inproc://bap")
    reply = transport.send("search", m.search_from_job(
        spec, clock, txn, bpp=Bpp(bpp_id="onprem", bpp_uri="inproc://onprem")))
    quotes = [q for q in m.quotes_from_on_search(reply) if q.window == window]
    assert quotes, m.reply_error(reply)
    quote = quotes[0]
    decision_id = new_decision_id()
    store.conn.execute("INSERT INTO decisions VALUES (?, now()::TIMESTAMP, ?, NULL, NULL, NULL, "
                       "'{}')", [decision_id, clock])
    out = Coordinator(store, transport, txn).order(quote, "onprem", clock, decision_id, spec)
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
    raise AssertionError(f"{order_id} did not reach {states}: "
                         f"{store.rows('SELECT * FROM job_attempts WHERE order_id = ?', [order_id])}")
