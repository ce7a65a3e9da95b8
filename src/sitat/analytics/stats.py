"""Source-balance numbers: the share of quotes and of distinct sources per gender, party, role type,
country and outlet, for the whole store or broken down by outlet, month or section."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from ..errors import Errors, StoreError
from ..store.search import _day
from .buckets import UNKNOWN, fill_buckets

DIMENSIONS = ("gender", "party", "role_type", "country", "outlet")
GROUPINGS = ("outlet", "month", "section")

# Quotes grouped in SQL from quote_tallies (quotes counted per article and speaker, with the
# article's facets and the speaker's profile there, kept by the store): per speaker, profile,
# outlet and (with ``by``) group, ``n`` quotes each. Python sees some ten thousand groups instead
# of every quote. ``first_quote`` keeps the tie-break of ``summarise``.
GROUPED_ROWS = """
WITH g AS (
    SELECT speaker_id, outlet, {group} AS grp, profile_id, sum(quotes) AS n, min(first_quote) AS first_quote
    FROM quote_tallies t {where}
    GROUP BY 1, 2, 3, 4
)
SELECT nullif(g.speaker_id, 0) AS speaker_id, g.outlet, g.grp, s.name AS speaker, s.kind AS speaker_kind,
       coalesce(nullif(p.role, ''), s.role) AS role, coalesce(nullif(p.party, ''), s.party) AS party,
       coalesce(nullif(p.organisation, ''), s.organisation) AS organisation,
       coalesce(nullif(p.country, ''), s.country) AS country, coalesce(nullif(p.gender, ''), s.gender) AS gender,
       g.n, g.first_quote
FROM g
JOIN tally_profiles p ON p.id = g.profile_id
LEFT JOIN speakers s ON s.id = g.speaker_id
ORDER BY g.first_quote
"""
# quote_tallies.day is the integer YYYYMMDD.
GROUP_KEYS = {"outlet": "t.outlet", "section": "t.section",
              "month": "CASE WHEN t.day IS NOT NULL THEN printf('%04d-%02d', t.day / 10000, t.day / 100 % 100) END"}


def _where(since: str | date | None, until: str | date | None) -> tuple[str, list[int]]:
    """The publication-day filter on quote_tallies.day (the integer YYYYMMDD)."""
    where, params = [], []
    since_day, until_day = _day(since, "--since"), _day(until, "--until")
    for value, op in ((since_day, ">="), (until_day, "<=")):
        if value:
            where.append(f"t.day {op} ?")
            params.append(int(value.replace("-", "")))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def grouped_rows(conn: sqlite3.Connection, *, by: str | None = None, since: str | date | None = None,
                 until: str | date | None = None) -> list[dict[str, Any]]:
    """Quotes counted per speaker, profile, outlet and ``by`` group (``n``), with their buckets."""
    where, params = _where(since, until)
    group = GROUP_KEYS[by] if by else "NULL"
    rows = []
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a sqlite3.Row per group cost more than the grouping
    cursor.execute(GROUPED_ROWS.format(group=group, where=where), params)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        data = fill_buckets(dict(zip(names, values)))
        if by is not None:
            data[by] = data["grp"] or UNKNOWN
        rows.append(data)
    return rows


def article_counts(conn: sqlite3.Connection, *, by: str | None = None, since: str | date | None = None,
                   until: str | date | None = None) -> dict[str | None, int]:
    """Distinct articles with at least one quote: {None: all} or, with ``by``, {group key: count}."""
    where, params = _where(since, until)
    key = GROUP_KEYS[by] if by else "NULL"
    sql = f"SELECT {key} AS k, count(DISTINCT t.article_id) FROM quote_tallies t{where} GROUP BY k"
    counts: dict[str | None, int] = {}
    for k, n in conn.execute(sql, params):
        name = (k or UNKNOWN) if by else None
        counts[name] = counts.get(name, 0) + n
    return counts


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def summarise(rows: list[dict[str, Any]], *, articles: int | None = None) -> dict[str, Any]:
    """Totals and, per dimension, each value's quotes and distinct sources with their shares.

    rows: one per quote (as the draft checker makes them), or grouped with a count ``n`` each
        (as ``grouped_rows``).
    articles (int | None): the number of distinct articles, when rows are grouped; else counted.

    A source (a named speaker) is counted once per dimension, under the value most of its quotes
    in ``rows`` have (the first such quote's value on a tie), so source shares add up to 1.
    """
    # One pass over the rows for every dimension at once: with ``--by month`` this runs for each
    # of a hundred groups, and a Counter per source and dimension cost ten times as much.
    total = anonymous = 0
    quotes: list[dict[str, int]] = [defaultdict(int) for _ in DIMENSIONS]
    per_source: dict[int, list[dict[str, int]]] = {}  # values in order of first quote: ties go to the first
    article_ids: set[int] | None = set() if articles is None else None
    for r in rows:
        w = r.get("n", 1)
        total += w
        values = [r[dim] for dim in DIMENSIONS]
        for counts, value in zip(quotes, values):
            counts[value] += w
        sid = r["speaker_id"]
        if sid is None:
            anonymous += w
        else:
            source = per_source.get(sid)
            if source is None:
                source = per_source[sid] = [{} for _ in DIMENSIONS]
            for counts, value in zip(source, values):
                counts[value] = counts.get(value, 0) + w
        if article_ids is not None:
            article_ids.add(r["article_id"])
    totals = {"quotes": total, "sources": len(per_source), "anonymous_quotes": anonymous,
              "articles": articles if articles is not None else len(article_ids or ())}
    dimensions: dict[str, list[dict[str, Any]]] = {}
    for i, dim in enumerate(DIMENSIONS):
        counted = quotes[i]
        # max() keeps the first of equal counts, as Counter.most_common(1) did.
        source_counts = Counter(max(source[i], key=source[i].get) for source in per_source.values())
        values = sorted(set(counted) | set(source_counts), key=lambda v: (-counted.get(v, 0), v == UNKNOWN, v))
        dimensions[dim] = [
            {"value": v, "quotes": counted.get(v, 0), "quote_share": _share(counted.get(v, 0), totals["quotes"]),
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
    rows = grouped_rows(conn, by=by, since=since, until=until)
    result: dict[str, Any] = {"filters": {"since": _day(since, "--since"), "until": _day(until, "--until"), "by": by}}
    result.update(summarise(rows, articles=article_counts(conn, since=since, until=until).get(None, 0)))
    if by is not None:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            grouped[r[by] or UNKNOWN].append(r)
        quotes = {k: sum(r["n"] for r in group) for k, group in grouped.items()}
        if by == "month":
            keys = sorted(grouped, key=lambda k: (k == UNKNOWN, k))
        else:
            keys = sorted(grouped, key=lambda k: (k == UNKNOWN, -quotes[k], k))
        articles = article_counts(conn, by=by, since=since, until=until)
        result["groups"] = [{"key": k, **summarise(grouped[k], articles=articles.get(k, 0))} for k in keys]
    return result
