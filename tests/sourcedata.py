"""Builds a tiny source-data folder in the real source layout, for fast ingest tests."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

from gridwise.ingest.sources import CARBON_ZONES, CATALOG_FILES, LWA_FILES, PRICE_MARKETS

SKY_HEADER = ["instance_type", "accelerator_name", "accelerator_count", "vcpus", "memory_gib",
              "gpu_memory_mib_per_accelerator", "price_usd_per_hour", "spot_price_usd_per_hour",
              "region", "availability_zone"]
HS_HEADER = ["provider", "region", "instance_type", "accelerator", "accelerator_count", "vcpus",
             "memory_gib", "price_usd_per_hour", "spot_price_usd_per_hour", "source_repo",
             "source_path", "source_commit", "note"]
CCY = {"US-CAL-CISO": "usd", "US-MIDA-PJM": "usd", "US-NY-NYIS": "usd", "US-TEX-ERCO": "usd",
       "DE-LU": "eur", "FR": "eur", "ES": "eur", "NL": "eur", "CA-ON": "cad", "AU-NSW": "aud",
       "AU-VIC": "aud", "JP-TK": "jpy", "KR": "krw", "SG": "sgd", "BR": "brl"}
START = datetime(2022, 3, 1)
HOURS = 48


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make_source_dir(root: Path, with_lwa: bool = False) -> Path:
    """Write every file `gridwise data load` needs, a few rows each; returns `root`."""
    _write(root / "catalog/hyperscalers.csv", HS_HEADER, [
        ["aws", "us-east-1", "p4d.24xlarge", "A100", 8, 96, 1152, 21.96, 8.5, "r", "p", "c", ""],
        ["aws", "eu-central-1", "g5.xlarge", "A10G", 1, 4, 16, 1.2, 0.4, "r", "p", "c", ""],
        ["gcp", "us-central1", "", "A100", 1, "", "", 2.0, 1.0, "r", "p", "c", "GPU-only"],
        ["gcp", "us-central1", "a2-highgpu-1g", "", 1, 12, 85, 0.7, 0.3, "r", "p", "c",
         "HOST VM only; add accelerator row A100 x1; implied by machine type"],
        ["gcp", "us-central1", "", "T4", 2, "", "", 0.7, 0.2, "r", "p", "c", "GPU-only"],
        ["gcp", "us-central1", "n1-standard-16", "", 0, 16, 60, 0.76, 0.16, "r", "p", "c", "host"],
        ["gcp", "us-central1", "", "tpu-v5p-8", 1, "", "", 16.8, 700.0, "r", "p", "c", "TPU"],
        ["azure", "westeurope", "NC24ads_A100_v4", "A100-80GB", 1, 24, 220, 3.67, 0.9, "r", "p",
         "c", ""],
    ])
    sky_rows = {
        "lambda": [["gpu_1x_h100", "H100", 1, 26, 200, 81920, 2.49, "", "us-east-1", ""]],
        "nebius": [["h100", "H100", 1, 16, 200, 81920, 2.95, 1.25, "eu-north1", ""]],
        "hyperbolic": [["h100-1", "H100", 1, 8, 64, 81920, 1.49, "", "default", ""]],
        "lium": [["A100_1x", "A100-80GB", 1, 16, 128, 81920, 1.1, "", "DE", ""]],
        "vast": [["1x-4090", "RTX4090", 1, 16, 64, 24564, 0.35, 0.00, "Texas, US, NA", ""]],
        "gcp_tpu_v6e": [["", "tpu-v6e-8", 1, "", "", "", 21.6, 700.0, "us-east5", "us-east5-b"],
                        ["", "tpu-v6e-1", 1, "", "", "", 700.0, 700.0, "asia-east1",
                         "asia-east1-c"]],
    }
    assert set(sky_rows) == set(CATALOG_FILES)
    for name, rows in sky_rows.items():
        _write(root / f"catalog/{name}.csv", SKY_HEADER, rows)
    hours = [START + timedelta(hours=h) for h in range(HOURS)]
    for i, zone in enumerate(CARBON_ZONES):
        _write(root / f"carbon/electricitymaps/{zone}.csv",
               ["datetime_utc", "ci_direct_gco2eq_per_kwh", "ci_lca_gco2eq_per_kwh",
                "low_carbon_pct", "renewable_pct", "estimated", "estimation_method"],
               [[t.strftime("%Y-%m-%d %H:%M:%S"), 100 + i + h % 24, 120 + i + h % 24, 50, 30,
                 "false", ""] for h, t in enumerate(hours)])
    for market in PRICE_MARKETS:
        ccy = CCY[market]
        _write(root / f"prices/{market}.csv", ["datetime_utc", f"price_{ccy}_per_mwh"],
               [[t.strftime("%Y-%m-%d %H:%M:%S"), 40 + h % 24] for h, t in enumerate(hours)])
    node_header = ["sn", "cpu_milli", "memory_mib", "gpu", "model"]
    _write(root / "openb/openb_node_list_gpu_node.csv", node_header, [
        ["openb-node-0000", 64000, 262144, 2, "P100"],
        ["openb-node-0001", 96000, 786432, 8, "G2"],
        ["openb-node-0002", 96000, 393216, 8, "V100M32"],
        ["openb-node-0003", 32000, 131072, 2, "T4"],
    ])
    if with_lwa:
        for name in LWA_FILES.values():
            t0 = datetime(2020, 12, 31, 22)
            _write(root / f"carbon/lets_wait_awhile/{name}", ["Time", "Carbon Intensity"],
                   [[(t0 + timedelta(minutes=30 * k)).strftime("%Y-%m-%d %H:%M:%S"), 200 + k]
                    for k in range(8)])
    return root
