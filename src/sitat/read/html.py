"""HTML article pages -> ArticleInput, through trafilatura (main text and metadata)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import Errors, InputError
from .inputs import MAX_BYTES, ArticleInput, iso_date, read_file_bytes, split_authors

# Keep the publication time, not only the day, and trust only what the page declares.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def html_to_input(html: bytes | str, *, source: str, url: str | None = None) -> ArticleInput:
    """The main text of an HTML page and its metadata (title, date, authors, site name, url).

    html (bytes | str): the page; bytes are decoded by trafilatura from the declared charset.
    source (str): where it came from, for messages and the output.
    url (str | None): the page's address, when known (a hint for trafilatura).
    RETURNS (ArticleInput): the extracted text (offsets index it), with ``title_line=False``.
    """
    import trafilatura

    if isinstance(html, bytes) and b"\x00" in html:
        raise InputError(Errors.E012.format(path=source, pos=html.find(b"\x00")))
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params=DATE_PARAMS,
    )
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise InputError(Errors.E047.format(path=source))
    title = (doc.title or "").strip() or None
    text = _drop_headline(text, title)
    meta: dict = {}
    if doc.url or url:
        meta["url"] = url or doc.url
    if doc.sitename:
        meta["outlet"] = doc.sitename
    if doc.categories:
        meta["section"] = doc.categories[0]
    if doc.author:
        meta["authors"] = split_authors(doc.author)
    if doc.date:
        try:
            meta["published"] = iso_date(doc.date)
        except ValueError:
            pass  # a date trafilatura could not read cleanly is left out, not guessed
    return ArticleInput(text=text, source=source, title=title, title_line=False, meta=meta)


def _drop_headline(text: str, title: str | None) -> str:
    """Body text without the headline trafilatura copies from ``<h1>`` into its first line."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.lstrip("\n")
    return text


def read_html_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[ArticleInput | InputError]:
    """One ``.html``/``.htm`` page as an article; a bad page is yielded as its InputError."""
    try:
        data = read_file_bytes(path, max_bytes=max_bytes)
        if not data.strip():
            raise InputError(Errors.E011.format(path=str(path)))
        yield html_to_input(data, source=str(path))
    except InputError as err:
        yield err
