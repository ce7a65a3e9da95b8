"""Source-balance numbers: the share of quotes and of distinct sources per gender, party, role type,
country and outlet, for the whole store or broken down by outlet, month or section."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from ..errors import Errors, StoreError
from ..store.search import _day
from .buckets import UNKNOWN, buckets

DIMENSIONS = ("gender", "party", "role_type", "country", "outlet")
GROUPINGS = ("outlet", "month", "section")

# One row per quote, with the speaker as its article describes them (else as the store does) and
# the article's outlet, section and date. Anonymous quotes have no speaker and count as unknown.
QUOTE_ROWS = """
SELECT q.id AS quote_id, q.article_id, q.speaker_id, a.published, a.outlet, a.section,
       s.name AS speaker, s.kind AS speaker_kind,
       coalesce(ap.role, s.role) AS role, coalesce(ap.party, s.party) AS party,
       coalesce(ap.organisation, s.organisation) AS organisation,
       coalesce(ap.country, s.country) AS country, coalesce(ap.gender, s.gender) AS gender
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity
"""


def quote_rows(conn: sqlite3.Connection, *, since: str | date | None = None,
               until: str | date | None = None) -> list[dict[str, Any]]:
    """Every quote published between ``since`` and ``until`` (days, inclusive), with its buckets."""
    where, params = [], []
    since_day, until_day = _day(since, "--since"), _day(until, "--until")
    if since_day:
        where.append("substr(a.published, 1, 10) >= ?")
        params.append(since_day)
    if until_day:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until_day)
    sql = QUOTE_ROWS + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY q.id"
    rows = []
    for row in conn.execute(sql, params):
        data = dict(row)
        data.update(buckets(data))
        data["month"] = (data["published"] or "")[:7] or UNKNOWN
        data["section"] = data["section"] or UNKNOWN
        rows.append(data)
    return rows


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals and, per dimension, each value's quotes and distinct sources with their shares.

    A source (a named speaker) is counted once per dimension, under the value most of its quotes
    in ``rows`` have (the first such quote's value on a tie), so source shares add up to 1.
    """
    named = [r for r in rows if r["speaker_id"] is not None]
    sources = {r["speaker_id"] for r in named}
    totals = {"quotes": len(rows), "sources": len(sources), "anonymous_quotes": len(rows) - len(named),
              "articles": len({r["article_id"] for r in rows})}
    dimensions: dict[str, list[dict[str, Any]]] = {}
    for dim in DIMENSIONS:
        quotes = Counter(r[dim] for r in rows)
        per_source: dict[int, Counter] = defaultdict(Counter)
        for r in named:
            per_source[r["speaker_id"]][r[dim]] += 1
        source_counts = Counter(counts.most_common(1)[0][0] for counts in per_source.values())
        values = sorted(set(quotes) | set(source_counts), key=lambda v: (-quotes[v], v == UNKNOWN, v))
        dimensions[dim] = [
            {"value": v, "quotes": quotes[v], "quote_share": _share(quotes[v], totals["quotes"]),
             "sources": source_counts[v], "source_share": _share(source_counts[v], totals["sources"])}
            for v in values
        ]
    return {"totals": totals, "dimensions": dimensions}


def stats(conn: sqlite3.Connection, *, by: str | None = None, since: str | date | None = None,
          until: str | date | None = None) -> dict[str, Any]:
    """The source-balance numbers of a store, as plain data (what ``sitat stats --json`` prints).

    conn (sqlite3.Connection): a connection to the store (read-only is enough).
    by (str | None): also break them down by ``outlet``, ``month`` (YYYY-MM) or ``section``.
    since, until (str | date | None): publication days, inclusive; undated articles are left out.
    RETURNS (dict): ``filters``, ``totals``, ``dimensions`` ({dimension: [{value, quotes,
        quote_share, sources, source_share}]}) and, with ``by``, ``groups`` ([{key, totals,
        dimensions}], ordered by month, else by quotes).
    DOCS: docs/analytics.md
    """
    if by is not None and by not in GROUPINGS:
        raise StoreError(Errors.E061.format(value=by, allowed=", ".join(GROUPINGS)))
    rows = quote_rows(conn, since=since, until=until)
    result: dict[str, Any] = {"filters": {"since": _day(since, "--since"), "until": _day(until, "--until"), "by": by}}
    result.update(summarise(rows))
    if by is not None:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            grouped[r[by] or UNKNOWN].append(r)
        if by == "month":
            keys = sorted(grouped, key=lambda k: (k == UNKNOWN, k))
        else:
            keys = sorted(grouped, key=lambda k: (k == UNKNOWN, -len(grouped[k]), k))
        result["groups"] = [{"key": k, **summarise(grouped[k])} for k in keys]
    return result
