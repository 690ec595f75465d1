"""GPU telemetry: live NVML samples into `gpu_metrics`, and reads for the cluster agents.

On a machine without an NVIDIA driver, `nvml_status()` says so plainly ("no NVML: ...")
and collection raises a `UserError` with the reason; nothing is faked.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from gridwise.errors import UserError
from gridwise.store import Store


@dataclass(frozen=True)
class GpuSample:
    """One GPU reading."""

    ts: datetime
    node: str
    gpu: int
    util: float | None
    mem_used_mib: float | None
    power_w: float | None
    temp_c: float | None


def nvml_status() -> str:
    """'nvml: N GPU(s), driver X' or 'no NVML: <why>' (never raises)."""
    try:
        import pynvml
    except ImportError:
        return "no NVML: the nvidia-ml-py package is not installed"
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        return f"no NVML: {exc}"
    try:
        count = pynvml.nvmlDeviceGetCount()
        driver = pynvml.nvmlSystemGetDriverVersion()
        return f"nvml: {count} GPU(s), driver {driver}"
    finally:
        pynvml.nvmlShutdown()


def sample_nvml(node: str | None = None) -> list[GpuSample]:
    """One reading of every local GPU (utilisation %, memory MiB, power W, temperature C).

    Raises:
        UserError: NVML is not available here (the message gives the reason).
    """
    import pynvml

    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        raise UserError(f"no NVML on this machine: {exc}",
                        "run on a host with an NVIDIA driver, or load recorded metrics") from None
    node = node or socket.gethostname()
    now = datetime.now(UTC).replace(tzinfo=None)
    out = []
    try:
        for i in range(pynvml.nvmlDeviceGetCount()):
            h = pynvml.nvmlDeviceGetHandleByIndex(i)
            out.append(GpuSample(
                now, node, i,
                _try(lambda h=h: float(pynvml.nvmlDeviceGetUtilizationRates(h).gpu)),
                _try(lambda h=h: pynvml.nvmlDeviceGetMemoryInfo(h).used / 2**20),
                _try(lambda h=h: pynvml.nvmlDeviceGetPowerUsage(h) / 1000.0),
                _try(lambda h=h: float(pynvml.nvmlDeviceGetTemperature(
                    h, pynvml.NVML_TEMPERATURE_GPU)))))
    finally:
        pynvml.nvmlShutdown()
    return out


def _try(read: Any) -> float | None:
    """A reading a GPU does not support (e.g. power on some boards) is None, not an error."""
    import pynvml

    try:
        return float(read())
    except pynvml.NVMLError_NotSupported:
        return None


def store_samples(store: Store, samples: list[GpuSample], source: str = "nvml") -> int:
    """Append samples to `gpu_metrics` in one transaction; returns the rows written."""
    with store.transaction() as con:
        con.executemany(
            "INSERT INTO gpu_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [[s.ts, s.node, s.gpu, s.util, s.mem_used_mib, s.power_w, s.temp_c, source]
             for s in samples])
    return len(samples)


def collect(store: Store, count: int = 1, interval_s: float = 1.0,
            node: str | None = None) -> int:
    """Sample `count` times, `interval_s` apart, into the store."""
    written = 0
    for k in range(count):
        written += store_samples(store, sample_nvml(node))
        if k + 1 < count:
            time.sleep(interval_s)
    return written


def latest_metrics(conn: duckdb.DuckDBPyConnection, nodes: list[str]) -> dict[str, Any]:
    """Per node, the newest reading of each GPU: mean utilisation and total power."""
    if not nodes:
        return {}
    rows = conn.execute(
        "SELECT node, max(ts) AS ts, avg(util) AS util, sum(power_w) AS power_w, count(*) AS n "
        "FROM (SELECT *, row_number() OVER (PARTITION BY node, gpu ORDER BY ts DESC) AS r "
        "      FROM gpu_metrics WHERE node IN (SELECT unnest(?))) WHERE r = 1 GROUP BY node",
        [nodes]).fetchall()
    return {n: {"ts": ts.isoformat(), "util_pct": u, "power_w": p, "gpus": k}
            for n, ts, u, p, k in rows}
