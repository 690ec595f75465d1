"""Forecasts of hourly carbon intensity and energy price, made at a clock from the past only.

`forecast(history, clock, horizon_h, model) -> Forecast(values, lo, hi, model, label, ...)`
is the whole API; `signals` turns it into what quoting and windows see.
"""

from tools.forecast.api import MODELS, Forecast, ForecastGapError, forecast

__all__ = ["MODELS", "Forecast", "ForecastGapError", "forecast"]
