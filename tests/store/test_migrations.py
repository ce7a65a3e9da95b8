"""The schema: named migrations applied in order, once; tables, views and FTS5 as documented."""

from __future__ import annotations

import sqlite3

import pytest

from sitat.errors import StoreError
from sitat.store import migrations
from sitat.store.database import connect, connect_readonly
from sitat.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, applied, migrate


def names(conn, kind):
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_migrations_fresh_database_has_every_table_view_and_fts(conn):
    assert applied(conn) == [m.name for m in MIGRATIONS]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert {"articles", "speakers", "article_speakers", "quote_spans", "quote_tallies", "quotes_fts", "articles_fts",
            MIGRATIONS_TABLE} <= names(conn, "table")
    assert {"quotes", "mentions", "quotes_with_speakers", "speaker_counts"} <= names(conn, "view")
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fts_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_fts'").fetchone()[0]
    assert "unicode61 remove_diacritics 0" in fts_sql


@pytest.mark.parametrize("table", ["quotes", "articles"])
def test_datasette_finds_the_full_text_index(conn, table):
    # The pattern datasette's and sqlite-utils' detect_fts() look for.
    found = conn.execute("SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
                         (f'%VIRTUAL TABLE%USING FTS%content="{table}"%',)).fetchall()
    assert [row[0] for row in found] == [f"{table}_fts"]


def test_migrations_run_once(db_path, conn):
    assert migrate(conn) == []
    second = connect(db_path)
    assert applied(second) == [m.name for m in MIGRATIONS]
    assert second.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE}").fetchone()[0] == len(MIGRATIONS)
    second.close()


def test_migrations_older_store_gets_the_rest_in_order(db_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:1])
    connect(db_path).close()
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    conn = sqlite3.connect(db_path, isolation_level=None)
    assert applied(conn) == [MIGRATIONS[0].name]
    assert migrate(conn) == [m.name for m in MIGRATIONS[1:]]
    assert applied(conn) == [m.name for m in MIGRATIONS]
    conn.close()


def test_migrations_unknown_to_this_version_are_refused(db_path, conn):
    conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES ('0099_from_the_future', '2030-01-01')")
    with pytest.raises(StoreError, match=r"^E052 .*0099_from_the_future"):
        connect(db_path)


def test_store_that_is_not_a_database(tmp_path):
    path = tmp_path / "notater.db"
    path.write_text("Dette er ikke en database, bare notater om flommen på Voss.\n" * 20, encoding="utf-8")
    with pytest.raises(StoreError, match=r"^E051"):
        connect(path)
    with pytest.raises(StoreError, match=r"^E051"):
        connect_readonly(path)


def test_readonly_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match=r"^E050"):
        connect_readonly(tmp_path / "mangler.db")
    other = tmp_path / "annen.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match=r"^E051 .*sitat_migrations"):
        connect_readonly(other)


def test_readonly_cannot_write(db_path, conn):
    ro = connect_readonly(db_path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("DELETE FROM articles")
    ro.close()
