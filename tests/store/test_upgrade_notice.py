"""A store from an older sitat says so, once, before a migration that rewrites its rows (a minute
on a large store would otherwise look like a hang); a fresh or empty store says nothing."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from sitat.store import migrations
from sitat.store.database import connect, connect_readonly

TEXT = ("Kommunestyret i Lærdal vedtok i kveld å legge ned skolen på Borgund. "
        "– Dette er en trist dag for bygda, sier varaordfører Siri Nes.")


def _store_from_before_0008(db_path, monkeypatch, *, with_article: bool = True) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:7])
    old = connect(db_path)
    if with_article:
        old.execute("INSERT INTO articles (source, text, content_hash, ingested_at) "
                    "VALUES ('laerdal.txt', ?, 'h1', '2026-11-25')", (TEXT,))
    old.close()
    monkeypatch.undo()


def _notices(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sitat.store.migrations"]


def test_old_store_with_articles_is_told_before_each_rewriting_migration(db_path, monkeypatch, caplog):
    _store_from_before_0008(db_path, monkeypatch)
    with caplog.at_level(logging.WARNING):
        connect(db_path).close()
    notices = _notices(caplog)
    assert len(notices) == 2
    assert notices[0].startswith(f"Upgrading {db_path} to schema 8 (0008_compact_store: rebuilding tables")
    assert notices[1].startswith(f"Upgrading {db_path} to schema 9 (0009_quote_tallies: filling new tables")
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name == "sitat.store.migrations")


def test_a_store_already_up_to_date_is_not_told_again(db_path, monkeypatch, caplog):
    _store_from_before_0008(db_path, monkeypatch)
    connect(db_path).close()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        connect(db_path).close()
        connect_readonly(db_path).close()
    assert _notices(caplog) == []


@pytest.mark.parametrize("old_but_empty", [False, True])
def test_fresh_or_empty_store_migrates_silently(db_path, monkeypatch, caplog, old_but_empty):
    if old_but_empty:
        _store_from_before_0008(db_path, monkeypatch, with_article=False)
    with caplog.at_level(logging.DEBUG):
        connect(db_path).close()
    reader = connect_readonly(db_path)
    assert migrations.applied(reader)[-1] == migrations.MIGRATIONS[-1].name
    reader.close()
    assert _notices(caplog) == []


def test_the_command_line_shows_the_notice_on_stderr_only(db_path, monkeypatch):
    _store_from_before_0008(db_path, monkeypatch)
    done = subprocess.run([sys.executable, "-m", "sitat", "search", "skolen", "--db", str(db_path), "-f", "jsonl"],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("Upgrading")]
    assert len(lines) == 2 and all(str(db_path) in line for line in lines)
    assert "Upgrading" not in done.stdout
