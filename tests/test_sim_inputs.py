"""Scenario and trace bad inputs: clear messages naming what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.sim.evaluate import evaluate
from evals.sim.scenario import load_scenario, parse_reserved
from gridwise.errors import UnknownNameError, UserError
from tests.simkit import gaia_data, store_with, tiny_trace, wavy, write


def test_bundled_gaia_scenario_validates_and_overrides() -> None:
    """gaia.yaml loads; --zone and --reserved replace the file's values."""
    from evals.sim.scenario import SCENARIOS_DIR

    sc = load_scenario(SCENARIOS_DIR / "gaia.yaml", zone="DE-LU", reserved=[0, 9])
    assert sc.data["regions"][0]["zone"] == "DE-LU"
    assert sc.data["reserved"] == [0, 9]
    assert sc.data["carbon"]["forecast"] == "oracle"
    assert sc.trace_path.is_file()


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d["regions"][0].pop("zone"), "regions[0]"),
    (lambda d: d["clock"].update(hours="many"), "clock.hours"),
    (lambda d: d["carbon"].update(forecast="psychic"), "carbon.forecast"),
    (lambda d: d["queues"][1].update(max_wait_h=-1), "queues[1].max_wait_h"),
    (lambda d: d.update(colour="blue"), "(top level)"),
])
def test_schema_errors_name_the_yaml_path(tmp_path: Path, change, path: str) -> None:
    """A schema violation says where in the YAML it is."""
    data = gaia_data()
    change(data)
    with pytest.raises(UserError) as exc:
        load_scenario(write(tmp_path, data))
    assert path in exc.value.message
    assert "To fix" in exc.value.render()


def test_capacity_zero_is_refused(tmp_path: Path) -> None:
    """A region with no reserved, on-demand or spot capacity cannot run anything."""
    data = gaia_data() | {"reserved": [0]}
    data["regions"][0] |= {"on_demand": False, "spot": False}
    with pytest.raises(UserError, match="capacity 0"):
        load_scenario(write(tmp_path, data))


@pytest.mark.parametrize(("rows", "needle"), [
    ([(0, -60, 1)], "line 2: length -60 is not positive"),
    ([(0, 600, 1), (10, "", 1)], "line 3: length is missing"),
    ([(-5, 600, 1)], "arrival_time is negative"),
    ([(0, 600, 0)], "cpus 0"),
])
def test_bad_trace_rows_are_named(tmp_path: Path, rows, needle: str) -> None:
    """Negative or missing lengths (and friends) name the trace line."""
    data = gaia_data()
    data["jobs"]["trace"] = str(tiny_trace(tmp_path, rows))
    sc = load_scenario(write(tmp_path, data))
    store = store_with({"US-CAL-CISO": wavy(720, 0)})
    with pytest.raises(UserError, match=needle):
        evaluate(store.conn, sc)


def test_window_outside_the_data(tmp_path: Path) -> None:
    """A clock window past the stored series says what the data covers."""
    data = gaia_data() | {"policies": ["nowait"]}
    store = store_with({"US-CAL-CISO": wavy(100, 0)})
    with pytest.raises(UserError, match="outside the carbon zone 'US-CAL-CISO' data"):
        evaluate(store.conn, load_scenario(write(tmp_path, data)))


def test_unknown_zone_and_policy_suggest(tmp_path: Path) -> None:
    """Typos get a 'did you mean'."""
    store = store_with({"US-CAL-CISO": wavy(720, 0)})
    sc = load_scenario(write(tmp_path, gaia_data()), zone="US-CAL-CIS")
    with pytest.raises(UnknownNameError, match="US-CAL-CISO"):
        evaluate(store.conn, sc)
    sc = load_scenario(write(tmp_path, gaia_data()), policies=["carbon-tim"])
    with pytest.raises(UnknownNameError) as exc:
        evaluate(store.conn, sc)
    assert "carbon-time" in exc.value.hint


def test_reserved_and_zone_override_errors(tmp_path: Path) -> None:
    """--reserved must be counts; --zone needs a single-region scenario."""
    assert parse_reserved("0,9") == [0, 9]
    with pytest.raises(UserError, match="--reserved"):
        parse_reserved("0,nine")
    data = gaia_data()
    data["regions"].append({"name": "de", "zone": "DE-LU"})
    with pytest.raises(UserError, match="single-region"):
        load_scenario(write(tmp_path, data), zone="ES")


def test_jobs_that_cannot_finish_in_the_window(tmp_path: Path) -> None:
    """A job running past the window's end is an error, not a silent truncation."""
    data = gaia_data() | {"policies": ["nowait"]}
    data["jobs"]["trace"] = str(tiny_trace(tmp_path, [(0, 600, 1), (3600 * 719, 7200, 1)]))
    store = store_with({"US-CAL-CISO": wavy(720, 0)})
    with pytest.raises(UserError, match="cannot finish inside the 720 h window"):
        evaluate(store.conn, load_scenario(write(tmp_path, data)))
