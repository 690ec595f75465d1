"""The assumptions behind a quote's numbers, as short labelled lines shown next to them.

Every quote, pathway table, JSON view and report carries these: the runtime model and its
sources, the power / PUE model and its range, the carbon basis, a borrowed grid, and
whether a catalog price is a later snapshot than the clock.
"""

from __future__ import annotations

from gridwise.carbon_basis import CARBON_BASIS_TEXT
from gridwise.models import CarbonBasis
from tools.offers import Offer
from tools.power_model import Power
from tools.runtime_model import describe
from tools.sizing import SizingPlan

RUNTIME_SOURCES = ("calibrated on MLPerf Training v4.0/v4.1 (Llama-2-70B LoRA, GPT-3 175B), "
                   "Llama 2 / Llama 3 papers; constants in tools/calibration.py")
POWER_SOURCES = "calibrated on MLPerf Training v4.0 Power (7.16 kW per 8 x H100 node)"


def quote_assumptions(plan: SizingPlan, power: Power | None, offer: Offer,
                      basis: CarbonBasis, price_label: str | None,
                      gpus: float | None = None,
                      window_basis: str | None = None) -> dict[str, str]:
    """Labelled assumption lines for one quote on `gpus` GPUs (default: the plan's)."""
    runtime = plan.runtime_basis or "not modelled"
    if plan.phase and plan.efficiency and not runtime.startswith("stated"):
        if plan.method != "inference":
            runtime = describe(plan.phase, plan.compute_precision or "bf16",  # type: ignore[arg-type]
                               plan.efficiency, gpus or plan.count,
                               plan.activation_recompute or "selective")
        runtime += f" ({RUNTIME_SOURCES})"
    out = {"runtime": runtime}
    if power is not None:
        out["power"] = f"{power.describe()}; PUE {offer.pue:g} ({POWER_SOURCES})"
    else:
        out["power"] = "no published board power: energy and CO2 unknown"
    out["carbon_basis"] = CARBON_BASIS_TEXT[basis]
    if window_basis:
        out["carbon_windows"] = window_basis
    if offer.zone_proxy:
        out["carbon_grid"] = f"CO2 from {offer.carbon_zone} grid (no series of its own)"
    if price_label:
        out["price"] = price_label
    if offer.price_check == "flag" and offer.price_check_reason:
        out["price_check"] = offer.price_check_reason
    return out
