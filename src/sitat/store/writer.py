"""The single writer: articles with their quotes, speakers and mentions, committed in batches.

Every batch is one ``BEGIN IMMEDIATE`` transaction, so after a crash (even ``kill -9``) the
store holds whole articles only; re-running skips what was committed. An article is identified
by its corpus id (``ext_id``), else its URL, else its file; it is skipped when stored with the
same content hash, and replaced (same row id, new quotes) when its content changed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from ..article import Article, Quote, Speaker, SpeakerProfile
from ..errors import Errors, StoreError
from ..read.inputs import ArticleInput
from .database import normalise_name
from .reuse import authors_list, detect_wire, link_article
from .identity import (Aliases, Mention, aliases_path, apply_aliases, display_name, fuller, match_key, match_person,
                       read_aliases, split_speaker)

Action = Literal["insert", "replace", "skip"]
# Sources that name no file: their articles are identified by content only.
NOT_A_FILE = {"-", "<text>"}
SPEAKER_FIELDS = ("gender", "party", "role", "organisation", "country")


@dataclass(frozen=True)
class Plan:
    """What the writer will do with one input: insert it, replace article ``article_id``, or skip."""

    action: Action
    content_hash: str
    article_id: int | None = None


@dataclass
class WriteResult:
    """What one committed batch did."""

    inserted: int = 0
    replaced: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def content_hash(item: ArticleInput) -> str:
    """sha256 over the text and the metadata stored with it: any change makes a new hash."""
    meta = {k: item.meta.get(k) for k in ("url", "outlet", "section", "authors", "published")}
    payload = json.dumps([item.text, item.title, meta], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Writer:
    """Writes extracted articles to the store; the only code that modifies its tables.

    conn (sqlite3.Connection): from ``database.connect`` (autocommit, foreign keys on).
    extractor (str): what found the quotes (sitat and model version), stored per article.
    aliases (str | Path | None): the speaker overrides file (default: ``<db>.aliases.tsv``, if it exists).
    """

    def __init__(self, conn: sqlite3.Connection, *, extractor: str = "", aliases: str | Path | None = None) -> None:
        self.conn = conn
        self.extractor = extractor
        self.path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
        self.aliases_file = Path(aliases) if aliases is not None else (aliases_path(self.path) if self.path else None)
        self.rules: Aliases = read_aliases(self.aliases_file)

    def plan(self, item: ArticleInput) -> Plan:
        """Insert, replace or skip ``item``, judged against what is stored (or written in this transaction)."""
        digest = content_hash(item)
        ext_id, url = item.meta.get("id"), item.meta.get("url")
        if ext_id is not None or url is not None:
            if ext_id is not None:
                row = self.conn.execute("SELECT id, content_hash FROM articles WHERE ext_id = ?", (str(ext_id),)).fetchone()
            else:
                row = self.conn.execute("SELECT id, content_hash FROM articles WHERE url = ? AND ext_id IS NULL "
                                        "ORDER BY id LIMIT 1", (url,)).fetchone()
            if row is None:
                return Plan("insert", digest)
            return Plan("skip" if row[1] == digest else "replace", digest, row[0])
        # No corpus identity: the same content anywhere means done; the same file means changed.
        if self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ? AND ext_id IS NULL AND url IS NULL LIMIT 1",
                             (digest,)).fetchone():
            return Plan("skip", digest)
        if item.source not in NOT_A_FILE:
            row = self.conn.execute("SELECT id FROM articles WHERE source = ? AND ext_id IS NULL AND url IS NULL "
                                    "ORDER BY id LIMIT 1", (item.source,)).fetchone()
            if row is not None:
                return Plan("replace", digest, row[0])
        return Plan("insert", digest)

    def write(self, batch: list[tuple[ArticleInput, Article]]) -> WriteResult:
        """Store a batch in one transaction; an article that fails is rolled back alone and reported.

        batch (list[tuple[ArticleInput, Article]]): each input with its extraction result.
        RETURNS (WriteResult): counts, and one message per article that could not be written.
        """
        result = WriteResult()
        if not batch:
            return result
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError(Errors.E053.format(path=self.path)) from None
            raise
        try:
            self._backfill_match_keys()
            for item, article in batch:
                plan = self.plan(item)  # again, inside the lock: an earlier row may match now
                if plan.action == "skip":
                    result.skipped += 1
                    continue
                self.conn.execute("SAVEPOINT article")
                try:
                    self._write_article(item, article, plan)
                except Exception as err:  # this article only; the database itself failing stops the batch
                    if isinstance(err, sqlite3.OperationalError) or not isinstance(err, (sqlite3.DatabaseError, ValueError, TypeError)):
                        raise
                    self.conn.execute("ROLLBACK TO article")
                    result.errors.append(f"{item.source}: could not be stored ({type(err).__name__}: {err})")
                else:
                    result.inserted += plan.action == "insert"
                    result.replaced += plan.action == "replace"
                self.conn.execute("RELEASE article")
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return result

    def apply_overrides(self, rules: Aliases | None = None) -> int:
        """Apply the aliases file (or ``rules``) to the whole store in one transaction; RETURNS rows changed."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._backfill_match_keys()
            changed = apply_aliases(self.conn, rules if rules is not None else self.rules)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return changed

    def _backfill_match_keys(self) -> None:
        """Speakers stored before identity matching (migration 0004) get their match key."""
        for sid, name, kind in self.conn.execute("SELECT id, name, kind FROM speakers WHERE match_key IS NULL").fetchall():
            self.conn.execute("UPDATE speakers SET match_key = ? WHERE id = ?", (match_key(name, kind), sid))

    def _write_article(self, item: ArticleInput, article: Article, plan: Plan) -> int:
        if "\x00" in article.text:
            # SQLite's substr() stops at a NUL, and quotes are read as slices of the text.
            raise ValueError(f"the text holds a NUL character at position {article.text.index(chr(0))}")
        meta = item.meta
        values = {
            "source": item.source, "url": meta.get("url"), "ext_id": None if meta.get("id") is None else str(meta["id"]),
            "title": article.title, "outlet": meta.get("outlet"), "section": meta.get("section"),
            "authors": json.dumps(meta["authors"], ensure_ascii=False) if meta.get("authors") else None,
            "published": meta.get("published"), "lang": article.lang, "text": article.text,
            "content_hash": plan.content_hash, "extractor": self.extractor, "ingested_at": _now(),
            "wire": detect_wire(authors_list(meta.get("authors")), meta.get("outlet"), article.text),
        }
        if plan.action == "replace":
            article_id = plan.article_id
            old_speakers = self._delete_children(article_id)
            sets = ", ".join(f"{k} = :{k}" for k in values)
            self.conn.execute(f"UPDATE articles SET {sets} WHERE id = :id", values | {"id": article_id})
        else:
            names = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            article_id = self.conn.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", values).lastrowid
            old_speakers = set()
        refs = {str(v) for v in (meta.get("id"), meta.get("url"), item.source, article_id) if v is not None}
        entities = {p.entity: self._profile(article_id, p, refs) for p in article.speakers
                    if p.name and p.name.strip()}
        self.conn.executemany(
            'INSERT INTO quote_spans (article_id, "start", "end", type, cue_start, cue_end, speaker_id, '
            "speaker_entity, mention_start, mention_end, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self._quote_row(article_id, q, entities, refs) for q in article.quotes],
        )
        link_article(self.conn, article_id)
        if old_speakers:
            self._drop_orphans(old_speakers)
        return article_id

    def _delete_children(self, article_id: int) -> set[int]:
        """Delete an article's quotes and profiles (with their mentions); the speaker ids they pointed to."""
        speakers = {row[0] for row in self.conn.execute(
            "SELECT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL "
            "UNION SELECT speaker_id FROM article_speakers WHERE article_id = ?", (article_id, article_id))}
        for table in ("quote_spans", "article_speakers"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        return speakers

    def _drop_orphans(self, speaker_ids: set[int]) -> None:
        """Delete speakers that nothing refers to any more (after an article was replaced)."""
        for sid in speaker_ids:
            self.conn.execute(
                "DELETE FROM speakers WHERE id = ? AND NOT EXISTS (SELECT 1 FROM quote_spans WHERE speaker_id = ?) "
                "AND NOT EXISTS (SELECT 1 FROM article_speakers WHERE speaker_id = ?)", (sid, sid, sid))

    def speaker_id(self, name: str, kind: str | None, attrs: dict[str, str | None], *,
                   refs: set[str] | None = None) -> int:
        """The stored speaker this mention is (see ``store/identity.py``), created or completed from ``attrs``.

        refs (set[str]): the article's corpus id, URL, source and row id, for ``split`` rules.
        """
        kind = kind or "unknown"
        split = self.rules.split_for(name, refs) if refs else None
        if split is not None:
            sid = split_speaker(self.conn, split)
            self._complete(sid, attrs)
            return sid
        lookup = self.rules.target(name) or name
        if kind == "person":
            sid = match_person(self.conn, Mention(lookup, kind, attrs.get("role"), attrs.get("party"), attrs.get("organisation")))
        else:
            row = self.conn.execute("SELECT id FROM speakers WHERE kind = ? AND match_key = ? AND split_key IS NULL "
                                    "ORDER BY id LIMIT 1", (kind, match_key(lookup, kind))).fetchone()
            sid = row[0] if row else None
        shown = display_name(lookup, kind)
        if sid is None:
            return self.conn.execute(
                "INSERT INTO speakers (name, norm_name, kind, gender, party, role, organisation, country, match_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (shown, normalise_name(shown), kind, *(attrs.get(f) for f in SPEAKER_FIELDS), match_key(shown, kind)),
            ).lastrowid
        self._complete(sid, attrs)
        if kind == "person":
            (current,) = self.conn.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()
            if fuller(current, shown):  # the canonical name is the fullest form seen
                self.conn.execute("UPDATE speakers SET name = ?, norm_name = ?, match_key = ? WHERE id = ?",
                                  (shown, normalise_name(shown), match_key(shown, kind), sid))
        return sid

    def _complete(self, sid: int, attrs: dict[str, str | None]) -> None:
        """Fill what earlier articles did not say; never overwrite (roles over time: the speaker_roles view)."""
        sets = ", ".join(f"{f} = coalesce({f}, ?)" for f in SPEAKER_FIELDS)
        self.conn.execute(f"UPDATE speakers SET {sets} WHERE id = ?", (*(attrs.get(f) for f in SPEAKER_FIELDS), sid))

    def _profile(self, article_id: int, profile: SpeakerProfile, refs: set[str]) -> int:
        attrs = {f: getattr(profile, f) for f in SPEAKER_FIELDS}
        sid = self.speaker_id(profile.name, profile.kind, attrs, refs=refs)
        # Each place once (the engine can record a mention twice), in text order.
        spans = sorted(dict.fromkeys((m.start, m.end) for m in profile.mentions))
        self.conn.execute(
            "INSERT INTO article_speakers (article_id, speaker_id, entity, name, role, organisation, party, country, "
            "gender, quotes, mention_spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, sid, profile.entity, profile.name, profile.role, profile.organisation, profile.party,
             profile.country, profile.gender, profile.quotes, json.dumps([list(span) for span in spans])),
        )
        return sid

    def _quote_row(self, article_id: int, quote: Quote, entities: dict[str, int], refs: set[str]) -> tuple:
        speaker: Speaker = quote.speaker
        sid = entities.get(speaker.entity) if speaker.entity else None
        if sid is None and speaker.name and speaker.name.strip():
            sid = self.speaker_id(speaker.name, speaker.kind, {f: getattr(speaker, f) for f in SPEAKER_FIELDS}, refs=refs)
        cue, mention = quote.cue, speaker.mention
        return (article_id, quote.start, quote.end, quote.type, cue.start if cue else None, cue.end if cue else None,
                sid, speaker.entity if sid is not None and speaker.entity in entities else None,
                mention.start if mention else None, mention.end if mention else None,
                None if quote.confidence is None else round(quote.confidence * 100))  # stored in percent
