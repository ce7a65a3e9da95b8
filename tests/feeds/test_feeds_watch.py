"""End to end against the local site: feeds polled, pages fetched, articles stored with their quotes."""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from news_site import BRYGGEN, BRYGGEN_UPDATED, FERJE, KVOTE, SKOLE, STROM, Item, atom, rss
from sitat.feeds import Watcher, stop_on_signals
from sitat.feeds.config import FeedConfig
from sitat.feeds.fetch import Fetcher
from sitat.feeds.state import feed_status, sync_config
from sitat.store.database import connect

pytestmark = pytest.mark.model

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)
BAD = ("/nyheter/nede", "/nyheter/treg", "/nyheter/stor", "/nyheter/rapport.pdf", "/nyheter/sloyfe-a", "/privat/intern")


def publish(site, *, bryggen=BRYGGEN, bryggen_date="Tue, 24 Nov 2026 07:30:00 +0100") -> None:
    """The newsroom's pages and feeds: five good stories, six pages that fail, one broken feed."""
    site.add(BRYGGEN.path, bryggen.html())
    site.add("/byen/bryggen", bryggen.html())                              # the same story under a second address
    site.add(SKOLE.path, SKOLE.html())
    site.add(STROM.path, STROM.html(charset="iso-8859-1").encode("cp1252"), content_type="text/html; charset=ISO-8859-1")
    site.add(FERJE.path, FERJE.html(), content_type="text/html")            # charset only in <meta>
    site.add(KVOTE.path, KVOTE.html(), content_type="text/html; charset=iso-8859-1")   # UTF-8 labelled Latin-1
    site.add("/nyheter/nede", "Intern feil", status=500, content_type="text/plain")
    site.add("/nyheter/treg", SKOLE.html(), delay=0.6)
    megabyte = b"<p>" + b"tekst " * 174_762 + b"</p>\n"
    site.add("/nyheter/stor", lambda: (megabyte for _ in range(20)), length=False)   # 20 MB, no Content-Length
    site.add("/nyheter/rapport.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")
    site.add("/nyheter/sloyfe-a", status=302, headers={"Location": "/nyheter/sloyfe-b"})
    site.add("/nyheter/sloyfe-b", status=302, headers={"Location": "/nyheter/sloyfe-a"})
    site.add("/privat/intern", SKOLE.html())
    items = [Item(BRYGGEN.path, BRYGGEN.title, bryggen_date, guid="vp-1"),
             Item(SKOLE.path, SKOLE.title, "Tue, 24 Nov 2026 09:05:00 +0100", guid="vp-2"),
             Item(STROM.path, STROM.title, "Tue, 24 Nov 2026 11:40:00 +0100", guid="vp-3")]
    items += [Item(path, "Sak som feiler", "Tue, 24 Nov 2026 12:00:00 +0100", guid=path) for path in BAD]
    site.add("/rss/innenriks.xml", rss(site.base, items), content_type="application/rss+xml; charset=utf-8",
             validators=True)
    site.add("/atom/kyst.xml", atom(site.base, [
        Item(FERJE.path, FERJE.title, "2026-11-24T12:15:00+01:00", guid="ferje"),
        Item(KVOTE.path, KVOTE.title, "2026-11-24T13:00:00+01:00", guid="kvote"),
        Item(SKOLE.path + "?utm_source=kystavisa", SKOLE.title, "2026-11-24T09:05:00+01:00", guid="skole"),
        Item("/byen/bryggen", BRYGGEN.title, "2026-11-24T07:30:00+01:00", guid="bryggen"),
    ]), content_type="application/atom+xml", validators=True)
    site.add("/rss/odelagt.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>Brudd</title><item><title>Halv",
             content_type="application/rss+xml")


def feeds(site) -> list[FeedConfig]:
    return [FeedConfig(site.base + "/rss/odelagt.xml", "Bruddavisa", "nb"),
            FeedConfig(site.base + "/rss/innenriks.xml", "Vestlandsposten", "nb"),
            FeedConfig(site.base + "/atom/kyst.xml", "Kystavisa", None)]


@pytest.fixture
def watch_settings(settings):
    return replace(settings, timeout=0.2, retries=1)


def make_watcher(conn, settings, load_nlp, fake_clock, **kwargs) -> Watcher:
    fetcher = Fetcher(settings, clock=fake_clock.clock, sleep=fake_clock.sleep)
    return Watcher(conn, settings, nlp=load_nlp, fetcher=fetcher, extractor="test", **kwargs)


def by_feed(reports):
    return {r.feed.rsplit("/", 1)[-1]: r for r in reports}


def quotes_of(conn, path):
    return {(row[0], row[1]) for row in conn.execute(
        "SELECT q.text, s.name FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s "
        "ON s.id = q.speaker_id WHERE a.url LIKE ?", ("%" + path,))}


def test_watch_once_ingests_new_articles_with_quotes_and_survives_bad_pages(site, tmp_path, watch_settings, load_nlp,
                                                                            fake_clock):
    publish(site)
    db = tmp_path / "nyheter.db"
    conn = connect(db)
    sync_config(conn, feeds(site), now=T0)
    watcher = make_watcher(conn, watch_settings, load_nlp, fake_clock)
    reports = by_feed(watcher.run_once())
    watcher.close()

    assert reports["odelagt.xml"].status == "error"
    assert reports["odelagt.xml"].errors[0].startswith(f"E088 {site.base}/rss/odelagt.xml: not a readable RSS/Atom feed")
    rss_report, atom_report = reports["innenriks.xml"], reports["kyst.xml"]
    assert (rss_report.new_items, rss_report.ingested, rss_report.failed, rss_report.rejected) == (9, 3, 2, 4)
    assert (atom_report.new_items, atom_report.ingested, atom_report.unchanged) == (4, 2, 2)

    articles = {row["url"].removeprefix(site.base): row for row in conn.execute("SELECT * FROM articles")}
    assert set(articles) == {BRYGGEN.path, SKOLE.path, STROM.path, FERJE.path, KVOTE.path}
    assert articles[BRYGGEN.path]["outlet"] == "Vestlandsposten" and articles[FERJE.path]["outlet"] == "Kystavisa"
    assert articles[BRYGGEN.path]["title"] == BRYGGEN.title
    assert articles[BRYGGEN.path]["published"] == "2026-11-24T07:30:00+01:00"
    assert articles[FERJE.path]["lang"] == "nn"
    assert "Åse Bråten i Nordisk Kraftanalyse" in articles[STROM.path]["text"]       # ISO-8859-1 page
    assert "fra Finnmark til Møre, sier fisker" in articles[KVOTE.path]["text"]       # UTF-8 labelled Latin-1
    assert ("Vi må gi byen tilbake til dem som går og sykler", "Mona Strand") in quotes_of(conn, BRYGGEN.path)
    assert ("Dette er ein stor dag for øysamfunnet", "Kari Hjelmeland") in quotes_of(conn, FERJE.path)
    assert any(speaker == "Åse Bråten" for _, speaker in quotes_of(conn, STROM.path))

    errors = dict(conn.execute("SELECT url, error FROM feed_items WHERE error IS NOT NULL"))
    errors = {url.removeprefix(site.base): error for url, error in errors.items()}
    assert errors["/nyheter/nede"].startswith(f"E083 {site.base}/nyheter/nede: could not fetch (HTTP 500, 2 tries)")
    assert "no answer within 0.2 s" in errors["/nyheter/treg"]
    assert errors["/nyheter/stor"].startswith("E084") and errors["/nyheter/rapport.pdf"].startswith("E085")
    assert errors["/nyheter/sloyfe-a"].startswith("E086") and errors["/privat/intern"].startswith("E087")
    assert site.hits("/privat/intern") == []

    # A restart: a new connection and fetcher. The feeds answer 304, nothing is added, and only the
    # pages that may recover are asked for again.
    conn.close()
    conn = connect(db)
    watcher = make_watcher(conn, watch_settings, load_nlp, fake_clock)
    again = by_feed(watcher.run_once())
    assert again["innenriks.xml"].status == "not-modified" and again["kyst.xml"].status == "not-modified"
    first, second = site.hits("/rss/innenriks.xml")
    assert "if-none-match" not in first and second["if-none-match"].startswith('"')
    assert second["if-modified-since"] == "Tue, 24 Nov 2026 12:00:00 GMT"
    assert all(r.ingested == r.updated == 0 for r in again.values())
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert len(site.hits(BRYGGEN.path)) == 1 and len(site.hits("/nyheter/stor")) == 1
    assert len(site.hits("/nyheter/nede")) == 4   # 2 tries per poll

    # Third poll: the two failing pages are given up after max_attempts (3).
    watcher.run_once()
    rows = dict(conn.execute("SELECT url, status FROM feed_items"))
    assert rows[site.base + "/nyheter/nede"] == "rejected" and rows[site.base + "/nyheter/treg"] == "rejected"
    assert "gave up after 3 attempts" in conn.execute("SELECT error FROM feed_items WHERE url LIKE '%/nede'").fetchone()[0]
    watcher.run_once()
    assert len(site.hits("/nyheter/nede")) == 6
    watcher.close()
    conn.close()


def test_watch_updated_article_is_re_extracted_and_versioned(site, db, watch_settings, load_nlp, fake_clock):
    publish(site)
    sync_config(db, feeds(site)[1:2], now=T0)
    watcher = make_watcher(db, watch_settings, load_nlp, fake_clock)
    watcher.run_once()
    (article_id, old_hash) = db.execute("SELECT id, content_hash FROM articles WHERE url LIKE '%bryggen-bilfri'").fetchone()

    publish(site, bryggen=BRYGGEN_UPDATED, bryggen_date="Tue, 24 Nov 2026 15:10:00 +0100")
    (report,) = watcher.run_once()
    watcher.close()
    assert (report.status, report.new_items, report.updated, report.ingested) == ("ok", 1, 1, 0)
    (text,) = db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    assert "11 000 biler" in text and "9000 biler" not in text
    assert ("Vi kommer til å kjempe mot dette forslaget i bystyret", "Tone Berge") in quotes_of(db, BRYGGEN.path)
    versions = db.execute("SELECT article_id, content_hash, text FROM article_versions").fetchall()
    assert len(versions) == 1 and versions[0][0] == article_id and versions[0][1] == old_hash
    assert "9000 biler" in versions[0][2]
    (status,) = [s for s in feed_status(db) if s["url"].endswith("innenriks.xml")]
    assert (status["ingested"], status["updated"]) == (3, 1)


def test_watch_stop_finishes_the_article_in_hand_and_resumes(site, db, watch_settings, load_nlp, fake_clock):
    publish(site)
    sync_config(db, feeds(site)[1:2], now=T0)
    stop = threading.Event()
    events = []

    def on_event(line):
        events.append(line)
        stop.set()  # as SIGTERM would, while the first article is being stored

    watcher = make_watcher(db, watch_settings, load_nlp, fake_clock, stop=stop, on_event=on_event)
    (report,) = watcher.run_once()
    assert report.status == "stopped" and report.ingested == 1
    assert events[0].startswith("ny: Byrådet vil stenge Bryggen for biltrafikk (")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM feed_items WHERE status = 'new'").fetchone()[0] == 8

    watcher = make_watcher(db, watch_settings, load_nlp, fake_clock)
    (report,) = watcher.run_once()   # the feed answers 304; the items recorded before the stop are fetched now
    assert report.status == "not-modified" and report.ingested == 2
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_watch_failing_feed_is_retried_with_growing_pause_then_recovers(site, db, watch_settings, load_nlp, fake_clock):
    publish(site)
    site.routes["/rss/innenriks.xml"].status = 503
    sync_config(db, feeds(site)[1:2], now=T0)
    clock = {"now": T0}
    watcher = make_watcher(db, watch_settings, load_nlp, fake_clock, now=lambda: clock["now"])
    pauses = []
    for _ in range(3):
        (report,) = watcher.run_once()
        assert report.status == "error" and "HTTP 503" in report.errors[0]
        (status,) = feed_status(db)
        pauses.append(datetime.fromisoformat(status["next_poll_at"]) - clock["now"])
        assert watcher._due() == []
        clock["now"] += pauses[-1]
        assert len(watcher._due()) == 1
    assert pauses == [timedelta(seconds=300), timedelta(seconds=600), timedelta(seconds=1200)]
    assert (status["failures"], status["errors"], status["last_success_at"]) == (3, 3, None)
    assert status["last_error"].startswith(f"E083 {site.base}/rss/innenriks.xml: could not fetch (HTTP 503")

    site.routes["/rss/innenriks.xml"].status = 200
    (report,) = watcher.run_once()
    (status,) = feed_status(db)
    assert report.ingested == 3 and status["failures"] == 0 and status["last_success_at"] == clock["now"].isoformat()
    assert status["errors"] == 3   # kept, for the record


def test_watch_signals_set_stop_then_interrupt(monkeypatch):
    stop = threading.Event()
    heard = []
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals(stop, on_signal=heard.append):
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.is_set() and heard == [signal.SIGTERM]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGTERM) is before


def test_watch_config_sync_keeps_api_feeds_and_pauses_removed_ones(site, db, watch_settings, fake_clock):
    from sitat.feeds.state import upsert_feed

    site.add("/rss/tom.xml", rss(site.base, []), content_type="application/rss+xml")
    configured = [FeedConfig(site.base + "/rss/innenriks.xml", "Vestlandsposten", "nb"),
                  FeedConfig(site.base + "/rss/tom.xml", "Tomavisa", "nb", 60)]
    sync_config(db, configured, now=T0)
    upsert_feed(db, FeedConfig(site.base + "/atom/kyst.xml", "Kystavisa", "nn"), origin="api", now=T0)
    sync_config(db, configured[1:], now=T0)         # innenriks.xml is no longer in the file
    state = {s["url"].rsplit("/", 1)[-1]: s for s in feed_status(db)}
    assert {k: (s["active"], s["origin"]) for k, s in state.items()} == {
        "innenriks.xml": (False, "config"), "tom.xml": (True, "config"), "kyst.xml": (True, "api")}
    assert state["tom.xml"]["interval_s"] == 60

    def no_model():
        raise AssertionError("nothing here needs the model")

    watcher = make_watcher(db, watch_settings, no_model, fake_clock)
    reports = watcher.run_once()
    assert [r.feed.rsplit("/", 1)[-1] for r in reports] == ["tom.xml", "kyst.xml"]   # paused feeds are not polled
    assert reports[0].status == "ok" and reports[1].status == "error"                 # kyst.xml: 404 here


def test_watch_run_forever_polls_due_feeds_until_stopped(site, db, watch_settings, fake_clock):
    site.add("/rss/tom.xml", rss(site.base, []), content_type="application/rss+xml")
    sync_config(db, [FeedConfig(site.base + "/rss/tom.xml", "Tomavisa", "nb", 60)], now=T0)
    stop = threading.Event()
    waits = []

    class CountingStop(threading.Event):
        def wait(self, timeout=None):
            waits.append(timeout)
            if len(waits) == 2:
                stop.set()
            return stop.is_set()

        def is_set(self):
            return stop.is_set()

    watcher = make_watcher(db, watch_settings, lambda: None, fake_clock, stop=CountingStop())
    watcher.run_forever()
    (status,) = feed_status(db)
    assert status["polls"] == 1            # due once; the second loop found nothing due yet
    assert 55 <= waits[0] <= 60            # slept until the feed is due again (its interval is 60 s)
