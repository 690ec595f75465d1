"""Domain models (pydantic v2) shared by tools, agents and graphs.

Units are in field names (`_gb`, `_usd`, `_kg`, `_h`) so a number is never
ambiguous when it reaches an explanation.

One word per concept, everywhere in the code:

- **Offer** (`tools.offers.Offer`): what a provider sells, before any job: a place, a
  hardware shape and its price model (a catalog row, or an on-prem node shape).
- **Quote** (`Quote`): one offer priced, timed and carbon-accounted for one job at one
  start window. Quoting builds thousands as `tools.quote_draft.QuoteDraft` (the same
  numbers without the evidence) and turns the few that are shown into `Quote`s.
  User-facing output calls the quotes of a decision its "options".
- **Catalog item** (`tools.beckn.catalog.CatalogItem`): a quote as a Beckn catalog item
  (provider id, item id, quote) on the wire between a cluster agent and the coordinator.
- **Pathway** (`Pathway`): a named pick among a decision's quotes (cheapest, fastest,
  greenest, optimal-time, recommended) with its deltas to the others.
- **Decision** (`Decision`): the stored record of one scheduling request: the job, its
  quotes, pathways, the choice, the explanation.
- **Placement** (`tools.placement.Placement`): where inside a cluster a pod goes (node
  and GPUs); the word "decision" is never used for it.
- **Order** / **job** / **hold**: a confirmed quote (`orders`), the job it runs (`jobs`),
  and the on-prem GPUs it holds over its window (`reservations`); each table has one
  writer in `gridwise.records`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

JobKind = Literal["train", "fine-tune", "inference", "batch-inference", "eval"]
Precision = Literal["fp32", "bf16", "fp16", "fp8", "int8", "int4"]
Method = Literal["full", "lora", "qlora"]
Objective = Literal["cheapest", "fastest", "greenest", "optimal-time", "balanced"]
ProviderKind = Literal["cloud", "onprem", "tpu", "marketplace", "decentralised"]
CarbonBasis = Literal["lca", "direct"]
PathwayName = Literal["cheapest", "fastest", "greenest", "optimal-time", "recommended"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class _Input(_Model):
    """What a person or a parser states: every number finite (no NaN, no infinity)."""

    model_config = ConfigDict(extra="forbid", frozen=False, allow_inf_nan=False)


#: Upper bounds on stated integers: far above any real job, low enough for DuckDB's
#: BIGINT and for arithmetic that never overflows.
MAX_COUNT = 10**15
#: A weight on cost, CO2 or time: positive and finite (zero would ignore an objective
#: silently; use a named pathway for that).
Weight = Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)]


class Accelerator(_Model):
    """One accelerator model with the specs sizing and quoting need."""

    name: str = Field(description="canonical name, e.g. 'H100', 'A100-80GB', 'TPU-v6e'")
    vendor: str
    memory_gb: float = Field(gt=0, description="memory per device (vendor GB)")
    power_w: float | None = Field(None, gt=0, description="board power / TDP per device, W")
    peak_tflops_bf16: float | None = Field(
        None, gt=0, description="peak dense bf16 (or fp16) TFLOP/s per device"
    )
    consumer: bool = False
    source: str = ""


class ModelSpec(_Input):
    """The model a job trains or serves."""

    name: str | None = None
    params_b: float | None = Field(None, gt=0, description="total parameters, billions")
    active_params_b: float | None = Field(
        None, gt=0, description="parameters active per token (MoE); default = params_b"
    )
    precision: Precision | None = None
    moe: bool = False
    layers: int | None = Field(None, gt=0, le=100_000)
    hidden: int | None = Field(None, gt=0, le=10**7)
    kv_heads_ratio: float | None = Field(
        None, gt=0, le=1, description="KV heads / attention heads (GQA); default 1"
    )


class DatasetSpec(_Input):
    """What is known about the job's data (from the request or an uploaded file)."""

    size_gb: float | None = Field(None, ge=0)
    tokens: int | None = Field(None, ge=0, le=MAX_COUNT)
    rows: int | None = Field(None, ge=0, le=MAX_COUNT)
    modality: Literal["text", "image", "audio", "video", "tabular", "mixed"] | None = None
    columns: dict[str, str] | None = None
    location: str | None = None


class HardwareNeed(_Input):
    """Hardware the user asks for (any field may be unset: the scheduler then picks)."""

    gpu_type: str | None = None
    gpu_count: int | None = Field(None, gt=0, le=MAX_COUNT,
                                  description="checked against the catalog when quoting")
    min_gpu_mem_gb: float | None = Field(None, gt=0)
    allowed_gpus: list[str] = Field(default_factory=list)
    excluded_gpus: list[str] = Field(default_factory=list)
    interconnect: Literal["nvlink", "infiniband", "any"] | None = None


class Constraints(_Input):
    """Hard constraints: an option breaking any of them is infeasible."""

    earliest_start: datetime | None = None
    deadline: datetime | None = None
    budget_usd: float | None = Field(None, gt=0)
    max_co2_kg: float | None = Field(None, gt=0)
    regions: list[str] = Field(default_factory=list)
    exclude_regions: list[str] = Field(default_factory=list)
    exclude_providers: list[str] = Field(default_factory=list)
    interruptible: bool | None = None

    @field_validator("earliest_start", "deadline")
    @classmethod
    def _naive_utc(cls, v: datetime | None) -> datetime | None:
        """Times are compared as naive UTC everywhere; an offset is converted."""
        if v is not None and v.tzinfo is not None:
            from datetime import UTC

            return v.astimezone(UTC).replace(tzinfo=None)
        return v

    @model_validator(mode="after")
    def _window_order(self) -> Constraints:
        if self.earliest_start and self.deadline and self.deadline <= self.earliest_start:
            # imported here to keep models importable without cycles
            from gridwise.errors import UserError

            raise UserError(
                f"the deadline {self.deadline.isoformat()} is not after the earliest start "
                f"{self.earliest_start.isoformat()}",
                "move the deadline later or the earliest start earlier",
            )
        return self


class Preferences(_Input):
    """Soft preferences: which pathway to recommend, or explicit weights."""

    objective: Objective | None = None
    weights: dict[Literal["cost", "co2", "time"], Weight] | None = Field(None, min_length=1)


class JobSpec(_Input):
    """A job as the scheduler understands it (the task JSON)."""

    kind: JobKind
    model: ModelSpec = Field(default_factory=ModelSpec)
    method: Method | None = None
    dataset: DatasetSpec = Field(default_factory=DatasetSpec)
    gpu_hours: float | None = Field(None, gt=0, description="compute the user states")
    duration_hours: float | None = Field(None, gt=0, description="wall time the user states")
    flops: float | None = Field(None, gt=0, description="total FLOPs, if known")
    context_tokens: int | None = Field(None, gt=0, le=10**9,
                                       description="inference context length")
    batch_size: int | None = Field(None, gt=0, le=10**9)
    activation_recompute: Literal["selective", "full"] | None = Field(
        None, description="training: 'full' recomputes every layer's forward in the backward "
        "pass (one more forward of compute); None: 'selective' where activations fit, else full")
    command: str | None = Field(None, description="the shell command the dispatched job runs")
    hardware: HardwareNeed = Field(default_factory=HardwareNeed)
    constraints: Constraints = Field(default_factory=Constraints)
    preferences: Preferences = Field(default_factory=Preferences)


class Evidence(_Model):
    """Where a number came from: table, keys and the timestamps involved."""

    table: str
    keys: dict[str, str | float | int | None] = Field(default_factory=dict)
    ts_from: datetime | None = None
    ts_to: datetime | None = None
    note: str = ""


class Quote(_Model):
    """A priced, timed, carbon-accounted option to run a job."""

    cluster: str
    provider: str
    kind: ProviderKind
    region: str
    instance_type: str | None = None
    accelerator: str
    count: int = Field(gt=0)
    tp_degree: int = Field(1, gt=0)
    variant: str | None = Field(None, description="e.g. 'int4' when quantised to fit")
    spot: bool = False
    start: datetime
    finish: datetime
    runtime_h: float = Field(gt=0)
    price_usd_per_h: float = Field(ge=0)
    cost_usd: float = Field(ge=0)
    energy_kwh: float | None = Field(None, ge=0, description="None: no power figure")
    kg_co2e: float | None = Field(None, ge=0, description="None: no carbon series for the zone")
    window: Literal["now", "low-carbon", "low-price", "interruptible"] = "now"
    run_hours: list[datetime] | None = Field(
        None, description="the hours an interruptible run uses (None: contiguous)"
    )
    carbon_zone: str | None = None
    country: str | None = None
    area: str | None = None
    energy_kwh_range: tuple[float, float] | None = Field(
        None, description="(low, high) kWh from the power model's and runtime's ranges")
    kg_co2e_range: tuple[float, float] | None = Field(
        None, description="(low, high) kg CO2e: the power model's and runtime's energy range "
        "times the carbon forecast's 80 % interval (the oracle has no interval)")
    carbon_basis: CarbonBasis = Field(
        "lca", description="Electricity Maps intensity used: life-cycle or direct (combustion); "
        "both average, location-based")
    co2_grid_borrowed: str | None = Field(
        None, description="grid zone whose series stands in for a region without its own")
    assumptions: dict[str, str] = Field(
        default_factory=dict, description="runtime model, power model, carbon basis, prices")
    confidence: float = Field(ge=0, le=1)
    notes: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    signal: str = Field("oracle", description="what the window and CO2 were decided on: "
                        "'forecast:<model>' made at the clock, or 'oracle' (hindsight)")
    kg_co2e_actual: float | None = Field(
        None, description="kg CO2e on the actual series over the same hours, where known")
    kg_co2e_now: float | None = Field(
        None, description="kg CO2e of the same offer started at the earliest start instead")

    def to_quote(self) -> Quote:
        """Itself (ranking accepts anything with quote attributes and `to_quote`)."""
        return self

    @property
    def price_flagged(self) -> bool:
        """Whether the catalog check flagged this quote's price as implausible."""
        return "price_check" in self.assumptions


class Pathway(_Model):
    """A named choice among the quotes, with deltas against the other pathways."""

    name: PathwayName
    quote: Quote
    deltas: dict[str, dict[str, float]] = Field(default_factory=dict)
    summary: str = ""


class Decision(_Model):
    """What gridwise decided for one request, with everything needed to check it."""

    id: str
    created_at: datetime
    clock: datetime
    request_text: str | None = None
    job: JobSpec
    options: list[Quote]
    pathways: dict[str, Pathway]
    chosen: str | None = None
    reasons: list[str] = Field(default_factory=list)
    infeasible_reasons: list[str] = Field(default_factory=list)
    recommended_by: str | None = Field(None, description="rule or LLM (model, prompt version)")
    explanation: dict[str, Any] | None = Field(None, description="rationale + verification")
    versions: dict[str, Any] = Field(default_factory=dict, description="models and prompts")

    def shown_pathway(self) -> Pathway | None:
        """The pathway a report centres on: the one chosen (and ordered), else recommended."""
        if self.chosen and self.chosen in self.pathways:
            return self.pathways[self.chosen]
        return self.pathways.get("recommended")
