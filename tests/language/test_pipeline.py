"""The shipped pipeline: inside the package, offline, loaded once, with the NorNE labels."""

import json

import pytest

import sitat
from sitat.errors import ModelError
from sitat.language import pipeline

NORNE_TYPES = {"PER", "ORG", "GPE_LOC", "GPE_ORG", "LOC", "PROD", "EVT", "DRV", "MISC"}


def test_shipped_model_lives_inside_the_package(monkeypatch):
    monkeypatch.delenv("SITAT_MODEL", raising=False)
    path = pipeline.model_path()
    assert path == pipeline.MODEL_DIR
    assert (path / "config.cfg").is_file()
    meta = json.loads((path / "meta.json").read_text())
    assert meta["name"] == "sitat_nb_nn" and meta["sources"]
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size <= 50_000_000


def test_load_is_offline_and_cached(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nlp = sitat.load()
    assert sitat.load("nb") is nlp and sitat.load("nn") is nlp
    for component in ("tagger", "trainable_lemmatizer", "parser", "ner"):
        assert component in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) <= NORNE_TYPES
    assert {"PER", "ORG", "GPE_LOC"} <= set(nlp.get_pipe("ner").labels)


def test_load_rejects_an_unknown_standard():
    with pytest.raises(ModelError, match="E021"):
        sitat.load("sv")


def test_missing_model_gives_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("SITAT_MODEL", str(tmp_path))
    with pytest.raises(ModelError, match="E020"):
        sitat.load()


def test_pipeline_tags_a_norwegian_sentence():
    doc = sitat.load()("Statsminister Jonas Gahr Støre besøkte Bergen torsdag.")
    assert [t.pos_ for t in doc][:1] == ["NOUN"]
    assert any(e.label_ == "PER" and "Støre" in e.text for e in doc.ents)
    assert any(t.dep_ == "ROOT" for t in doc)
