"""The parsed request: the labelled fields of the intake schema, candidates, and a JobSpec."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gridwise.errors import UserError
from gridwise.models import (
    Constraints,
    DatasetSpec,
    HardwareNeed,
    JobKind,
    JobSpec,
    Method,
    ModelSpec,
    Objective,
    Precision,
    Preferences,
)

#: The scored fields, in the order of `../shared/data/requests/README.md`.
FIELDS = ("kind", "model", "params_b", "method", "precision", "gpu_type", "gpu_count",
          "min_gpu_mem_gb", "dataset_gb", "dataset_tokens", "gpu_hours", "duration_hours",
          "deadline", "earliest_start", "budget_usd", "max_co2_kg", "regions", "exclude_regions",
          "exclude_providers", "interruptible", "objective", "needs_clarification")


class ParsedRequest(BaseModel):
    """What the deterministic parser read from one request.

    A field is None (or an empty list) when the text does not state it. `candidates`
    holds, per field, every value the parser saw, so that a later LLM step can only choose
    among grounded values.
    """

    model_config = ConfigDict(extra="forbid")

    kind: JobKind | None = None
    model: str | None = None
    params_b: float | None = None
    method: Method | None = None
    precision: Precision | None = None
    gpu_type: str | None = None
    gpu_count: int | None = None
    min_gpu_mem_gb: float | None = None
    dataset_gb: float | None = None
    dataset_tokens: int | None = None
    gpu_hours: float | None = None
    duration_hours: float | None = None
    deadline: datetime | None = None
    earliest_start: datetime | None = None
    budget_usd: float | None = None
    max_co2_kg: float | None = None
    regions: list[str] = Field(default_factory=list)
    exclude_regions: list[str] = Field(default_factory=list)
    exclude_providers: list[str] = Field(default_factory=list)
    interruptible: bool | None = None
    objective: Objective | None = None
    needs_clarification: bool = False
    clarify_reason: str | None = None
    clarify_question: str | None = None
    clarify_field: str | None = Field(None, description="what the first question asks about")
    problems: list[dict[str, str]] = Field(
        default_factory=list, description="every problem: field, reason, question")
    adversarial: list[str] = Field(default_factory=list, description="why the text is unsafe")
    candidates: dict[str, list[Any]] = Field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        """The scored fields as plain values (datetimes as `YYYY-MM-DDTHH:MM:SSZ`)."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if isinstance(value, datetime):
                value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            out[name] = value
        return out

    def to_jobspec(self) -> JobSpec:
        """Map the parsed fields onto the scheduler's `JobSpec`.

        Raises:
            UserError: the request needs clarification, names no workload, or its
                constraints contradict each other (the message says what to fix).
        """
        if self.needs_clarification:
            raise UserError(f"the request needs clarification: {self.clarify_reason}",
                            self.clarify_question or "rephrase the request")
        if self.kind is None:
            raise UserError("the request names no workload",
                            "say what to run (train, fine-tune, serve, batch-process or "
                            "evaluate) and on which model")
        try:
            return self._jobspec()
        except ValidationError as exc:  # a stated number no job can have (e.g. 10^17 GPUs)
            bad = "; ".join(f"{'.'.join(map(str, e['loc']))} = {e.get('input')!r}: {e['msg']}"
                            for e in exc.errors())
            raise UserError(f"the request states impossible values ({bad})",
                            "restate those amounts") from None

    def _jobspec(self) -> JobSpec:
        return JobSpec(
            kind=self.kind,
            model=ModelSpec(name=self.model, params_b=self.params_b, precision=self.precision,
                            moe=bool(self.model and "x" in self.model.lower()
                                     and any(c.isdigit() for c in self.model))),
            method=self.method,
            dataset=DatasetSpec(size_gb=self.dataset_gb, tokens=self.dataset_tokens),
            gpu_hours=self.gpu_hours,
            duration_hours=self.duration_hours,
            hardware=HardwareNeed(gpu_type=self.gpu_type, gpu_count=self.gpu_count,
                                  min_gpu_mem_gb=self.min_gpu_mem_gb),
            constraints=Constraints(
                earliest_start=self.earliest_start, deadline=self.deadline,
                budget_usd=self.budget_usd, max_co2_kg=self.max_co2_kg,
                regions=list(self.regions), exclude_regions=list(self.exclude_regions),
                exclude_providers=list(self.exclude_providers),
                interruptible=self.interruptible),
            preferences=Preferences(objective=self.objective),
        )
