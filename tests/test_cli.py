import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gridwise.settings import Settings
from tests.sourcedata import make_source_dir


def gridwise(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gridwise", *args], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    src = make_source_dir(tmp_path / "src")
    e = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    e.update(GRIDWISE_HOME=str(tmp_path / "home"), GRIDWISE_SOURCE_DIR=str(src))
    return e


def test_version(env: dict[str, str]) -> None:
    res = gridwise("--version", env=env)
    assert res.returncode == 0 and res.stdout.startswith("gridwise 0.")


def test_load_then_info_json(env: dict[str, str], tmp_path: Path) -> None:
    res = gridwise("data", "load", "--json", env=env)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["rows"]["nodes"] == 4
    res = gridwise("data", "info", "--json", env=env)
    assert res.returncode == 0, res.stderr
    info = json.loads(res.stdout)
    assert set(info) == {"tables", "price_checks", "carbon_basis"}
    assert info["price_checks"]["duplicates_left"] == 0
    for name in ("providers", "clusters", "nodes", "accelerators", "instance_prices",
                 "carbon_intensity", "energy_price", "regions"):
        assert info["tables"][name]["rows"] > 0, name
    assert info["tables"]["carbon_intensity"]["from"] == "2022-03-01T00:00:00"
    assert (tmp_path / "home/gridwise.duckdb").is_file()


def test_info_before_load_says_how_to_fix(env: dict[str, str]) -> None:
    res = gridwise("data", "info", env=env)
    assert res.returncode == 2
    assert "To fix: run `gridwise data load`" in res.stderr
    assert "Traceback" not in res.stderr


def test_at_outside_range_names_range(env: dict[str, str]) -> None:
    assert gridwise("data", "load", env=env).returncode == 0
    res = gridwise("data", "info", "--at", "2031-02-03T04:00Z", env=env)
    assert res.returncode == 2
    assert "2022-03-01T00:00:00 .. 2022-03-02T23:00:00" in res.stderr
    ok = gridwise("data", "info", "--at", "2022-03-01T10:00+02:00", "--json", env=env)
    assert json.loads(ok.stdout)["at"] == "2022-03-01T08:00:00"


def test_bad_clock_text(env: dict[str, str]) -> None:
    assert gridwise("data", "load", env=env).returncode == 0
    res = gridwise("data", "info", "--at", "next tuesday", env=env)
    assert res.returncode == 2 and "ISO-8601" in res.stderr


def test_unknown_zone_and_region_suggest(env: dict[str, str]) -> None:
    assert gridwise("data", "load", env=env).returncode == 0
    res = gridwise("data", "info", "--zone", "DE", env=env)
    assert res.returncode == 2 and "'DE-LU'" in res.stderr
    res = gridwise("data", "info", "--region", "us-eest-1", env=env)
    assert res.returncode == 2 and "'us-east-1'" in res.stderr
    ok = gridwise("data", "info", "--region", "eu-central-1", "--json", env=env)
    assert json.loads(ok.stdout)["region"]["matches"][0]["carbon_zone"] == "DE-LU"


def test_unknown_command_suggests(env: dict[str, str]) -> None:
    res = gridwise("data", "lod", env=env)
    assert res.returncode != 0 and "'load'" in res.stderr


def test_missing_source_setting(env: dict[str, str]) -> None:
    env = {k: v for k, v in env.items() if k != "GRIDWISE_SOURCE_DIR"}
    res = gridwise("data", "load", env=env)
    assert res.returncode == 2 and "GRIDWISE_SOURCE_DIR" in res.stderr


def test_settings_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.delenv("GRIDWISE_HOME", raising=False)
    assert Settings().db_file == Path(".gridwise/gridwise.duckdb")
    monkeypatch.setenv("GRIDWISE_HOME", str(tmp_path / "h"))
    assert Settings().db_file == tmp_path / "h/gridwise.duckdb"
    assert Settings(home=tmp_path / "x").db_file == tmp_path / "x/gridwise.duckdb"
    monkeypatch.setenv("GRIDWISE_SOURCE_DIR", str(tmp_path / "s"))
    assert Settings().lwa_folder == tmp_path / "s/carbon/lets_wait_awhile"
