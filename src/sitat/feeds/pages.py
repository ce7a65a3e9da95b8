"""A fetched article page -> ArticleInput: content type checked, bytes decoded, trafilatura, feed fallbacks."""

from __future__ import annotations

import codecs
import re

from ..errors import Errors, InputError
from ..read.html import html_to_input
from ..read.inputs import ArticleInput
from .fetch import FetchError, Response
from .parse import FeedEntry, canonical_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(content: bytes, *, declared: str | None) -> str:
    """The page's text. Valid UTF-8 is taken as UTF-8 whatever the header says (Latin-1 text is
    almost never valid UTF-8, while mislabelled UTF-8 pages are common); otherwise the charset the
    header or a ``<meta>`` tag declares, and Windows-1252 (a superset of ISO-8859-1) as the last resort.
    """
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    meta = META_CHARSET.search(content[:4096])
    for name in (declared, meta.group(1).decode("ascii") if meta else None):
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in ("utf-8", "utf-8-sig", "iso8859-1", "latin-1"):
            continue  # UTF-8 failed above; Latin-1 labels mean cp1252 in practice (as browsers read them)
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    return content.decode("cp1252", errors="replace")


def page_to_input(response: Response, entry: FeedEntry, *, outlet: str | None) -> ArticleInput:
    """The article on a fetched page, with the feed entry's title and date where the page has none.

    response (Response): the page (status 200).
    entry (FeedEntry): the feed item that linked it.
    outlet (str | None): the feed's outlet name, stored instead of the page's site name when given.
    RETURNS (ArticleInput): ``meta['url']`` is the final address (after redirects), canonicalised.
    """
    if response.content_type not in HTML_TYPES:
        raise FetchError(Errors.E085.format(url=entry.url, ctype=response.content_type or "none"),
                         url=entry.url, transient=False)
    text = decode_page(response.content, declared=response.charset)
    url = canonical_url(response.url)
    try:
        item = html_to_input(text, source=url, url=url)
    except InputError as err:
        raise FetchError(str(err), url=entry.url, transient=False) from None
    if not item.title and entry.title:
        item.title = entry.title
    if not item.meta.get("published") and entry.published:
        item.meta["published"] = entry.published
    if outlet:
        item.meta["outlet"] = outlet
    item.meta["url"] = url
    return item
