"""Quote reuse: the same or a near-identical statement in several articles, linked into one cluster.

Every quote of at least ``MIN_WORDS`` words gets a row in ``quote_reuse``: the hash of its
normalised text (case, punctuation and spacing folded), two candidate keys (its first and its last
``KEY_WORDS`` words) and the cluster it joined. A quote joins the cluster of an earlier quote with
the same normalised text; else of an earlier quote that shares a key and whose normalised text is
at least ``NEAR_MIN`` similar (rapidfuzz ratio: one word changed, a name added, "sa" for "sier");
else it starts a cluster of its own. Short statements ("Det er for tidlig å si noe") are said
independently by many people, so below ``SHORT_WORDS`` words only quotes of the same stored speaker
are linked.

Linking runs in the writer's transaction as each article is stored, in ingest order, so a rebuild
(``rebuild``: every quote again, in id order) gives the same clusters. Which article came first is
read at query time: the earliest ``published``, then the lowest article id (ingest order).
DOCS: docs/corpus.md
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from rapidfuzz import fuzz

from ..errors import Errors, StoreError
from ..lexicon import read_tsv

MIN_WORDS = 6      # shorter quotes ("Ja, absolutt.") are not linked at all
SHORT_WORDS = 10   # below this, only quotes of the same speaker are linked
KEY_WORDS = 4      # words in the head and tail candidate keys
NEAR_MIN = 90      # rapidfuzz ratio (0-100) of two normalised texts for a near-identical statement
MAX_CANDIDATES = 50
STATE_KEY = "quote_reuse"  # sitat_state row: 'rebuild' until every stored quote has been linked

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What a quote is matched on: its normalised words, their hash and its two candidate keys."""

    norm: str
    words: int
    text_hash: int
    head_key: int
    tail_key: int


# Hashes are 31-bit integers: SQLite stores them in 4 bytes. They only pick candidates (head key
# and text hash together, or one key and then rapidfuzz), so a rare collision changes nothing.
# Stores made before migration 0008 kept 63 bits; it masked them to these.
HASH_MASK = 0x7FFFFFFF


def _hash(text: str) -> int:
    """A non-negative 31-bit integer hash of ``text``."""
    return (int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1) & HASH_MASK


def fingerprint(text: str) -> Fingerprint | None:
    """The fingerprint of a quote's text; None when it has fewer than ``MIN_WORDS`` words."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) < MIN_WORDS:
        return None
    norm = " ".join(words)
    return Fingerprint(norm, len(words), _hash(norm), _hash(" ".join(words[:KEY_WORDS])),
                       _hash(" ".join(words[-KEY_WORDS:])))


def _cluster_for(conn: sqlite3.Connection, fp: Fingerprint, speaker_id: int | None) -> tuple[int, float] | None:
    """(cluster id, similarity) of the earlier quote this one repeats, or None."""
    short = fp.words < SHORT_WORDS
    if short and speaker_id is None:
        return None
    same_speaker = " AND q.speaker_id = ?" if short else ""
    extra = (speaker_id,) if short else ()
    if short:
        row = conn.execute("SELECT r.cluster_id FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
                           "WHERE r.head_key = ? AND r.text_hash = ? AND q.speaker_id = ? ORDER BY r.quote_id LIMIT 1",
                           (fp.head_key, fp.text_hash, speaker_id)).fetchone()
    else:
        row = conn.execute("SELECT cluster_id FROM quote_reuse WHERE head_key = ? AND text_hash = ? ORDER BY quote_id LIMIT 1",
                           (fp.head_key, fp.text_hash)).fetchone()
    if row is not None:
        return row[0], 100.0
    # One candidate per distinct text: a statement copied a thousand times is compared once.
    candidates = conn.execute(
        "SELECT r.cluster_id, q.text FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
        f"WHERE r.quote_id IN (SELECT min(quote_id) FROM quote_reuse WHERE head_key = ? OR tail_key = ? "
        f"GROUP BY text_hash LIMIT {MAX_CANDIDATES}){same_speaker}", (fp.head_key, fp.tail_key, *extra)).fetchall()
    best: tuple[int, float] | None = None
    for cluster_id, text in candidates:
        other = fingerprint(text)
        if other is None:
            continue
        score = fuzz.ratio(fp.norm, other.norm, score_cutoff=NEAR_MIN)
        if score and (best is None or score > best[1]):
            best = (cluster_id, round(score, 1))
    return best


def _new_cluster_id(conn: sqlite3.Connection, quote_id: int) -> int:
    """A new cluster is named after the quote that starts it, so a rebuild names it the same. SQLite may
    hand a deleted quote's id out again while that quote's cluster lives on: then a free number."""
    if conn.execute("SELECT 1 FROM quote_reuse WHERE cluster_id = ? LIMIT 1", (quote_id,)).fetchone() is None:
        return quote_id
    return conn.execute("SELECT max((SELECT max(cluster_id) FROM quote_reuse), (SELECT max(id) FROM quotes)) + 1").fetchone()[0]


def link_quote(conn: sqlite3.Connection, quote_id: int, text: str, speaker_id: int | None) -> int | None:
    """Put one stored quote into its reuse cluster (inside the caller's transaction).

    RETURNS (int | None): the cluster id, or None for a quote too short to link.
    """
    fp = fingerprint(text)
    if fp is None:
        return None
    found = _cluster_for(conn, fp, speaker_id)
    cluster_id, similarity = found if found is not None else (_new_cluster_id(conn, quote_id), 100.0)
    conn.execute("INSERT OR REPLACE INTO quote_reuse (quote_id, cluster_id, text_hash, head_key, tail_key, similarity) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (quote_id, cluster_id, fp.text_hash, fp.head_key, fp.tail_key, similarity))
    return cluster_id


def link_article(conn: sqlite3.Connection, article_id: int) -> int:
    """Link every quote of one stored article, in order; RETURNS how many got a cluster."""
    rows = conn.execute("SELECT id, text, speaker_id FROM quotes WHERE article_id = ? ORDER BY id", (article_id,)).fetchall()
    return sum(link_quote(conn, *row) is not None for row in rows)


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every cluster and every article's wire agency, in ingest order (inside the caller's
    transaction); the same result as linking article by article. RETURNS quotes linked."""
    conn.execute("DELETE FROM quote_reuse")
    for article_id, authors, outlet, text, wire in conn.execute(
            "SELECT id, authors, outlet, text, wire FROM articles ORDER BY id").fetchall():
        found = detect_wire(authors_list(authors), outlet, text)
        if found != wire:  # only changed rows: an UPDATE of articles costs a full-text re-index
            conn.execute("UPDATE articles SET wire = ? WHERE id = ?", (found, article_id))
    linked = 0
    # "quotes" is a table before migration 0008 and a view after it: this runs with either. The
    # view's extra article lookup per quote is small beside linking each quote.
    for quote_id, text, speaker_id in conn.execute("SELECT id, text, speaker_id FROM quotes ORDER BY id").fetchall():
        linked += link_quote(conn, quote_id, text, speaker_id) is not None
    conn.execute("INSERT OR REPLACE INTO sitat_state (key, value) VALUES (?, 'done')", (STATE_KEY,))
    return linked


def needs_rebuild(conn: sqlite3.Connection) -> bool:
    """True for a store migrated from before quote reuse whose quotes are not linked yet."""
    try:
        row = conn.execute("SELECT value FROM sitat_state WHERE key = ?", (STATE_KEY,)).fetchone()
    except sqlite3.OperationalError:  # no sitat_state table: the migration has not run
        return False
    return row is not None and row[0] == "rebuild"


# --- wire copy ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def wire_forms() -> tuple[tuple[str, str], ...]:
    """(form, agency) pairs from wire_agencies.tsv, longest form first."""
    rows = read_tsv("sitat.store", "wire_agencies.tsv", required=("agency", "form"))
    return tuple(sorted(((r["form"], r["agency"]) for r in rows), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    forms = dict(wire_forms())
    alt = "|".join(re.escape(f) for f in forms)
    # "(NTB)", "(©NTB)", "(NTB-AFP)", "(NTB/Reuters)" anywhere; "NTB:" or "NTB –" opening a paragraph.
    # Case as written: "(Ap)" is the Labour Party, "(AP)" the agency.
    text = re.compile(rf"\(\s*(?:©\s*)?({alt})(?:\s*[-–/]\s*(?:{alt}))*\s*\)|(?m:^\s*({alt})\s*[:–])")
    # In a byline: the whole author, or a part after "/" or ",": "Kari Nordmann/NTB".
    byline = re.compile(rf"^(?:©\s*)?({alt})$", re.IGNORECASE)
    return text, byline, {f.casefold(): a for f, a in forms.items()}


def authors_list(authors: str | list | None) -> list[str]:
    """The authors as stored (a JSON list) or as read, as a list of names."""
    if authors is None or authors == "":
        return []
    if isinstance(authors, str):
        import json

        try:
            value = json.loads(authors)
        except ValueError:
            return [authors]
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return [str(a) for a in authors]


def detect_wire(authors: Iterable[str], outlet: str | None, text: str | None) -> str | None:
    """The news agency an article is copy of, from its byline, its outlet or a credit in its text.

    RETURNS (str | None): the agency as named in wire_agencies.tsv (``NTB``), or None.
    """
    text_re, byline_re, by_form = _credit_patterns()
    for author in (*authors, outlet or ""):
        for part in re.split(r"\s*[/,;]\s*|\s+[-–]\s+", author.strip()):
            m = byline_re.match(part.strip())
            if m and (len(m[1]) > 3 or m[1].isupper()):  # "Ap" in a byline is not the agency AP
                return by_form[m[1].casefold()]
    if text:
        m = text_re.search(text)
        if m:
            return by_form[(m[1] or m[2]).casefold()]
    return None


# --- questions ---------------------------------------------------------------------------------

CLUSTER_ROWS = """
SELECT r.cluster_id, q.id AS quote_id, q.text, q.type, q.article_id, s.name AS speaker, r.similarity,
       a.title, a.outlet, a.published, a.url, a.ext_id, a.source, a.wire
FROM quote_reuse r
JOIN quotes q ON q.id = r.quote_id
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE r.cluster_id = ?
ORDER BY a.published IS NULL, a.published, a.id, q.id
"""


def cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any]:
    """One reuse cluster: its first appearance, the outlets and wire agencies that carried it, every quote.

    RETURNS (dict): cluster_id, first (the earliest quote, by published then ingest order),
        articles, outlets ([{outlet, articles, first_published}]), wire ([agency]), quotes ([...]).
    """
    rows = [dict(r) for r in conn.execute(CLUSTER_ROWS, (cluster_id,))]
    if not rows:
        raise StoreError(Errors.E067.format(what="reuse cluster", id=cluster_id))
    outlets: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["outlet"] or "unknown"
        entry = outlets.setdefault(key, {"outlet": key, "articles": set(), "first_published": r["published"]})
        entry["articles"].add(r["article_id"])
    return {
        "cluster_id": cluster_id,
        "first": rows[0],
        "articles": len({r["article_id"] for r in rows}),
        "outlets": [{**o, "articles": len(o["articles"])} for o in outlets.values()],
        "wire": sorted({r["wire"] for r in rows if r["wire"]}),
        "quotes": rows,
    }


def quote_reuse(conn: sqlite3.Connection, quote_id: int) -> dict[str, Any]:
    """Where one stored quote was also printed (its cluster); E067 when there is no such quote.

    RETURNS (dict): quote_id, text, and ``reuse`` (as ``cluster``), or None for an unlinked quote.
    """
    row = conn.execute("SELECT q.id, q.text, r.cluster_id FROM quotes q LEFT JOIN quote_reuse r ON r.quote_id = q.id "
                       "WHERE q.id = ?", (quote_id,)).fetchone()
    if row is None:
        raise StoreError(Errors.E067.format(what="quote", id=quote_id))
    return {"quote_id": row[0], "text": row[1], "reuse": cluster(conn, row[2]) if row[2] is not None else None}


TOP_CLUSTERS = """
SELECT r.cluster_id, count(DISTINCT q.article_id) AS articles, count(DISTINCT a.outlet) AS outlets,
       count(DISTINCT a.wire) AS wire_articles, min(a.published) AS first_published,
       max(a.published) AS last_published
FROM quote_reuse r
JOIN quotes q ON q.id = r.quote_id
JOIN articles a ON a.id = q.article_id
GROUP BY r.cluster_id
HAVING count(DISTINCT q.article_id) > 1 AND count(DISTINCT a.outlet) >= ?
ORDER BY articles DESC, outlets DESC, first_published, r.cluster_id
LIMIT ?
"""


def top_reused(conn: sqlite3.Connection, *, top: int = 20, min_outlets: int = 1) -> list[dict[str, Any]]:
    """The statements printed in the most articles (at least two, from ``min_outlets`` outlets).

    RETURNS (list[dict]): per cluster: cluster_id, articles, outlets, first_published,
        last_published, outlet_names, wire, and the first appearance's quote_id, text, speaker,
        outlet and title.
    """
    out = []
    for row in conn.execute(TOP_CLUSTERS, (max(1, min_outlets), max(0, top))).fetchall():
        full = cluster(conn, row["cluster_id"])
        first = full["first"]
        out.append({
            "cluster_id": row["cluster_id"], "articles": row["articles"], "outlets": row["outlets"],
            "first_published": row["first_published"], "last_published": row["last_published"],
            "outlet_names": [o["outlet"] for o in full["outlets"]], "wire": full["wire"],
            "quote_id": first["quote_id"], "text": first["text"], "speaker": first["speaker"],
            "first_outlet": first["outlet"], "first_title": first["title"],
        })
    return out
