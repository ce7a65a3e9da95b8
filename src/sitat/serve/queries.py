"""Read-only SQL the store's Python API does not offer: paged quote search, speakers by id, one article.

Every value reaches SQL as a bound parameter; the only text put into SQL strings is chosen here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from typing import Any

from markupsafe import escape

from ..analytics.speakers import (
    SPEAKER_COLUMNS, describe, speaker_affiliations, speaker_counts, speaker_outlets, speaker_timeline,
)
from ..store.database import normalise_name
from ..store.search import QuoteFilters, contains_pattern, escape_query, hit_rows

# A word as FTS5's unicode61 tokenizer sees one: a run of letters and digits (case folded).
WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"(\*?)')


def query_terms(match: str) -> list[tuple[list[str], bool]]:
    """The phrases of an escaped FTS5 query (``escape_query``): their words, and whether the last is a prefix."""
    terms = []
    for phrase, star in PHRASE.findall(match):
        words = [w.casefold() for w in WORD.findall(phrase)]
        if words:
            terms.append((words, bool(star)))
    return terms


def matches_of(text: str, terms: list[tuple[list[str], bool]]) -> list[tuple[int, int]]:
    """[start, end) of every place ``text`` has one of the query's phrases, merged and in order.

    Done here rather than with FTS5's highlight(), which would make SQLite rank and mark every
    match of a common word before LIMIT; offsets come out as Python ``str`` indices.
    """
    tokens = [(m.start(), m.end(), m.group().casefold()) for m in WORD.finditer(text)]
    spans = []
    for words, prefix in terms:
        n = len(words)
        for i in range(len(tokens) - n + 1):
            window = tokens[i:i + n]
            if all(t[2] == w for t, w in zip(window[:-1], words[:-1])) and (
                    window[-1][2].startswith(words[-1]) if prefix else window[-1][2] == words[-1]):
                spans.append((window[0][0], window[-1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_html(text: str, matches: list[tuple[int, int]]) -> str:
    """``text`` HTML-escaped, each match wrapped in ``<mark>``."""
    out, last = [], 0
    for start, end in matches:
        out.append(str(escape(text[last:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(str(escape(text[last:])))
    return "".join(out)


def search_quotes(conn: sqlite3.Connection, *, q: str = "", speaker: str | None = None, speaker_id: int | None = None,
                  outlet: str | None = None, since: date | None = None, until: date | None = None,
                  type: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """One page of quotes matching ``q`` (all words; ``skatt*`` a prefix), best first, newest first without ``q``.

    Filters as ``sitat search`` (docs/corpus.md, the same QuoteFilters); ``speaker_id`` picks one
    stored speaker; a blank speaker or outlet is no filter.
    RETURNS (list[dict]): rows with ``highlighted`` (safe HTML) and ``matches`` (offsets into ``text``).
    """
    match = escape_query(q.strip())
    filters = QuoteFilters(
        match=match, speaker=speaker if speaker and speaker.strip() else None, speaker_id=speaker_id,
        outlet=outlet if outlet and outlet.strip() else None, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, type=type or None)
    # Two steps: the page's ids (ranked without reading a text), then the page's rows with their texts.
    rows = hit_rows(conn, filters.hit_ids(conn, limit=limit, offset=offset), columns="q.speaker_id")
    terms = query_terms(match)
    hits = []
    for row in rows:
        data = dict(row)
        data["matches"] = matches_of(data["text"], terms) if terms else []
        data["highlighted"] = highlight_html(data["text"], data["matches"])
        hits.append(data)
    return hits


def list_speakers(conn: sqlite3.Connection, *, q: str = "", limit: int = 20, offset: int = 0,
                  sort: str = "quotes") -> list[dict[str, Any]]:
    """Quoted speakers whose name contains ``q`` (any case), most quoted first (or by ``name``).

    The page is picked first from the quote_spans_speaker index alone (counting quotes needs no table rows), and
    only its speakers get their articles and first and last dates counted.
    """
    params: list[Any] = []
    if sort == "quotes":
        name_filter = ""
        if q.strip():
            name_filter = "AND q.speaker_id IN (SELECT id FROM speakers WHERE norm_name LIKE ? ESCAPE '\\')"
            params.append(contains_pattern(normalise_name(q)))
        page = conn.execute(
            f"SELECT q.speaker_id FROM quotes q WHERE q.speaker_id IS NOT NULL {name_filter} "
            "GROUP BY q.speaker_id ORDER BY count(*) DESC, q.speaker_id LIMIT ? OFFSET ?", (*params, limit, offset))
    else:
        name_filter = ""
        if q.strip():
            name_filter = "AND s.norm_name LIKE ? ESCAPE '\\'"
            params.append(contains_pattern(normalise_name(q)))
        page = conn.execute(
            f"SELECT s.id FROM speakers s WHERE EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = s.id) {name_filter} "
            "ORDER BY s.name, s.id LIMIT ? OFFSET ?", (*params, limit, offset))
    ids = [row[0] for row in page]
    if not ids:
        return []
    rows = {row["speaker_id"]: describe(dict(row)) for row in conn.execute(
        f"SELECT {SPEAKER_COLUMNS} FROM speakers s JOIN quotes q ON q.speaker_id = s.id "
        f"JOIN articles a ON a.id = q.article_id WHERE s.id IN ({','.join('?' * len(ids))}) GROUP BY s.id", ids)}
    return [rows[i] for i in ids if i in rows]


def speaker_detail(conn: sqlite3.Connection, speaker_id: int, *, latest: int = 20) -> dict[str, Any] | None:
    """One speaker: counts, roles over time, affiliations, outlets, quotes per month, newest quotes."""
    profile = speaker_counts(conn, speaker_id)
    if profile is None:
        return None
    profile["roles"] = [dict(r) for r in conn.execute(
        "SELECT role, first_seen, last_seen, articles FROM speaker_roles WHERE speaker_id = ? "
        "ORDER BY first_seen, role", (speaker_id,))]
    profile["affiliations"] = speaker_affiliations(conn, speaker_id)
    profile["outlets"] = speaker_outlets(conn, speaker_id, unknown="ukjent")
    profile["timeline"] = speaker_timeline(conn, speaker_id)
    profile["latest_quotes"] = [dict(r) for r in conn.execute(
        "SELECT q.id AS quote_id, q.article_id, a.published, a.outlet, a.title, q.type, q.text "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? "
        "ORDER BY a.published IS NULL, a.published DESC, q.id DESC LIMIT ?", (speaker_id, latest))]
    return profile


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    return {"text": text, "start": start, "end": end} if text is not None and start is not None else None


def article_detail(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """One stored article with its text, quotes (cue, mention, speaker), speaker profiles and mentions."""
    row = conn.execute(
        "SELECT id, ext_id, url, source, title, outlet, section, authors, published, lang, text "
        "FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    article = dict(row)
    try:
        authors = json.loads(article["authors"] or "[]")
    except ValueError:
        authors = []
    article["authors"] = [a for a in authors if isinstance(a, str)] if isinstance(authors, list) else []
    article["quotes"] = [
        {"id": r["id"], "start": r["start"], "end": r["end"], "text": r["text"], "type": r["type"],
         "cue": _span(r["cue_text"], r["cue_start"], r["cue_end"]),
         "mention": _span(r["mention_text"], r["mention_start"], r["mention_end"]),
         "speaker_id": r["speaker_id"], "speaker_entity": r["speaker_entity"], "confidence": r["confidence"]}
        for r in conn.execute(
            'SELECT id, "start", "end", text, type, cue_text, cue_start, cue_end, mention_text, mention_start, '
            'mention_end, speaker_id, speaker_entity, confidence FROM quotes WHERE article_id = ? '
            'ORDER BY "start", id', (article_id,))]
    article["speakers"] = [dict(r) for r in conn.execute(
        "SELECT ap.entity, ap.speaker_id, ap.name, s.name AS speaker_name, s.kind, ap.role, ap.organisation, ap.party, ap.country, "
        "coalesce(ap.gender, s.gender) AS gender, ap.quotes FROM article_speakers ap "
        "JOIN speakers s ON s.id = ap.speaker_id WHERE ap.article_id = ? ORDER BY ap.entity", (article_id,))]
    # Text from the article itself, once per place: the engine can record a mention twice, and
    # with an empty ``text`` (reported upstream); the offsets are what counts.
    article["mentions"] = [
        {"speaker_id": r["speaker_id"], "start": r["start"], "end": r["end"], "text": article["text"][r["start"]:r["end"]]}
        for r in conn.execute('SELECT DISTINCT speaker_id, "start", "end" FROM mentions WHERE article_id = ? '
                              'ORDER BY "start", "end"', (article_id,))]
    return article


def speaker_kinds(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Stored speakers by id (name, kind and the profile the store keeps)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, name, kind, gender, party, role, organisation, country FROM speakers "
                        f"WHERE id IN ({marks})", ids)
    return {r["id"]: dict(r) for r in rows}
