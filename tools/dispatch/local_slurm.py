"""A single-node Slurm on loopback, for tests, benchmarks and trying the dispatcher out.

It runs the real Debian `slurm-wlm` daemons (slurmctld + slurmd) and its own `munged`,
each with its own key, socket, config, state, spool, log and pid files under one folder,
so nothing system-wide is touched. GPUs are placeholder files (gres.conf needs a `File=`
per GPU; Slurm schedules them like real ones). Needs root (SlurmUser=root) and the
Debian packages; `LocalSlurm.unavailable()` says why it cannot run here.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DAEMONS = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalSlurm:
    """A throw-away single-node Slurm under `root` (start with `start`, end with `stop`)."""

    root: Path
    gres: dict[str, int] = field(default_factory=lambda: {"v100": 8, "a10": 8, "t4": 8})
    cpus: int = 64
    partition: str = "gpu"
    node: str = field(default_factory=lambda: socket.gethostname().split(".")[0])
    pids: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def unavailable() -> str | None:
        """Why a local Slurm cannot run here, or None when it can."""
        if hasattr(os, "geteuid") and os.geteuid() != 0:
            return "the local Slurm needs root (SlurmUser=root); run the tests as root"
        missing = [d for d in DAEMONS if shutil.which(d) is None]
        if missing:
            return ("Slurm/munge are not installed (missing " + ", ".join(missing)
                    + "); as root `make system-deps` installs slurm-wlm and munge")
        return None

    @property
    def conf(self) -> Path:
        """The slurm.conf the commands must use (`SLURM_CONF`)."""
        return self.root / "etc" / "slurm.conf"

    @property
    def env(self) -> dict[str, str]:
        """Environment for the Slurm commands."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    def _write_config(self) -> None:
        r = self.root
        for sub in ("etc", "state", "spool", "log", "run", "dev", "munge"):
            (r / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(r / "munge", 0o700)
        key = r / "munge" / "munge.key"
        key.write_bytes(os.urandom(1024))
        os.chmod(key, 0o600)
        lines, files = [], []
        k = 0
        for kind, n in sorted(self.gres.items()):
            for _ in range(n):
                (r / "dev" / f"gpu{k}").touch()
                files.append(f"NodeName={self.node} Name=gpu Type={kind} File={r}/dev/gpu{k}")
                k += 1
        gres = ",".join(f"gpu:{kind}:{n}" for kind, n in sorted(self.gres.items()))
        ctl, slurmd = _free_port(), _free_port()
        lines = [
            "ClusterName=gridwise-test", f"SlurmctldHost={self.node}(127.0.0.1)",
            "SlurmUser=root", "SlurmdUser=root", f"SlurmctldPort={ctl}", f"SlurmdPort={slurmd}",
            "AuthType=auth/munge", f"AuthInfo=socket={r}/munge/socket",
            f"StateSaveLocation={r}/state", f"SlurmdSpoolDir={r}/spool",
            f"SlurmctldPidFile={r}/run/slurmctld.pid", f"SlurmdPidFile={r}/run/slurmd.pid",
            f"SlurmctldLogFile={r}/log/slurmctld.log", f"SlurmdLogFile={r}/log/slurmd.log",
            "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core", "GresTypes=gpu",
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "MpiDefault=none",
            "SchedulerType=sched/backfill", "SchedulerParameters=sched_interval=1",
            "MinJobAge=3600", "ReturnToService=2", "SlurmdParameters=config_overrides",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "MessageTimeout=5", "KillWait=1", "InactiveLimit=0",
            f"NodeName={self.node} NodeAddr=127.0.0.1 CPUs={self.cpus} RealMemory=64000 "
            f"Gres={gres} State=UNKNOWN",
            f"PartitionName={self.partition} Nodes={self.node} Default=YES MaxTime=INFINITE "
            "State=UP OverSubscribe=NO",
        ]
        self.conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        (r / "etc" / "gres.conf").write_text("\n".join(files) + "\n", encoding="utf-8")

    def start(self, timeout_s: float = 30.0) -> LocalSlurm:
        """Write the config, start munged, slurmctld and slurmd, and wait for an idle node.

        Raises:
            RuntimeError: a daemon did not come up (the message quotes its log).
        """
        why = self.unavailable()
        if why:
            raise RuntimeError(why)
        self._write_config()
        r = self.root
        subprocess.run(["munged", "--force", f"--socket={r}/munge/socket",
                        f"--key-file={r}/munge/munge.key", f"--pid-file={r}/run/munged.pid",
                        f"--log-file={r}/log/munged.log", f"--seed-file={r}/munge/seed"],
                       check=True, capture_output=True)
        self.pids["munged"] = self._pid("munged")
        subprocess.run(["slurmctld", "-f", str(self.conf)], check=True, capture_output=True,
                       env=self.env)
        self.pids["slurmctld"] = self._pid("slurmctld")
        subprocess.run(["slurmd", "-f", str(self.conf)], check=True, capture_output=True,
                       env=self.env)
        self.pids["slurmd"] = self._pid("slurmd")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            state = self.node_state()
            if "IDLE" in state and "DRAIN" not in state and "INVAL" not in state:
                return self
            if state and ("DRAIN" in state or "INVAL" in state or "DOWN" in state):
                subprocess.run(["scontrol", "update", f"nodename={self.node}", "state=resume"],
                               capture_output=True, env=self.env)
            time.sleep(0.5)
        logs = self.logs()
        self.stop()
        raise RuntimeError(f"the local Slurm node did not become idle in {timeout_s:.0f} s; "
                           f"logs:\n{logs}")

    def _pid(self, name: str, wait_s: float = 10.0) -> int:
        path = self.root / "run" / f"{name}.pid"
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if path.exists() and path.read_text().strip():
                return int(path.read_text().strip())
            time.sleep(0.1)
        raise RuntimeError(f"{name} wrote no pid file: {self.logs()}")

    def restart_controller(self, clear_state: bool = False) -> None:
        """Stop slurmctld and start it again; waits for the node to be idle.

        `clear_state`: `slurmctld -c`, which forgets every job (a controller whose state
        was lost).
        """
        pid = self.pids.pop("slurmctld")
        self._end(pid)
        (self.root / "run" / "slurmctld.pid").unlink(missing_ok=True)
        subprocess.run(["slurmctld", *(["-c"] if clear_state else []), "-f", str(self.conf)],
                       check=True, capture_output=True, env=self.env)
        self.pids["slurmctld"] = self._pid("slurmctld")
        deadline = time.monotonic() + 30
        while "IDLE" not in self.node_state() and "MIX" not in self.node_state():
            if time.monotonic() > deadline:
                raise RuntimeError(f"slurmctld did not come back: {self.logs()}")
            time.sleep(0.3)

    @staticmethod
    def _end(pid: int) -> None:
        """SIGTERM one daemon by pid, SIGKILL if it is still there after 5 s."""
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def node_state(self) -> str:
        """The node's state as `sinfo` prints it ('' when the controller does not answer)."""
        done = subprocess.run(["sinfo", "-h", "-N", "-o", "%T"], capture_output=True,
                              text=True, env=self.env, timeout=10)
        return done.stdout.strip().upper() if done.returncode == 0 else ""

    def logs(self, tail: int = 15) -> str:
        """The last lines of each daemon's log."""
        parts = []
        for name in ("munged", "slurmctld", "slurmd"):
            p = self.root / "log" / f"{name}.log"
            if p.exists():
                lines = p.read_text(errors="replace").splitlines()[-tail:]
                parts.append(f"--- {name}\n" + "\n".join(lines))
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop the daemons this object started, by pid (slurmd, slurmctld, then munged)."""
        for name in ("slurmd", "slurmctld", "munged"):
            pid = self.pids.pop(name, None)
            if pid is not None:
                self._end(pid)
