"""`sitat stats`, `sitat speakers`, `sitat speaker` and `sitat export`: output, plots, errors, help examples."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitat.cli import app

ROOT = Path(__file__).parent.parent.parent
COMMANDS = ["stats", "speakers", "speaker", "export"]
runner = CliRunner()


def example(command: str) -> list[str]:
    """The command line under 'Example:' in ``sitat COMMAND --help``, split into arguments."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
    line = next(line.strip() for line in result.stdout.splitlines() if line.strip().startswith(f"sitat {command} "))
    return shlex.split(line)[1:]


def run_example(command: str, db: Path, workdir: Path):
    """Run the help example with ``nyheter.db`` pointing at ``db`` and output files in ``workdir``."""
    args = [str(db) if a == "nyheter.db" else a for a in example(command)]
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        return runner.invoke(app, args)
    finally:
        os.chdir(cwd)


def test_stats_json_shape(store):
    result = runner.invoke(app, ["stats", "--db", str(store), "--by", "month", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"filters", "totals", "dimensions", "groups"}
    assert set(data["dimensions"]) == {"gender", "party", "role_type", "country", "outlet"}
    assert set(data["dimensions"]["gender"][0]) == {"value", "quotes", "quote_share", "sources", "source_share"}
    assert [g["key"] for g in data["groups"]] == ["2024-10", "2024-11"]
    assert data["filters"] == {"since": None, "until": None, "by": "month"}


def test_stats_table(store):
    result = runner.invoke(app, ["stats", "--db", str(store), "--since", "2024-11-01"])
    assert result.exit_code == 0, result.output
    assert "6 quotes (1 anonymous) by 5 distinct sources in 2 articles" in result.stdout
    assert "Role type" in result.stdout and "politician" in result.stdout


@pytest.mark.parametrize("suffix,by", [(".png", "outlet"), (".svg", "month")])
def test_stats_plot(store, tmp_path, suffix, by):
    out = tmp_path / f"kilder{suffix}"
    result = runner.invoke(app, ["stats", "--db", str(store), "--by", by, "--plot", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data[:2000] and data.rstrip().endswith(b"</svg>")
        assert b"2024-10" in data or b"2024-11" in data or b"<path" in data


def test_stats_plot_needs_png_or_svg(store, tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(store), "--plot", str(tmp_path / "kilder.pdf")])
    assert result.exit_code == 1 and "E063" in result.output


@pytest.mark.parametrize("args", [["stats"], ["speakers"], ["speaker", "Haugland"], ["export", "--format", "csv"]])
def test_missing_database_is_E060(tmp_path, args):
    missing = tmp_path / "finnes-ikke.db"
    result = runner.invoke(app, [*args, "--db", str(missing)])
    assert result.exit_code == 1
    assert "E060" in result.output and "sitat ingest" in result.output and "Traceback" not in result.output
    assert not missing.exists()


def test_speakers_json(store):
    result = runner.invoke(app, ["speakers", "--db", str(store), "--top", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"] == "quotes" and len(data["speakers"]) == 2
    assert data["speakers"][0]["name"] == "Torstein Haugland" and data["speakers"][0]["quotes"] == 2


def test_speaker_json_and_unknown(store):
    result = runner.invoke(app, ["speaker", "marte lunde", "--db", str(store), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["name"], data["gender"], data["party"], data["role_type"]) == ("Marte Lunde", "f", "H", "politician")
    result = runner.invoke(app, ["speaker", "Erna", "--db", str(store)])
    assert result.exit_code == 1 and "E062" in result.output


def test_export_csv_to_stdout(store):
    result = runner.invoke(app, ["export", "--db", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 and rows[1]["speaker"] == "Torstein Haugland"


def test_export_parquet_needs_a_file(store):
    result = runner.invoke(app, ["export", "--db", str(store), "--format", "parquet"])
    assert result.exit_code == 1 and "E065" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_run_on_a_hand_built_store(store, tmp_path, command):
    result = run_example(command, store, tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


@pytest.mark.model
def test_help_examples_run_on_tests_articles(tmp_path):
    """The examples as the help prints them, on the store `sitat ingest tests/articles/` builds."""
    from sitat.language import model_path

    if not (model_path() / "meta.json").is_file():
        pytest.skip(f"no language pipeline at {model_path()}: set SITAT_MODEL")
    db = tmp_path / "nyheter.db"
    ingest = runner.invoke(app, ["ingest", str(ROOT / "tests" / "articles"), "--db", str(db)])
    assert ingest.exit_code == 0, ingest.output
    for command in COMMANDS:
        result = run_example(command, db, tmp_path)
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "kilder.png").read_bytes().startswith(b"\x89PNG")
    assert len((tmp_path / "sitater.csv").read_text(encoding="utf-8").splitlines()) > 100


@pytest.mark.parametrize("args,module", [(["stats", "--plot", "kilder.png"], "matplotlib"),
                                         (["export", "--format", "parquet", "-o", "sitater.parquet"], "pyarrow")])
def test_missing_optional_package_is_E064(store, tmp_path, monkeypatch, args, module):
    monkeypatch.setitem(__import__("sys").modules, module, None)  # import fails as if not installed
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--db", str(store)])
    assert result.exit_code == 1 and "E064" in result.output and "sitat[analytics]" in result.output
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("nyheter.db")] == []


def test_stats_and_plot_on_an_empty_store(tmp_path):
    from sitat.store.database import connect

    db = tmp_path / "tom.db"
    connect(db).close()
    out = tmp_path / "tom.svg"
    result = runner.invoke(app, ["stats", "--db", str(db), "--plot", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["totals"] == {"quotes": 0, "sources": 0, "anonymous_quotes": 0, "articles": 0}
    assert data["dimensions"]["gender"] == [] and out.read_bytes().rstrip().endswith(b"</svg>")
