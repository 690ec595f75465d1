"""The Prometheus exporter: its text, and a real Prometheus server scraping it on loopback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime

import pytest
from prometheus_client.parser import text_string_to_metric_families

from gridwise.records import jobs as jr
from gridwise.records.latencies import record_latency
from tests.dispatchkit import order_onprem
from tests.graphkit import tiny_store
from tools.metrics import serve
from tools.telemetry import GpuSample, store_samples

NOW = datetime(2026, 12, 1, 12)


@pytest.fixture
def exporter(tmp_path):
    store = tiny_store(tmp_path)
    order_id, quote = order_onprem(store)
    record_latency(store, "quote", 0.3)
    record_latency(store, "decision", 1.7)
    recheck = {"order_id": order_id, "attempt": 1, "ts": NOW, "clock": quote.start,
               "made_at": quote.start, "series": "carbon_intensity:lca", "zone": "DE-LU",
               "model": "ridge", "old_start": quote.start, "new_start": quote.start,
               "old_value": 200.0, "new_value": 200.0, "unit": "gCO2/kWh",
               "action": "keep", "outcome": "kept", "engine_begin": None,
               "why": "the planned start is still the lowest", "detail": "ridge"}
    for outcome in ("kept", "moved", "moved"):
        jr.recheck(store, recheck | {"outcome": outcome})
    store_samples(store, [GpuSample(NOW, "node-a", 0, 91.0, 30000.0, 250.5, 61.0, 1.5e9),
                          GpuSample(NOW, "node-a", 1, 12.0, 1000.0, 70.0, 40.0, 2.5e9)])
    store.close()
    server, url = serve(tmp_path / "g.duckdb", "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, order_id, quote
    server.shutdown()
    server.server_close()


def _get(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as r:
        return r.read().decode()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for fam in text_string_to_metric_families(text) for s in fam.samples}


def test_metrics_text_has_gridwise_and_dcgm_series(exporter):
    url, order_id, quote = exporter
    got = _samples(_get(url + "/metrics"))
    assert got[("gridwise_store_up", ())] == 1
    assert got[("gridwise_orders", (("state", "SCHEDULED"),))] == 1
    assert got[("gridwise_jobs", (("state", "SCHEDULED"),))] == 1
    assert got[("gridwise_quote_seconds_count", ())] == 1
    assert got[("gridwise_quote_seconds_bucket", (("le", "0.25"),))] == 0
    assert got[("gridwise_quote_seconds_bucket", (("le", "0.5"),))] == 1
    assert got[("gridwise_decision_seconds_sum", ())] == pytest.approx(1.7)
    assert got[("gridwise_job_cost_usd", (("cluster", quote.cluster), ("order_id", order_id)))] \
        == pytest.approx(quote.cost_usd)
    assert got[("gridwise_cost_usd_total", ())] == pytest.approx(quote.cost_usd)
    gpu0 = (("Hostname", "node-a"), ("device", "nvidia0"), ("gpu", "0"))
    assert got[("DCGM_FI_DEV_POWER_USAGE", gpu0)] == pytest.approx(250.5)
    assert got[("DCGM_FI_DEV_GPU_UTIL", gpu0)] == 91
    assert got[("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION_total", gpu0)] == 1.5e9
    assert got[("gridwise_dispatcher_rechecks_total", (("outcome", "moved"),))] == 2
    assert got[("gridwise_dispatcher_rechecks_total", (("outcome", "kept"),))] == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("prometheus") is None,
                    reason="no Prometheus server here (as root `make system-deps` installs "
                    "Debian's prometheus)")
def test_a_real_prometheus_scrapes_the_exporter(exporter, tmp_path):
    url, order_id, quote = exporter
    target = url.removeprefix("http://")
    config = tmp_path / "prometheus.yml"
    config.write_text("global:\n  scrape_interval: 1s\nscrape_configs:\n"
                      f"  - job_name: gridwise\n    static_configs:\n"
                      f"      - targets: ['{target}']\n")
    port = _free_port()
    proc = subprocess.Popen(["prometheus", f"--config.file={config}",
                             f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                             f"--web.listen-address=127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api/v1/query?query="

    def query(q: str) -> list[dict[str, object]]:
        try:
            body = json.loads(_get(api + urllib.parse.quote(q)))
        except OSError:
            return []
        return body["data"]["result"] if body.get("status") == "success" else []

    try:
        deadline = time.monotonic() + 40
        power: list[dict[str, object]] = []
        while time.monotonic() < deadline and not power:
            time.sleep(0.5)
            power = query('DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="node-a"}')
        assert power, "Prometheus did not scrape the exporter within 40 s"
        assert float(power[0]["value"][1]) == pytest.approx(250.5)   # type: ignore[index]
        (orders,) = query('gridwise_orders{state="SCHEDULED"}')
        assert float(orders["value"][1]) == 1                       # type: ignore[index]
        (cost,) = query("gridwise_cost_usd_total")
        assert float(cost["value"][1]) == pytest.approx(quote.cost_usd, rel=1e-6)  # type: ignore[index]
        (up,) = query('up{job="gridwise"}')
        assert up["value"][1] == "1"                                # type: ignore[index]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
