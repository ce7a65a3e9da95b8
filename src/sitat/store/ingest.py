"""Read -> skip what is stored -> extract -> write in batches: the ingest loop behind `sitat ingest`."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language

from ..article import Article
from ..errors import Errors, InputError
from ..read.inputs import ArticleInput
from .writer import Writer

DEFAULT_BATCH_SIZE = 20


@dataclass
class IngestReport:
    """What one ingest run did.

    ingested: new articles stored; replaced: stored articles whose content changed;
    skipped: unchanged articles already stored; failed: records that could not be read,
    extracted or stored (``errors`` holds their messages); words: words extracted.
    """

    ingested: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the end of a run."""
        line = (f"ingested {self.ingested + self.replaced} articles ({self.ingested} new, {self.replaced} replaced), "
                f"skipped {self.skipped} unchanged, failed {self.failed}")
        if self.seconds and self.words:
            line += f"; {self.words / self.seconds:,.0f} words/s"
        return line


def ingest_items(
    conn: sqlite3.Connection,
    items: Iterable[ArticleInput | InputError],
    *,
    nlp: Callable[[], Language],
    lang: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    extractor: str = "",
    aliases: str | Path | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store every readable item with its quotes; report the rest and go on.

    conn (sqlite3.Connection): the writer's connection (``database.connect``).
    items (Iterable[ArticleInput | InputError]): what the readers yield.
    nlp (Callable[[], Language]): returns the pipeline; called only once something needs extracting,
        so a re-run over a stored corpus never loads the model.
    batch_size (int): articles per committed transaction.
    aliases (str | Path | None): speaker overrides (default: ``<db>.aliases.tsv``), applied again at the end.
    on_error (Callable[[str], None]): called with each failure's message.
    on_progress (Callable[[int], None]): called with the number of items just handled.
    RETURNS (IngestReport): counts and error messages.
    """
    from ..extract import extract_many

    report = IngestReport()
    writer = Writer(conn, extractor=extractor, aliases=aliases)
    pending: list[tuple[ArticleInput, Article]] = []
    started = time.perf_counter()

    def fail(message: str) -> None:
        report.failed += 1
        report.errors.append(message)
        if on_error:
            on_error(message)

    def flush() -> None:
        result = writer.write(pending)
        report.ingested += result.inserted
        report.replaced += result.replaced
        report.skipped += result.skipped
        for message in result.errors:
            fail(message)
        pending.clear()

    todo: list[ArticleInput] = []

    def extract_todo() -> None:
        """Extract the waiting articles in one call (batched across articles), then store them."""
        if not todo:
            flush()
            return  # nothing to extract: a re-run over a stored corpus never loads the model
        try:
            done = list(zip(todo, extract_many(todo, lang=lang, nlp=nlp())))
        except Exception:  # one article tripped the engine: find it, keep the others
            done = []
            for item in todo:
                try:
                    done.append((item, next(extract_many([item], lang=lang, nlp=nlp()))))
                except Exception as err:  # one article that trips the engine must not stop the corpus
                    fail(Errors.E057.format(source=item.source, reason=f"{type(err).__name__}: {err}"))
        for item, article in done:
            pending.append((item, article))
            report.words += len(item.text.split())
        todo.clear()
        flush()

    try:
        for item in items:
            if isinstance(item, InputError):
                fail(str(item))
            elif writer.plan(item).action == "skip":
                report.skipped += 1
            else:
                todo.append(item)
                if len(todo) >= batch_size:
                    extract_todo()
            if on_progress:
                on_progress(1)
        extract_todo()
        writer.apply_overrides()  # also when every article was unchanged: a hand-edited file takes effect
    except KeyboardInterrupt:
        flush()  # what is extracted already is worth keeping; the rest is picked up next run
        raise
    finally:
        report.seconds = time.perf_counter() - started
    return report
