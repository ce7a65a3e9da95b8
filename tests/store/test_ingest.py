"""Corpus.ingest end to end with the shipped model: idempotent, changed articles replaced, bad records counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitat
from sitat.read.files import read_text_file

ARTICLES = Path(__file__).parent.parent / "articles"
WITH_ERRORS = Path(__file__).parent.parent / "read" / "fixtures" / "korpus_med_feil.jsonl"

pytestmark = pytest.mark.model

HAVN = {
    "id": "vp-havn", "url": "https://vestlandsposten.example/havn", "title": "Havnen får landstrøm",
    "outlet": "Vestlandsposten", "published": "2024-05-20",
    "text": "Cruiseskip i Ålesund skal koble seg til strøm fra land neste sommer.\n"
            "– Dette fjerner mye av eksosen over byen, sier havnedirektør Tone Myklebust.",
}


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_counts_bad_records_and_stores_the_rest(tmp_path, extract_nlp):
    errors = []
    with sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp) as corpus:
        report = corpus.ingest(WITH_ERRORS, on_error=errors.append, batch_size=1)
        assert (report.ingested, report.replaced, report.skipped, report.failed) == (2, 0, 0, 3)
        assert [e[:4] for e in errors] == ["E040", "E042", "E043"] and errors == report.errors
        assert corpus.articles() == 2 and corpus.quotes() >= 2
        stored = corpus.query("SELECT ext_id, outlet, authors, published FROM articles ORDER BY id")
        assert stored[1] == {"ext_id": "bt-0005", "outlet": "Sogningen", "authors": '["Per Hauge", "Siri Tveit"]',
                             "published": "2024-08-26"}
        assert [h.speaker for h in corpus.search("ferja OR beklagar", raw=True)] == ["Kåre Nes"]


def test_reingest_adds_nothing_and_loads_no_model(tmp_path, extract_nlp):
    paths = [ARTICLES / "flaum_voss.txt", ARTICLES / "nyheter.jsonl"]
    first = sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp)
    assert first.ingest(paths).ingested == 4
    counts = first.counts()
    first.close()
    again = sitat.Corpus(tmp_path / "k.db")  # no pipeline given: one would be loaded only if needed
    report = again.ingest(paths)
    assert (report.ingested, report.replaced, report.skipped, report.failed) == (0, 0, 4, 0)
    assert again._nlp is None
    assert again.counts() == counts
    assert again.query("SELECT count(*) AS n FROM (SELECT ext_id FROM articles GROUP BY ext_id HAVING count(*) > 1)") == [{"n": 0}]
    again.close()


def test_changed_article_replaces_its_quotes(tmp_path, extract_nlp):
    corpus_file = write_jsonl(tmp_path / "havn.jsonl", HAVN)
    corpus = sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp)
    corpus.ingest(corpus_file)
    (before,) = corpus.query("SELECT id FROM articles")
    assert [h.speaker for h in corpus.search("eksosen")] == ["Tone Myklebust"]
    changed = HAVN | {"text": HAVN["text"].replace("– Dette fjerner mye av eksosen over byen, sier havnedirektør Tone Myklebust.",
                                                   "– Lufta i sentrum blir mye bedre, sier ordfører Eva Barstad (H).")}
    write_jsonl(corpus_file, changed)
    report = corpus.ingest(corpus_file)
    assert (report.ingested, report.replaced, report.skipped) == (0, 1, 0)
    assert corpus.query("SELECT id FROM articles") == [before]
    assert corpus.search("eksosen") == []
    assert [(h.speaker, h.party) for h in corpus.search("lufta")] == [("Eva Barstad", "H")]
    assert corpus.query("SELECT name FROM speakers") == [{"name": "Eva Barstad"}]
    corpus.close()


def test_ingest_takes_article_inputs_and_paths(tmp_path, extract_nlp):
    item = read_text_file(ARTICLES / "statsbudsjett.txt")
    item.meta = {"id": "nb-budsjett", "outlet": "NTB", "published": "2024-10-07"}
    with sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp) as corpus:
        report = corpus.ingest([item, str(ARTICLES / "bybane_asane.html")])
        assert report.ingested == 2 and corpus.articles() == 2
        hits = corpus.search("skatten", speaker="haugland", outlet="ntb", since="2024-10-01")
        assert hits and all(h.ext_id == "nb-budsjett" for h in hits)
        assert "<mark>skatten</mark>" in hits[0].highlighted


def test_an_article_that_trips_the_engine_costs_only_itself_in_a_batch(tmp_path, extract_nlp, monkeypatch):
    import importlib

    extraction = importlib.import_module("sitat.extract")  # the module, not the function sitat.extract
    real = extraction.extract_many

    def tripping(items, **kwargs):
        items = list(items)
        if any("KRASJ" in item.text for item in items):
            raise RuntimeError("motoren snublet")
        return real(items, **kwargs)

    monkeypatch.setattr(extraction, "extract_many", tripping)
    bad = dict(HAVN, id="vp-krasj", url="https://vestlandsposten.example/krasj", text=HAVN["text"] + " KRASJ")
    other = dict(HAVN, id="vp-ferje", url="https://vestlandsposten.example/ferje",
                 text="– Ferja går som normalt i morgen, sier driftsleder Ola Vik.")
    corpus_file = write_jsonl(tmp_path / "k.jsonl", HAVN, bad, other)
    with sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp) as corpus:
        report = corpus.ingest(corpus_file, batch_size=20)
        assert (report.ingested, report.failed) == (2, 1)
        assert report.errors[0].startswith("E057") and "motoren snublet" in report.errors[0]
        assert sorted(r["ext_id"] for r in corpus.query("SELECT ext_id FROM articles")) == ["vp-ferje", "vp-havn"]


def test_joint_speakers_stay_apart_from_their_members_across_articles(tmp_path, extract_nlp):
    joint = dict(HAVN, id="vl-sentrum", url="https://vestlandsposten.example/sentrum", text=(
        "Venstre-leder Lars Sponheim og KrF-leder Dagfinn Høybråten møttes i går.\n\n"
        "Lars Sponheim og Dagfinn Høybråten sier at de vil bytte ut regjeringen."))
    single = dict(HAVN, id="vl-krf", url="https://vestlandsposten.example/krf",
                  text="– Vi er klare, sier KrF-leder Dagfinn Høybråten.")
    with sitat.Corpus(tmp_path / "k.db", nlp=extract_nlp) as corpus:
        corpus.ingest(write_jsonl(tmp_path / "k.jsonl", joint, single))
        speakers = {(r["name"], r["kind"]) for r in corpus.query("SELECT name, kind FROM speakers")}
        assert ("Lars Sponheim og Dagfinn Høybråten", "group") in speakers
        assert ("Dagfinn Høybråten", "person") in speakers
