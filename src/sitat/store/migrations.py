"""The store's schema as named migrations, recorded in ``sitat_migrations`` and applied in order.

Never edit a migration that has shipped: add a new one at the end of ``MIGRATIONS``.
Tables are plain and Datasette-friendly: integer primary keys, foreign keys, JSON lists as text,
ISO 8601 dates, FTS5 tables kept in sync by triggers (as ``sqlite-utils enable-fts`` does).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import Errors, StoreError

MIGRATIONS_TABLE = "sitat_migrations"
# Said (a logging warning: stderr unless the program configures logging) before a migration that
# rewrites a store's rows, which takes a minute on a large store and would otherwise look like a hang.
UPGRADE_NOTICE = ("Upgrading {path} to schema {schema} ({name}: {work}; "
                  "this can take a minute on a large store)…")
log = logging.getLogger(__name__)
# unicode61 folds case but, with remove_diacritics 0, keeps æ, ø, å (and é, ü) as letters of their own.
FTS_TOKENIZER = "unicode61 remove_diacritics 0"


@dataclass(frozen=True)
class Migration:
    """One named step of the schema: statements run in one transaction."""

    name: str
    statements: tuple[str, ...]
    # Tables rebuilt by SQLite's "make a new table, copy, drop the old" recipe: that needs foreign
    # keys off (dropping the old table would cascade into its children), so their keys are
    # checked before the migration commits.
    rebuilds: tuple[str, ...] = ()
    # Tables filled from the rows already stored (not rebuilt, so no key check): on a large store
    # this takes as long as a rebuild, and the user is told as for one.
    fills: tuple[str, ...] = ()

    @property
    def rewrites_rows(self) -> bool:
        return bool(self.rebuilds or self.fills)


CORE_TABLES = Migration("0001_articles_speakers_quotes", (
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,          -- file path, 'file.jsonl:LINE' or '-'
        url TEXT,
        ext_id TEXT,                   -- the corpus' own id ('id' in JSONL)
        title TEXT,
        outlet TEXT,
        section TEXT,
        authors TEXT,                  -- JSON list of names
        published TEXT,                -- ISO 8601 date or date-time
        lang TEXT,                     -- 'nb' or 'nn'
        text TEXT NOT NULL,            -- every offset in quotes/mentions indexes this
        content_hash TEXT NOT NULL,    -- sha256 of text and metadata: unchanged articles are skipped
        extractor TEXT,                -- sitat version that found the quotes
        ingested_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX articles_ext_id ON articles(ext_id) WHERE ext_id IS NOT NULL",
    "CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_source ON articles(source)",
    "CREATE INDEX articles_content_hash ON articles(content_hash)",
    "CREATE INDEX articles_published ON articles(published)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    # One row per speaker entity. For now one per (normalised name, kind) across the corpus;
    # cross-article identity will merge and split these rows, so quotes point here by id only.
    """CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        norm_name TEXT NOT NULL,       -- casefolded, single-spaced: the identity key for now
        kind TEXT NOT NULL,            -- 'person', 'organisation' or 'unknown'
        gender TEXT,
        party TEXT,
        role TEXT,
        organisation TEXT,
        country TEXT
    )""",
    "CREATE UNIQUE INDEX speakers_identity ON speakers(norm_name, kind)",
    # What one article says about a speaker (its profile there), and where it names them.
    """CREATE TABLE article_speakers (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        entity TEXT NOT NULL,          -- the entity id within the article ('e1')
        name TEXT NOT NULL,
        role TEXT,
        organisation TEXT,
        party TEXT,
        country TEXT,
        gender TEXT,
        quotes INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, entity)
    )""",
    "CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id)",
    """CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_article ON mentions(article_id)",
    "CREATE INDEX mentions_speaker ON mentions(speaker_id)",
    """CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('direct', 'indirect', 'mixed')),
        cue_text TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_id INTEGER REFERENCES speakers(id),   -- NULL: anonymous or unresolved source
        speaker_entity TEXT,           -- the speaker's entity id within the article (article_speakers.entity)
        mention_text TEXT,
        mention_start INTEGER,
        mention_end INTEGER,
        confidence REAL
    )""",
    "CREATE INDEX quotes_article ON quotes(article_id)",
    "CREATE INDEX quotes_speaker ON quotes(speaker_id)",
))

FULL_TEXT = Migration("0002_full_text_search", (
    f"""CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content="quotes", content_rowid="id", tokenize='{FTS_TOKENIZER}')""",
    """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content="articles", content_rowid="id", tokenize='{FTS_TOKENIZER}')""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
))

VIEWS = Migration("0003_views", (
    """CREATE VIEW quotes_with_speakers AS
    SELECT q.id AS quote_id, q.article_id, a.published, a.outlet, a.title AS article_title, a.url,
           q.type, q.text, s.name AS speaker, s.kind AS speaker_kind,
           coalesce(ap.role, s.role) AS role, coalesce(ap.party, s.party) AS party,
           coalesce(ap.organisation, s.organisation) AS organisation,
           coalesce(ap.country, s.country) AS country, coalesce(ap.gender, s.gender) AS gender,
           q.mention_text, q.cue_text, q.confidence, q."start", q."end", q.speaker_id
    FROM quotes q
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.speaker_id
    LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity""",
    """CREATE VIEW speaker_counts AS
    SELECT s.id AS speaker_id, s.name, s.kind, s.party, s.role, s.gender,
           count(q.id) AS quotes, count(DISTINCT q.article_id) AS articles,
           min(a.published) AS first_quoted, max(a.published) AS last_quoted
    FROM speakers s
    LEFT JOIN quotes q ON q.speaker_id = s.id
    LEFT JOIN articles a ON a.id = q.article_id
    GROUP BY s.id""",
))

# Cross-article identity (store/identity.py): one person may now have several rows with the same
# name (two Ole Hansens of different parties), so the unique (norm_name, kind) index goes.
SPEAKER_IDENTITY = Migration("0004_speaker_identity", (
    "DROP INDEX speakers_identity",
    "CREATE INDEX speakers_norm_name ON speakers(norm_name, kind)",
    # A person's surname, an organisation's canonical name: where the matcher looks for candidates
    # (filled by the writer for rows of older stores, see Writer.write).
    "ALTER TABLE speakers ADD COLUMN match_key TEXT",
    # Set on speakers made by a `split` rule of the aliases file ('hansen#1'); others never match them.
    "ALTER TABLE speakers ADD COLUMN split_key TEXT",
    "CREATE INDEX speakers_match_key ON speakers(kind, match_key)",
    "CREATE UNIQUE INDEX speakers_split_key ON speakers(split_key) WHERE split_key IS NOT NULL",
    # Each role a speaker was given (lower case: 'Helseminister' = 'helseminister'), with the first
    # and last day an article gave it. lower() folds ASCII only, and Datasette can read it.
    """CREATE VIEW speaker_roles AS
    SELECT ap.speaker_id, s.name, lower(ap.role) AS role,
           min(coalesce(a.published, substr(a.ingested_at, 1, 10))) AS first_seen,
           max(coalesce(a.published, substr(a.ingested_at, 1, 10))) AS last_seen,
           count(DISTINCT ap.article_id) AS articles
    FROM article_speakers ap
    JOIN articles a ON a.id = ap.article_id
    JOIN speakers s ON s.id = ap.speaker_id
    WHERE ap.role IS NOT NULL
    GROUP BY ap.speaker_id, lower(ap.role)""",
))

# Live feeds (sitat/feeds/, `sitat watch`): the feeds polled, every item seen in them, and the
# earlier text of articles that were replaced by a newer version (by any ingest, kept by a trigger).
FEEDS = Migration("0005_feeds", (
    """CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,      -- the RSS/Atom address
        outlet TEXT,
        lang TEXT,                     -- 'nb', 'nn' or NULL (detected per article)
        interval_s INTEGER,            -- seconds between polls; NULL: the watcher's default
        origin TEXT NOT NULL DEFAULT 'config',  -- 'config' (FEEDS.toml) or 'api' (POST /api/feeds)
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,                     -- validators of the last feed response, for conditional GET
        last_modified TEXT,
        added_at TEXT NOT NULL,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_error_at TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,   -- failed polls in a row (back-off grows with it)
        polls INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,     -- failed polls, all time
        ingested INTEGER NOT NULL DEFAULT 0,   -- articles stored new from this feed
        updated INTEGER NOT NULL DEFAULT 0,    -- articles re-extracted because their page changed
        next_poll_at TEXT
    )""",
    """CREATE TABLE feed_items (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,        -- the entry's guid/id, else its link
        url TEXT NOT NULL,             -- the article page as the feed links it
        title TEXT,
        published TEXT,
        stamp TEXT,                    -- the entry's updated/published time as given: a change means a new version
        status TEXT NOT NULL CHECK (status IN ('new', 'done', 'failed', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        text_hash TEXT,                -- sha256 of the extracted text: the same article under another URL
        error TEXT,
        first_seen_at TEXT NOT NULL,
        fetched_at TEXT,
        UNIQUE (feed_id, item_key)
    )""",
    "CREATE INDEX feed_items_status ON feed_items(feed_id, status)",
    "CREATE INDEX feed_items_text_hash ON feed_items(text_hash) WHERE text_hash IS NOT NULL",
    """CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        title TEXT,
        published TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        extractor TEXT,
        ingested_at TEXT NOT NULL,     -- when this version had been stored
        replaced_at TEXT NOT NULL
    )""",
    "CREATE INDEX article_versions_article ON article_versions(article_id)",
    # In the writer's own transaction, so a version is kept exactly when its replacement commits.
    """CREATE TRIGGER articles_keep_version BEFORE UPDATE OF content_hash ON articles
    WHEN old.content_hash <> new.content_hash BEGIN
        INSERT INTO article_versions (article_id, title, published, text, content_hash, extractor, ingested_at, replaced_at)
        VALUES (old.id, old.title, old.published, old.text, old.content_hash, old.extractor, old.ingested_at,
                strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
    END""",
))

# Quote reuse (store/reuse.py): the same statement in several articles, and wire copy.
QUOTE_REUSE = Migration("0006_quote_reuse", (
    # Only quotes of at least reuse.MIN_WORDS words have a row. Hashes are 63-bit integers.
    """CREATE TABLE quote_reuse (
        quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
        cluster_id INTEGER NOT NULL,   -- quotes with the same cluster_id are one statement; the id of its first quote
        text_hash INTEGER NOT NULL,    -- hash of the normalised text (case, punctuation, spacing folded)
        head_key INTEGER NOT NULL,     -- hash of its first words, and of its last: near-duplicate candidates
        tail_key INTEGER NOT NULL,
        similarity REAL NOT NULL       -- 100: same normalised text as the cluster's; else the rapidfuzz ratio
    )""",
    "CREATE INDEX quote_reuse_cluster ON quote_reuse(cluster_id)",
    # Same text means same head key: one index serves the exact lookup and the near-duplicate one.
    "CREATE INDEX quote_reuse_head_key ON quote_reuse(head_key, text_hash)",
    "CREATE INDEX quote_reuse_tail_key ON quote_reuse(tail_key)",
    # The news agency whose copy an article is (NTB, Reuters ...), from its byline, outlet or text.
    "ALTER TABLE articles ADD COLUMN wire TEXT",
    # Small facts about the store itself; 'quote_reuse' = 'rebuild' until the quotes stored before
    # this migration are linked (database.connect does it once).
    "CREATE TABLE sitat_state (key TEXT PRIMARY KEY, value TEXT)",
    "INSERT INTO sitat_state (key, value) VALUES ('quote_reuse', 'rebuild')",
    """CREATE VIEW quote_reuse_clusters AS
    SELECT r.cluster_id, count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
           count(DISTINCT a.outlet) AS outlets, min(a.published) AS first_published,
           max(a.published) AS last_published, group_concat(DISTINCT a.wire) AS wire
    FROM quote_reuse r
    JOIN quotes q ON q.id = r.quote_id
    JOIN articles a ON a.id = q.article_id
    GROUP BY r.cluster_id""",
))

# Source-balance numbers (analytics/stats.py) over a large store: an article row holds its whole
# text, so reading the outlet, section and date of 100,000 articles from the table means reading
# every text. These covering indexes hold just what the aggregation reads.
STATS_INDEXES = Migration("0007_stats_indexes", (
    "CREATE INDEX articles_facets ON articles(id, outlet, section, published)",
    "CREATE INDEX quotes_by_article_speaker ON quotes(article_id, speaker_id, speaker_entity)",
))

# Size (issue 4: the store at most twice the JSONL it was made from; measured on the 100,000-article
# corpus, docs/performance.md). Text is stored once, in articles:
# - a quote's text, cue and speaker mention are slices of its article's text, so ``quote_spans``
#   keeps their offsets and the ``quotes`` view reads the slices. quotes_fts keeps
#   ``content="quotes"``: the view has the table's rowids and text, so the index stays valid;
# - a speaker's mentions become a JSON list of [start, end] on its article_speakers row (one row
#   per mention cost more in row ids and two indexes than the offsets themselves); the
#   ``mentions`` view lists them one per row, with their text;
# - confidences are kept in percent (an integer of one byte instead of a REAL's eight);
# - the article index records which article a word is in, not where (detail=none: 71 % smaller).
#   Nothing in sitat asks it for phrases or NEAR; a query that does gets SQLite's error;
# - reuse hashes keep 31 bits (4 bytes instead of 8): a lookup matches head key and text hash
#   together, and candidates are compared by rapidfuzz, so collisions cost nothing;
# - content hashes are looked up only for articles with neither corpus id nor URL: a partial index.
# Each slice is a subquery of its own, so a query that does not ask for a text never reads the
# article (a join would be made for every row, even for a count).
_SLICE = "(SELECT substr(a.text, {start} + 1, {end} - {start}) FROM articles a WHERE a.id = {article})"
QUOTES_VIEW = f"""CREATE VIEW quotes AS
    SELECT q.id, q.article_id, q."start", q."end",
           {_SLICE.format(start='q."start"', end='q."end"', article="q.article_id")} AS text, q.type,
           CASE WHEN q.cue_start IS NOT NULL
                THEN {_SLICE.format(start="q.cue_start", end="q.cue_end", article="q.article_id")} END AS cue_text,
           q.cue_start, q.cue_end, q.speaker_id, q.speaker_entity,
           CASE WHEN q.mention_start IS NOT NULL
                THEN {_SLICE.format(start="q.mention_start", end="q.mention_end", article="q.article_id")} END AS mention_text,
           q.mention_start, q.mention_end, q.confidence / 100.0 AS confidence
    FROM quote_spans q"""
MENTIONS_VIEW = f"""CREATE VIEW mentions AS
    SELECT ap.article_id, ap.speaker_id, ap.entity, json_extract(m.value, '$[0]') AS "start",
           json_extract(m.value, '$[1]') AS "end",
           {_SLICE.format(start="json_extract(m.value, '$[0]')", end="json_extract(m.value, '$[1]')", article="ap.article_id")} AS text
    FROM article_speakers ap
    JOIN json_each(ap.mention_spans) m"""
# The view of migration 0003, its texts sliced from the article row it already joins (three
# subqueries a row would read the article three more times: 3-4x slower over a whole store).
_JOINED_SLICE = "substr(a.text, {start} + 1, {end} - {start})"
QUOTES_WITH_SPEAKERS_VIEW = f"""CREATE VIEW quotes_with_speakers AS
    SELECT q.id AS quote_id, q.article_id, a.published, a.outlet, a.title AS article_title, a.url,
           q.type, {_JOINED_SLICE.format(start='q."start"', end='q."end"')} AS text, s.name AS speaker,
           s.kind AS speaker_kind,
           coalesce(ap.role, s.role) AS role, coalesce(ap.party, s.party) AS party,
           coalesce(ap.organisation, s.organisation) AS organisation,
           coalesce(ap.country, s.country) AS country, coalesce(ap.gender, s.gender) AS gender,
           CASE WHEN q.mention_start IS NOT NULL
                THEN {_JOINED_SLICE.format(start="q.mention_start", end="q.mention_end")} END AS mention_text,
           CASE WHEN q.cue_start IS NOT NULL
                THEN {_JOINED_SLICE.format(start="q.cue_start", end="q.cue_end")} END AS cue_text,
           q.confidence / 100.0 AS confidence, q."start", q."end", q.speaker_id
    FROM quote_spans q
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.speaker_id
    LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity"""


# The text a quote_spans row (new or old) has in its article: what quotes_fts indexes.
def _span_text(row: str) -> str:
    return _SLICE.format(start=f'{row}."start"', end=f'{row}."end"', article=f"{row}.article_id")
_HASH_BITS = 0x7FFFFFFF

COMPACT_STORE = Migration("0008_compact_store", (
    # Rows whose article or speaker went while foreign keys were off (a Datasette or sqlite3 shell
    # delete) would fail the key check of the rebuilt tables; they point at nothing, so they go,
    # the quotes through their old trigger, which takes their words out of quotes_fts.
    "DELETE FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)",
    "UPDATE quotes SET speaker_id = NULL WHERE speaker_id IS NOT NULL AND speaker_id NOT IN (SELECT id FROM speakers)",
    "DELETE FROM quote_reuse WHERE quote_id NOT IN (SELECT id FROM quotes)",
    "DELETE FROM mentions WHERE article_id NOT IN (SELECT id FROM articles) OR speaker_id NOT IN (SELECT id FROM speakers)",
    "DELETE FROM article_speakers WHERE article_id NOT IN (SELECT id FROM articles) "
    "OR speaker_id NOT IN (SELECT id FROM speakers)",
    # The views read the tables being rebuilt; they are made again, unchanged, further down.
    "DROP VIEW quotes_with_speakers",
    "DROP VIEW speaker_counts",
    "DROP VIEW quote_reuse_clusters",
    """CREATE TABLE quote_spans (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL,      -- the quote is articles.text[start:end] (the quotes view reads it)
        "end" INTEGER NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('direct', 'indirect', 'mixed')),
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_id INTEGER REFERENCES speakers(id),   -- NULL: anonymous or unresolved source
        speaker_entity TEXT,           -- the speaker's entity id within the article (article_speakers.entity)
        mention_start INTEGER,
        mention_end INTEGER,
        confidence INTEGER             -- in percent (1 byte, not a REAL's 8); the quotes view gives 0-1
    )""",
    """INSERT INTO quote_spans (id, article_id, "start", "end", type, cue_start, cue_end, speaker_id, speaker_entity,
                                mention_start, mention_end, confidence)
    SELECT id, article_id, "start", "end", type, cue_start, cue_end, speaker_id, speaker_entity,
           mention_start, mention_end, CAST(round(confidence * 100) AS INTEGER) FROM quotes""",
    "DROP TABLE quotes",
        "CREATE INDEX quote_spans_article ON quote_spans(article_id)",
    "CREATE INDEX quote_spans_speaker ON quote_spans(speaker_id)",
    QUOTES_VIEW,
    f"""CREATE TRIGGER quote_spans_ai AFTER INSERT ON quote_spans BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, {_span_text("new")});
    END""",
    f"""CREATE TRIGGER quote_spans_ad AFTER DELETE ON quote_spans BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, {_span_text("old")});
    END""",
    f"""CREATE TRIGGER quote_spans_au AFTER UPDATE OF id, "start", "end", article_id ON quote_spans BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, {_span_text("old")});
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, {_span_text("new")});
    END""",
    # quote_reuse again: its foreign key now on quote_spans, its hashes 31 bits.
    """CREATE TABLE quote_reuse_new (
        quote_id INTEGER PRIMARY KEY REFERENCES quote_spans(id) ON DELETE CASCADE,
        cluster_id INTEGER NOT NULL,   -- quotes with the same cluster_id are one statement; the id of its first quote
        text_hash INTEGER NOT NULL,    -- hash of the normalised text (case, punctuation, spacing folded)
        head_key INTEGER NOT NULL,     -- hash of its first words, and of its last: near-duplicate candidates
        tail_key INTEGER NOT NULL,
        similarity REAL NOT NULL       -- 100: same normalised text as the cluster's; else the rapidfuzz ratio
    )""",
    f"""INSERT INTO quote_reuse_new SELECT quote_id, cluster_id, text_hash & {_HASH_BITS}, head_key & {_HASH_BITS},
                                         tail_key & {_HASH_BITS}, similarity FROM quote_reuse""",
    "DROP TABLE quote_reuse",
    "ALTER TABLE quote_reuse_new RENAME TO quote_reuse",
    "CREATE INDEX quote_reuse_cluster ON quote_reuse(cluster_id)",
    "CREATE INDEX quote_reuse_head_key ON quote_reuse(head_key, text_hash)",
    "CREATE INDEX quote_reuse_tail_key ON quote_reuse(tail_key)",
    # Mentions onto their speaker's row in the article, which becomes a WITHOUT ROWID table: its
    # primary key (article_id, entity) is how every query finds it, and no second index is needed.
    "DROP VIEW speaker_roles",
    """CREATE TABLE article_speakers_new (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        entity TEXT NOT NULL,          -- the entity id within the article ('e1')
        name TEXT NOT NULL,
        role TEXT,
        organisation TEXT,
        party TEXT,
        country TEXT,
        gender TEXT,
        quotes INTEGER NOT NULL DEFAULT 0,
        mention_spans TEXT NOT NULL DEFAULT '[]',  -- where the article names them: JSON [[start, end], ...]
        PRIMARY KEY (article_id, entity)
    ) WITHOUT ROWID""",
    """INSERT INTO article_speakers_new (article_id, speaker_id, entity, name, role, organisation, party, country,
                                      gender, quotes, mention_spans)
    SELECT ap.article_id, ap.speaker_id, ap.entity, ap.name, ap.role, ap.organisation, ap.party, ap.country,
           ap.gender, ap.quotes, CASE
        -- Old mention rows name a speaker, not an entity: where two entities of one article
        -- became one speaker (a merge), the first entity takes them, so none is listed twice.
        WHEN ap.entity = (SELECT min(x.entity) FROM article_speakers x
                          WHERE x.article_id = ap.article_id AND x.speaker_id = ap.speaker_id)
        THEN coalesce((
            SELECT json_group_array(json_array(m."start", m."end")) FROM (
                SELECT DISTINCT "start", "end" FROM mentions m
                WHERE m.article_id = ap.article_id AND m.speaker_id = ap.speaker_id
                ORDER BY "start", "end") m), '[]')
        ELSE '[]' END
    FROM article_speakers ap""",
    "DROP TABLE mentions",
    "DROP TABLE article_speakers",
    "ALTER TABLE article_speakers_new RENAME TO article_speakers",
    "CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id)",
    # (After article_speakers is rebuilt: a trigger naming it would stop the rename.)
    # The index must forget a quote's words while its article still holds them, so an article's
    # quotes go before the article does or its text changes. The writer deletes them first
    # anyway; these keep any other client (Datasette's editing plugins) from corrupting the index.
    """CREATE TRIGGER articles_drop_quotes BEFORE DELETE ON articles BEGIN
        DELETE FROM quote_spans WHERE article_id = old.id;
    END""",
    """CREATE TRIGGER articles_text_drops_quotes BEFORE UPDATE OF text ON articles
    WHEN old.text IS NOT new.text BEGIN
        DELETE FROM quote_spans WHERE article_id = old.id;
        UPDATE article_speakers SET mention_spans = '[]' WHERE article_id = old.id;
    END""",
    SPEAKER_IDENTITY.statements[-1],
    MENTIONS_VIEW,
    "DROP INDEX articles_content_hash",
    "CREATE INDEX articles_content_hash ON articles(content_hash) WHERE ext_id IS NULL AND url IS NULL",
    QUOTES_WITH_SPEAKERS_VIEW,
    VIEWS.statements[1],  # speaker_counts, unchanged
    QUOTE_REUSE.statements[-1],
    # The article index without word positions, rebuilt from the articles table.
    "DROP TABLE articles_fts",
    f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content="articles", content_rowid="id", tokenize='{FTS_TOKENIZER}', detail=none)""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
), rebuilds=("quote_spans", "quote_reuse", "article_speakers"))

# Source-balance numbers (analytics/stats.py): quotes counted per article, speaker and entity,
# with what stats groups them by: the article's day, outlet and section, and the speaker's
# profile in that article (role, organisation, party, country, gender) as the id of a row of
# ``tally_profiles`` (a few hundred distinct ones in 100,000 articles). So stats sorts one table
# of a third as many rows as there are quotes on short keys, and joins only small tables: at
# 780,702 quotes, counting quotes and joining each count to its article and profile took 2.2 s.
# Triggers keep the rows right whenever quotes come and go (a replaced article, a merged
# speaker), or an article's facets or a profile change. No speaker is 0, no entity and no
# profile value '': a UNIQUE key treats NULLs as all different.
_PROFILE = ("role", "organisation", "party", "country", "gender")
_PROFILE_ID = ("(SELECT p.id FROM tally_profiles p WHERE "
               + " AND ".join(f"p.{f} = coalesce({{ap}}.{f}, '')" for f in _PROFILE) + ")")
_PROFILE_ADD = ("INSERT OR IGNORE INTO tally_profiles (role, organisation, party, country, gender) "
                "SELECT " + ", ".join(f"coalesce({{ap}}.{f}, '')" for f in _PROFILE) + " FROM {source};")
# The day as the integer YYYYMMDD: 4 bytes a row instead of 11.
_DAY = "CAST(replace(substr({published}, 1, 10), '-', '') AS INTEGER)"
_NO_PROFILE_ID = "(SELECT id FROM tally_profiles WHERE " + " AND ".join(f"{f} = ''" for f in _PROFILE) + ")"
_TALLY_KEY = ("article_id = {row}.article_id AND speaker_id = coalesce({row}.speaker_id, 0) "
              "AND speaker_entity = coalesce({row}.speaker_entity, '')")
_NEW_PROFILE = ("(SELECT NULL AS x) LEFT JOIN article_speakers ap "
                "ON ap.article_id = new.article_id AND ap.entity = new.speaker_entity")
_TALLY_ADD = _PROFILE_ADD.format(ap="ap", source=_NEW_PROFILE) + f"""
        INSERT INTO quote_tallies (article_id, speaker_id, speaker_entity, quotes, first_quote, day, outlet, section,
                                   profile_id)
        SELECT new.article_id, coalesce(new.speaker_id, 0), coalesce(new.speaker_entity, ''), 1, new.id,
               {_DAY.format(published="a.published")}, a.outlet, a.section, {_PROFILE_ID.format(ap="ap")}
        FROM articles a LEFT JOIN article_speakers ap ON ap.article_id = a.id AND ap.entity = new.speaker_entity
        WHERE a.id = new.article_id
        ON CONFLICT DO UPDATE SET quotes = quotes + 1, first_quote = min(first_quote, excluded.first_quote);"""
_TALLY_REMOVE = f"""UPDATE quote_tallies SET quotes = quotes - 1, first_quote = coalesce(
            (SELECT min(id) FROM quote_spans WHERE article_id = old.article_id AND speaker_id IS old.speaker_id
             AND speaker_entity IS old.speaker_entity), first_quote)
        WHERE {_TALLY_KEY.format(row="old")};
        DELETE FROM quote_tallies WHERE {_TALLY_KEY.format(row="old")} AND quotes <= 0;"""

QUOTE_TALLIES = Migration("0009_quote_tallies", (
    """CREATE TABLE tally_profiles (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL,            -- '' where the article gave none
        organisation TEXT NOT NULL,
        party TEXT NOT NULL,
        country TEXT NOT NULL,
        gender TEXT NOT NULL,
        UNIQUE (role, organisation, party, country, gender)
    )""",
    """CREATE TABLE quote_tallies (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker_id INTEGER NOT NULL,   -- quote_spans.speaker_id; 0: no speaker
        speaker_entity TEXT NOT NULL,  -- quote_spans.speaker_entity; '': none
        quotes INTEGER NOT NULL,       -- how many of the article's quotes have this speaker and entity
        first_quote INTEGER NOT NULL,  -- the smallest quote id among them
        day INTEGER,                   -- the article's publication day as YYYYMMDD
        outlet TEXT,
        section TEXT,
        profile_id INTEGER NOT NULL REFERENCES tally_profiles(id),  -- the speaker's article_speakers profile
        PRIMARY KEY (article_id, speaker_id, speaker_entity)
    ) WITHOUT ROWID""",
    _PROFILE_ADD.format(ap="ap", source="article_speakers ap"),
    _PROFILE_ADD.format(ap="ap", source="(SELECT NULL AS x) LEFT JOIN article_speakers ap ON 0"),
    f"""INSERT INTO quote_tallies (article_id, speaker_id, speaker_entity, quotes, first_quote, day, outlet, section,
                                profile_id)
    SELECT t.article_id, t.speaker_id, t.speaker_entity, t.quotes, t.first_quote, {_DAY.format(published="a.published")},
           a.outlet, a.section, {_PROFILE_ID.format(ap="ap")}
    FROM (SELECT article_id, coalesce(speaker_id, 0) AS speaker_id, coalesce(speaker_entity, '') AS speaker_entity,
                 count(*) AS quotes, min(id) AS first_quote
          FROM quote_spans GROUP BY 1, 2, 3) t
    JOIN articles a ON a.id = t.article_id
    LEFT JOIN article_speakers ap ON ap.article_id = t.article_id AND ap.entity = t.speaker_entity""",
    f"""CREATE TRIGGER quote_spans_tally_ai AFTER INSERT ON quote_spans BEGIN
        {_TALLY_ADD}
    END""",
    f"""CREATE TRIGGER quote_spans_tally_ad AFTER DELETE ON quote_spans BEGIN
        {_TALLY_REMOVE}
    END""",
    f"""CREATE TRIGGER quote_spans_tally_au AFTER UPDATE OF id, article_id, speaker_id, speaker_entity ON quote_spans BEGIN
        {_TALLY_REMOVE}
        {_TALLY_ADD}
    END""",
    f"""CREATE TRIGGER articles_tally_facets AFTER UPDATE OF published, outlet, section ON articles BEGIN
        UPDATE quote_tallies SET day = {_DAY.format(published="new.published")}, outlet = new.outlet, section = new.section
        WHERE article_id = new.id;
    END""",
    # A profile added, removed or changed by hand reaches the counts of its quotes.
    f"""CREATE TRIGGER article_speakers_tally_ai AFTER INSERT ON article_speakers BEGIN
        {_PROFILE_ADD.format(ap="new", source="(SELECT NULL AS x)")}
        UPDATE quote_tallies SET profile_id = {_PROFILE_ID.format(ap="new")}
        WHERE article_id = new.article_id AND speaker_entity = new.entity;
    END""",
    f"""CREATE TRIGGER article_speakers_tally_ad AFTER DELETE ON article_speakers BEGIN
        UPDATE quote_tallies SET profile_id = {_NO_PROFILE_ID}
        WHERE article_id = old.article_id AND speaker_entity = old.entity;
    END""",
    f"""CREATE TRIGGER article_speakers_tally_au
    AFTER UPDATE OF article_id, entity, role, organisation, party, country, gender ON article_speakers BEGIN
        UPDATE quote_tallies SET profile_id = {_NO_PROFILE_ID}
        WHERE article_id = old.article_id AND speaker_entity = old.entity;
        {_PROFILE_ADD.format(ap="new", source="(SELECT NULL AS x)")}
        UPDATE quote_tallies SET profile_id = {_PROFILE_ID.format(ap="new")}
        WHERE article_id = new.article_id AND speaker_entity = new.entity;
    END""",
    # Only stats read it (migration 0007), and stats reads quote_tallies now.
    "DROP INDEX articles_facets",
), fills=("tally_profiles", "quote_tallies"))

MIGRATIONS: tuple[Migration, ...] = (CORE_TABLES, FULL_TEXT, VIEWS, SPEAKER_IDENTITY, FEEDS, QUOTE_REUSE, STATS_INDEXES,
                                      COMPACT_STORE, QUOTE_TALLIES)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``'s database, in order."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY rowid")]


def _has_articles(conn: sqlite3.Connection) -> bool:
    """Whether the store holds articles already (a fresh or empty store migrates in no time)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone():
        return False
    return conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1


def migrate(conn: sqlite3.Connection, *, path: str = "") -> list[str]:
    """Apply the migrations ``conn`` lacks, each in its own ``BEGIN IMMEDIATE`` transaction.

    Before one that rewrites the rows of a store that has articles, UPGRADE_NOTICE is logged as a warning.

    conn (sqlite3.Connection): a connection in autocommit mode (``isolation_level=None``).
    path (str): the database file, for messages.
    RETURNS (list[str]): names of the migrations applied now (empty when up to date).
    """
    known = [m.name for m in MIGRATIONS]
    unknown = [name for name in applied(conn) if name not in known]
    if unknown:
        raise StoreError(Errors.E052.format(path=path, names=", ".join(unknown)))
    done: list[str] = []
    keys_on = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    for schema, migration in enumerate(MIGRATIONS, 1):
        try:
            if migration.rebuilds and migration.name not in applied(conn):
                conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction, so here
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Checked inside the lock: another process may have migrated while we waited.
                if migration.name in applied(conn):
                    conn.execute("COMMIT")
                    continue
                if migration.rewrites_rows and _has_articles(conn):
                    work = "rebuilding tables" if migration.rebuilds else "filling new tables"
                    log.warning(UPGRADE_NOTICE.format(path=path or "the store", schema=schema, name=migration.name,
                                                      work=work))
                conn.execute(f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                for statement in migration.statements:
                    conn.execute(statement)
                for table in migration.rebuilds:
                    broken = conn.execute(f"PRAGMA foreign_key_check({table})").fetchone()
                    if broken:
                        raise StoreError(Errors.E051.format(path=path, reason=(
                            f"migration {migration.name}: row {broken[1]} of {table} points to a missing {broken[2]} row")))
                conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                             (migration.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
                conn.execute(f"PRAGMA user_version = {len(applied(conn))}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute(f"PRAGMA foreign_keys = {'ON' if keys_on else 'OFF'}")
        done.append(migration.name)
    return done
