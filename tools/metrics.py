"""Prometheus metrics from the store, read at every scrape (prometheus-client).

gridwise's own series use base units and `_total` counters (`gridwise_decisions_total`,
`gridwise_quote_seconds`, ...); GPU series use DCGM-exporter's names and labels
(`DCGM_FI_DEV_POWER_USAGE` W, `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION` mJ,
`DCGM_FI_DEV_GPU_UTIL` %, `DCGM_FI_DEV_FB_USED` MiB, `DCGM_FI_DEV_GPU_TEMP` C), so the
dashboards written for DCGM read them unchanged. The store is opened read-only for each
scrape and closed at once (the dispatcher needs it between passes); while another process
holds it past a short wait, the last good reading is served with `gridwise_store_up 0`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, make_wsgi_app
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)

from gridwise.errors import StoreLockedError, StoreNotLoadedError
from gridwise.store import Store

#: Histogram buckets (seconds) for quote/decision latency and job queueing.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
QUEUE_BUCKETS = (0.1, 0.5, 1.0, 5.0, 30.0, 60.0, 300.0, 1800.0, 3600.0, 21600.0)
DCGM = {"power_w": ("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W)."),
        "energy_mj": ("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
                      "Total energy consumption since boot (in mJ)."),
        "util": ("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %)."),
        "mem_used_mib": ("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB)."),
        "temp_c": ("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).")}


def _histogram(name: str, doc: str, values: Iterable[float],
               buckets: tuple[float, ...]) -> HistogramMetricFamily:
    vals = sorted(float(v) for v in values)
    counts = [(str(b), sum(1 for v in vals if v <= b)) for b in buckets]
    counts.append(("+Inf", len(vals)))
    return HistogramMetricFamily(name, doc, buckets=counts, sum_value=sum(vals))


def families(store: Store) -> list[Metric]:
    """Every metric family, read from the store now."""
    fam: list[Metric] = []
    decisions = CounterMetricFamily("gridwise_decisions", "Decisions stored, by pathway chosen.",
                                    labels=["chosen"])
    for r in store.rows("SELECT coalesce(chosen, 'none') AS c, count(*) AS n FROM decisions "
                        "GROUP BY 1 ORDER BY 1"):
        decisions.add_metric([r["c"]], r["n"])
    fam.append(decisions)
    fam.append(_by_state(store, "gridwise_orders", "Orders by status.",
                         "SELECT status AS s, count(*) AS n FROM orders GROUP BY 1"))
    fam.append(_by_state(store, "gridwise_jobs", "Jobs by lifecycle state.",
                         "SELECT coalesce(j.status, 'ORDERED') AS s, count(*) AS n FROM orders o "
                         "LEFT JOIN jobs j ON j.id = o.id GROUP BY 1"))
    attempts = CounterMetricFamily("gridwise_job_attempts", "Job attempts by final or current "
                                   "state (a retry is a new attempt).", labels=["state"])
    for r in store.rows("SELECT state, count(*) AS n FROM job_attempts GROUP BY 1 ORDER BY 1"):
        attempts.add_metric([r["state"]], r["n"])
    fam.append(attempts)
    lat = store.rows("SELECT kind, seconds FROM latencies")
    fam.append(_histogram("gridwise_quote_seconds", "Time to quote a job on every provider.",
                          [r["seconds"] for r in lat if r["kind"] == "quote"], LATENCY_BUCKETS))
    fam.append(_histogram("gridwise_decision_seconds", "Time from request to stored decision "
                          "(gridwise ask).", [r["seconds"] for r in lat if r["kind"] == "decision"],
                          LATENCY_BUCKETS))
    queue = store.rows("SELECT epoch(started_at) - epoch(submitted_at) AS s FROM job_attempts "
                       "WHERE started_at IS NOT NULL AND submitted_at IS NOT NULL")
    fam.append(_histogram("gridwise_job_queue_seconds", "Time from sbatch to the job starting.",
                          [max(0.0, r["s"]) for r in queue], QUEUE_BUCKETS))
    fam += _dispatcher(store)
    fam += _cost(store)
    fam += _gpus(store)
    return fam


def _by_state(store: Store, name: str, doc: str, sql: str) -> GaugeMetricFamily:
    g = GaugeMetricFamily(name, doc, labels=["state"])
    for r in sorted(store.rows(sql), key=lambda r: str(r["s"])):
        g.add_metric([str(r["s"])], r["n"])
    return g


def _dispatcher(store: Store) -> list[Metric]:
    beat = GaugeMetricFamily("gridwise_dispatcher_heartbeat_timestamp_seconds",
                             "When each dispatcher last finished a pass (Unix time).",
                             labels=["run_id"])
    ticks = CounterMetricFamily("gridwise_dispatcher_passes", "Reconcile passes per dispatcher.",
                                labels=["run_id"])
    retries = CounterMetricFamily("gridwise_dispatcher_retries",
                                  "Failed jobs resubmitted, over every dispatcher run.")
    for r in store.rows("SELECT id, epoch(heartbeat_at) AS hb, ticks FROM dispatcher_runs "
                        "ORDER BY id"):
        beat.add_metric([r["id"]], r["hb"])
        ticks.add_metric([r["id"]], r["ticks"])
    n = store.rows("SELECT count(*) AS n FROM job_attempts WHERE attempt > 1")[0]["n"]
    retries.add_metric([], n)
    rechecks = CounterMetricFamily("gridwise_dispatcher_rechecks",
                                   "Hourly re-checks of deferred starts, by outcome (kept, "
                                   "moved, released, no_forecast, refused, started, ...).",
                                   labels=["outcome"])
    for r in store.rows("SELECT outcome, count(*) AS n FROM job_rechecks GROUP BY 1 "
                        "ORDER BY 1"):
        rechecks.add_metric([r["outcome"]], r["n"])
    return [beat, ticks, retries, rechecks]


def _cost(store: Store) -> list[Metric]:
    cost = GaugeMetricFamily("gridwise_job_cost_usd", "Quoted cost of each ordered job.",
                             labels=["order_id", "cluster"])
    co2 = GaugeMetricFamily("gridwise_job_co2_kg", "Quoted CO2e of each ordered job.",
                            labels=["order_id", "cluster"])
    cost_total = CounterMetricFamily("gridwise_cost_usd", "Quoted cost of every order.")
    co2_total = CounterMetricFamily("gridwise_co2_kg", "Quoted CO2e of every order.")
    total_c = total_k = 0.0
    for r in store.rows("SELECT id, record FROM orders ORDER BY id"):
        q = json.loads(r["record"])
        cost.add_metric([r["id"], q["cluster"]], q["cost_usd"])
        total_c += q["cost_usd"]
        if q.get("kg_co2e") is not None:
            co2.add_metric([r["id"], q["cluster"]], q["kg_co2e"])
            total_k += q["kg_co2e"]
    cost_total.add_metric([], total_c)
    co2_total.add_metric([], total_k)
    return [cost, co2, cost_total, co2_total]


def _gpus(store: Store) -> list[Metric]:
    rows = store.rows(
        "SELECT node, gpu, util, mem_used_mib, power_w, temp_c, energy_mj FROM "
        "(SELECT *, row_number() OVER (PARTITION BY node, gpu ORDER BY ts DESC) AS r "
        " FROM gpu_metrics) WHERE r = 1 ORDER BY node, gpu")
    out: list[Metric] = []
    for col, (name, doc) in DCGM.items():
        cls = CounterMetricFamily if col == "energy_mj" else GaugeMetricFamily
        f = cls(name, doc, labels=["gpu", "device", "Hostname"])
        for r in rows:
            if r[col] is not None:
                f.add_metric([str(r["gpu"]), f"nvidia{r['gpu']}", r["node"]], r[col])
        out.append(f)
    return out


class StoreCollector:
    """A prometheus-client collector that reads the store at every scrape."""

    def __init__(self, db_file: Path, wait_s: float = 2.0) -> None:
        self.db_file = db_file
        self.wait_s = wait_s
        self.last: list[Metric] = []

    def collect(self) -> Iterator[Metric]:
        """The families, plus `gridwise_store_up` (0: served from the last good read)."""
        up = GaugeMetricFamily("gridwise_store_up", "1 when this scrape read the store.")
        try:
            with Store.open(self.db_file, read_only=True, wait_s=self.wait_s) as store:
                self.last = families(store)
            up.add_metric([], 1)
        except (StoreLockedError, StoreNotLoadedError):
            up.add_metric([], 0)
        yield from self.last
        yield up


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve(db_file: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[WSGIServer, str]:
    """An HTTP server for `/metrics` (not yet serving: call `serve_forever`); (server, url)."""
    registry = CollectorRegistry()
    registry.register(StoreCollector(db_file))
    server = make_server(host, port, make_wsgi_app(registry), handler_class=_Quiet)
    return server, f"http://{host}:{server.server_port}"
