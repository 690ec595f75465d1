"""A SkyPilot task YAML for cloud and marketplace orders: what the user's own tool runs.

gridwise does not hold cloud credentials and never launches anything: it writes the task
(cloud, region, accelerators, spot, the model artifact, the command) for `sky launch`,
stores it with the order, and says it has not been launched. When SkyPilot is installed
(`pip install 'gridwise[launch]'`) the YAML is checked by SkyPilot's own loader.
"""

from __future__ import annotations

from typing import Any

import yaml

from gridwise.models import JobSpec, Quote
from tools.dispatch.launch import artifact_for, placeholder_seconds

#: gridwise provider id -> SkyPilot cloud name (providers SkyPilot has no backend for: none).
SKY_CLOUDS = {"aws": "aws", "gcp": "gcp", "azure": "azure", "lambda": "lambda",
              "nebius": "nebius", "vast": "vast", "hyperbolic": "hyperbolic"}
#: gridwise accelerator name -> SkyPilot's accelerator name, where they differ.
SKY_ACCELERATORS = {"TPU-v6e": "tpu-v6e", "TPU-v5p": "tpu-v5p", "TPU-v5e": "tpu-v5e",
                    "TPU-v4": "tpu-v4", "TPU-v3": "tpu-v3", "TPU-v2": "tpu-v2",
                    "RTX6000-Ada": "RTX6000Ada"}


def task_for(order_id: str, quote: Quote, job: JobSpec | None) -> dict[str, Any] | None:
    """The SkyPilot task for an order, or None when SkyPilot has no backend for its provider."""
    cloud = SKY_CLOUDS.get(quote.provider)
    if cloud is None:
        return None
    art = artifact_for(job.model.name if job else None, quote.variant)
    resources: dict[str, Any] = {
        "cloud": cloud, "region": quote.region,
        "accelerators": f"{SKY_ACCELERATORS.get(quote.accelerator, quote.accelerator)}:"
                        f"{quote.count}",
        "use_spot": bool(quote.spot)}
    if quote.instance_type:
        resources["instance_type"] = quote.instance_type
    command = (job.command if job is not None and job.command else
               f"echo 'placeholder: the job spec has no command'; "
               f"sleep {placeholder_seconds(quote, 3600)}")
    return {"name": order_id, "resources": resources,
            "envs": {"GRIDWISE_ORDER_ID": order_id,
                     "GRIDWISE_MODEL_ARTIFACT": art.repo_id or "",
                     "GRIDWISE_MODEL_FORMAT": art.format,
                     "GRIDWISE_MODEL_VARIANT": quote.variant or "full"},
            "setup": f"# model artifact: {art.note}",
            "run": command}


def task_yaml(task: dict[str, Any]) -> str:
    """The task as YAML text, with a header saying it has not been launched."""
    head = (f"# SkyPilot task for gridwise order {task['name']}: NOT launched by gridwise.\n"
            f"# Run it with your own credentials: sky launch -c {task['name']} THIS_FILE\n")
    return head + yaml.safe_dump(task, sort_keys=False)


def validate(text: str) -> str:
    """Check the YAML with SkyPilot's own loader; returns what checked it, or why not.

    Raises:
        ValueError: SkyPilot is installed and rejects the task (its message).
    """
    try:
        import sky
    except ImportError:
        return "not checked: SkyPilot is not installed (pip install 'gridwise[launch]')"
    try:
        sky.Task.from_yaml_config(yaml.safe_load(text))
    except Exception as exc:  # SkyPilot raises several of its own exception types
        raise ValueError(f"SkyPilot rejects the task: {exc}") from exc
    return f"skypilot {getattr(sky, '__version__', '?')}"
