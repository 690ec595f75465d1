"""One `Settings` object for the whole tool.

Precedence, highest first: an explicit argument (CLI flag or keyword) > per-run
config > environment (`GRIDWISE_*`, or a `.env` file) > the defaults below.
Nothing reads settings in the middle of an algorithm: callers pass the values in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class BecknPeer(BaseModel):
    """A Beckn party reached over HTTP: its subscriber id, base URI and public key."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1, description="subscriber id (bpp_id or bap_id)")
    uri: str = Field(min_length=1, description="base URL, e.g. http://10.0.0.5:8701")
    public_key: str = Field(min_length=1, description="raw Ed25519 public key, base64")
    key_id: str = Field("k1", min_length=1)


class Settings(BaseSettings):
    """gridwise configuration (environment prefix `GRIDWISE_`)."""

    model_config = SettingsConfigDict(
        env_prefix="GRIDWISE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    home: Path = Field(Path(".gridwise"), description="working folder for the DB and caches")
    db_path: Path | None = Field(
        None, description="DuckDB file; default <home>/gridwise.duckdb"
    )
    source_dir: Path | None = Field(
        None,
        description=(
            "folder with the licence-restricted source data (catalogs, carbon, prices, openb "
            "traces), laid out as data/README.md describes; read by `gridwise data load`"
        ),
    )
    lwa_dir: Path | None = Field(
        None,
        description="folder with the Let's-Wait-Awhile CSVs (ger_ci.csv, gb_ci.csv, fr_ci.csv); "
        "default <source_dir>/carbon/lets_wait_awhile",
    )
    electricitymaps_token: str | None = Field(
        None, repr=False, description="Electricity Maps API token, for `gridwise data fetch`")
    entsoe_token: str | None = Field(
        None, repr=False, description="ENTSO-E Transparency Platform security token, for "
        "`gridwise data fetch` (day-ahead prices)")
    carbon_basis: Literal["lca", "direct"] = Field(
        "lca", description="carbon intensity every CO2 figure uses: Electricity Maps "
        "life-cycle (lca) or direct combustion-only (direct); both average, location-based")
    llm: Literal["embedded", "endpoint", "none"] = "embedded"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_embedded_model: Literal["smollm2-135m", "gemma3-270m"] = Field(
        "smollm2-135m", description="which packaged GGUF the embedded backend serves")
    llm_vision: bool = Field(
        False, description="the model accepts images: the explainer also sends the charts")
    llm_roles: str = Field(
        "intake", description="comma list of roles that may call the LLM (intake, coordinator, "
        "explainer, or all); the default keeps only the role whose gain was measured "
        "(BENCHMARKS.md, issue 17)")
    intake_attack_model: bool = Field(
        False, description="intake also reads the learned attack detector where the rules "
        "find no attack (agents/intake/attack_model.py); off by default: it flags benign "
        "near-miss texts the rules let through (BENCHMARKS.md, issue 17)")
    clarify_model: bool = Field(
        False, description="intake's learned second opinion on needs_clarification may flip "
        "the rules' decision when very confident (agents/intake/clarify_model.py); off by "
        "default: it fails its leave-one-set-out check against today's parser and asks about "
        "benign near-misses of the intake tests (BENCHMARKS.md, issue 17)")
    kind_model: bool = Field(
        False, description="intake's job kind also reads the learned kind model "
        "(agents/intake/kind_model.py) where the rules find no kind; off by default: by "
        "leave-one-set-out it changes 4 kinds in 3,032 (BENCHMARKS.md, issue 17)")
    llm_structured: Literal["auto", "json_schema", "json_object", "grammar", "text"] = Field(
        "auto", description="structured-output mode; auto negotiates with the endpoint")
    db_wait_s: float = Field(
        120.0, ge=0, description="how long a command waits for a DuckDB file another holds")
    db_writer_wait_s: float = Field(
        3.0, ge=0, description="once the oldest waiting writer has waited this long, new "
        "reads of the state file queue behind it (gridwise/store_turns.py)")
    dedupe_window_h: float = Field(
        24.0, ge=0, description="an identical ask within this many hours finds the first one")
    checkpoint_keep_threads: int = Field(
        1000, ge=1, description="conversations kept resumable in checkpoints.sqlite")
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_max_tokens: int = Field(256, gt=0)
    console_users: dict[str, str] = Field(
        default_factory=dict, description="console logins as JSON: name -> password, or a "
        "pbkdf2_sha256$... hash from `gridwise console --hash-password`")
    console_teams: dict[str, str] = Field(
        default_factory=dict, description="console login -> team, for savings per team")
    default_region: str | None = Field(
        None, description="the cluster a job would run on without gridwise (a cluster id "
        "such as aws:us-east-1): the savings view's run-at-once baseline")
    remote_providers: list[BecknPeer] = Field(
        default_factory=list, description="providers `ask` reaches over Beckn HTTP (JSON list "
        "of {id, uri, public_key}); every other provider is quoted in-process")
    beckn_buyers: list[BecknPeer] = Field(
        default_factory=list, description="coordinators (BAPs) `provider serve` accepts")
    beckn_id: str = Field("gridwise-coordinator", min_length=1,
                          description="this coordinator's Beckn subscriber id")
    beckn_callback_url: str = Field(
        "http://127.0.0.1:0", description="where remote providers post callbacks (the "
        "address registered with them); port 0 picks a free one")
    beckn_timeout_s: float = Field(30.0, gt=0, le=600)
    slurm_conf: Path | None = Field(
        None, description="slurm.conf of the on-prem Slurm cluster (passed as SLURM_CONF); "
        "unset: the Slurm commands' default")
    slurm_partitions: dict[str, str] = Field(
        default_factory=dict, description="on-prem cluster id -> Slurm partition, as JSON, "
        'e.g. {"onprem-eu-v100": "gpu"}; an order on an unmapped cluster is rejected')
    dispatch_max_retries: int = Field(2, ge=0, description="retries of a failed job")
    dispatch_interval_s: float = Field(5.0, gt=0, description="seconds between dispatch passes")
    dispatch_time_scale: float = Field(
        3600.0, gt=0, description="wall seconds per quoted hour, for placeholder runs and "
        "deferred starts (3600 = real time)")
    dispatch_redecide: bool = Field(
        True, description="re-check deferred jobs waiting in Slurm once per hour of the "
        "decision clock on the newest forecast, and keep, move or release their start "
        "(tools/dispatch/recheck.py); false: they start when first decided")

    @property
    def db_file(self) -> Path:
        """The DuckDB file this configuration points at."""
        return self.db_path if self.db_path is not None else self.home / "gridwise.duckdb"

    def beckn_key_path(self, subscriber_id: str) -> Path:
        """The Ed25519 key file of this node for `subscriber_id` (created on first use)."""
        return self.home / "beckn" / f"{subscriber_id}.pem"

    @property
    def cache_dir(self) -> Path:
        """Where `data load` writes the compact Parquet snapshot built from the sources."""
        return self.home / "parquet"

    @property
    def lwa_folder(self) -> Path | None:
        """The Let's-Wait-Awhile folder, explicit or under the source folder."""
        if self.lwa_dir is not None:
            return self.lwa_dir
        if self.source_dir is not None:
            return self.source_dir / "carbon" / "lets_wait_awhile"
        return None


def load_settings(**overrides: object) -> Settings:
    """`Settings` with explicit (non-None) values on top of environment and defaults.

    Raises:
        UserError: a value (explicit or from `GRIDWISE_*`) is not valid, naming the
            setting, the value and what it accepts.
    """
    from pydantic import ValidationError

    from gridwise.errors import UserError

    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            field = ".".join(str(p) for p in e["loc"]) or "settings"
            allowed = (e.get("ctx") or {}).get("expected")
            problems.append(f"{field} = {e.get('input')!r}: "
                            + (f"expected {allowed}" if allowed else e["msg"]))
        raise UserError("invalid setting: " + "; ".join(problems),
                        "fix the option or the GRIDWISE_<NAME> environment variable "
                        "(e.g. --llm none, GRIDWISE_LLM=embedded)") from None
