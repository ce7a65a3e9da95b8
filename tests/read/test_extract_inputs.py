"""`sitat extract` over every input kind: JSONL (plain and gzipped) and HTML, with the shipped model."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitat.cli import app
from sitat.read.files import iter_inputs

ARTICLES = Path(__file__).parent.parent / "articles"
FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()

pytestmark = pytest.mark.model


def test_extract_jsonl_carries_id_and_url_and_offsets_index_the_record_text():
    corpus = ARTICLES / "nyheter.jsonl"
    result = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["source"], o["id"]) for o in objects] == [
        (f"{corpus}:1", "nrk-2024-0311-ras"), (f"{corpus}:2", "20240412"), (f"{corpus}:3", "vp-2024-0520-havn")]
    assert objects[0]["url"] == "https://nyheter.example/innenriks/ras-stenger-e16"
    assert objects[1]["lang"] == "nn" and objects[0]["title"] == "Steinras stenger E16 i Nærøydalen"
    texts = [item.text for item in iter_inputs([str(corpus)])]
    for obj, text in zip(objects, texts):
        assert obj["quotes"]
        for quote in obj["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
    speakers = {q["speaker"]["name"] for q in objects[0]["quotes"]}
    assert {"Arne Lien", "Liv Brekke"} <= speakers


def test_extract_html_page_finds_the_quotes_not_the_page():
    result = runner.invoke(app, ["extract", str(ARTICLES / "bybane_asane.html"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["url"].endswith("/bybanen-til-asane-forsinket") and "id" not in article
    by_speaker = {q["speaker"]["name"] for q in article["quotes"]}
    assert {"Helge Tveit", "Ingrid Solheim"} <= by_speaker
    mixed = [q for q in article["quotes"] if q["type"] == "mixed"]
    assert mixed and mixed[0]["text"] == "«en ren skandale for folk i Åsane»"


def test_extract_gz_corpus_reports_bad_lines_and_goes_on(tmp_path):
    corpus = tmp_path / "korpus.jsonl.gz"
    corpus.write_bytes(gzip.compress((FIXTURES / "korpus_med_feil.jsonl").read_bytes()))
    result = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["bt-0001", "bt-0005"]
    for code, line in (("E040", 2), ("E042", 3), ("E043", 4)):
        assert f"{code} {corpus}:{line}:" in result.stderr
