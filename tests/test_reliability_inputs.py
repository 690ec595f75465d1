"""Issue 11, items 5 and 8: impossible values refused, typos suggested, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from gridwise.cli import run
from gridwise.edge import check_argv
from gridwise.errors import UnknownNameError, UserError
from gridwise.settings import load_settings
from tests.graphkit import memory_store
from tools.model_table import resolve_model
from tools.options import parse_spec
from tools.quoting import quote_job

CLOCK = "2022-03-01T05:00Z"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    s = memory_store(tmp_path_factory.mktemp("rel"))
    yield s
    s.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.sourcedata import make_source_dir

    for key in ("GRIDWISE_LLM", "GRIDWISE_DB_PATH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("GRIDWISE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GRIDWISE_SOURCE_DIR", str(make_source_dir(tmp_path / "src")))
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        run(list(argv))
    return int(done.value.code or 0), capsys.readouterr().err


def spec(tmp_path: Path, text: str) -> str:
    path = tmp_path / "job.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# ----------------------------------------------------------------- item 5: bounded numbers
@pytest.mark.parametrize("raw, field", [
    ({"kind": "train", "gpu_hours": float("inf")}, "gpu_hours"),
    ({"kind": "train", "gpu_hours": float("nan")}, "gpu_hours"),
    ({"kind": "train", "gpu_hours": -5}, "gpu_hours"),
    ({"kind": "train", "gpu_hours": 1, "preferences": {"weights": {"cost": float("nan")}}},
     "weights.cost"),
    ({"kind": "train", "gpu_hours": 1, "preferences": {"weights": {"cost": -1}}},
     "weights.cost"),
    ({"kind": "train", "gpu_hours": 1, "preferences": {"weights": {"co2": 0}}}, "weights.co2"),
    ({"kind": "train", "gpu_hours": 1, "preferences": {"weights": {}}}, "weights"),
    ({"kind": "train", "gpu_hours": 1, "dataset": {"tokens": 10**30}}, "dataset.tokens"),
    ({"kind": "train", "gpu_hours": 1, "hardware": {"gpu_count": 10**30}},
     "hardware.gpu_count"),
])
def test_impossible_spec_values_are_refused(raw: dict, field: str) -> None:
    with pytest.raises(UserError) as e:
        parse_spec(raw)
    assert field in e.value.message


def test_gpu_count_beyond_the_catalog_is_refused_not_quoted(store) -> None:
    job = parse_spec({"kind": "train", "gpu_hours": 10,
                      "hardware": {"gpu_type": "H100", "gpu_count": 100_000_000}})
    with pytest.raises(UserError) as e:
        quote_job(store, job, parse_clock())
    assert "gpu_count 100,000,000 is more than any offer can serve" in e.value.message


def parse_clock():
    from gridwise.clock import parse_clock as p

    return p(CLOCK)


@pytest.mark.parametrize("constraints, kind, wanted", [
    ({"exclude_providers": ["awss"]}, "provider", "aws"),
    ({"regions": ["us-eats-1"]}, "region or place", "us-east-1"),
    ({"exclude_regions": ["eu-centrl-1"]}, "region or place", "eu-central-1"),
])
def test_typo_names_in_a_spec_are_suggested(store, constraints, kind, wanted) -> None:
    job = parse_spec({"kind": "train", "gpu_hours": 10, "constraints": constraints})
    with pytest.raises(UnknownNameError) as e:
        quote_job(store, job, parse_clock())
    assert e.value.kind == kind and wanted in e.value.suggestions


def test_a_known_name_still_quotes(store) -> None:
    job = parse_spec({"kind": "train", "gpu_hours": 10,
                      "constraints": {"exclude_providers": ["AWS"], "regions": ["us-east-1"]}})
    from tools.ranking import rank

    book = quote_job(store, job, parse_clock())
    feasible = rank(book.quotes, job, parse_clock()).feasible
    assert book.quotes and {(c.offer.provider, c.offer.region) for c in feasible} <= {
        ("gcp", "us-east-1"), ("lambda", "us-east-1"), ("nebius", "us-east-1")}
    assert all(c.offer.region == "us-east-1" and c.offer.provider != "aws" for c in feasible)


def test_model_typo_is_suggested_but_new_sized_models_pass() -> None:
    with pytest.raises(UnknownNameError) as e:
        resolve_model("Lama-3-8B")
    assert e.value.suggestions == ["Llama-3-8B"]
    assert resolve_model("Foo-13B").params_b == 13
    assert resolve_model("Qwen2-7B").params_b == 7  # other digits: another model


def test_negative_amounts_in_a_request_are_not_read_as_positive() -> None:
    from datetime import datetime

    from agents.intake.parser import parse_request

    parsed = parse_request("fine-tune Llama-3-8B on -20 GB of text, 100 GPU-hours",
                           datetime(2022, 3, 1, 5))
    assert parsed.dataset_gb is None
    assert parsed.needs_clarification
    assert "-20 GB" in (parsed.clarify_reason or "")
    ok = parse_request("fine-tune Llama-3-8B on 20 GB of text, 100 GPU-hours",
                       datetime(2022, 3, 1, 5))
    assert ok.dataset_gb == 20


def test_impossible_request_amounts_become_a_question() -> None:
    from datetime import datetime

    from agents.intake.understand import understand

    result = understand("train Llama-3-8B on 99999999999999999 H100 GPUs for 10 GPU-hours",
                        datetime(2022, 3, 1, 5), None)
    assert result.job is None
    assert result.field == "gpu_count"
    assert "gpu_count = " in (result.question or "")
    assert "no job can have" in (result.question or "")


# ---------------------------------------------------------------- item 8: no tracebacks
def test_non_utf8_argument_is_one_line(home, capsys) -> None:
    bad = b"train \xff".decode("utf-8", "surrogateescape")
    with pytest.raises(UserError, match="not valid UTF-8"):
        check_argv(["ask", bad])
    code, err = cli(capsys, "ask", bad, "--at", CLOCK)
    assert code == 2 and "argument 2 is not valid UTF-8 text" in err
    assert "Traceback" not in err


def test_infinite_gpu_hours_in_a_spec(home, capsys) -> None:
    code, err = cli(capsys, "quote", "--spec", spec(home, "kind: train\ngpu_hours: .inf\n"),
                    "--at", CLOCK)
    assert code == 2 and "gpu_hours: Input should be a finite number" in err


def test_deeply_nested_yaml(home, capsys) -> None:
    deep = "kind: train\nmodel: " + "[" * 5000 + "]" * 5000 + "\n"
    code, err = cli(capsys, "quote", "--spec", spec(home, deep), "--at", CLOCK)
    assert code == 2 and "nested too deeply" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ("decisions", "list", "--limit", "99999999999999999999999"),
    ("quote", "--spec", "x.yaml", "--top", "99999999999999999999999"),
    ("eval", "gpushare", "--workers", "99999999999999999999999"),
])
def test_huge_integers_are_refused_by_the_option(home, capsys, argv) -> None:
    code, err = cli(capsys, *argv)
    assert code == 2 and "less than or equal to 1000000" in err.replace("\n", " ").replace(
        "│", "").replace("  ", " ")


def test_huge_seed_range_is_refused(home, capsys) -> None:
    code, err = cli(capsys, "eval", "gpushare", "--seeds", "1-99999999999999999999",
                    "--policy", "random")
    assert code == 2 and "at most 1,000 seeds" in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_invalid_llm_backend(home, capsys, monkeypatch, how) -> None:
    if how == "env":
        monkeypatch.setenv("GRIDWISE_LLM", "bogus")
        argv = ("ask", "train a model", "--at", CLOCK)
    else:
        argv = ("ask", "train a model", "--at", CLOCK, "--llm", "bogus")
    code, err = cli(capsys, *argv)
    assert code == 2
    assert "invalid setting: llm = 'bogus': expected 'embedded', 'endpoint' or 'none'" in err


def test_invalid_llm_env_in_report_and_settings(home, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GRIDWISE_LLM", "bogus")
    with pytest.raises(UserError, match="llm = 'bogus'"):
        load_settings()
    code, err = cli(capsys, "report", "d-none")
    assert code == 2 and "llm = 'bogus'" in err


def test_corrupt_checkpoints_file(home, capsys) -> None:
    path = home / "home" / "checkpoints.sqlite"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all" * 100)
    code, err = cli(capsys, "data", "load")
    assert code == 0, err
    code, err = cli(capsys, "ask", "train Llama-3-8B for 10 GPU-hours", "--at", CLOCK,
                    "--llm", "none")
    assert code == 2 and "checkpoint file" in err and "is damaged" in err
    assert "Traceback" not in err


def test_eval_output_path_error(home, capsys, shared_data) -> None:
    small = {}
    for name in ("openb_pod_list_default.csv", "openb_node_list_gpu_node.csv"):
        lines = (shared_data / "openb" / name).read_text(encoding="utf-8").splitlines()[:40]
        small[name] = home / name
        small[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = cli(capsys, "eval", "gpushare", "--out", "/dev/null/x", "--policy", "random",
                    "--seeds", "1", "--trace", str(small["openb_pod_list_default.csv"]),
                    "--nodes", str(small["openb_node_list_gpu_node.csv"]), "--workers", "1")
    assert code == 2 and "Not a directory" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["H100[x]", "H1[/]", "[bold]H100"])
def test_error_text_is_never_markup(home, capsys, name) -> None:
    code, err = cli(capsys, "ask", "--thread", "t-1", "--choose", name)
    assert code == 2
    assert f"error: unknown choice {name!r}" in err
