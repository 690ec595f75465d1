"""What a dispatched job runs (artifact, script), cloud launch specs, NVML energy and errors."""

from __future__ import annotations

import sys
import types
from datetime import datetime, timedelta

import pytest
import yaml

from gridwise.errors import UserError
from gridwise.models import JobSpec
from gridwise.records import jobs as jr
from gridwise.store import Store
from tests.dispatchkit import CLOCK, order_onprem
from tools.dispatch.dispatcher import Dispatcher
from tools.dispatch.launch import artifact_for, batch_script
from tools.dispatch.progress import engine_progress
from tools.dispatch.slurm import Slurm, expand_hostlist
from tools.energy import energy_kwh, energy_report, format_gpus, parse_gpus
from tools.telemetry import GpuSample, collect, sample_nvml, store_samples


def test_the_artifact_follows_the_variant():
    assert artifact_for("Llama-3.1-70B", "int4").repo_id == \
        "hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4"
    assert artifact_for("meta-llama/Llama-2-7b-hf", "int4").repo_id == "TheBloke/Llama-2-7B-AWQ"
    assert artifact_for("Llama-2-7B", None).repo_id == "meta-llama/Llama-2-7b-hf"
    missing = artifact_for("Gemma-2-9B", "int4")
    assert missing.repo_id is None and "no curated artifact" in missing.note


def test_batch_script_names_the_artifact_and_runs_the_command(store):
    order_id, quote = order_onprem(store)
    quote = quote.model_copy(update={"variant": "int4"})
    job = JobSpec.model_validate({"kind": "inference", "model": {"name": "Llama-2-70B"}})
    script = batch_script(order_id, 1, quote, job, time_scale=2.0)
    assert "export GRIDWISE_MODEL_ARTIFACT=TheBloke/Llama-2-70B-AWQ" in script
    assert f"sleep {max(1, round(quote.runtime_h * 2))}" in script
    job.command = "python serve.py --model $GRIDWISE_MODEL_ARTIFACT"
    script = batch_script(order_id, 1, quote, job, time_scale=2.0)
    assert script.rstrip().endswith(job.command) and "sleep" not in script


def _dispatch_cloud(store, tmp_path, provider, gpu="H100"):
    order_id, quote = order_onprem(store, {"kind": "train", "gpu_hours": 4,
                                           "hardware": {"gpu_type": gpu}},
                                   provider=provider)
    # no on-prem orders: Slurm is never asked (its config does not even exist)
    Dispatcher(slurm=Slurm(conf=tmp_path / "absent.conf"), partitions={}).tick(store)
    return order_id, quote


def test_a_cloud_order_gets_a_skypilot_task_and_is_never_claimed_launched(store, tmp_path):
    order_id, quote = _dispatch_cloud(store, tmp_path, "lambda")
    (row,) = store.rows("SELECT * FROM launch_specs WHERE order_id = ?", [order_id])
    assert row["kind"] == "skypilot" and "NOT launched by gridwise" in row["spec"]
    task = yaml.safe_load(row["spec"])
    assert task["name"] == order_id
    assert task["resources"] == {"cloud": "lambda", "region": quote.region,
                                 "accelerators": f"H100:{quote.count}",
                                 "use_spot": quote.spot,
                                 **({"instance_type": quote.instance_type}
                                    if quote.instance_type else {})}
    if "sky" not in sys.modules:
        assert row["validated"].startswith("not checked: SkyPilot is not installed")
    assert store.rows("SELECT status FROM jobs WHERE id = ?", [order_id])[0]["status"] == \
        "LAUNCH_SPEC"
    assert engine_progress(store, order_id).state == "SCHEDULED"  # gridwise cannot see it run
    (event,) = jr.events(store, order_id)
    assert event["state"] == "LAUNCH_SPEC" and "not launched by gridwise" in event["detail"]
    # a second pass leaves it alone
    Dispatcher(slurm=Slurm(conf=tmp_path / "absent.conf"), partitions={}).tick(store)
    assert store.rows("SELECT count(*) AS n FROM launch_specs")[0]["n"] == 1


def test_skypilot_loader_accepts_the_task_when_installed(store, tmp_path):
    pytest.importorskip("sky", reason="SkyPilot is optional: pip install 'gridwise[launch]'")
    order_id, _ = _dispatch_cloud(store, tmp_path, "aws")
    (row,) = store.rows("SELECT validated FROM launch_specs WHERE order_id = ?", [order_id])
    assert row["validated"].startswith("skypilot ")


def test_a_provider_skypilot_cannot_launch_says_so(store, tmp_path):
    order_id, _ = _dispatch_cloud(store, tmp_path, "lium", "A100-80GB")
    (row,) = store.rows("SELECT kind, spec FROM launch_specs WHERE order_id = ?", [order_id])
    assert row["kind"] == "none" and "SkyPilot has no backend for provider 'lium'" in row["spec"]


def test_measured_energy_is_the_counter_difference_over_the_run():
    store = Store.open(":memory:")
    t0 = datetime(2026, 12, 1, 10)
    samples = [GpuSample(t0 + timedelta(seconds=s), node, g, 50, 1, 200, 50, mj)
               for s, base in ((0, 0), (60, 1), (120, 2)) for node, g, mj in
               (("gpu-1", 0, 1e6 + base * 3.6e8), ("gpu-1", 1, 5e6 + base * 1.8e8),
                ("gpu-2", 0, 9e6 + base * 3.6e8))]
    store_samples(store, samples)
    end = t0 + timedelta(seconds=120)
    kwh = energy_kwh(store, expand_hostlist("gpu-[1-2]"), t0, end)
    assert kwh == pytest.approx((7.2e8 + 3.6e8 + 7.2e8) / 3.6e9)
    only = parse_gpus(format_gpus({"gpu-1": [1], "gpu-2": [0]}))   # the job's own GPUs
    assert energy_kwh(store, ["gpu-1", "gpu-2"], t0, end, only) == \
        pytest.approx((3.6e8 + 7.2e8) / 3.6e9)
    assert energy_kwh(store, ["gpu-9"], t0, t0 + timedelta(hours=1)) is None   # unmeasured
    assert expand_hostlist("a01,b[1-3,07]") == ["a01", "b1", "b2", "b3", "b07"]


def test_energy_report_puts_predicted_next_to_measured(store):
    order_id, quote = order_onprem(store)
    jr.new_attempt(store, order_id, 1, "slurm")
    jr.observe(store, order_id, 1, "COMPLETED", ended_at=CLOCK)
    rep = energy_report(store)
    assert rep["jobs"][0]["measured_kwh"] is None and "no job has NVML energy" in rep["note"]
    jr.set_energy(store, order_id, 1, quote.energy_kwh * 0.8)
    rep = energy_report(store)
    assert rep["jobs"][0]["error"] == pytest.approx(0.25)     # predicted 25 % over measured
    assert rep["mean_abs_error"] == pytest.approx(0.25)


class _FakeNvml(types.ModuleType):
    """Stands in for the NVIDIA driver: two GPUs, GPU 1 loses power readings mid-sample,
    GPU 2's handle fails (fell off the bus)."""

    NVML_TEMPERATURE_GPU = 0

    class NVMLError(Exception):
        pass

    class NVMLError_NotSupported(NVMLError):  # noqa: N801 (pynvml's name)
        pass

    def __init__(self) -> None:
        super().__init__("pynvml")
        self.energy = [1000.0, 2000.0]

    def nvmlInit(self):  # noqa: N802
        pass

    def nvmlShutdown(self):  # noqa: N802
        pass

    def nvmlDeviceGetCount(self):  # noqa: N802
        return 3

    def nvmlDeviceGetHandleByIndex(self, i):  # noqa: N802
        if i == 2:
            raise self.NVMLError("GPU is lost")
        return i

    def nvmlDeviceGetUtilizationRates(self, h):  # noqa: N802
        return types.SimpleNamespace(gpu=40 + h)

    def nvmlDeviceGetMemoryInfo(self, h):  # noqa: N802
        return types.SimpleNamespace(used=2**30)

    def nvmlDeviceGetPowerUsage(self, h):  # noqa: N802
        if h == 1:
            raise self.NVMLError("Unknown Error")
        return 300_000

    def nvmlDeviceGetTemperature(self, h, kind):  # noqa: N802
        raise self.NVMLError_NotSupported()

    def nvmlDeviceGetTotalEnergyConsumption(self, h):  # noqa: N802
        self.energy[h] += 5000.0
        return self.energy[h]


def test_nvml_errors_mid_sample_keep_the_other_readings(monkeypatch):
    monkeypatch.setitem(sys.modules, "pynvml", _FakeNvml())
    errors: list[str] = []
    got = sample_nvml("node-a", errors)
    assert [s.gpu for s in got] == [0, 1]
    assert got[0].power_w == 300.0 and got[0].energy_mj == 6000.0 and got[0].temp_c is None
    assert got[1].power_w is None and got[1].util == 41
    assert errors == ["GPU 1 power: Unknown Error", "GPU 2: GPU is lost"]
    store = Store.open(":memory:")
    errors.clear()
    assert collect(store, count=2, interval_s=0.01, node="node-a", errors=errors) == 4
    energy = store.rows("SELECT gpu, energy_mj FROM gpu_metrics ORDER BY ts, gpu")
    assert [r["energy_mj"] for r in energy] == [11000.0, 12000.0, 16000.0, 17000.0]
    assert len(errors) == 4


def test_without_nvml_collection_is_a_clear_error(monkeypatch):
    fake = _FakeNvml()

    def fail():
        raise fake.NVMLError("NVML Shared Library Not Found")

    fake.nvmlInit = fail  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    with pytest.raises(UserError, match="no NVML on this machine: NVML Shared Library"):
        sample_nvml()
