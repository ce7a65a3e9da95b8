"""`sitat ingest` survives kill -9: nothing half-written, nothing committed lost, a re-run completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sitat

ARTICLES = Path(__file__).parent.parent / "articles"
COPIES = 40
BATCH = 4

pytestmark = pytest.mark.model


def build_corpus(path: Path) -> Path:
    """COPIES records cycling through our .txt articles, each with its own id."""
    texts = sorted(ARTICLES.glob("*.txt"))
    with path.open("w", encoding="utf-8") as f:
        for n in range(COPIES):
            title, _, body = texts[n % len(texts)].read_text(encoding="utf-8").partition("\n")
            record = {"id": f"kopi-{n:03d}", "title": title, "outlet": "Testavisa", "text": body.strip()}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def committed(db: Path) -> int:
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def ingest_process(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitat", "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())


def quotes_per_article(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT a.ext_id, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id GROUP BY a.id")
    return dict(rows.fetchall())


def test_kill_9_midway_then_rerun_equals_a_clean_run(tmp_path, extract_nlp):
    corpus = build_corpus(tmp_path / "korpus.jsonl")
    db = tmp_path / "drept.db"
    process = ingest_process(corpus, db)
    deadline = time.monotonic() + 120
    while committed(db) < 2 * BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    exited_early = process.poll()
    process.send_signal(signal.SIGKILL)
    _, stderr = process.communicate()
    assert exited_early is None, f"ingest ended before it could be killed: {stderr.decode()[-2000:]}"
    stored_at_kill = committed(db)
    assert 0 < stored_at_kill < COPIES, f"the run was not stopped midway ({stored_at_kill} of {COPIES} stored)"

    with sitat.Corpus(tmp_path / "ren.db", nlp=extract_nlp) as clean:
        assert clean.ingest(corpus).ingested == COPIES
        clean_counts = clean.counts()
        expected = quotes_per_article(clean.db)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    partial = quotes_per_article(conn)
    assert len(partial) == stored_at_kill and stored_at_kill % BATCH == 0  # whole batches only
    assert partial == {ext_id: expected[ext_id] for ext_id in partial}  # every stored article has all its quotes
    conn.close()

    rerun = ingest_process(corpus, db)
    _, stderr = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, stderr.decode()
    assert f"skipped {stored_at_kill} unchanged" in stderr.decode()
    with sitat.Corpus(db) as resumed:
        assert resumed.counts() == clean_counts
        assert quotes_per_article(resumed.db) == expected
        assert resumed.query("SELECT count(DISTINCT ext_id) AS n FROM articles") == [{"n": COPIES}]
        assert resumed.query("SELECT count(*) AS n FROM quotes_fts") == [{"n": clean_counts["quotes"]}]
