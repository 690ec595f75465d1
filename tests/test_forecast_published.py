"""A fetched Electricity Maps forecast is used when it covers the clock, labelled; never later."""

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from gridwise.errors import DataFileError
from gridwise.store import Store
from tests.sourcedata import _write
from tests.test_quote_forecast import CLOCK, load_long, long_source
from tools.forecast.signals import ForecastCache, ForecastSignals, signal_for

ZONE = "US-MIDA-PJM"


def with_published(root: Path, made: object, values: list[float]) -> Path:
    src = long_source(root)
    rows = [[(CLOCK + timedelta(hours=k)).strftime("%Y-%m-%d %H:%M:%S"), v,
             made.strftime("%Y-%m-%d %H:%M:%S")] for k, v in enumerate(values)]  # type: ignore[attr-defined]
    _write(src / f"carbon/electricitymaps_forecast/{ZONE}.csv",
           ["datetime_utc", "ci_lca_gco2eq_per_kwh", "made_at"], rows)
    return src


def signal(s: Store):
    return signal_for(ForecastSignals(cache=ForecastCache()), s.conn, "carbon_intensity", ZONE,
                      CLOCK, 48)


def test_published_forecast_covers_its_hours_and_says_so(tmp_path: Path) -> None:
    s = Store.open(":memory:")
    load_long(s, with_published(tmp_path / "src", CLOCK - timedelta(hours=1), [111.0] * 24),
              tmp_path / "cache")
    sig = signal(s)
    assert sig.model.startswith("electricitymaps+")
    assert "Electricity Maps published forecast" in sig.label and "for 24 h" in sig.label
    np.testing.assert_array_equal(sig.seen[:24], 111.0)
    assert (sig.lo[:24] <= 111.0).all() and (sig.hi[:24] >= 111.0).all()
    assert not np.any(sig.seen[24:] == 111.0)          # gridwise's own forecast beyond
    # the actual series still scores the decision
    assert np.isfinite(sig.actual[:24]).all() and not np.any(sig.actual[:24] == 111.0)


def test_a_forecast_made_after_the_clock_is_not_used(tmp_path: Path) -> None:
    s = Store.open(":memory:")
    load_long(s, with_published(tmp_path / "src", CLOCK + timedelta(hours=2), [111.0] * 24),
              tmp_path / "cache")
    sig = signal(s)
    assert not sig.model.startswith("electricitymaps") and not np.any(sig.seen == 111.0)


def test_a_bad_published_file_fails_the_load_by_name(tmp_path: Path) -> None:
    s = Store.open(":memory:")
    src = with_published(tmp_path / "src", CLOCK, [111.0, -5.0])
    with pytest.raises(DataFileError, match="negative carbon intensity"):
        load_long(s, src, tmp_path / "cache")
