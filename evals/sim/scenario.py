"""Scenario files: versioned YAML, validated by `evals/scenarios/scenario.schema.json`.

`load_scenario(path, zone=..., reserved=...)` reads, validates (errors name the path inside
the YAML, e.g. `regions[0].zone`), applies command-line overrides and returns a `Scenario`.
The hash of the resolved scenario (with the trace file's content) keys batch runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from gridwise.errors import UserError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "scenarios" / "scenario.schema.json"
SCENARIOS_DIR = SCHEMA_PATH.parent


@cache
def schema() -> dict[str, Any]:
    """The scenario JSON Schema."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _yaml_path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: the raw mapping (defaults filled) and where it came from."""

    path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:  # noqa: D102
        return str(self.data["name"])

    @property
    def start(self) -> datetime:
        """The clock window's start (naive UTC)."""
        return datetime.fromisoformat(self.data["clock"]["start"].rstrip("Z"))

    @property
    def hours(self) -> int:  # noqa: D102
        return int(self.data["clock"]["hours"])

    @property
    def tick_s(self) -> int:  # noqa: D102
        return int(self.data["clock"].get("tick_s", 5))

    @property
    def kind(self) -> str:  # noqa: D102
        return str(self.data["kind"])

    @property
    def trace_path(self) -> Path:
        """The job trace, resolved against the scenario file's folder."""
        section = self.data.get("jobs") or self.data.get("pods") or {"trace": self.path.name}
        p = Path(section["trace"]).expanduser()
        return p if p.is_absolute() else (self.path.parent / p).resolve()

    def get(self, section: str, key: str, default: Any) -> Any:
        """`data[section][key]`, or `default` when the section or key is absent."""
        return (self.data.get(section) or {}).get(key, default)

    def digest(self) -> str:
        """Hash of the resolved scenario and its trace's bytes (the batch key's first part)."""
        h = hashlib.sha256(json.dumps(self.data, sort_keys=True).encode())
        try:
            h.update(self.trace_path.read_bytes())
        except OSError:
            pass
        return h.hexdigest()[:16]

    def with_overrides(self, **changes: Any) -> Scenario:
        """A copy with top-level keys replaced (already validated values)."""
        return Scenario(self.path, {**self.data, **changes})


def parse_reserved(text: str) -> list[int]:
    """`'0,9'` -> [0, 9]; anything else is a `UserError`."""
    try:
        out = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        out = []
    if not out or any(x < 0 for x in out):
        raise UserError(f"--reserved {text!r} is not a list of reserved core counts",
                        "give whole numbers >= 0 separated by commas, e.g. --reserved 0,9")
    return out


def validate(data: Any, where: str) -> None:
    """Raise a `UserError` naming the YAML path of the first schema violation."""
    validator = jsonschema.Draft202012Validator(schema())
    err = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if err is None:
        return
    raise UserError(f"{where}: {_yaml_path(err.absolute_path)}: {err.message}",
                    "fix that entry (the schema is evals/scenarios/scenario.schema.json)")


def _semantic_checks(data: dict[str, Any], where: str) -> None:
    if data["kind"] != "jobs":
        return
    if 3600 % int(data["clock"].get("tick_s", 5)):
        raise UserError(f"{where}: clock.tick_s: {data['clock']['tick_s']} does not divide 3600",
                        "use a tick of 1, 5, 10, 60, 300 ... seconds")
    queues = data["queues"]
    for i, q in enumerate(queues[:-1]):
        if "max_length_h" not in q:
            raise UserError(f"{where}: queues[{i}].max_length_h: missing",
                            "every queue but the last needs max_length_h")
    regions = data["regions"]
    names = [r["name"] for r in regions]
    if len(set(names)) != len(names):
        raise UserError(f"{where}: regions: duplicate region names {names}",
                        "give every region its own name")
    reserved = data.get("reserved", [0])
    for i, r in enumerate(regions):
        if not r.get("on_demand", True) and not r.get("spot", True) and max(reserved) == 0:
            raise UserError(f"{where}: regions[{i}]: capacity 0 (no reserved, on-demand or spot)",
                            "allow on_demand or spot, or give reserved cores")
    if (data["pricing"].get("energy") == "market"
            and any("price_market" not in r for r in regions)):
        raise UserError(f"{where}: pricing.energy is 'market' but a region has no price_market",
                        "name each region's price_market, or set pricing.energy: none")


def load_scenario(path: Path | str, zone: str | None = None,
                  reserved: list[int] | None = None,
                  policies: list[str] | None = None, trace: Path | None = None) -> Scenario:
    """Read and validate a scenario file, then apply the command line's overrides."""
    p = Path(path)
    where = str(p)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"cannot read scenario {where!r}: {exc.strerror}",
                        "check the path (bundled scenarios are in evals/scenarios/)") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{where}: not valid YAML: {exc}", "fix the YAML syntax") from None
    validate(data, where)
    if zone is not None and data["kind"] == "requests":
        raise UserError("--zone does not apply to a requests scenario",
                        "drop --zone (requests name their own places)")
    if zone is not None:
        if len(data["regions"]) != 1:
            raise UserError(f"--zone {zone!r}: {where} has {len(data['regions'])} regions",
                            "--zone overrides the zone of single-region scenarios only")
        data["regions"] = [{**data["regions"][0], "zone": zone}]
    if reserved is not None:
        data["reserved"] = reserved
    if policies:
        data["policies"] = policies
    if trace is not None:
        section = "jobs" if data["kind"] == "jobs" else "pods"
        data[section] = {**data[section], "trace": str(Path(trace).resolve())}
    _semantic_checks(data, where)
    return Scenario(p.resolve(), data)
