"""Feeds parsed (RSS 2.0, Atom, broken XML) and pages read (content type, charsets, feed fallbacks)."""

from __future__ import annotations

import httpx
import pytest

from news_site import BRYGGEN, FERJE, STROM, Item, atom, rss
from sitat.feeds.fetch import FetchError, Response
from sitat.feeds.pages import decode_page, page_to_input
from sitat.feeds.parse import FeedEntry, canonical_url, parse_feed

BASE = "https://www.vestlandsposten.example"


def test_parse_rss_entries_in_order_with_dates():
    doc = rss(BASE, [Item(BRYGGEN.path, BRYGGEN.title, "Tue, 24 Nov 2026 07:30:00 +0100", guid="vp-1001"),
                     Item(STROM.path + "?utm_source=rss&side=2", STROM.title, "Tue, 24 Nov 2026 11:40:00 +0100", guid="vp-1002")])
    entries = parse_feed(doc.encode(), url=BASE + "/rss", content_type="application/rss+xml")
    assert [e.key for e in entries] == ["vp-1001", "vp-1002"]
    assert entries[0].url == BASE + BRYGGEN.path and entries[0].title == BRYGGEN.title
    assert entries[0].published == "2026-11-24T06:30:00+00:00"
    assert entries[0].stamp == "Tue, 24 Nov 2026 07:30:00 +0100"
    assert entries[1].url == BASE + STROM.path + "?side=2"


def test_parse_atom_entries():
    doc = atom(BASE, [Item(FERJE.path, FERJE.title, "2026-11-24T12:15:00+01:00", guid="ferje")])
    (entry,) = parse_feed(doc.encode(), url=BASE + "/atom", content_type="application/atom+xml")
    assert entry.key == "urn:kystavisa:ferje" and entry.title == "Ferja til Solund får ny rute"
    assert entry.published == "2026-11-24T11:15:00+00:00"


@pytest.mark.parametrize("doc, reason", [
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Brudd</title><item><title>Halv sak</tit", "line 1"),
    ("<html><body><p>Dette er ingen nyhetsstrøm</p></body></html>".encode(), ""),
    (b"", "neither RSS nor Atom"),
])
def test_parse_malformed_feed_is_e088(doc, reason):
    with pytest.raises(FetchError, match=rf"^E088 {BASE}/rss: not a readable RSS/Atom feed \(.*{reason}"):
        parse_feed(doc, url=BASE + "/rss", content_type="application/rss+xml")


def test_canonical_url_drops_fragment_and_tracking():
    assert canonical_url("HTTPS://WWW.Avis.no/sak/1?utm_medium=x&id=3&fbclid=y#kommentarer") == "https://www.avis.no/sak/1?id=3"


@pytest.mark.parametrize("data, declared, expected", [
    ("Blåbærsyltetøy på Ørland".encode("utf-8"), "iso-8859-1", "Blåbærsyltetøy på Ørland"),   # mislabelled UTF-8
    ("Blåbærsyltetøy på Ørland".encode("iso-8859-1"), "utf-8", "Blåbærsyltetøy på Ørland"),   # mislabelled Latin-1
    ("Blåbærsyltetøy på Ørland".encode("iso-8859-1"), None, "Blåbærsyltetøy på Ørland"),
    ("<meta charset='windows-1252'>Ærlig talt – «sa» han".encode("cp1252"), None, "<meta charset='windows-1252'>Ærlig talt – «sa» han"),
    ("Ærlig".encode("utf-16"), "utf-16", "Ærlig"),
])
def test_decode_page_charsets(data, declared, expected):
    assert decode_page(data, declared=declared) == expected


def response(body: bytes, content_type: str, url: str = BASE + STROM.path) -> Response:
    return Response(url=url, status=200, headers=httpx.Headers({"content-type": content_type}), content=body)


def test_page_to_input_reads_a_latin1_page_with_metadata():
    # Declared ISO-8859-1 but written as Windows-1252 (the dash is 0x96), as such pages usually are.
    page = STROM.html(charset="iso-8859-1").encode("cp1252")
    entry = FeedEntry("s1", BASE + STROM.path, "Strømprisen stiger", "2026-11-24T10:40:00+00:00", None)
    item = page_to_input(response(page, "text/html; charset=ISO-8859-1"), entry, outlet="Vestlandsposten")
    assert item.title == STROM.title
    assert "– Vi ser at mange husholdninger får høyere regninger" in item.text
    assert item.meta["published"] == "2026-11-24T11:40:00+01:00"   # the page's own date wins over the feed's
    assert item.meta["authors"] == ["Øyvind Sæther"]
    assert item.meta["outlet"] == "Vestlandsposten" and item.meta["url"] == BASE + STROM.path
    assert "Ansvarlig redaktør" not in item.text


def test_page_to_input_falls_back_to_the_feed_entry():
    page = b"<html><body><article>" + b"".join(f"<p>{p}</p>".encode() for p in BRYGGEN.paragraphs) + b"</article></body></html>"
    entry = FeedEntry("b1", BASE + BRYGGEN.path, "Bryggen kan bli bilfri", "2026-11-24T06:30:00+00:00", None)
    item = page_to_input(response(page, "text/html", BASE + BRYGGEN.path + "?utm_source=rss"), entry, outlet=None)
    assert item.title == "Bryggen kan bli bilfri"
    assert item.meta["published"] == "2026-11-24T06:30:00+00:00"
    assert item.meta["url"] == BASE + BRYGGEN.path


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg", "application/json", ""])
def test_page_to_input_refuses_what_is_not_html(content_type):
    entry = FeedEntry("r", BASE + "/rapport.pdf", "Rapport", None, None)
    with pytest.raises(FetchError, match=r"^E085 .*/rapport.pdf: not an HTML page") as err:
        page_to_input(response(b"%PDF-1.7 ...", content_type), entry, outlet=None)
    assert not err.value.transient


def test_page_to_input_page_without_article_text():
    entry = FeedEntry("t", BASE + "/tom", "Tom", None, None)
    with pytest.raises(FetchError, match=r"E047 .*/tom: no article text found"):
        page_to_input(response(b"<html><head><title>Laster</title></head><body><script>start()</script></body></html>",
                               "text/html", BASE + "/tom"), entry, outlet=None)


def test_parse_entry_with_a_broken_link_is_left_out():
    doc = rss(BASE, [Item(BRYGGEN.path, BRYGGEN.title, "Tue, 24 Nov 2026 07:30:00 +0100", guid="ok")])
    doc = doc.replace("</channel>", "<item><title>Feil lenke</title><link>http://[vestlandsposten</link></item>"
                                    "<item><title>Ingen lenke</title></item></channel>")
    entries = parse_feed(doc.encode(), url=BASE + "/rss", content_type="application/rss+xml")
    assert [e.key for e in entries] == ["ok"]
