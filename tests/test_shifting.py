"""Let's-Wait-Awhile reproduction: synthetic series with hand-computed answers, real data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from evals import shifting as sh
from gridwise.cli.eval import shifting as shifting_command
from gridwise.errors import SourceDirError

#: Our figures must be this close to the reference (percentage points). The nightly
#: references are rounded to one decimal; the ad-hoc ones to two.
NIGHTLY_TOLERANCE_PP = 0.06
ADHOC_TOLERANCE_PP = 0.01


def _step(day: int, hour: float) -> int:
    return int(day * sh.STEPS_PER_DAY + hour * 2)


def _write(folder: Path, name: str, values_by_step: np.ndarray, minutes: int = 30) -> None:
    """A file from 2019-12-31 (dropped by the loader) on a `minutes` grid."""
    start = np.datetime64("2019-12-31T00:00", "m")
    per = 30 // minutes
    n = (values_by_step.size + sh.STEPS_PER_DAY) * per
    times = start + np.arange(n) * np.timedelta64(minutes, "m")
    vals = np.concatenate([np.full(sh.STEPS_PER_DAY * per, 999.0),
                           np.repeat(values_by_step, per)])
    if per > 1:
        vals[1::per] = -1.0  # off-grid rows must be ignored
    lines = ["Time,Carbon Intensity"] + [
        f"{str(t).replace('T', ' ')}:00,{v}" for t, v in zip(times, vals, strict=True)]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _two_level_year(low_hours: tuple[float, ...]) -> np.ndarray:
    days = 376
    ci = np.full(days * sh.STEPS_PER_DAY, 100.0)
    for d in range(days):
        for h in low_hours:
            ci[_step(d, h)] = 50.0
    return ci


@pytest.fixture
def lwa_dir(tmp_path: Path) -> Path:
    ci = _two_level_year((2.0,))
    _write(tmp_path, "ger_ci.csv", ci, minutes=15)
    _write(tmp_path, "gb_ci.csv", ci)
    _write(tmp_path, "fr_ci.csv", np.full(ci.size, 80.0))
    return tmp_path


def test_loader_keeps_2020_half_hours(lwa_dir: Path) -> None:
    ci = sh.load_region(lwa_dir, "DE")
    assert ci[0] == 100.0 and ci[_step(0, 2.0)] == 50.0
    assert np.all(ci > 0)  # the 15-minute rows (-1) and 2019 rows (999) are gone
    assert ci.max() == 100.0


def test_nightly_hand_computed(lwa_dir: Path) -> None:
    ci = sh.load_region(lwa_dir, "GB")  # 50 at 02:00 daily, else 100
    got = sh.nightly_savings(ci)
    assert got[1] == pytest.approx(50.0)  # +-1 h reaches 02:00 every day
    # +-2 h and more: day 1's job would wake before the series starts, so it is skipped
    assert got[2] == pytest.approx((1 - 364 * 50 / (365 * 100)) * 100)
    assert got[8] == pytest.approx(got[2])


def test_nightly_zero_on_flat_series(lwa_dir: Path) -> None:
    flat = sh.load_region(lwa_dir, "FR")
    assert sh.nightly_savings(flat, (1,)) == {1: pytest.approx(0.0)}


@pytest.mark.parametrize(
    ("finish", "slack_steps"),
    [
        (_step(0, 12), 0),  # Wed 2020-01-01 12:00: inside working hours
        (_step(0, 17), 0),  # 17:00 itself is still "now"
        (_step(0, 17.5), 31),  # Wed 17:30 -> Thu 09:00
        (_step(2, 18), 30),  # Fri 18:00 -> Sat 09:00 (the paper's rule)
        (_step(3, 10), 94),  # Sat 10:00 -> Mon 09:00
        (_step(4, 20), 26),  # Sun 20:00 -> Mon 09:00
        (_step(6, 6), 6),  # Tue 06:00 -> 09:00
    ],
)
def test_next_workday_rule(finish: int, slack_steps: int) -> None:
    assert sh.next_workday_steps(np.array([finish]))[0] == slack_steps


def test_adhoc_jobs_follow_the_sampling_rules() -> None:
    jobs = sh.generate_adhoc_jobs()
    assert jobs.submit.size == jobs.duration.size == sh.ADHOC_JOBS
    day, slot = np.divmod(jobs.submit, sh.STEPS_PER_DAY)
    assert np.all((day + 2) % 7 <= 4)  # 2020-01-01 is a Wednesday (weekday 2)
    assert slot.min() >= 18 and slot.max() <= 33  # 09:00 .. 16:30
    assert jobs.duration.min() >= 8 and jobs.duration.max() <= 179  # 4 h .. 89.5 h
    assert np.all(np.diff(jobs.submit) >= 0)
    again = sh.generate_adhoc_jobs()
    np.testing.assert_array_equal(jobs.duration, again.duration)
    assert not np.array_equal(sh.generate_adhoc_jobs(seed=1).submit, jobs.submit)


def test_adhoc_savings_on_synthetic_series(lwa_dir: Path) -> None:
    # Fri 16:00, 1.5 h: finishes 17:30, so the deadline moves to Sat 09:00; the only low
    # step before it is Sat 02:00 (50, else 100). Both modes run 50 + 100 + 100 instead of
    # 300: a saving of 1/6.
    jobs = sh.AdHocJobs(np.array([_step(2, 16)]), np.array([3]))
    ci = sh.load_region(lwa_dir, "GB")
    got = sh.adhoc_savings(ci, jobs, error=0.0, repetitions=1)
    assert got["interruptible"] == pytest.approx(100 / 6)
    assert got["non_interruptible"] == pytest.approx(100 / 6)
    # finishing at 17:00 keeps the deadline at the finish: nothing to gain
    short = sh.AdHocJobs(np.array([_step(2, 16)]), np.array([2]))
    assert sh.adhoc_savings(ci, short, error=0.0, repetitions=1)["interruptible"] == 0.0
    # on a flat series a noisy forecast cannot change the outcome
    flat = sh.load_region(lwa_dir, "FR")
    assert sh.adhoc_savings(flat, jobs, repetitions=2) == {
        "interruptible": pytest.approx(0.0, abs=1e-9),
        "non_interruptible": pytest.approx(0.0, abs=1e-9)}


def test_missing_folder_names_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRIDWISE_LWA_DIR", raising=False)
    monkeypatch.delenv("GRIDWISE_SOURCE_DIR", raising=False)
    with pytest.raises(SourceDirError) as err:
        sh.resolve_lwa_folder()
    assert "GRIDWISE_LWA_DIR" in err.value.hint
    with pytest.raises(SourceDirError) as err:
        sh.resolve_lwa_folder(tmp_path)
    assert "ger_ci.csv" in err.value.message


def test_folder_from_source_dir_setting(lwa_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRIDWISE_LWA_DIR", raising=False)
    target = tmp_path / "src" / "carbon" / "lets_wait_awhile"
    target.mkdir(parents=True)
    for f in sh.REGION_FILES.values():
        (target / f).write_bytes((lwa_dir / f).read_bytes())
    monkeypatch.setenv("GRIDWISE_SOURCE_DIR", str(tmp_path / "src"))
    assert sh.resolve_lwa_folder() == target


def _cli_app():
    import typer

    app = typer.Typer()
    app.command()(shifting_command)
    return app


def test_cli_json_shape(lwa_dir: Path) -> None:
    result = CliRunner().invoke(_cli_app(), ["--lwa-dir", str(lwa_dir), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"nightly", "adhoc"}
    assert set(out["nightly"]) == set(out["adhoc"]) == {"DE", "GB", "FR"}
    assert set(out["nightly"]["GB"]) == {"1", "2", "4", "8"}
    assert set(out["adhoc"]["FR"]) == {"interruptible", "non_interruptible"}
    assert out["nightly"]["GB"]["1"] == pytest.approx(50.0)


def test_cli_error_is_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(_cli_app(), ["--lwa-dir", str(tmp_path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.shared
def test_reproduces_the_paper(shared_data: Path) -> None:
    got = sh.run_shifting(shared_data / "carbon" / "lets_wait_awhile")
    for region, ref in sh.PAPER_NIGHTLY.items():
        for hours, pct in ref.items():
            assert got["nightly"][region][str(hours)] == pytest.approx(pct,
                                                                       abs=NIGHTLY_TOLERANCE_PP)
    for region, ref in sh.PAPER_ADHOC.items():
        for mode, pct in ref.items():
            assert got["adhoc"][region][mode] == pytest.approx(pct, abs=ADHOC_TOLERANCE_PP)
