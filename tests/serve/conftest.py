"""Serve fixtures: one store ingested once per session (our own articles plus three invented
records with outlets and dates, one of them hostile), the pipeline loaded once, one app.

The hostile record carries HTML and script in its quotes, title and outlet: every page must
show them as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from serve_data import ARTICLES, RECORDS, TEXT_ARTICLES, TOKEN


@pytest.fixture(scope="session")
def pipeline():
    """The pipeline the server extracts with, loaded once for every serve test."""
    from sitat.serve.extraction import shared_pipeline

    return shared_pipeline()


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory, pipeline) -> Path:
    """A store with our articles and the invented records, ingested once."""
    import sitat

    folder = tmp_path_factory.mktemp("serve")
    corpus_file = folder / "innsendt.jsonl"
    corpus_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    path = folder / "nyheter.db"
    with sitat.Corpus(path, nlp=pipeline) as corpus:
        report = corpus.ingest([*(ARTICLES / name for name in TEXT_ARTICLES), corpus_file])
    assert report.failed == 0, report.errors
    return path


@pytest.fixture(scope="session")
def app(serve_db, pipeline):
    from sitat.serve import create_app

    return create_app(serve_db, api_token=TOKEN, nlp=pipeline)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_article_id(client) -> int:
    hits = client.get("/api/quotes", params={"q": "godtar"}).json()["items"]
    assert hits, "the hostile article's quote should be stored"
    return hits[0]["article_id"]


@pytest.fixture(scope="session")
def stored(serve_db):
    """Rows read straight from the test store (read-only): ``stored(sql, params)``."""
    import sqlite3

    def read(sql: str, params: tuple = ()) -> list[tuple]:
        conn = sqlite3.connect(serve_db.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    return read
