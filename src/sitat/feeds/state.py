"""The watcher's state in the store: feeds, the items seen in them, validators, errors and counts.

Every change is its own short ``BEGIN IMMEDIATE`` transaction, so a stop at any point leaves a
state the next run continues from: items are recorded (with the feed's new ETag) before their
pages are fetched, and an item is marked done only after its article is committed.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator

from .config import FeedConfig
from .parse import FeedEntry

STATUS_COLUMNS = ("id", "url", "outlet", "lang", "interval_s", "origin", "active", "last_polled_at", "last_success_at",
                  "last_error_at", "last_error", "failures", "polls", "errors", "ingested", "updated", "next_poll_at")


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def upsert_feed(conn: sqlite3.Connection, feed: FeedConfig, *, origin: str, now: datetime) -> int:
    """Add ``feed`` or update its outlet, language and interval (state is kept); RETURNS its id."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO feeds (url, outlet, lang, interval_s, origin, active, added_at) VALUES (?, ?, ?, ?, ?, 1, ?) "
            "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet, lang = excluded.lang, "
            "interval_s = excluded.interval_s, origin = excluded.origin, active = 1",
            (feed.url, feed.outlet, feed.lang, feed.interval, origin, utc_iso(now)))
        return conn.execute("SELECT id FROM feeds WHERE url = ?", (feed.url,)).fetchone()[0]


def sync_config(conn: sqlite3.Connection, feeds: list[FeedConfig], *, now: datetime) -> None:
    """Make the store's config feeds those of FEEDS.toml: new ones added, dropped ones paused (state kept)."""
    for feed in feeds:
        upsert_feed(conn, feed, origin="config", now=now)
    with transaction(conn):
        urls = [f.url for f in feeds]
        marks = ", ".join("?" * len(urls))
        keep = f" AND url NOT IN ({marks})" if urls else ""
        conn.execute(f"UPDATE feeds SET active = 0 WHERE origin = 'config'{keep}", urls)


def active_feeds(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM feeds WHERE active = 1 ORDER BY id").fetchall()


def feed_row(conn: sqlite3.Connection, feed_id: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()


def record_entries(conn: sqlite3.Connection, feed_id: int, entries: list[FeedEntry], *, etag: str | None,
                   last_modified: str | None, now: datetime) -> int:
    """Store new entries as 'new' (and changed ones again as 'new') with the feed's validators, in one
    transaction; RETURNS how many entries are new or changed."""
    fresh = 0
    with transaction(conn):
        for entry in entries:
            row = conn.execute("SELECT id, stamp, status FROM feed_items WHERE feed_id = ? AND item_key = ?",
                               (feed_id, entry.key)).fetchone()
            if row is None:
                conn.execute("INSERT INTO feed_items (feed_id, item_key, url, title, published, stamp, status, first_seen_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, 'new', ?)",
                             (feed_id, entry.key, entry.url, entry.title, entry.published, entry.stamp, utc_iso(now)))
                fresh += 1
            elif entry.stamp != row["stamp"]:
                # The outlet says the article changed: fetch it again (it is re-extracted if its text differs).
                conn.execute("UPDATE feed_items SET url = ?, title = ?, published = ?, stamp = ?, status = 'new', "
                             "attempts = 0, error = NULL WHERE id = ?",
                             (entry.url, entry.title, entry.published, entry.stamp, row["id"]))
                fresh += 1
        conn.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?", (etag, last_modified, feed_id))
    return fresh


def pending_items(conn: sqlite3.Connection, feed_id: int) -> list[sqlite3.Row]:
    """Items still to fetch: new ones and those that failed for a reason that may pass."""
    return conn.execute("SELECT * FROM feed_items WHERE feed_id = ? AND status IN ('new', 'failed') ORDER BY id",
                        (feed_id,)).fetchall()


def finish_item(conn: sqlite3.Connection, item_id: int, *, status: str, now: datetime, article_id: int | None = None,
                text_hash: str | None = None, error: str | None = None, counted: str | None = None) -> None:
    """Record what became of an item (and count an ingested/updated article on its feed)."""
    with transaction(conn):
        conn.execute("UPDATE feed_items SET status = ?, attempts = attempts + 1, article_id = coalesce(?, article_id), "
                     "text_hash = coalesce(?, text_hash), error = ?, fetched_at = ? WHERE id = ?",
                     (status, article_id, text_hash, error, utc_iso(now), item_id))
        if counted in ("ingested", "updated"):
            conn.execute(f"UPDATE feeds SET {counted} = {counted} + 1 "
                         "WHERE id = (SELECT feed_id FROM feed_items WHERE id = ?)", (item_id,))


def same_text_elsewhere(conn: sqlite3.Connection, item_id: int, text_hash: str) -> int | None:
    """The article already stored from another item with exactly this text (syndicated copies)."""
    row = conn.execute("SELECT article_id FROM feed_items WHERE text_hash = ? AND id <> ? AND article_id IS NOT NULL "
                       "ORDER BY id LIMIT 1", (text_hash, item_id)).fetchone()
    return row[0] if row else None


def record_poll(conn: sqlite3.Connection, feed_id: int, *, now: datetime, next_poll: datetime,
                error: str | None = None) -> None:
    """A poll's outcome on the feed: success resets the failure run, an error is kept with its time."""
    with transaction(conn):
        if error is None:
            conn.execute("UPDATE feeds SET polls = polls + 1, last_polled_at = ?, last_success_at = ?, failures = 0, "
                         "next_poll_at = ? WHERE id = ?", (utc_iso(now), utc_iso(now), utc_iso(next_poll), feed_id))
        else:
            conn.execute("UPDATE feeds SET polls = polls + 1, last_polled_at = ?, last_error_at = ?, last_error = ?, "
                         "failures = failures + 1, errors = errors + 1, next_poll_at = ? WHERE id = ?",
                         (utc_iso(now), utc_iso(now), error, utc_iso(next_poll), feed_id))


def feed_status(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every feed with its state and item counts (done, pending, failed, rejected) and its latest item error.

    RETURNS (list[dict]): as ``sitat watch --status --json`` prints and ``GET /api/feeds`` returns.
    """
    rows = conn.execute(
        f"""SELECT {', '.join('f.' + c for c in STATUS_COLUMNS)},
               count(i.id) AS items,
               coalesce(sum(i.status = 'done'), 0) AS items_done,
               coalesce(sum(i.status IN ('new', 'failed')), 0) AS items_pending,
               coalesce(sum(i.status = 'rejected'), 0) AS items_rejected,
               (SELECT error FROM feed_items e WHERE e.feed_id = f.id AND e.error IS NOT NULL
                ORDER BY e.fetched_at DESC, e.id DESC LIMIT 1) AS last_item_error
        FROM feeds f LEFT JOIN feed_items i ON i.feed_id = f.id
        GROUP BY f.id ORDER BY f.id""").fetchall()
    return [dict(row) | {"active": bool(row["active"])} for row in rows]
