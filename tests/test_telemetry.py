from datetime import datetime

import pytest

from gridwise.errors import UserError
from gridwise.store import Store
from tools.telemetry import GpuSample, latest_metrics, nvml_status, sample_nvml, store_samples


def _has_nvml() -> bool:
    return nvml_status().startswith("nvml:")


def test_status_is_plain_either_way():
    status = nvml_status()
    assert status.startswith("nvml:") or status.startswith("no NVML:")


@pytest.mark.skipif(_has_nvml(), reason="this machine has a GPU")
def test_sampling_without_nvml_is_a_clear_error():
    with pytest.raises(UserError, match="no NVML on this machine"):
        sample_nvml()


@pytest.mark.skipif(not _has_nvml(), reason="no NVIDIA GPU here (checked on a GPU host only)")
def test_sampling_reads_every_gpu():
    samples = sample_nvml("host-a")
    assert samples and all(s.node == "host-a" for s in samples)


def test_latest_metrics_takes_the_newest_reading_per_gpu():
    store = Store.open(":memory:")
    t0, t1 = datetime(2023, 1, 1, 0), datetime(2023, 1, 1, 1)
    store_samples(store, [GpuSample(t0, "n1", 0, 10, 100, 50, 40),
                          GpuSample(t1, "n1", 0, 90, 100, 250, 60),
                          GpuSample(t1, "n1", 1, 70, 100, 200, 55),
                          GpuSample(t1, "n2", 0, 5, 10, 30, 30)], source="test")
    got = latest_metrics(store.conn, ["n1", "n3"])
    assert set(got) == {"n1"}
    assert got["n1"]["gpus"] == 2 and got["n1"]["util_pct"] == pytest.approx(80)
    assert got["n1"]["power_w"] == pytest.approx(450)
