"""Which source files exist, what licence they carry, and how to read them safely."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from gridwise.errors import NO_DATA_HINT, DataFileError, SourceDirError

REPO_DATA = Path(__file__).resolve().parents[2] / "data"

CATALOG_FILES = ("lambda", "nebius", "hyperbolic", "lium", "vast", "gcp_tpu_v6e")
CARBON_ZONES = (
    "AU-NSW", "AU-VIC", "BR-SP", "CA-ON", "CL-SIC", "DE-LU", "ES", "GB", "IN-WE", "JP-TK",
    "KR", "NO", "SG", "US-CAL-CISO", "US-MIDA-PJM", "US-NY-NYIS", "US-TEX-ERCO", "ZA",
)
PRICE_MARKETS = (
    "AU-NSW", "AU-VIC", "BR", "CA-ON", "DE-LU", "ES", "FR", "JP-TK", "KR", "NL", "SG",
    "US-CAL-CISO", "US-MIDA-PJM", "US-NY-NYIS", "US-TEX-ERCO",
)
LWA_FILES = {"DE-LU": "ger_ci.csv", "GB": "gb_ci.csv", "FR": "fr_ci.csv"}

LICENCES = {
    "catalog": "provider list prices via SkyPilot-format catalogs (no licence file upstream); "
    "not redistributed",
    "carbon": "Electricity Maps hourly data (ODbL) via SustainCluster (MIT) and "
    "decarbonization-potential (Apache-2.0); not redistributed",
    "lwa": "Let's Wait Awhile (Wiesner et al., Middleware '21): no licence; not redistributed",
    "prices": "market operators' data via SustainCluster (MIT); not redistributed",
    "openb": "Alibaba cluster-trace-gpu-v2023, research/study use; not redistributed",
    "bundled": "gridwise (self-authored, sources cited per row)",
}


@dataclass(frozen=True)
class SourceFile:
    """One source file the load reads."""

    key: str          # path relative to the source folder, e.g. 'catalog/lambda.csv'
    group: str        # catalog | carbon | lwa | prices | openb | bundled
    path: Path

    def sha256(self) -> str:
        """Content hash, so an unchanged source is not rebuilt."""
        h = hashlib.sha256()
        with open(self.path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()


#: The pod list whose shapes are the on-prem fleet's history.
POD_HISTORY = "openb/openb_pod_list_default.csv"


def required_sources(source_dir: Path | None) -> list[SourceFile]:
    """Every licence-restricted file the load needs; raises when the folder is unusable."""
    if source_dir is None:
        raise SourceDirError("no source data folder is configured", NO_DATA_HINT)
    if not source_dir.is_dir():
        raise SourceDirError(
            f"the source data folder {str(source_dir)!r} does not exist",
            "point GRIDWISE_SOURCE_DIR (or --source) at the folder holding catalog/, carbon/, "
            "prices/ and openb/",
        )
    from gridwise.ingest.extras import is_partial, zone_files

    partial = is_partial(source_dir)
    files = [SourceFile("catalog/hyperscalers.csv", "catalog",
                        source_dir / "catalog/hyperscalers.csv")]
    files += [
        SourceFile(f"catalog/{n}.csv", "catalog", source_dir / f"catalog/{n}.csv")
        for n in CATALOG_FILES
    ]
    files.append(SourceFile("openb/openb_node_list_gpu_node.csv", "openb",
                            source_dir / "openb/openb_node_list_gpu_node.csv"))
    # The fleet's pod history (FGD's target workload on-prem) is optional: without it the
    # on-prem agent places with BestFit and says so in its quotes.
    history = SourceFile(POD_HISTORY, "openb", source_dir / POD_HISTORY)
    if history.path.is_file():
        files.append(history)
    series = []
    for folder, group, names, what in (("carbon/electricitymaps", "carbon", CARBON_ZONES,
                                        "carbon zone"),
                                       ("prices", "prices", PRICE_MARKETS, "price market")):
        for name, paths in zone_files(source_dir / folder, names, what).items():
            base = source_dir / folder / f"{name}.csv"
            if base not in paths and not partial:
                paths = [base, *paths]  # reported missing below
            series += [SourceFile(f"{folder}/{p.name}", group, p) for p in paths]
    if partial:  # a fetched folder: load what is there
        files = [f for f in files if f.path.is_file()]
        if not any(f.group == "carbon" for f in series):
            raise DataFileError(source_dir / "carbon/electricitymaps",
                                "holds no carbon series (the folder was made by `data fetch`)",
                                "run `gridwise data fetch --what carbon` with "
                                "GRIDWISE_ELECTRICITYMAPS_TOKEN set; nothing was loaded")
    files += series
    missing = [f.key for f in files if not f.path.is_file()]
    if missing:
        shown = ", ".join(repr(m) for m in missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise DataFileError(
            source_dir / missing[0],
            f"missing from the source folder ({len(missing)} file(s): {shown})",
            f"restore the files under {str(source_dir)!r} (data/README.md lists them); "
            "nothing was loaded",
        )
    return files


def lwa_sources(lwa_dir: Path | None) -> list[SourceFile]:
    """The Let's-Wait-Awhile files, if their folder is configured (they are optional)."""
    if lwa_dir is None or not lwa_dir.is_dir():
        return []
    out = []
    for zone, name in LWA_FILES.items():
        path = lwa_dir / name
        if not path.is_file():
            raise DataFileError(path, "missing from the Let's-Wait-Awhile folder",
                                "restore it, or unset GRIDWISE_LWA_DIR to load without it")
        out.append(SourceFile(f"lets_wait_awhile/{name}:{zone}", "lwa", path))
    return out


def read_csv_checked(con: duckdb.DuckDBPyConnection, path: Path, columns: dict[str, str]) -> str:
    """Register `path` as a typed view and return its name; corrupt files name themselves.

    The header must hold exactly `columns` (in order) and every value must parse as the
    given type, or a `DataFileError` names the file and the problem.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            header = fh.readline().strip().lstrip("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"cannot be read as UTF-8 text ({exc})") from None
    got = [h.strip().strip('"') for h in header.split(",")]
    if got != list(columns):
        raise DataFileError(path, f"unexpected header {got!r}; expected {list(columns)!r}")
    view = "src_" + hashlib.sha1(str(path).encode()).hexdigest()[:10]
    cols = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {view} AS SELECT * FROM read_csv(?, header=true, "
            f"columns={{{cols}}}, auto_detect=false, strict_mode=true, "
            "timestampformat='%Y-%m-%d %H:%M:%S')",
            [str(path)],
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise DataFileError(path, f"malformed CSV: {first}") from None
    return view
