"""The reduce step: load a Parquet folder into the SQLite store through the store's own writer.

Cross-article speaker identity (``store/identity.py``) needs every speaker seen so far, so it runs
in this one process, in reading order: the very code ``sitat ingest`` runs, on the very articles
the workers extracted. Unchanged articles are skipped, so loading twice adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..article import Article
from ..read.inputs import ArticleInput
from ..store.database import connect
from ..store.ingest import DEFAULT_BATCH_SIZE, IngestReport
from ..store.writer import Writer
from .dataset import read_pairs


def load_into_store(
    out: str | Path,
    db: str | Path,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    aliases: str | Path | None = None,
    extractor: str | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store every article of the Parquet folder ``out`` in the SQLite store ``db``.

    out (str | Path): a folder ``sitat extract --engine dask -o`` wrote.
    db (str | Path): the store (created and migrated if needed).
    batch_size (int): articles per committed transaction.
    aliases (str | Path | None): speaker overrides (default: ``<db>.aliases.tsv``), applied at the end.
    extractor (str | None): stored per article (default: this sitat and model version).
    on_error (Callable[[str], None]): called with each article that could not be stored.
    on_progress (Callable[[int], None]): called with the number of articles just handled.
    RETURNS (IngestReport): new, replaced, skipped and failed counts (reading errors are the map step's).
    DOCS: docs/scaling.md
    """
    from .worker import extractor_label

    report = IngestReport()
    started = time.perf_counter()
    conn = connect(db)
    try:
        writer = Writer(conn, extractor=extractor or extractor_label(), aliases=aliases)
        pending: list[tuple[ArticleInput, Article]] = []

        def flush() -> None:
            result = writer.write(pending)
            report.ingested += result.inserted
            report.replaced += result.replaced
            report.skipped += result.skipped
            report.failed += len(result.errors)
            report.errors.extend(result.errors)
            for message in result.errors:
                if on_error:
                    on_error(message)
            if on_progress:
                on_progress(len(pending))
            pending.clear()

        for item, article in read_pairs(out):
            if writer.plan(item).action == "skip":
                report.skipped += 1
                if on_progress:
                    on_progress(1)
                continue
            pending.append((item, article))
            report.words += len(item.text.split())
            if len(pending) >= batch_size:
                flush()
        flush()
        writer.apply_overrides()  # as `sitat ingest` does: a hand-edited aliases file takes effect
    finally:
        report.seconds = time.perf_counter() - started
        conn.close()
    return report
