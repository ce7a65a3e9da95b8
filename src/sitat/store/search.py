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
    if match:
        source = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
        highlighted = f"highlight(quotes_fts, 0, '{MARK[0]}', '{MARK[1]}')"
        order = "bm25(quotes_fts), q.id"
    else:
        source, highlighted, order = "quotes q", "q.text", "a.published DESC, q.id"
    sql = f"""
        SELECT q.id AS quote_id, q.article_id, q.type, q.text, {highlighted} AS highlighted,
               q."start" AS start, q."end" AS "end", s.name AS speaker, s.kind AS speaker_kind,
               coalesce(ap.party, s.party) AS party, coalesce(ap.role, s.role) AS role,
               q.mention_text AS mention, q.cue_text AS cue, q.confidence, a.title, a.outlet,
               a.published, a.url, a.ext_id, a.source
        FROM {source}
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {order}
        LIMIT ?"""
    try:
        rows = conn.execute(sql, (*params, max(0, int(limit)))).fetchall()
    except sqlite3.OperationalError as err:
        if "fts5" in str(err) or "syntax" in str(err) or "no such column" in str(err):
            raise StoreError(Errors.E054.format(query=query, reason=err)) from None
        raise
    return [SearchHit(**dict(row)) for row in rows]
