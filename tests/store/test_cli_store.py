"""`sitat ingest` and `sitat search`: the help examples run as written, errors logged, exit codes."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitat.cli import app

ROOT = Path(__file__).parent.parent.parent
WITH_ERRORS = ROOT / "tests" / "read" / "fixtures" / "korpus_med_feil.jsonl"
runner = CliRunner()

pytestmark = pytest.mark.model


def example(command: str) -> list[str]:
    """The command line under 'Example:' in ``sitat COMMAND --help``, split into arguments."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout
    line = next(line.strip() for line in result.stdout.splitlines() if line.strip().startswith(f"sitat {command} "))
    return shlex.split(line)[1:]


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    """The store that `sitat ingest`'s help example builds from tests/articles/."""
    db = tmp_path_factory.mktemp("store") / "nyheter.db"
    args = [str(ROOT / a) if a.startswith("tests/") else str(db) if a == "nyheter.db" else a for a in example("ingest")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return db, result


def test_ingest_help_example_builds_a_store(example_db):
    db, result = example_db
    assert "skipped 0 unchanged, failed 0" in result.stderr
    assert not db.with_name(db.name + ".errors.log").exists()
    again = runner.invoke(app, ["ingest", str(ROOT / "tests" / "articles"), "--db", str(db)])
    assert again.exit_code == 0
    assert "ingested 0 articles (0 new, 0 replaced), skipped 22 unchanged, failed 0" in again.stderr


def test_search_help_example_finds_highlighted_quotes(example_db):
    db, _ = example_db
    args = [str(db) if a == "nyheter.db" else a for a in example("search")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Torstein Haugland" in result.stdout and "skatten" in result.stdout
    assert "lavtlønte" in result.stdout  # the article title, under the quote


def test_search_jsonl_with_filters(example_db):
    db, _ = example_db
    result = runner.invoke(app, ["search", "Åsane", "--db", str(db), "--outlet", "vestlandsposten", "--since", "2024-10-03",
                                 "--until", "2024-10-03", "--type", "mixed", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (hit,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["highlighted"] == "«en ren skandale for folk i <mark>Åsane</mark>»"
    assert hit["speaker"] == "Ingrid Solheim" and hit["url"].startswith("https://vestlandsposten.example/")
    none = runner.invoke(app, ["search", "Åsane", "--db", str(db), "--until", "2024-10-02", "-f", "jsonl"])
    assert none.exit_code == 0 and none.stdout == ""


def test_search_errors_are_one_line(example_db, tmp_path):
    db, _ = example_db
    missing = runner.invoke(app, ["search", "skatt", "--db", str(tmp_path / "mangler.db")])
    assert missing.exit_code == 1 and "E050" in missing.stderr
    bad_date = runner.invoke(app, ["search", "skatt", "--db", str(db), "--since", "i går"])
    assert bad_date.exit_code == 1 and bad_date.stderr.count("\n") == 1 and "E055" in bad_date.stderr


def test_ingest_bad_records_go_to_stderr_and_the_log_and_exit_2(tmp_path):
    db = tmp_path / "feil.db"
    result = runner.invoke(app, ["ingest", str(WITH_ERRORS), "--db", str(db), "--batch-size", "1"])
    assert result.exit_code == 2
    log = db.with_name("feil.db.errors.log")
    logged = log.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[1][:4] for line in logged] == ["E040", "E042", "E043"]
    for code, line in (("E040", 2), ("E042", 3), ("E043", 4)):
        assert f"{code} {WITH_ERRORS}:{line}:" in result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("ingested 2 articles (2 new, 0 replaced), skipped 0 unchanged, failed 3")
    assert summary.endswith(f"(see {log})")
    custom = tmp_path / "ingest.log"
    again = runner.invoke(app, ["ingest", str(WITH_ERRORS), "--db", str(db), "--log", str(custom)])
    assert again.exit_code == 2 and "skipped 2 unchanged, failed 3" in again.stderr
    assert len(custom.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("command", ["ingest", "search"])
def test_store_commands_have_help_with_an_example(command):
    assert example(command)[0] == command
