"""`gridwise dispatch` / `gridwise jobs` as a user runs them, dispatcher kills, bad settings."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from gridwise.errors import UserError
from gridwise.records import jobs as jr
from gridwise.store import Store
from tests.dispatchkit import copies, dispatcher, order_onprem, slurm_jobs_named, until
from tests.graphkit import tiny_store
from tools.dispatch.slurm import Slurm

needs_squeue = pytest.mark.skipif(shutil.which("squeue") is None,
                                  reason="Slurm's commands are not installed (make system-deps)")


def _env(tmp_path, cluster=None, **extra):
    env = {**os.environ, "GRIDWISE_DB_PATH": str(tmp_path / "g.duckdb"),
           "GRIDWISE_HOME": str(tmp_path / "home"), "GRIDWISE_DISPATCH_TIME_SCALE": "4",
           "GRIDWISE_SLURM_PARTITIONS": json.dumps({"onprem-eu-v100": "gpu"})}
    if cluster is not None:
        env["GRIDWISE_SLURM_CONF"] = str(cluster.conf)
    return env | extra


def gw(tmp_path, *args, cluster=None, **extra):
    return subprocess.run([sys.executable, "-m", "gridwise", *args], capture_output=True,
                          text=True, env=_env(tmp_path, cluster, **extra), timeout=120)


@needs_squeue
def test_a_missing_slurm_config_names_the_setting(tmp_path):
    with pytest.raises(UserError, match="GRIDWISE_SLURM_CONF") as exc:
        Slurm(conf=tmp_path / "nope.conf").jobs()
    assert "no Slurm config" in exc.value.message


@needs_squeue
def test_a_controller_that_does_not_answer_names_the_setting(tmp_path):
    conf = tmp_path / "slurm.conf"
    conf.write_text("ClusterName=x\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort=1\n"
                    f"AuthType=auth/munge\nAuthInfo=socket={tmp_path}/none\nMessageTimeout=2\n"
                    "NodeName=localhost CPUs=1\nPartitionName=gpu Nodes=localhost\n")
    with pytest.raises(UserError, match="Slurm is not reachable") as exc:
        Slurm(conf=conf).jobs()
    assert f"GRIDWISE_SLURM_CONF={conf}" in exc.value.message
    # the dispatcher command says the same, cleanly (exit 2, no traceback)
    store = tiny_store(tmp_path)
    order_onprem(store)
    store.close()
    done = gw(tmp_path, "dispatch", "--once", GRIDWISE_SLURM_CONF=str(conf))
    assert done.returncode == 2 and "Slurm is not reachable" in done.stderr
    assert "Traceback" not in done.stderr and "To fix:" in done.stderr


def _inproc(monkeypatch, capsys, tmp_path, cluster, *args):
    """Run `gridwise ARGS` in this process; (exit code, stdout, stderr)."""
    from gridwise.cli import run

    for k, v in _env(tmp_path, cluster).items():
        if k.startswith("GRIDWISE_"):
            monkeypatch.setenv(k, v)
    code = 0
    try:
        run(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    got = capsys.readouterr()
    return code, got.out, got.err


@pytest.mark.slow
def test_jobs_commands_end_to_end(tmp_path, local_slurm, monkeypatch, capsys):
    store = tiny_store(tmp_path)
    order_id, _ = order_onprem(store)
    store.close()
    done = gw(tmp_path, "dispatch", "--once", "--json", cluster=local_slurm)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["submitted"] == 1

    def cli(*args):
        return _inproc(monkeypatch, capsys, tmp_path, local_slurm, *args)

    code, out, _ = cli("jobs", "list", "--json")
    (row,) = json.loads(out)["jobs"]
    assert row["order_id"] == order_id and row["status"] in ("SUBMITTED", "PENDING", "RUNNING")
    code, out, _ = cli("jobs", "show", order_id)
    assert code == 0 and "attempt 1" in out and "SUBMITTED" in out
    code, out, _ = cli("jobs", "show", order_id, "--json")
    assert json.loads(out)["beckn"]["state"] in ("QUEUED", "RUNNING")  # from the engine
    code, _, err = cli("jobs", "show", order_id[:-1])
    assert code == 2 and "did you mean" in err
    code, out, _ = cli("jobs", "cancel", order_id, "--json")
    assert code == 0 and json.loads(out)["status"] == "CANCELLED"
    code, _, err = cli("jobs", "cancel", order_id)
    assert code == 2 and "already ended" in err


@pytest.mark.slow
def test_killed_dispatchers_lose_and_duplicate_nothing(tmp_path, local_slurm):
    store = tiny_store(tmp_path)
    first, _ = order_onprem(store)
    jr.release_hold(store, first)
    orders = [first, *copies(store, first, 7)]
    store.close()
    rng = random.Random(15)
    cmd = [sys.executable, "-m", "gridwise", "dispatch", "--interval", "0.2"]
    env = _env(tmp_path, local_slurm, GRIDWISE_DISPATCH_TIME_SCALE="2")
    for _ in range(3):  # kill -9 at a random point, three times
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    # the last restart runs in-process until everything has ended
    store = Store.open(tmp_path / "g.duckdb")
    disp = dispatcher(local_slurm, tmp_path)
    for o in orders:
        until(store, disp, o, ("COMPLETED", "FAILED", "REJECTED"), timeout_s=90)
    states = {r["id"]: r["status"] for r in store.rows("SELECT id, status FROM jobs")}
    attempts = {o: len(jr.attempts(store, o)) for o in orders}
    store.close()
    assert all(states[o] == "COMPLETED" for o in orders), states      # nothing lost
    for o in orders:                                                   # nothing duplicated
        assert len(slurm_jobs_named(local_slurm, o)) == attempts[o] == 1
