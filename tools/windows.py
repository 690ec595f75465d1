"""Carbon- and price-aware execution windows over a fixed-step series (pure numpy).

A series is values (gCO2/kWh, or price per MWh) at a fixed step; NaN marks a gap. Indices
are steps; a job of `duration_steps` may use steps in `[earliest, deadline)`, so it must
finish by `deadline`. Contiguous jobs take the minimum-average window (cumulative sums);
interruptible jobs take the `duration_steps` lowest steps (argpartition). Ties go to the
earliest step. With a forecast, the choice is made on the forecast and scored on the
actual series, which keeps evaluations honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np

from gridwise.errors import UserError

ForecastModel = Literal["perfect", "multiplicative", "additive_mean"]
#: Relative tolerance under which two window averages count as a tie (earliest wins);
#: it absorbs the rounding of cumulative-sum differences.
TIE_RTOL = 1e-9


@dataclass(frozen=True)
class StepSeries:
    """Values at a fixed step starting at `start` (numpy datetime64, seconds)."""

    start: np.datetime64
    step: np.timedelta64
    values: np.ndarray

    @classmethod
    def from_times(cls, times: np.ndarray, values: np.ndarray) -> StepSeries:
        """Build from timestamps (datetime64, or epoch seconds) that must be evenly spaced."""
        times = np.asarray(times)
        if times.dtype.kind in "iuf":
            times = times.astype("int64").astype("datetime64[s]")
        times = times.astype("datetime64[s]")
        values = np.asarray(values, dtype=np.float64)
        if times.size == 0 or values.size == 0:
            raise UserError("the series is empty", "pass at least one value with its timestamp")
        if times.shape != values.shape:
            raise UserError(f"{times.size} timestamps but {values.size} values",
                            "give one timestamp per value")
        steps = np.diff(times)
        if steps.size and (steps[0] <= np.timedelta64(0, "s") or np.any(steps != steps[0])):
            raise UserError("timestamps are not at a fixed, increasing step",
                            "resample the series to a fixed step and mark gaps with NaN")
        step = steps[0] if steps.size else np.timedelta64(3600, "s")
        return cls(times[0], step, values)

    @property
    def times(self) -> np.ndarray:
        """Step start times (datetime64[s])."""
        return self.start + self.step * np.arange(self.values.size)

    def index_of(self, when: np.datetime64 | datetime | str | int | float) -> int:
        """Step index of a time on the grid (datetime, ISO string or epoch seconds)."""
        if isinstance(when, int | float) and not isinstance(when, bool):
            when = int(when)  # epoch seconds
        t = np.array(when, dtype="datetime64[s]")[()]
        offset = (t - self.start) / self.step
        if offset != int(offset):
            raise UserError(f"{str(t)!r} is not on the series' {self.step} grid",
                            f"round it to a multiple of {self.step} from {self.start}")
        return int(offset)


@dataclass(frozen=True)
class WindowChoice:
    """The chosen steps and how they score, forecast versus actual, against run-now."""

    steps: np.ndarray
    interruptible: bool
    forecast_mean: float
    actual_mean: float
    run_now_mean: float

    @property
    def start(self) -> int:
        """First chosen step."""
        return int(self.steps[0])

    @property
    def saving_pct(self) -> float:
        """Saving of the chosen steps versus running now, on the actual series, in %."""
        return float((1 - self.actual_mean / self.run_now_mean) * 100)


def _check_bounds(n: int, duration_steps: int, earliest: int, deadline: int) -> None:
    if n == 0:
        raise UserError("the series is empty", "pass at least one value")
    if duration_steps <= 0:
        raise UserError(f"job duration of {duration_steps!r} steps is not positive",
                        "give a duration of at least one step")
    if deadline <= earliest:
        raise UserError(f"the deadline (step {deadline}) is not after the earliest start "
                        f"(step {earliest})", "move the deadline later or the start earlier")
    if earliest < 0 or deadline > n:
        raise UserError(f"steps {earliest}..{deadline} fall outside the series (0..{n})",
                        "use a longer series or a window inside it")
    if duration_steps > deadline - earliest:
        raise UserError(f"the job needs {duration_steps} steps but the window has only "
                        f"{deadline - earliest}", "relax the deadline or shorten the job")


def min_mean_window(values: np.ndarray, duration_steps: int, earliest: int,
                    deadline: int) -> tuple[int, float]:
    """Start and mean of the lowest-average contiguous window inside `[earliest, deadline)`.

    Windows that cross a NaN are refused; among equal averages the earliest start wins.

    Raises:
        UserError: bad bounds, or no gap-free window of that length.
    """
    return WindowSearch(values, earliest, deadline).min_mean(duration_steps)


def lowest_steps(values: np.ndarray, duration_steps: int, earliest: int,
                 deadline: int) -> np.ndarray:
    """The `duration_steps` lowest steps in `[earliest, deadline)`, ascending; NaN excluded.

    Ties at the threshold value go to the earliest steps.

    Raises:
        UserError: bad bounds, or fewer valid steps than the job needs.
    """
    return WindowSearch(values, earliest, deadline).lowest(duration_steps)


class WindowSearch:
    """Window searches of any length inside one stretch `[earliest, deadline)` of a series.

    The cumulative sums (contiguous windows) and the gap-keyed values (lowest steps) are
    made once, on the first search that needs them, and shared by every length: quoting
    asks one zone for hundreds of run lengths. Each answer is what `min_mean_window` /
    `lowest_steps` give (they are this class, used once).
    """

    def __init__(self, values: np.ndarray, earliest: int, deadline: int) -> None:
        self.values, self.earliest, self.deadline = values, earliest, deadline
        self._sums: tuple[np.ndarray, np.ndarray | None] | None = None
        self._keyed: tuple[np.ndarray, int] | None = None

    def min_mean(self, duration_steps: int) -> tuple[int, float]:
        """Start and mean of the lowest-average gap-free window (`min_mean_window`)."""
        _check_bounds(self.values.size, duration_steps, self.earliest, self.deadline)
        if self._sums is None:
            part = self.values[self.earliest:self.deadline]
            gaps = np.isnan(part)
            sums = np.concatenate(([0.0], np.cumsum(np.where(gaps, 0.0, part))))
            self._sums = (sums, np.concatenate(([0], np.cumsum(gaps))) if gaps.any()
                          else None)
        sums, gap_count = self._sums
        window = sums[duration_steps:] - sums[:-duration_steps]
        if gap_count is not None:
            window = np.where(gap_count[duration_steps:] - gap_count[:-duration_steps] > 0,
                              np.inf, window)
        best = window.min()
        if not np.isfinite(best):
            raise UserError(f"no gap-free window of {duration_steps} steps before the deadline",
                            "fill the series' gaps, relax the deadline or allow interruption")
        first = int(np.flatnonzero(window <= best + TIE_RTOL * max(1.0, abs(best)))[0])
        return self.earliest + first, float(best / duration_steps)

    def lowest(self, duration_steps: int) -> np.ndarray:
        """The lowest `duration_steps` gap-free steps, ascending (`lowest_steps`)."""
        _check_bounds(self.values.size, duration_steps, self.earliest, self.deadline)
        if self._keyed is None:
            part = self.values[self.earliest:self.deadline]
            keyed = np.where(np.isnan(part), np.inf, part)
            self._keyed = (keyed, int(np.count_nonzero(np.isfinite(keyed))))
        keyed, valid = self._keyed
        if valid < duration_steps:
            raise UserError(f"fewer than {duration_steps} gap-free steps before the deadline",
                            "fill the series' gaps or relax the deadline")
        kth = np.partition(keyed, duration_steps - 1)[duration_steps - 1]
        below = np.flatnonzero(keyed < kth)
        at = np.flatnonzero(keyed == kth)[: duration_steps - below.size]
        return self.earliest + np.sort(np.concatenate((below, at)))


def forecast_with_error(actual: np.ndarray, model: ForecastModel = "perfect",
                        sigma: float = 0.0, seed: int | None = 0) -> np.ndarray:
    """A forecast of `actual` with Gaussian error.

    `multiplicative`: actual x (1 + N(0, sigma)); `additive_mean`: actual + N(0, sigma x
    mean(actual)), the Let's-Wait-Awhile error model; `perfect`: actual itself.

    Raises:
        UserError: unknown model or a negative / absurd sigma.
    """
    if model == "perfect":
        return actual
    if not 0 <= sigma <= 1:
        raise UserError(f"forecast error sigma {sigma!r} is outside [0, 1]",
                        "give it as a fraction, e.g. 0.05 for 5 %")
    rng = np.random.default_rng(seed)
    if model == "multiplicative":
        return actual * (1 + rng.normal(0.0, sigma, size=actual.size))
    if model == "additive_mean":
        return actual + rng.normal(0.0, sigma * np.nanmean(actual), size=actual.size)
    raise UserError(f"unknown forecast model {model!r}",
                    "use 'perfect', 'multiplicative' or 'additive_mean'")


def normalise(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1] over the finite values (a constant series becomes 0)."""
    lo, hi = np.nanmin(values), np.nanmax(values)
    return np.zeros_like(values) if hi == lo else (values - lo) / (hi - lo)


def combined_signal(carbon: np.ndarray, price: np.ndarray, carbon_weight: float) -> np.ndarray:
    """Weighted objective w x norm(carbon) + (1 - w) x norm(price), both min-max normalised.

    Raises:
        UserError: series of different lengths or a weight outside [0, 1].
    """
    if carbon.shape != price.shape:
        raise UserError(f"carbon has {carbon.size} steps but price {price.size}",
                        "align both series on the same time grid first")
    if not 0 <= carbon_weight <= 1:
        raise UserError(f"carbon weight {carbon_weight!r} is outside [0, 1]",
                        "use 1 for carbon only, 0 for price only")
    return carbon_weight * normalise(carbon) + (1 - carbon_weight) * normalise(price)


def choose_window(actual: np.ndarray, duration_steps: int, earliest: int, deadline: int, *,
                  interruptible: bool = False, forecast: np.ndarray | None = None,
                  ) -> WindowChoice:
    """Choose steps on `forecast` (default: `actual`) and score them on `actual`.

    Run-now is the contiguous window starting at `earliest`, scored on `actual`.
    """
    seen = actual if forecast is None else forecast
    if interruptible:
        steps = lowest_steps(seen, duration_steps, earliest, deadline)
    else:
        start, _ = min_mean_window(seen, duration_steps, earliest, deadline)
        steps = np.arange(start, start + duration_steps)
    return WindowChoice(
        steps=steps, interruptible=interruptible,
        forecast_mean=float(seen[steps].mean()), actual_mean=float(actual[steps].mean()),
        run_now_mean=float(actual[earliest:earliest + duration_steps].mean()))


def find_low_carbon_window(values: list[float], series_start: str, step_minutes: float,
                           duration_hours: float, earliest_start: str, deadline: str,
                           interruptible: bool = False, forecast_error: float = 0.0,
                           seed: int = 0) -> dict:
    """Find when to run a job so its average carbon intensity (or price) is lowest.

    Args:
        values: the signal per step (gCO2/kWh or price); null for a gap.
        series_start: ISO time of the first value, e.g. '2023-05-01T00:00'.
        step_minutes: minutes between values (15, 30, 60).
        duration_hours: how long the job runs.
        earliest_start: ISO time the job may start.
        deadline: ISO time by which the job must be finished.
        interruptible: whether the job may pause and resume (checkpointed).
        forecast_error: multiplicative forecast error sigma (0.05 = 5 %); 0 = perfect.
        seed: random seed of the forecast error.

    Returns:
        start time, chosen steps' times, average signal (forecast and actual), run-now
        average and saving in %.
    """
    if step_minutes <= 0 or duration_hours <= 0:
        raise UserError("step and duration must be positive", "give minutes and hours > 0")
    vals = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    step = np.timedelta64(int(round(step_minutes * 60)), "s")
    series = StepSeries(np.datetime64(series_start, "s"), step, vals)
    duration = int(np.ceil(duration_hours * 60 / step_minutes))
    forecast = None
    if forecast_error:
        forecast = forecast_with_error(vals, "multiplicative", forecast_error, seed)
    choice = choose_window(vals, duration, series.index_of(earliest_start),
                           series.index_of(deadline), interruptible=interruptible,
                           forecast=forecast)
    times = series.times[choice.steps]
    return {
        "start": str(times[0]), "steps": [str(t) for t in times],
        "duration_steps": duration, "interruptible": interruptible,
        "forecast_mean": choice.forecast_mean, "actual_mean": choice.actual_mean,
        "run_now_mean": choice.run_now_mean, "saving_pct": choice.saving_pct,
    }
