"""Full-text search over stored quotes (FTS5), filtered by speaker, outlet, date and type."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..errors import Errors, StoreError
from ..read.inputs import iso_date
from .database import normalise_name

MARK = ("<mark>", "</mark>")  # around each matched word in SearchHit.highlighted
QUOTE_TYPES = ("direct", "indirect", "mixed")
DEFAULT_LIMIT = 20
_TOKENS = re.compile(r'\s+|(".*?")')


@dataclass
class SearchHit:
    """One quote that matches, with its speaker and article."""

    quote_id: int
    article_id: int
    type: str
    text: str
    highlighted: str  # ``text`` with MARK around the matched words
    start: int
    end: int
    speaker: str | None
    speaker_kind: str | None
    party: str | None
    role: str | None
    mention: str | None
    cue: str | None
    confidence: float | None
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    ext_id: str | None
    source: str
    reuse_cluster: int | None = None  # the quote_reuse cluster (see store/reuse.py); None: not linked
    reuse_articles: int = 1           # how many stored articles carry this statement, this one included

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def escape_query(query: str) -> str:
    """Plain words -> an FTS5 query that matches all of them (as Datasette's ``escape_fts``).

    ``"two words"`` stays a phrase and a trailing ``*`` asks for a prefix: ``skatt*`` finds
    *skatten* and *skattekutt* (FTS5 does not stem Norwegian).
    """
    if query.count('"') % 2:
        query += '"'
    terms = []
    for bit in _TOKENS.split(query):
        if not bit or bit == '""':
            continue
        if bit.startswith('"'):
            terms.append(bit)
        elif bit.endswith("*") and bit.strip("*"):
            terms.append('"{}"*'.format(bit.rstrip("*").replace('"', "")))
        elif bit.strip("*"):
            terms.append('"{}"'.format(bit.replace('"', "")))
    return " ".join(terms)


def _day(value: str | date | None, option: str) -> str | None:
    """``YYYY-MM-DD`` of a date, or of an ISO 8601 string; E055 for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return iso_date(value)[:10]
    except ValueError:
        raise StoreError(Errors.E055.format(value=value, option=option)) from None


def search(
    conn: sqlite3.Connection,
    query: str = "",
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    type: str | None = None,
    limit: int = DEFAULT_LIMIT,
    raw: bool = False,
) -> list[SearchHit]:
    """Quotes matching ``query``, best first (bm25), with the matched words highlighted.

    query (str): words that must all occur in the quote; empty lists the newest quotes.
    speaker (str | None): part of the speaker's name, any case (``"støre"``).
    outlet (str | None): the outlet's name, any case.
    since, until (str | date | None): first and last publication day, inclusive (``YYYY-MM-DD``).
    type (str | None): ``direct``, ``indirect`` or ``mixed``.
    limit (int): at most this many hits.
    raw (bool): ``query`` is FTS5 syntax (``OR``, ``NEAR``, ``-``), passed on as is.
    RETURNS (list[SearchHit]): the hits.
    DOCS: docs/corpus.md
    """
    if type is not None and type not in QUOTE_TYPES:
        raise StoreError(Errors.E056.format(value=type))
    where, params = [], []
    match = query.strip() if raw else escape_query(query.strip())
    if match:
        where.append("quotes_fts MATCH ?")
        params.append(match)
    if speaker:
        where.append("s.norm_name LIKE ? ESCAPE '\\'")
        params.append("%" + re.sub(r"([%_\\])", r"\\\1", normalise_name(speaker)) + "%")
    if outlet:
        where.append("sitat_casefold(a.outlet) = ?")
        params.append(outlet.strip().casefold())
    for value, option, op in ((since, "--since", ">="), (until, "--until", "<=")):
        day = _day(value, option)
        if day:
            where.append(f"substr(a.published, 1, 10) {op} ?")
            params.append(day)
    if type:
        where.append("q.type = ?")
        params.append(type)
    # Two steps: the ids of the best hits (only the joins the filters need), then their rows with
    # highlights. One query would highlight and join every match before the LIMIT: thousands of
    # rows for a common word in a large store. The first step reads the quote_spans table (the
    # quotes view's texts are not needed yet, and a view cannot be given an index).
    if match:
        source, order = "quotes_fts JOIN quote_spans q ON q.id = quotes_fts.rowid", "bm25(quotes_fts), q.id"
        if outlet or any(w.startswith("substr(a.") for w in where):
            source += " JOIN articles a ON a.id = q.article_id"
    elif speaker:  # the speaker's quotes (few) found first, then sorted
        source, order = "articles a JOIN quote_spans q ON q.article_id = a.id", "a.published DESC, q.id"
    else:  # the newest first: walk down the published index until LIMIT quotes passed the filters
        source = "articles a CROSS JOIN quote_spans q INDEXED BY quote_spans_article ON q.article_id = a.id"
        order = "a.published DESC, q.id"
    if speaker:
        source += " JOIN speakers s ON s.id = q.speaker_id"
    ids_sql = f"SELECT q.id FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ?"
    try:
        ids = [row[0] for row in conn.execute(ids_sql, (*params, max(0, int(limit))))]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        if match:
            source = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
            highlighted = f"highlight(quotes_fts, 0, '{MARK[0]}', '{MARK[1]}')"
            chosen, chosen_params = f"quotes_fts MATCH ? AND quotes_fts.rowid IN ({marks})", (match, *ids)
        else:
            source, highlighted = "quotes q", "q.text"
            chosen, chosen_params = f"q.id IN ({marks})", tuple(ids)
        sql = f"""
            SELECT q.id AS quote_id, q.article_id, q.type, q.text, {highlighted} AS highlighted,
                   q."start" AS start, q."end" AS "end", s.name AS speaker, s.kind AS speaker_kind,
                   coalesce(ap.party, s.party) AS party, coalesce(ap.role, s.role) AS role,
                   q.mention_text AS mention, q.cue_text AS cue, q.confidence, a.title, a.outlet,
                   a.published, a.url, a.ext_id, a.source, r.cluster_id AS reuse_cluster
            FROM {source}
            JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id
            LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity
            LEFT JOIN quote_reuse r ON r.quote_id = q.id
            WHERE {chosen}"""
        rows = {row["quote_id"]: row for row in conn.execute(sql, chosen_params)}
    except sqlite3.OperationalError as err:
        if "fts5" in str(err) or "syntax" in str(err) or "no such column" in str(err):
            raise StoreError(Errors.E054.format(query=query, reason=err)) from None
        raise
    hits = [SearchHit(**dict(rows[i])) for i in ids if i in rows]
    _count_reuse(conn, hits)
    return hits


def _count_reuse(conn: sqlite3.Connection, hits: list[SearchHit]) -> None:
    """Fill ``reuse_articles`` for the hits only (a per-row subquery would run for every match)."""
    clusters = sorted({h.reuse_cluster for h in hits if h.reuse_cluster is not None})
    if not clusters:
        return
    marks = ", ".join("?" for _ in clusters)
    counts = dict(conn.execute(
        "SELECT r.cluster_id, count(DISTINCT q.article_id) FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
        f"WHERE r.cluster_id IN ({marks}) GROUP BY r.cluster_id", clusters).fetchall())
    for hit in hits:
        if hit.reuse_cluster is not None:
            hit.reuse_articles = counts.get(hit.reuse_cluster, 1)
