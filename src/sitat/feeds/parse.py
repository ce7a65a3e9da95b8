"""RSS 2.0 and Atom feeds -> entries (key, link, title, published, stamp), through feedparser."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from ..errors import Errors
from .fetch import FetchError

# Query parameters that only say where a click came from; the same article without them is one article.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    key: the entry's guid/id (its link when it has none); url: the article page; stamp: its
    updated (else published) time as the feed gives it, so a changed stamp means a new version.
    """

    key: str
    url: str
    title: str | None
    published: str | None
    stamp: str | None


def canonical_url(url: str) -> str:
    """``url`` without its fragment and tracking parameters (``utm_*``, ``fbclid``…)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def _iso(parsed) -> str | None:
    """feedparser's UTC ``struct_time`` as ISO 8601 with an explicit offset."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def parse_feed(content: bytes, *, url: str, content_type: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document, in feed order; entries without a link are left out.

    content (bytes): the feed as fetched (feedparser reads its declared encoding).
    url (str): the feed's address, for relative links and messages.
    RETURNS (list[FeedEntry]); FetchError (E088, not transient) when it is no feed at all.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(Errors.E088.format(url=url, reason=_bozo_reason(parsed) or "neither RSS nor Atom"),
                         url=url, transient=True)
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        try:
            if not link or urlsplit(link).scheme not in ("http", "https"):
                continue
            url = canonical_url(link)
        except ValueError:  # an unparseable link ('http://[nrk.no'): that entry only is left out
            continue
        # dict.get: FeedParserDict.get maps 'updated' to 'published' (with a DeprecationWarning); we want each as given.
        published = _iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
        stamp = dict.get(entry, "updated") or dict.get(entry, "published")
        title = (entry.get("title") or "").strip() or None
        entries.append(FeedEntry(key=(entry.get("id") or link).strip(), url=url, title=title,
                                 published=published, stamp=stamp))
    if parsed.bozo and not entries:
        # feedparser reads broken XML leniently; only when nothing usable came out is it an error.
        raise FetchError(Errors.E088.format(url=url, reason=_bozo_reason(parsed)), url=url, transient=True)
    return entries


def _bozo_reason(parsed: feedparser.FeedParserDict) -> str:
    """feedparser's complaint about a document, with the line where the XML parser gave up."""
    err = parsed.get("bozo_exception")
    if err is None:
        return ""
    line = getattr(err, "getLineNumber", None)
    message = err.getMessage() if hasattr(err, "getMessage") else str(err)
    return f"line {line()}: {message}" if callable(line) else message
