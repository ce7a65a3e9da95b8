"""Who is quoted: the top speakers of a store, and one speaker's profile."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import Errors, StoreError
from ..store.database import normalise_name
from .buckets import gender_of, role_type_of

RANKINGS = ("quotes", "articles")
LATEST_QUOTES = 5

# A speaker with its counts; the query joins speakers s, quotes q and articles a and groups by s.id.
SPEAKER_COLUMNS = """
    s.id AS speaker_id, s.name, s.kind, s.gender, s.party, s.role, s.organisation, s.country,
    count(q.id) AS quotes, count(DISTINCT q.article_id) AS articles,
    min(a.published) AS first_quoted, max(a.published) AS last_quoted"""

TOP_SPEAKERS = "SELECT" + SPEAKER_COLUMNS + """
FROM speakers s
JOIN quotes q ON q.speaker_id = s.id
JOIN articles a ON a.id = q.article_id
GROUP BY s.id
ORDER BY {order} DESC, {other} DESC, s.name
LIMIT ?
"""


def describe(row: dict[str, Any]) -> dict[str, Any]:
    """A speaker row with its counted gender bucket and role type (as the statistics count them)."""
    row["gender"] = gender_of(row["kind"], row["gender"])
    row["role_type"] = role_type_of(row["kind"], row["role"], row["party"], row["organisation"], row["name"])
    return row


def top_speakers(conn: sqlite3.Connection, *, top: int = 20, by: str = "quotes") -> list[dict[str, Any]]:
    """The most quoted speakers, by number of quotes or of articles quoting them.

    conn (sqlite3.Connection): a connection to the store.
    top (int): how many.
    by (str): ``quotes`` or ``articles``.
    RETURNS (list[dict]): speaker_id, name, kind, gender, party, role, role_type, organisation,
        country, quotes, articles, first_quoted, last_quoted; most quoted first.
    DOCS: docs/analytics.md
    """
    if by not in RANKINGS:
        raise StoreError(Errors.E061.format(value=by, allowed=", ".join(RANKINGS)))
    other = "articles" if by == "quotes" else "quotes"
    rows = conn.execute(TOP_SPEAKERS.format(order=by, other=other), (top,))
    return [describe(dict(row)) for row in rows]


def find_speaker(conn: sqlite3.Connection, name: str) -> tuple[int, list[str]]:
    """The speaker a name means: exact (any case), else the most quoted whose name contains it.

    RETURNS (tuple[int, list[str]]): the speaker's id and the names of other speakers that matched.
    """
    key = normalise_name(name)
    rows = conn.execute(
        "SELECT s.id, s.name, sitat_casefold(s.name) = ? AS exact, "
        "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id) AS n "
        "FROM speakers s WHERE instr(s.norm_name, ?) > 0 ORDER BY exact DESC, n DESC, s.name",
        (key, key)).fetchall()
    if not rows or not key:
        raise StoreError(Errors.E062.format(name=name))
    return rows[0]["id"], [r["name"] for r in rows[1:]]


def speaker_profile(conn: sqlite3.Connection, name: str, *, latest: int = LATEST_QUOTES) -> dict[str, Any]:
    """Everything the store knows about one speaker.

    conn (sqlite3.Connection): a connection to the store.
    name (str): the name, or part of it, any case (``haugland``).
    latest (int): how many of the newest quotes to include.
    RETURNS (dict): speaker_id, name, kind, gender, party, role, role_type, organisation, country,
        quotes, articles, first_quoted, last_quoted, roles ([{role, organisation, party, articles,
        first, last}]), outlets ([{outlet, quotes}]), timeline ([{month, quotes}]), latest_quotes
        ([{published, outlet, title, type, text}]) and other_matches (names that also matched).
    DOCS: docs/analytics.md
    """
    sid, others = find_speaker(conn, name)
    profile = speaker_counts(conn, sid)
    profile["roles"] = speaker_affiliations(conn, sid)
    profile["outlets"] = speaker_outlets(conn, sid)
    profile["timeline"] = speaker_timeline(conn, sid)
    profile["latest_quotes"] = [dict(r) for r in conn.execute(
        "SELECT a.published, a.outlet, a.title, q.type, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_id = ? ORDER BY a.published IS NULL, a.published DESC, q.id DESC LIMIT ?", (sid, latest))]
    profile["other_matches"] = others
    return profile


def speaker_counts(conn: sqlite3.Connection, speaker_id: int) -> dict[str, Any] | None:
    """One speaker's row with its counts, gender bucket and role type; None when there is none."""
    row = conn.execute(
        f"SELECT {SPEAKER_COLUMNS} FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id "
        "LEFT JOIN articles a ON a.id = q.article_id WHERE s.id = ? GROUP BY s.id", (speaker_id,)).fetchone()
    return describe(dict(row)) if row is not None else None


def speaker_affiliations(conn: sqlite3.Connection, speaker_id: int) -> list[dict[str, Any]]:
    """Role, organisation and party as the articles give them, with how many and when."""
    return [dict(r) for r in conn.execute(
        "SELECT ap.role, ap.organisation, ap.party, count(DISTINCT ap.article_id) AS articles, "
        "min(a.published) AS first, max(a.published) AS last "
        "FROM article_speakers ap JOIN articles a ON a.id = ap.article_id WHERE ap.speaker_id = ? "
        "AND (ap.role IS NOT NULL OR ap.organisation IS NOT NULL OR ap.party IS NOT NULL) "
        "GROUP BY sitat_casefold(ap.role), ap.organisation, ap.party ORDER BY first, articles DESC", (speaker_id,))]


def speaker_outlets(conn: sqlite3.Connection, speaker_id: int, *, unknown: str = "unknown") -> list[dict[str, Any]]:
    """Quotes per outlet, most first; articles without an outlet under ``unknown``."""
    return [dict(r) for r in conn.execute(
        "SELECT coalesce(a.outlet, ?) AS outlet, count(*) AS quotes FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? GROUP BY 1 ORDER BY quotes DESC, outlet",
        (unknown, speaker_id))]


def speaker_timeline(conn: sqlite3.Connection, speaker_id: int) -> list[dict[str, Any]]:
    """Quotes per month (YYYY-MM), in order; undated ones last, as ``unknown``."""
    return [dict(r) for r in conn.execute(
        "SELECT coalesce(substr(a.published, 1, 7), 'unknown') AS month, count(*) AS quotes FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? GROUP BY 1 "
        "ORDER BY month = 'unknown', month", (speaker_id,))]
