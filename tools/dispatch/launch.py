"""What a dispatched job runs: the batch script, and the model artifact it fetches.

The artifact comes from a curated, sourced table (`data/model_artifacts.csv`): for a
quantised variant the published AWQ/GPTQ/FP8 repository, so a 24 GB node pulls what fits;
for full precision the base repository. The script exports it (`GRIDWISE_MODEL_ARTIFACT`)
for the job's command; with no command in the job spec it runs a placeholder `sleep`
scaled from the quoted runtime, and says so.
"""

from __future__ import annotations

import csv
import shlex
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gridwise.models import JobSpec, Quote

ARTIFACTS_CSV = Path(__file__).resolve().parents[2] / "data" / "model_artifacts.csv"


@dataclass(frozen=True)
class Artifact:
    """A model's weights for one variant: where to fetch them and their format."""

    model: str
    variant: str | None
    repo_id: str | None
    format: str
    source: str

    @property
    def note(self) -> str:
        """One line for the script and `jobs show`."""
        what = f"{self.model} {self.variant or 'full precision'}"
        if self.repo_id is None:
            return (f"no curated artifact for {what}: the job's command must fetch its own "
                    "weights (data/model_artifacts.csv lists the known ones)")
        return f"{what}: {self.repo_id} ({self.format}; {self.source})"


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], Artifact]:
    with ARTIFACTS_CSV.open(encoding="utf-8", newline="") as f:
        return {(r["model"].lower(), r["variant"]): Artifact(
            r["model"], r["variant"] or None, r["repo_id"], r["format"], r["source"])
            for r in csv.DictReader(f)}


def artifact_for(model: str | None, variant: str | None) -> Artifact:
    """The curated artifact for a model and variant (repo_id None when not curated)."""
    from gridwise.errors import UserError
    from tools.model_table import resolve_model

    name = model or "unnamed model"
    if model:
        try:
            name = resolve_model(model).name or model
        except UserError:
            name = model
    found = _table().get((name.lower(), variant or ""))
    return found or Artifact(name, variant, None, variant or "hf", "not curated")


def placeholder_seconds(quote: Quote, time_scale: float) -> int:
    """Seconds a placeholder run sleeps: the quoted runtime at `time_scale` s per hour."""
    return max(1, round(quote.runtime_h * time_scale))


def batch_script(order_id: str, attempt: int, quote: Quote, job: JobSpec | None,
                 time_scale: float, suspendable: bool = False) -> str:
    """The bash script sbatch runs for one attempt of an order.

    `suspendable`: the run follows an interruptible plan (suspended between segments), so
    a placeholder counts its work in half-second ticks: a plain `sleep` keeps counting
    while the job is stopped (its timer runs on), a tick loop does not.
    """
    art = artifact_for(job.model.name if job else None, quote.variant)
    command = job.command if job is not None and job.command else None
    lines = [
        "#!/bin/bash",
        f"# gridwise order {order_id}, attempt {attempt}: {quote.count} x {quote.accelerator}"
        f" on {quote.cluster}, quoted {quote.runtime_h:.2f} h",
        f"# model artifact: {art.note}",
        f"export GRIDWISE_ORDER_ID={shlex.quote(order_id)}",
        f"export GRIDWISE_ATTEMPT={attempt}",
        f"export GRIDWISE_MODEL_ARTIFACT={shlex.quote(art.repo_id or '')}",
        f"export GRIDWISE_MODEL_FORMAT={shlex.quote(art.format)}",
        f"export GRIDWISE_MODEL_VARIANT={shlex.quote(quote.variant or 'full')}",
    ]
    if command:
        lines.append(command)
    else:
        secs = placeholder_seconds(quote, time_scale)
        lines += ["# the job spec has no command: a placeholder run of the quoted runtime"]
        lines += [f"for ((tick = 0; tick < {2 * secs}; tick++)); do sleep 0.5; done"] \
            if suspendable else [f"sleep {secs}"]
    return "\n".join(lines) + "\n"
