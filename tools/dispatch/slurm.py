"""Slurm through its own command line: `sbatch`, `squeue --json`, `scontrol`, `scancel`.

pyslurm needs headers matching the installed Slurm, so gridwise drives the CLI, which every
Slurm site has. The connection is the site's `slurm.conf` (setting `GRIDWISE_SLURM_CONF`,
passed to the commands as `SLURM_CONF`; unset: the commands' own default). Every failure
to reach the controller is a `UserError` naming that setting.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gridwise.errors import UserError

#: Slurm job states that will not change any more.
TERMINAL = frozenset({"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED",
                      "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE"})
#: Terminal states that mean the run broke (a retry may help), not that it finished.
BROKEN = frozenset({"FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL",
                    "DEADLINE", "PREEMPTED"})
SETTING = "GRIDWISE_SLURM_CONF"


class SlurmRejected(Exception):
    """sbatch refused the job (bad request, not an outage); `reason` is Slurm's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SlurmJob:
    """One job as squeue reports it."""

    job_id: str
    name: str
    state: str
    reason: str
    submit_time: datetime | None
    start_time: datetime | None
    end_time: datetime | None
    exit_code: int | None
    restarts: int
    nodes: str
    comment: str
    #: when the job may start (`--begin`, `scontrol update StartTime`); None: not reported
    begin_time: datetime | None = None


def _ts(value: Any) -> datetime | None:
    """Slurm's epoch seconds (0 = not yet) as naive UTC."""
    if not value:
        return None
    return datetime.fromtimestamp(int(value), UTC).replace(tzinfo=None)


def expand_hostlist(nodelist: str) -> list[str]:
    """Slurm's compressed node list ('a,b[1-3,07]') as names."""
    out: list[str] = []
    for name, group in re.findall(r"([^,\[]+)(?:\[([^\]]*)\])?,?", nodelist or ""):
        if not group:
            out.append(name)
            continue
        for part in group.split(","):
            lo, _, hi = part.partition("-")
            for k in range(int(lo), int(hi or lo) + 1):
                out.append(f"{name}{k:0{len(lo)}d}")
    return out


def _indices(text: str) -> list[int]:
    """'0-1,4' -> [0, 1, 4]."""
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        if lo.isdigit():
            out += list(range(int(lo), int(hi or lo) + 1))
    return out


def _exit_status(raw: Any) -> int | None:
    """The script's exit status from squeue's raw wait status (768 -> 3); a signal -> 128+N."""
    if not isinstance(raw, int):
        return None
    return raw >> 8 if raw & 0xFF == 0 else 128 + (raw & 0x7F)


@dataclass(frozen=True)
class Slurm:
    """A Slurm cluster reached through its commands.

    Attributes:
        conf: the slurm.conf to use (None: the commands' default, e.g. /etc/slurm/slurm.conf).
        timeout_s: how long one command may take before the controller counts as unreachable.
    """

    conf: Path | None = None
    timeout_s: float = 20.0

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.conf is not None:
            env["SLURM_CONF"] = str(self.conf)
        return env

    def _where(self) -> str:
        return f"{SETTING}={self.conf}" if self.conf else f"{SETTING} (unset: Slurm's default)"

    def _run(self, args: Sequence[str],
             stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise UserError(f"the Slurm command {args[0]!r} is not installed here",
                            "install Slurm's client commands (Debian: slurm-client), or run "
                            "the dispatcher on a Slurm login node")
        if self.conf is not None and not Path(self.conf).is_file():
            raise UserError(f"no Slurm config at {self.conf} ({SETTING})",
                            f"set {SETTING} to your cluster's slurm.conf")
        try:
            return subprocess.run(list(args), input=stdin, capture_output=True, text=True,
                                  env=self._env(), timeout=self.timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise UserError(f"Slurm did not answer `{args[0]}` within {self.timeout_s:.0f} s "
                            f"({self._where()})",
                            f"check that slurmctld is running and {SETTING} points at its "
                            "slurm.conf") from None

    def _unreachable(self, done: subprocess.CompletedProcess[str]) -> UserError:
        text = (done.stderr or done.stdout).strip().splitlines()
        return UserError(f"Slurm is not reachable ({self._where()}): "
                         + (text[-1] if text else f"exit {done.returncode}"),
                         f"check that slurmctld is running and {SETTING} points at its "
                         "slurm.conf")

    def _refused(self, done: subprocess.CompletedProcess[str]) -> Exception:
        """A failed command's error: an outage (`UserError`) or Slurm refusing the request."""
        text = (done.stderr or done.stdout).strip()
        if "Unable to contact" in text or "Connection refused" in text or "Zero Bytes" in text:
            return self._unreachable(done)
        return SlurmRejected(text.splitlines()[-1] if text else
                             f"{done.args[0]} exit {done.returncode}")

    def jobs(self) -> dict[str, SlurmJob]:
        """Every job the controller knows, finished ones included, by job id."""
        done = self._run(["squeue", "--all", "-t", "all", "--json"])
        if done.returncode != 0:
            raise self._unreachable(done)
        try:
            data = json.loads(done.stdout)
        except json.JSONDecodeError:
            raise UserError("squeue --json returned no JSON (Slurm older than 21.08?)",
                            "use Slurm 21.08 or newer, whose squeue has --json") from None
        if data.get("errors"):  # squeue --json exits 0 even when the controller is down
            first = data["errors"][0]
            raise UserError(f"Slurm is not reachable ({self._where()}): squeue: "
                            f"{first.get('description', '')} ({first.get('error', '')})",
                            f"check that slurmctld is running and {SETTING} points at its "
                            "slurm.conf")
        out = {}
        for j in data.get("jobs", []):
            code = j.get("exit_code")
            out[str(j["job_id"])] = SlurmJob(
                job_id=str(j["job_id"]), name=j.get("name", ""), state=j.get("job_state", ""),
                reason=j.get("state_reason", "") or "", submit_time=_ts(j.get("submit_time")),
                start_time=_ts(j.get("start_time")), end_time=_ts(j.get("end_time")),
                exit_code=_exit_status(code),
                restarts=int(j.get("restart_cnt") or 0), nodes=j.get("nodes", "") or "",
                comment=j.get("comment", "") or "", begin_time=_ts(j.get("eligible_time")))
        return out

    def accounting(self, job_id: str) -> SlurmJob | None:
        """A job the controller has purged, from `sacct` (None: no accounting, or unknown).

        Needs slurmdbd; without it (`AccountingStorageType=accounting_storage/none`) sacct
        fails and the job's end is unknown.
        """
        if shutil.which("sacct") is None:
            return None
        done = self._run(["sacct", "-j", job_id, "-X", "-n", "-P", "-o",
                          "JobID,JobName,State,ExitCode,Start,End,NodeList,Comment"])
        line = done.stdout.strip().splitlines()[0] if done.returncode == 0 and \
            done.stdout.strip() else ""
        parts = line.split("|")
        if len(parts) < 8 or parts[0] != job_id:
            return None
        code, _, sig = parts[3].partition(":")

        def when(v: str) -> datetime | None:
            return None if v in ("", "Unknown", "None") else datetime.fromisoformat(v)

        return SlurmJob(job_id=job_id, name=parts[1], state=parts[2].split()[0],
                        reason="from sacct", submit_time=None, start_time=when(parts[4]),
                        end_time=when(parts[5]), exit_code=int(code) if code.isdigit() else
                        None, restarts=0, nodes=parts[6], comment=parts[7])

    def submit(self, script: str, name: str, *, partition: str | None, gres: str | None,
               begin: datetime | None, nice: int, requeue: bool, comment: str,
               output: str | None = None) -> str:
        """Submit a batch script (read from stdin); returns the job id.

        Raises:
            SlurmRejected: sbatch refused this job (the reason is Slurm's message).
            UserError: the controller cannot be reached.
        """
        args = ["sbatch", "--parsable", f"--job-name={name}", f"--nice={nice}",
                f"--comment={comment}", "--requeue" if requeue else "--no-requeue",
                f"--output={output or '/dev/null'}"]
        if partition:
            args.append(f"--partition={partition}")
        if gres:
            args.append(f"--gres={gres}")
        if begin is not None:
            args.append(f"--begin={begin:%Y-%m-%dT%H:%M:%S}")
        done = self._run(args, stdin=script)
        if done.returncode == 0:
            return done.stdout.strip().split(";")[0]
        raise self._refused(done)

    def set_begin(self, job_id: str, begin: datetime | None) -> None:
        """Move a pending job's begin time (`scontrol update StartTime`); None: now.

        Raises:
            SlurmRejected: Slurm refused (the job started or ended meanwhile, or the time
                is not accepted); the reason is Slurm's message.
            UserError: the controller cannot be reached.
        """
        when = "now" if begin is None else f"{begin:%Y-%m-%dT%H:%M:%S}"
        done = self._run(["scontrol", "update", f"JobId={job_id}", f"StartTime={when}"])
        if done.returncode != 0:
            raise self._refused(done)

    def suspend(self, job_id: str) -> None:
        """Stop a running job where it is (`scontrol suspend`: SIGSTOP to its processes).

        Slurm keeps the job's memory and GPUs allocated; its time limit does not run while
        it is suspended. Only an operator, administrator, SlurmUser or root may suspend.

        Raises:
            SlurmRejected: Slurm refused (not permitted, or the job is not running); the
                reason is Slurm's message.
            UserError: the controller cannot be reached.
        """
        self._control("suspend", job_id)

    def resume(self, job_id: str) -> None:
        """Let a suspended job go on (`scontrol resume`: SIGCONT).

        Raises:
            SlurmRejected: Slurm refused (not permitted, or the job is not suspended).
            UserError: the controller cannot be reached.
        """
        self._control("resume", job_id)

    def _control(self, verb: str, job_id: str) -> None:
        done = self._run(["scontrol", verb, job_id])
        if done.returncode != 0:
            raise self._refused(done)

    def cancel(self, job_id: str) -> None:
        """Cancel a job (no error if it already ended)."""
        done = self._run(["scancel", job_id])
        if done.returncode != 0 and "already completing or completed" not in done.stderr:
            if "Invalid job id" in done.stderr:
                return
            raise self._unreachable(done)

    def gpu_indices(self, job_id: str) -> dict[str, list[int]]:
        """GPU indices per node a running job holds (`scontrol -d`); {} once it has ended.

        The indices count the node's gres.conf `File=` entries in order; with the usual
        `File=/dev/nvidia[0-7]` they are the device numbers NVML reports.
        """
        done = self._run(["scontrol", "-d", "show", "job", job_id, "--oneliner"])
        if done.returncode != 0:
            return {}
        out: dict[str, list[int]] = {}
        nodes: list[str] = []
        for token in done.stdout.split():
            if token.startswith("Nodes="):
                nodes = expand_hostlist(token[len("Nodes="):])
            hit = re.match(r"GRES=.*\(IDX:([0-9,\-]+)\)", token)
            if hit and nodes:
                for node in nodes:
                    out[node] = _indices(hit.group(1))
        return out

    def show(self, job_id: str) -> dict[str, str]:
        """`scontrol show job` as key/value pairs ({} when Slurm no longer knows the job)."""
        done = self._run(["scontrol", "show", "job", job_id, "--oneliner"])
        if done.returncode != 0:
            if "Invalid job id" in done.stderr:
                return {}
            raise self._unreachable(done)
        out = {}
        for part in done.stdout.split():
            key, _, value = part.partition("=")
            out[key] = value
        return out
