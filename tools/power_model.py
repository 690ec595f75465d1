"""Node power while a job runs, with a range, and the energy range it gives.

    node kW = GPUs x board power x draw[phase]             (GPUs)
            + max(host share x GPU board power, floor)     (CPUs, memory, NICs, NVSwitch)
            + fan share[cooling] x GPU board power          (fans of air-cooled nodes)
    energy  = node kW x runtime x PUE, with low / high from the parameter ranges and the
              runtime uncertainty when the runtime is modelled (not stated).

Calibrated on the metered MLPerf Training v4.0 Power figures (7.16 kW for
llama2_70b_lora and 6.85 kW per node for GPT-3 on 8 x H100 nodes); constants and
sources are in `tools.calibration`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gridwise.models import Accelerator
from tools import calibration as cal
from tools.calibration import Phase

Cooling = str  # 'air' | 'immersion' | 'liquid'


@dataclass(frozen=True)
class Power:
    """Power of the GPUs a job uses plus their hosts, kW (central, low, high)."""

    kw: float
    low_kw: float
    high_kw: float
    gpu_kw: float
    host_kw: float
    fan_kw: float
    phase: Phase
    cooling: Cooling

    def describe(self) -> str:
        """One line: 'GPU 5.15 + host 2.02 + fans 0.34 = 7.50 kW (6.4-8.6)'."""
        return (f"GPU {self.gpu_kw:.2f} + host {self.host_kw:.2f} + fans {self.fan_kw:.2f} = "
                f"{self.kw:.2f} kW ({self.low_kw:.2f}-{self.high_kw:.2f}), {self.phase} draw "
                f"{cal.GPU_DRAW_SHARE[self.phase]:.0%} of board power, {self.cooling} cooled")


def job_power(acc: Accelerator, gpus: float, phase: Phase,
              cooling: Cooling = "air") -> Power | None:
    """Power of `gpus` x `acc` and their hosts running a `phase` job (None: no board power)."""
    if not acc.power_w:
        return None
    return _power(acc.power_w, gpus, phase, cooling)


@lru_cache(maxsize=4096)
def _power(power_w: float, gpus: float, phase: Phase, cooling: Cooling) -> Power:
    """`job_power` on plain values.

    Cached: quoting asks for the same shapes thousands of times (`Power` is frozen).
    """
    board = gpus * power_w / 1000
    draw = cal.GPU_DRAW_SHARE[phase]
    u = cal.GPU_DRAW_UNCERTAINTY
    floor = cal.HOST_MIN_KW_PER_GPU * gpus
    host = max(cal.HOST_SHARE_OF_GPU_TDP * board, floor)
    lo_host, hi_host = (max(s * board, floor) for s in cal.HOST_SHARE_RANGE)
    fan = cal.FAN_SHARE.get(cooling, cal.FAN_SHARE["air"]) * board
    lo_fan, hi_fan = ((0.0, 0.0) if cooling == "immersion" else
                      (s * board for s in cal.FAN_SHARE_RANGE))
    gpu = board * draw
    return Power(kw=gpu + host + fan, low_kw=board * draw * (1 - u) + lo_host + lo_fan,
                 high_kw=board * min(1.0, draw * (1 + u)) + hi_host + hi_fan,
                 gpu_kw=gpu, host_kw=host, fan_kw=fan, phase=phase, cooling=cooling)


def energy_range(power: Power, runtime_h: float, pue: float,
                 runtime_modelled: bool) -> tuple[float, float, float]:
    """(central, low, high) kWh of a run, PUE included."""
    r = cal.RUNTIME_UNCERTAINTY if runtime_modelled else 0.0
    return (power.kw * runtime_h * pue, power.low_kw * runtime_h * (1 - r) * pue,
            power.high_kw * runtime_h * (1 + r) * pue)
