"""Dispatch to a real single-node Slurm: lifecycle, holds, retries, crash safety, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agents.cluster import ClusterAgent
from agents.coordinator import Coordinator
from gridwise.errors import UserError
from gridwise.records import jobs as jr
from tests.dispatchkit import (
    CLOCK,
    V100_JOB,
    copies,
    dispatcher,
    order_onprem,
    slurm_jobs_named,
    slurm_of,
    until,
)
from tools.beckn.context import Transaction
from tools.beckn.transport import InProcessTransport
from tools.dispatch.dispatcher import cancel
from tools.energy import measure_attempt, parse_gpus
from tools.telemetry import GpuSample, store_samples

pytestmark = pytest.mark.slow


def _held(store, order_id):
    """GPUs the order still holds (holds not released)."""
    return store.rows("SELECT coalesce(sum(len(gpus)), 0) AS n FROM reservations "
                      "WHERE order_id = ? AND released_at IS NULL", [order_id])[0]["n"]


def test_order_runs_to_completion_and_its_hold_ends(store, local_slurm, tmp_path):
    order_id, quote = order_onprem(store)
    assert _held(store, order_id) == quote.count           # confirm held the GPUs
    disp = dispatcher(local_slurm, tmp_path)
    assert until(store, disp, order_id, ("COMPLETED",)) == "COMPLETED"
    (attempt,) = jr.attempts(store, order_id)
    assert attempt["submitted_at"].replace(microsecond=0) <= attempt["started_at"] \
        <= attempt["ended_at"]                          # Slurm reports whole seconds
    assert attempt["exit_code"] == 0 and attempt["nodes"] == local_slurm.node
    if attempt["gpus"] is not None:  # seen while it ran: the 8 GPUs Slurm gave it
        node, _, idx = attempt["gpus"].partition(":")   # (gres.conf order over all types)
        assert node == local_slurm.node and len(set(idx.split(","))) == quote.count
    # measured energy: the NVML counter of the job's own GPUs over its run (readings stored
    # as the collector would; none existed while it ran, so nothing was measured then)
    assert attempt["measured_kwh"] is None
    if attempt["gpus"] is not None:
        mine = set(parse_gpus(attempt["gpus"])[local_slurm.node])
        store_samples(store, [GpuSample(t, local_slurm.node, g, 90, 1, 300, 60,
                                        (1e9 if t == attempt["ended_at"] else 0) * (g + 1))
                              for t in (attempt["started_at"], attempt["ended_at"])
                              for g in range(14)])
        kwh = measure_attempt(store, order_id, 1)
        assert kwh == pytest.approx(sum(1e9 * (g + 1) for g in mine) / 3.6e9)
    states = [e["state"] for e in jr.events(store, order_id)]
    assert states[:2] == ["SUBMITTING", "SUBMITTED"] and states[-1] == "COMPLETED"
    assert "RUNNING" in states
    # the job in Slurm: named by the order, on the quoted GPUs, and only one of it
    (sj,) = slurm_jobs_named(local_slurm, order_id)
    shown = slurm_of(local_slurm).show(sj.job_id)
    assert f"gpu:v10032gb:{quote.count}" in shown["TresPerNode"]
    assert _held(store, order_id) == 0                     # the hold ended with the job
    (hold,) = store.rows("SELECT released_at FROM reservations WHERE order_id = ?", [order_id])
    assert hold["released_at"] >= attempt["ended_at"]
    # Beckn: the coordinator polls the provider, which answers from the engine's state
    agent = ClusterAgent(store, "onprem")
    coord = Coordinator(store, InProcessTransport({"onprem": agent.handle}),
                        Transaction(bap_id="bap", bap_uri="inproc://bap"))
    progress = coord.status(order_id, "onprem", CLOCK)
    assert progress.state == "COMPLETED"


def test_failed_job_is_retried_with_the_reason_then_fails(store, local_slurm, tmp_path):
    first, _ = order_onprem(store)
    jr.release_hold(store, first)
    (order_id,) = copies(store, first, 1, command="echo broken >&2; exit 3")
    store.conn.execute("UPDATE jobs SET status = 'CANCELLED' WHERE id = ?", [first])
    disp = dispatcher(local_slurm, tmp_path, max_retries=1)
    assert until(store, disp, order_id, ("FAILED",)) == "FAILED"
    tries = jr.attempts(store, order_id)
    assert [t["state"] for t in tries] == ["FAILED", "FAILED"]
    assert "exit code 3," in tries[0]["reason"] and tries[0]["exit_code"] == 3
    assert tries[1]["reason"].startswith("Slurm state FAILED")
    retry = [e for e in jr.events(store, order_id) if e["attempt"] == 2][0]
    assert retry["state"] == "SUBMITTING" and retry["detail"].startswith("retry 1 of 1 after:")
    assert len(slurm_jobs_named(local_slurm, order_id)) == 2   # one Slurm job per attempt
    assert disp.retries == 1


def test_a_crash_after_sbatch_adopts_the_job_instead_of_submitting_again(
        store, local_slurm, tmp_path, monkeypatch):
    order_id, _ = order_onprem(store)
    real = jr.submitted

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("dispatcher killed between sbatch and recording it")

    monkeypatch.setattr(jr, "submitted", killed)
    with pytest.raises(KeyboardInterrupt):
        dispatcher(local_slurm, tmp_path).tick(store)
    assert jr.attempts(store, order_id)[0]["state"] == "SUBMITTING"
    monkeypatch.setattr(jr, "submitted", real)
    fresh = dispatcher(local_slurm, tmp_path)                 # the restarted dispatcher
    assert fresh.tick(store)["adopted"] == 1
    assert until(store, fresh, order_id, ("COMPLETED",)) == "COMPLETED"
    assert len(slurm_jobs_named(local_slurm, order_id)) == 1
    assert "adopted Slurm job" in jr.events(store, order_id)[1]["detail"]


def test_deferred_start_priority_and_requeue_reach_slurm_and_cancel_ends_all(
        store, local_slurm, tmp_path):
    order_id, quote = order_onprem(store)
    # the decision waited 3 h for its window: at 20 s per hour the job may start in ~60 s
    store.conn.execute("UPDATE decisions SET clock = ? WHERE id = (SELECT decision_id FROM "
                       "orders WHERE id = ?)", [quote.start - timedelta(hours=3), order_id])
    spec = store.rows("SELECT spec FROM jobs WHERE id = ?", [order_id])[0]["spec"]
    store.conn.execute("UPDATE jobs SET spec = ? WHERE id = ?", [
        spec.replace('"interruptible":null', '"interruptible":true')
            .replace('"objective":null', '"objective":"fastest"'), order_id])
    disp = dispatcher(local_slurm, tmp_path, time_scale=20.0)
    disp.tick(store)
    assert until(store, disp, order_id, ("PENDING",)) == "PENDING"
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    shown = slurm_of(local_slurm).show(job_id)
    assert shown["JobState"] == "PENDING" and shown["Reason"] == "BeginTime"
    assert shown["Nice"] == "0" and shown["Requeue"] == "1"      # high priority, preemptible
    assert jr.attempts(store, order_id)[0]["reason"] == "BeginTime"
    assert cancel(store, slurm_of(local_slurm), order_id).startswith(f"cancelled {order_id}")
    assert slurm_of(local_slurm).show(job_id)["JobState"] == "CANCELLED"
    assert store.rows("SELECT status FROM jobs WHERE id = ?", [order_id])[0]["status"] == \
        "CANCELLED"
    assert _held(store, order_id) == 0
    disp.tick(store)                                            # nothing resubmitted
    assert len(slurm_jobs_named(local_slurm, order_id)) == 1
    with pytest.raises(UserError, match="already ended"):
        cancel(store, slurm_of(local_slurm), order_id)


def test_a_job_slurm_rejects_is_marked_with_slurms_reason(store, local_slurm, tmp_path):
    order_id, quote = order_onprem(store)
    store.conn.execute("UPDATE orders SET record = replace(record, '\"count\":8', '\"count\":9')"
                       " WHERE id = ?", [order_id])           # more GPUs than the node has
    disp = dispatcher(local_slurm, tmp_path)
    assert disp.tick(store)["rejected"] == 1
    (a,) = jr.attempts(store, order_id)
    assert a["state"] == "REJECTED" and a["reason"].startswith("Slurm rejected the job: ")
    assert "node configuration is not available" in a["reason"]
    assert store.rows("SELECT status FROM orders WHERE id = ?", [order_id])[0]["status"] == \
        "REJECTED"
    assert _held(store, order_id) == 0
    # slurmctld may keep the refused request as a FAILED record; nothing ever ran
    assert all(j.state == "FAILED" and j.start_time is None or j.nodes == ""
               for j in slurm_jobs_named(local_slurm, order_id))


def test_an_order_on_a_cluster_without_slurm_mapping_is_rejected_by_name(
        store, local_slurm, tmp_path):
    order_id, _ = order_onprem(store)
    disp = dispatcher(local_slurm, tmp_path, partitions={})
    assert disp.tick(store)["rejected"] == 1
    (a,) = jr.attempts(store, order_id)
    assert "onprem-eu-v100" in a["reason"] and "GRIDWISE_SLURM_PARTITIONS" in a["reason"]
    assert slurm_jobs_named(local_slurm, order_id) == []


def test_a_job_slurm_has_forgotten_is_failed_with_the_reason_and_retried(
        store, local_slurm, tmp_path):
    order_id, _ = order_onprem(store)
    jr.new_attempt(store, order_id, 1, "slurm")
    jr.submitted(store, order_id, 1, "999999", jr.utcnow(), "a job purged since")
    disp = dispatcher(local_slurm, tmp_path, max_retries=1)
    assert disp.tick(store)["retried"] == 1
    first = jr.attempts(store, order_id)[0]
    assert first["state"] == "FAILED" and "Slurm no longer knows job 999999" in first["reason"]
    assert until(store, disp, order_id, ("COMPLETED",)) == "COMPLETED"


def test_a_preempted_interruptible_job_is_requeued_and_every_restart_recorded(
        store, local_slurm, tmp_path):
    import subprocess

    order_id, _ = order_onprem(store, {**V100_JOB, "constraints": {"interruptible": True}})
    disp = dispatcher(local_slurm, tmp_path, time_scale=30.0)      # a ~7 s placeholder run
    assert until(store, disp, order_id, ("RUNNING",)) == "RUNNING"
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    assert slurm_of(local_slurm).show(job_id)["Requeue"] == "1"
    subprocess.run(["scontrol", "requeue", job_id], check=True, env=local_slurm.env)
    assert until(store, disp, order_id, ("PENDING",)) == "PENDING"   # waits to run again
    (a,) = jr.attempts(store, order_id)
    assert a["requeues"] == 1 and a["engine_job_id"] == job_id
    assert "REQUEUED" in [e["state"] for e in jr.events(store, order_id)]
    cancel(store, slurm_of(local_slurm), order_id)
