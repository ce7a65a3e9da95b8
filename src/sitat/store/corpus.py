"""``sitat.Corpus``: a store of articles and their quotes, to ingest into and search."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language

from ..errors import InputError
from ..read.files import iter_inputs
from ..read.inputs import MAX_BYTES, ArticleInput
from .database import connect, default_path
from .ingest import DEFAULT_BATCH_SIZE, IngestReport, ingest_items
from .search import DEFAULT_LIMIT, SearchHit, search

__all__ = ["Corpus", "IngestReport"]

Source = str | Path | ArticleInput


def _items(sources: Source | Iterable[Source], *, max_bytes: int) -> Iterator[ArticleInput | InputError]:
    """Paths are read (directories, globs and corpora too); ArticleInputs pass as they are."""
    if isinstance(sources, (str, Path, ArticleInput)):
        sources = [sources]
    for source in sources:
        if isinstance(source, ArticleInput):
            yield source
        else:
            yield from iter_inputs([str(source)], max_bytes=max_bytes)


class Corpus:
    """Articles, quotes and speakers in one SQLite file, searchable with FTS5.

    path (str | Path | None): the database file; ``$SITAT_DB`` or ``sitat.db`` when None.
    nlp (Language | None): a pipeline to extract with instead of the shipped one.
    lang (str | None): ``"nb"`` or ``"nn"`` for every article; detected per article when None.
    aliases (str | Path | None): speaker overrides file; ``<db>.aliases.tsv`` when None.
    DOCS: docs/corpus.md

    Example::

        corpus = sitat.Corpus("nyheter.db")
        print(corpus.ingest(["tests/articles/"]).summary())
        hits = corpus.search("skatt*", speaker="Haugland")
    """

    def __init__(self, path: str | Path | None = None, *, nlp: Language | None = None, lang: str | None = None,
                 aliases: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.aliases = aliases
        self.lang = lang
        self._nlp = nlp
        self._conn: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        """The connection (opened, and the schema migrated, on first use)."""
        if self._conn is None:
            self._conn = connect(self.path)
        return self._conn

    def _load_nlp(self) -> Language:
        if self._nlp is None:
            from ..extract import UNUSED_COMPONENTS
            from ..language import load

            self._nlp = load(self.lang, exclude=UNUSED_COMPONENTS)
        return self._nlp

    def _extractor(self) -> str:
        """``sitat 0.1.0; nb_pipeline 0.0.0``: stored per article, to find what an older model found."""
        import json

        from .. import __version__
        from ..language import model_path

        meta: dict = {}
        if self._nlp is not None:
            meta = self._nlp.meta
        elif (model_path() / "meta.json").is_file():
            meta = json.loads((model_path() / "meta.json").read_text(encoding="utf-8"))
        return f"sitat {__version__}; {meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"

    def ingest(
        self,
        sources: Source | Iterable[Source],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_bytes: int = MAX_BYTES,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Extract and store articles; unchanged ones are skipped, changed ones replaced.

        sources: paths (files, directories, globs; .txt, .html, .jsonl, .jsonl.gz) and/or
            ArticleInput objects.
        batch_size (int): articles per committed transaction.
        max_bytes (int): the largest file or JSONL record read.
        on_error (Callable[[str], None]): called with each bad record's message.
        on_progress (Callable[[int], None]): called as items are handled.
        RETURNS (IngestReport): new, replaced, skipped and failed counts, with messages.
        """
        return ingest_items(
            self.db, _items(sources, max_bytes=max_bytes), nlp=self._load_nlp, lang=self.lang,
            batch_size=batch_size, extractor=self._extractor(), aliases=self.aliases, on_error=on_error,
            on_progress=on_progress,
        )

    def search(
        self,
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
        """Quotes matching ``query`` (all its words; ``skatt*`` for a prefix), best first.

        See ``sitat.store.search.search`` for the filters. RETURNS (list[SearchHit]).
        """
        return search(self.db, query, speaker=speaker, outlet=outlet, since=since, until=until,
                      type=type, limit=limit, raw=raw)

    def _count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(self) -> int:
        """How many articles are stored."""
        return self._count("articles")

    def quotes(self) -> int:
        """How many quotes are stored."""
        return self._count("quotes")

    def speakers(self) -> int:
        """How many speaker entities are stored."""
        return self._count("speakers")

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, quotes, speakers, mentions."""
        return {t: self._count(t) for t in ("articles", "quotes", "speakers", "mentions")}

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Run SQL against the store; rows as dicts (read freely, but write only through ``ingest``)."""
        return [dict(row) for row in self.db.execute(sql, params)]

    def _read(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn`` on a fresh ``mode=ro`` connection (E060 when the store does not exist)."""
        from ..analytics import open_readonly

        conn = open_readonly(self.path)
        try:
            return fn(conn)
        finally:
            conn.close()

    def stats(self, *, by: str | None = None, since: str | date | None = None,
              until: str | date | None = None) -> dict[str, Any]:
        """Source balance: shares of quotes and of distinct sources by gender, party, role type,
        country and outlet; with ``by`` (``outlet``, ``month``, ``section``) also per group.

        RETURNS (dict): as ``sitat stats --json``. DOCS: docs/analytics.md
        """
        from ..analytics import stats

        return self._read(lambda conn: stats(conn, by=by, since=since, until=until))

    def top_speakers(self, *, top: int = 20, by: str = "quotes") -> list[dict[str, Any]]:
        """The most quoted speakers (``by`` ``quotes`` or ``articles``), as dicts.

        RETURNS (list[dict]): as ``sitat speakers --json``. DOCS: docs/analytics.md
        """
        from ..analytics import top_speakers

        return self._read(lambda conn: top_speakers(conn, top=top, by=by))

    def speaker(self, name: str) -> dict[str, Any]:
        """One speaker's profile (``name`` or part of it, any case); E062 when no one matches.

        RETURNS (dict): as ``sitat speaker --json``. DOCS: docs/analytics.md
        """
        from ..analytics import speaker_profile

        return self._read(lambda conn: speaker_profile(conn, name))

    def reuse(self, *, top: int = 20, min_outlets: int = 1) -> list[dict[str, Any]]:
        """The statements printed in the most articles (at least two), with first appearance and outlets.

        top (int): how many clusters.
        min_outlets (int): only statements carried by at least this many outlets.
        RETURNS (list[dict]): as ``sitat reuse --json``. DOCS: docs/corpus.md
        """
        from .reuse import top_reused

        return self._read(lambda conn: top_reused(conn, top=top, min_outlets=min_outlets))

    def quote(self, quote_id: int) -> dict[str, Any]:
        """One stored quote and where else it was printed: first appearance, outlets, wire copy.

        RETURNS (dict): ``quote_id``, ``text`` and ``reuse`` (None when the quote is too short to
            link); E067 when there is no such quote. DOCS: docs/corpus.md
        """
        from .reuse import quote_reuse

        return self._read(lambda conn: quote_reuse(conn, int(quote_id)))

    def rebuild_reuse(self) -> int:
        """Recompute every quote reuse cluster and wire agency in one transaction; RETURNS quotes linked."""
        from .reuse import rebuild

        conn = self.db
        conn.execute("BEGIN IMMEDIATE")
        try:
            linked = rebuild(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return linked

    def export(self, path: str | Path | None = None, *, what: str = "quotes",
               format: str | None = None) -> list[dict[str, Any]] | int:
        """Quotes, articles or speakers as rows; written to ``path`` (csv, jsonl, parquet) when given.

        path (str | Path | None): the file, written atomically; None returns the rows instead.
        what (str): ``quotes``, ``articles`` or ``speakers``.
        format (str | None): ``csv``, ``jsonl`` or ``parquet``; from the suffix when None.
        RETURNS (list[dict] | int): the rows, or how many were written. DOCS: docs/analytics.md
        """
        from .export import export, export_rows

        if path is None:
            return self._read(lambda conn: export_rows(conn, what))
        return self._read(lambda conn: export(conn, path, what=what, format=format))

    def close(self) -> None:
        """Close the connection (reopened on next use)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"
