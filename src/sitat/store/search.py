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


# What both searches (``search`` here, the web's ``serve.queries.search_quotes``) show of a hit: the
# quote (the ``quotes`` view, q), its article (a), its speaker (s) and the speaker's profile in that
# article (ap), which wins over the speaker's row.
HIT_COLUMNS = """q.id AS quote_id, q.article_id, q.type, q.text, q."start" AS start, q."end" AS "end",
    s.name AS speaker, s.kind AS speaker_kind, coalesce(ap.party, s.party) AS party, coalesce(ap.role, s.role) AS role,
    q.mention_text AS mention, q.cue_text AS cue, q.confidence, a.title, a.outlet, a.published, a.url"""
HIT_JOINS = """JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.speaker_id
    LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity"""


def contains_pattern(value: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) for 'contains value', with ``%``, ``_`` and ``\\`` in value taken literally."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", value) + "%"


def _day_after(day: str) -> str | None:
    """The ISO day after ``day`` (``YYYY-MM-DD``); None after the last day ``date`` knows."""
    following = date.fromisoformat(day).toordinal() + 1
    return date.fromordinal(following).isoformat() if following <= date.max.toordinal() else None


@dataclass(frozen=True)
class QuoteFilters:
    """One quote search as SQL: which quotes match, and in what order (both searches build it here).

    Values are taken as they are given: each caller decides what an empty filter means.
    """

    match: str = ""                 # an FTS5 query (``escape_query``'s, or raw syntax); "" lists the newest
    speaker: str | None = None      # part of the speaker's name, any case
    speaker_id: int | None = None   # one stored speaker
    outlet: str | None = None       # the outlet's name, any case
    since: str | None = None        # first publication day, ``YYYY-MM-DD``, inclusive
    until: str | None = None        # last publication day, inclusive
    type: str | None = None         # one of QUOTE_TYPES

    def conditions(self) -> tuple[list[str], list[Any]]:
        """The WHERE conditions (on quotes_fts, quote_spans q and articles a) and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.match:
            where.append("quotes_fts MATCH ?")
            params.append(self.match)
        if self.speaker:
            # The few speakers whose name matches first, then their quotes through quote_spans_speaker.
            where.append("q.speaker_id IN (SELECT id FROM speakers WHERE norm_name LIKE ? ESCAPE '\\')")
            params.append(contains_pattern(normalise_name(self.speaker)))
        if self.speaker_id is not None:
            where.append("q.speaker_id = ?")
            params.append(self.speaker_id)
        if self.outlet:
            where.append("sitat_casefold(a.outlet) = ?")
            params.append(self.outlet.strip().casefold())
        # ``published`` starts with the day (YYYY-MM-DD[Thh:mm…], see read.inputs.iso_date), so plain
        # string comparison is a day comparison that articles_published can serve:
        # since <= published < the day after until.
        if self.since:
            where.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            after = _day_after(self.until)
            where.append("a.published < ?" if after else "substr(a.published, 1, 10) <= ?")
            params.append(after or self.until)
        if self.type:
            where.append("q.type = ?")
            params.append(self.type)
        return where, params

    def ids_query(self, *, limit: int, offset: int = 0) -> tuple[str, list[Any]]:
        """SQL and parameters for the ids of one page of hits: best first (bm25), newest first without words.

        Only the ids, and only the joins the filters need: ranking thousands of matches of a
        common word must not read their texts or profiles (the caller fetches those for the page).
        """
        where, params = self.conditions()
        source, order, column = self._plan()
        sql = (f"SELECT {column} FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {order} LIMIT ? OFFSET ?")
        return sql, [*params, max(0, int(limit)), max(0, int(offset))]

    def _plan(self) -> tuple[str, str, str]:
        """FROM, ORDER BY and the id column of ``ids_query``. They read the quote_spans table, not the
        quotes view: a view cannot be given an index, and ranking needs no texts."""
        newest = "a.published DESC, q.id"
        by_speaker = bool(self.speaker or self.speaker_id is not None)
        if self.match and not (by_speaker or self.outlet or self.since or self.until or self.type):
            # Words only: FTS5 ranks its own matches (rank is bm25) and hands over a page of rowids.
            return "quotes_fts", "rank, rowid", "rowid"
        if self.match:
            source = "quotes_fts JOIN quote_spans q ON q.id = quotes_fts.rowid"
            if self.outlet or self.since or self.until:
                source += " JOIN articles a ON a.id = q.article_id"
            return source, "bm25(quotes_fts), q.id", "q.id"
        if by_speaker:  # the speaker's quotes (few) found first, then sorted
            return "quote_spans q JOIN articles a ON a.id = q.article_id", newest, "q.id"
        # Newest first, undated last. CROSS JOIN keeps articles outside, walked backwards along
        # articles_published, so a page of the newest quotes reads a page of articles, not the store.
        return "articles a CROSS JOIN quote_spans q INDEXED BY quote_spans_article ON q.article_id = a.id", newest, "q.id"

    def hit_ids(self, conn: sqlite3.Connection, *, limit: int, offset: int = 0) -> list[int]:
        """The ids of one page of hits, in order."""
        sql, params = self.ids_query(limit=limit, offset=offset)
        return [row[0] for row in conn.execute(sql, params)]


def hit_rows(conn: sqlite3.Connection, ids: list[int], *, columns: str = "", joins: str = "",
             match: str = "") -> list[sqlite3.Row]:
    """The rows of the hits ``ids``, in that order: HIT_COLUMNS plus ``columns`` (after ``joins``).

    With ``match`` the quotes come through quotes_fts, so ``columns`` may use its highlight().
    """
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    if match:
        source, chosen, params = ("quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid",
                                  f"quotes_fts MATCH ? AND quotes_fts.rowid IN ({marks})", [match, *ids])
    else:
        source, chosen, params = "quotes q", f"q.id IN ({marks})", list(ids)
    sql = f"SELECT {HIT_COLUMNS}{', ' + columns if columns else ''} FROM {source} {HIT_JOINS} {joins} WHERE {chosen}"
    rows = {row["quote_id"]: row for row in conn.execute(sql, params)}
    return [rows[i] for i in ids if i in rows]


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
    match = query.strip() if raw else escape_query(query.strip())
    filters = QuoteFilters(match=match, speaker=speaker, outlet=outlet, since=_day(since, "--since"),
                           until=_day(until, "--until"), type=type)
    # Two steps (QuoteFilters.ids_query): the ids of the best hits, then their rows with highlights.
    # One query would highlight and join every match before the LIMIT: thousands of rows for a
    # common word in a large store.
    highlighted = f"highlight(quotes_fts, 0, '{MARK[0]}', '{MARK[1]}')" if match else "q.text"
    try:
        rows = hit_rows(conn, filters.hit_ids(conn, limit=limit), match=match,
                        columns=f"{highlighted} AS highlighted, a.ext_id, a.source, r.cluster_id AS reuse_cluster",
                        joins="LEFT JOIN quote_reuse r ON r.quote_id = q.id")
    except sqlite3.OperationalError as err:
        if "fts5" in str(err) or "syntax" in str(err) or "no such column" in str(err):
            raise StoreError(Errors.E054.format(query=query, reason=err)) from None
        raise
    hits = [SearchHit(**dict(row)) for row in rows]
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
