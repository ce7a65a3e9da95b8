"""The poll loop: each feed read (conditional GET), new items' pages fetched, read and ingested.

A feed that fails is recorded and tried again later with a growing pause; its error never stops
the other feeds, and one bad page never stops its feed. A stop request (SIGINT/SIGTERM, see
``stop_on_signals``) is honoured between articles: the article in hand is committed first.
"""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

from spacy.language import Language

from ..errors import Errors
from ..store.ingest import ingest_items
from . import state
from .config import Settings
from .fetch import Fetcher, FetchError, Stopped
from .pages import page_to_input
from .parse import FeedEntry, parse_feed

MAX_FAILURE_PAUSE_S = 3600.0  # a failing feed is still tried at least hourly (or at its own interval)
MAX_IDLE_S = 60.0  # the loop re-reads the feeds table this often, so feeds added over the API start soon


@dataclass
class PollReport:
    """What one poll of one feed did.

    status: 'ok', 'not-modified' (304), 'error' (the feed itself failed) or 'stopped'.
    ingested/updated: articles stored new or re-extracted; unchanged: pages whose text was stored
    already; failed: pages to try again later; rejected: pages given up (robots, size, type …).
    """

    feed: str
    status: str = "ok"
    new_items: int = 0
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line in Bokmål for the terminal."""
        state_text = {"ok": "lest", "not-modified": "uendret (304)", "error": "feil", "stopped": "stoppet"}[self.status]
        return (f"{self.feed}: {state_text}; {self.new_items} nye eller endrede saker, {self.ingested} lagret, "
                f"{self.updated} oppdatert, {self.unchanged} uendret, {self.failed} prøves igjen, {self.rejected} avvist")


def extractor_label() -> str:
    """``sitat 0.1.0; nb_pipeline 0.0.0``, as ``sitat ingest`` stores it per article."""
    from .. import __version__
    from ..language import model_path

    meta_file = model_path() / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    return f"sitat {__version__}; {meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Watcher:
    """Polls the active feeds in the store and ingests their new articles.

    conn (sqlite3.Connection): the writer's connection (``store.database.connect``).
    settings (Settings): politeness and default interval.
    nlp (Callable[[], Language]): returns the pipeline; only called once a page needs extracting.
    fetcher (Fetcher | None): made from ``settings`` when None (its waits end early on ``stop``).
    now (Callable[[], datetime]): the wall clock, for timestamps and schedules.
    stop (threading.Event | None): set it to stop after the article in hand.
    on_event (Callable[[str], None] | None): called with a line (Bokmål) per article and feed error.
    DOCS: docs/feeds.md
    """

    def __init__(self, conn: sqlite3.Connection, settings: Settings, *, nlp: Callable[[], Language],
                 fetcher: Fetcher | None = None, now: Callable[[], datetime] = utc_now,
                 stop: threading.Event | None = None, on_event: Callable[[str], None] | None = None,
                 extractor: str | None = None) -> None:
        self.conn = conn
        self.settings = settings
        self.nlp = nlp
        self.stop = stop or threading.Event()
        self.fetcher = fetcher or Fetcher(settings, sleep=self.stop.wait, should_stop=self.stop.is_set)
        self.now = now
        self.on_event = on_event or (lambda line: None)
        self.extractor = extractor if extractor is not None else extractor_label()

    def close(self) -> None:
        self.fetcher.close()

    def run_once(self) -> list[PollReport]:
        """Poll every active feed once (in the order they were added); RETURNS one report per feed polled."""
        reports = []
        for row in state.active_feeds(self.conn):
            if self.stop.is_set():
                break
            reports.append(self.poll(row))
        return reports

    def run_forever(self) -> None:
        """Poll each feed when it is due, until ``stop`` is set."""
        while not self.stop.is_set():
            for row in self._due():
                if self.stop.is_set():
                    return
                report = self.poll(row)
                if report.new_items or report.errors:
                    self.on_event(report.summary())
            self.stop.wait(self._idle_seconds())

    def _due(self) -> list[sqlite3.Row]:
        now = state.utc_iso(self.now())
        return [row for row in state.active_feeds(self.conn) if not row["next_poll_at"] or row["next_poll_at"] <= now]

    def _idle_seconds(self) -> float:
        """Seconds until the next feed is due, between 1 and MAX_IDLE_S."""
        times = [datetime.fromisoformat(r["next_poll_at"]) for r in state.active_feeds(self.conn) if r["next_poll_at"]]
        if not times:
            return MAX_IDLE_S
        return min(max((min(times) - self.now()).total_seconds(), 1.0), MAX_IDLE_S)

    def interval(self, row: sqlite3.Row) -> float:
        return float(row["interval_s"] or self.settings.interval)

    def poll(self, row: sqlite3.Row) -> PollReport:
        """Read one feed, record its new items, then fetch and ingest every pending item."""
        report = PollReport(feed=row["url"])
        feed_error = None
        try:
            self._read_feed(row, report)
        except Stopped:
            report.status = "stopped"
            return report
        except FetchError as err:
            feed_error = str(err)
            report.status = "error"
            report.errors.append(feed_error)
            self.on_event(f"feil i strømmen {row['url']}: {feed_error}")
        # Items recorded earlier (failed pages, or a run stopped half-way) are fetched even when the feed fails now.
        for item in state.pending_items(self.conn, row["id"]):
            if self.stop.is_set():
                report.status = "stopped"
                break
            try:
                self._process_item(row, item, report)
            except Stopped:
                report.status = "stopped"
                break
        now = self.now()
        failures = row["failures"] + 1 if feed_error else 0
        pause = self.interval(row) if not failures else min(self.interval(row) * 2 ** (failures - 1),
                                                            max(self.interval(row), MAX_FAILURE_PAUSE_S))
        state.record_poll(self.conn, row["id"], now=now, next_poll=now + timedelta(seconds=pause), error=feed_error)
        return report

    def _read_feed(self, row: sqlite3.Row, report: PollReport) -> None:
        headers = {}
        if row["etag"]:
            headers["If-None-Match"] = row["etag"]
        if row["last_modified"]:
            headers["If-Modified-Since"] = row["last_modified"]
        response = self.fetcher.get(row["url"], max_bytes=self.settings.max_feed_bytes, headers=headers)
        if response.status == 304:
            report.status = "not-modified"
            return
        if response.status != 200:
            raise FetchError(Errors.E083.format(url=row["url"], reason=f"HTTP {response.status}"), url=row["url"],
                             transient=True)
        entries = parse_feed(response.content, url=row["url"], content_type=response.headers.get("content-type"))
        report.new_items = state.record_entries(self.conn, row["id"], entries, etag=response.headers.get("etag"),
                                                last_modified=response.headers.get("last-modified"), now=self.now())

    def _process_item(self, row: sqlite3.Row, item: sqlite3.Row, report: PollReport) -> None:
        """Fetch, read and ingest one item's page; its outcome is recorded on the item."""
        entry = FeedEntry(key=item["item_key"], url=item["url"], title=item["title"], published=item["published"],
                          stamp=item["stamp"])
        try:
            response = self.fetcher.get(entry.url, max_bytes=self.settings.max_page_bytes)
            if response.status != 200:
                raise FetchError(Errors.E083.format(url=entry.url, reason=f"HTTP {response.status}"), url=entry.url,
                                 transient=response.status >= 500 or response.status in (408, 429))
            article = page_to_input(response, entry, outlet=row["outlet"])
        except FetchError as err:
            self._item_failed(item, str(err), transient=err.transient, report=report)
            return
        except Stopped:
            raise
        except Exception as err:  # a page that trips trafilatura must not stop the feed
            self._item_failed(item, Errors.E057.format(source=entry.url, reason=f"{type(err).__name__}: {err}"),
                              transient=False, report=report)
            return
        text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        copy_of = state.same_text_elsewhere(self.conn, item["id"], text_hash)
        if copy_of is not None:
            # The same text reached through another item (another feed, another address): one article, not two,
            # and the outlet of the feed that brought it first stays.
            state.finish_item(self.conn, item["id"], status="done", now=self.now(), article_id=copy_of, text_hash=text_hash)
            report.unchanged += 1
            return
        result = ingest_items(self.conn, [article], nlp=self.nlp, lang=row["lang"], batch_size=1,
                              extractor=self.extractor)
        if result.failed:
            self._item_failed(item, "; ".join(result.errors), transient=False, report=report)
            return
        article_id = self._article_id(article.meta["url"])
        counted = "ingested" if result.ingested else "updated" if result.replaced else None
        state.finish_item(self.conn, item["id"], status="done", now=self.now(), article_id=article_id,
                          text_hash=text_hash, counted=counted)
        if counted is None:
            report.unchanged += 1
            return
        setattr(report, counted, getattr(report, counted) + 1)
        quotes = self.conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
        verb = "ny" if counted == "ingested" else "oppdatert"
        self.on_event(f"{verb}: {article.title or article.meta['url']} ({quotes} sitater) {article.meta['url']}")

    def _item_failed(self, item: sqlite3.Row, message: str, *, transient: bool, report: PollReport) -> None:
        attempts = item["attempts"] + 1
        give_up = not transient or attempts >= self.settings.max_attempts
        if transient and give_up:
            message += f" (gave up after {attempts} attempts)"
        state.finish_item(self.conn, item["id"], status="rejected" if give_up else "failed", now=self.now(), error=message)
        report.errors.append(message)
        if give_up:
            report.rejected += 1
        else:
            report.failed += 1
        self.on_event(f"{'avvist' if give_up else 'prøves igjen'}: {message}")

    def _article_id(self, url: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE url = ? AND ext_id IS NULL ORDER BY id LIMIT 1",
                                (url,)).fetchone()
        return row[0] if row else None


@contextmanager
def stop_on_signals(stop: threading.Event, *, on_signal: Callable[[int], None] | None = None) -> Iterator[threading.Event]:
    """SIGINT and SIGTERM set ``stop`` (finish the article in hand, then stop); a second one stops at once.

    Outside the main thread (where Python cannot install handlers) nothing is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        if on_signal:
            on_signal(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
