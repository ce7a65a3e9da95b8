"""The `sitat` command line, driven through Typer's test runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitat.cli import app

ARTICLES = Path(__file__).parent / "articles"
runner = CliRunner()


def test_extract_jsonl_one_object_per_article():
    result = runner.invoke(app, ["extract", str(ARTICLES / "flaum_voss.txt"), str(ARTICLES / "statsbudsjett.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == [str(ARTICLES / "flaum_voss.txt"), str(ARTICLES / "statsbudsjett.txt")]
    assert objects[0]["lang"] == "nn" and objects[1]["lang"] == "nb"
    text = (ARTICLES / "flaum_voss.txt").read_text(encoding="utf-8")
    for quote in objects[0]["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["type"] in ("direct", "indirect", "mixed")


def test_extract_bad_file_is_named_and_others_still_processed(tmp_path):
    bad = tmp_path / "binær.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["extract", str(bad), str(ARTICLES / "flaum_voss.txt"), "--format", "jsonl"])
    assert result.exit_code == 2
    assert "E012" in result.stderr and str(bad) in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_extract_stdin_and_csv():
    text = (ARTICLES / "flaum_voss.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", "-", "--format", "csv"], input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(row["source"] == "-" for row in rows)
    assert any(row["speaker"] == "Sigrid Rykkje" for row in rows)


def test_extract_explain_says_why(tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(ARTICLES / "ukraina_diplomati.txt"), "--format", "json", "--explain", "-o", str(out)])
    assert result.exit_code == 0, result.output
    articles = json.loads(out.read_text(encoding="utf-8"))
    explanations = [q["explanation"] for q in articles[0]["quotes"]]
    assert all(e and e[0].startswith("found by rule") for e in explanations)
    assert any("pronoun 'Han'" in step for e in explanations for step in e)


def test_extract_table_shows_speakers():
    result = runner.invoke(app, ["extract", str(ARTICLES / "flaum_voss.txt"), "--format", "table"])
    assert result.exit_code == 0
    assert "Sigrid Rykkje" in result.stdout


@pytest.mark.parametrize("command", [["extract"], ["eval", "language"], ["eval", "quotes"], ["info"]])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
