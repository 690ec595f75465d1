"""One `Settings` object for the whole tool.

Precedence, highest first: an explicit argument (CLI flag or keyword) > per-run
config > environment (`GRIDWISE_*`, or a `.env` file) > the defaults below.
Nothing reads settings in the middle of an algorithm: callers pass the values in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    llm_structured: Literal["auto", "json_schema", "json_object", "grammar", "text"] = Field(
        "auto", description="structured-output mode; auto negotiates with the endpoint")
    db_wait_s: float = Field(
        120.0, ge=0, description="how long a command waits for a DuckDB file another holds")
    dedupe_window_h: float = Field(
        24.0, ge=0, description="an identical ask within this many hours finds the first one")
    checkpoint_keep_threads: int = Field(
        1000, ge=1, description="conversations kept resumable in checkpoints.sqlite")
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_max_tokens: int = Field(256, gt=0)
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

    @property
    def db_file(self) -> Path:
        """The DuckDB file this configuration points at."""
        return self.db_path if self.db_path is not None else self.home / "gridwise.duckdb"

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
