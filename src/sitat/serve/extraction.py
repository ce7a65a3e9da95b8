"""Extraction and ingest for the server: one pipeline per process, one worker thread, timeouts.

The spaCy pipeline takes seconds to load and hundreds of MB, so it is loaded lazily, once per
process, and shared by ``POST /api/extract``, ``POST /api/articles`` and the draft checker.
All of them run on one worker thread: extraction is CPU-bound (a second thread would only
contend for the GIL), and the store wants a single writer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language

from ..article import Article
from ..read.inputs import ArticleInput

T = TypeVar("T")

EXTRACT_TIMEOUT_S = 30.0  # one article of 2 MB takes ~100 s; news articles take well under one
INGEST_TIMEOUT_S = 120.0

_PIPELINE: Language | None = None
_PIPELINE_LOCK = threading.Lock()


def shared_pipeline() -> Language:
    """The shipped pipeline without the components extraction does not read, loaded once."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        if _PIPELINE is None:
            from ..extract import UNUSED_COMPONENTS
            from ..language import load

            _PIPELINE = load(None, exclude=UNUSED_COMPONENTS)
        return _PIPELINE


class ExtractionTimeout(Exception):
    """The work took longer than the request may wait."""


class Extractor:
    """Runs extraction and ingest on one worker thread, each call bounded by a timeout.

    nlp (Language | None): a pipeline to use; the shared one (loaded on first use) when None.
    extract_timeout_s, ingest_timeout_s (float): how long a request waits for its result.
    """

    def __init__(self, *, nlp: Language | None = None, extract_timeout_s: float = EXTRACT_TIMEOUT_S,
                 ingest_timeout_s: float = INGEST_TIMEOUT_S) -> None:
        self._nlp = nlp
        self.extract_timeout_s = extract_timeout_s
        self.ingest_timeout_s = ingest_timeout_s
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()

    def pipeline(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_pipeline()
        return self._nlp

    def _worker(self) -> ThreadPoolExecutor:
        # Made on first use, and again after a shutdown: an app can be started more than once (tests).
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitat-extract")
            return self._executor

    async def _run(self, fn: Callable[[], T], timeout_s: float) -> T:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._worker(), fn)
        try:
            # shield: on timeout the worker finishes the job anyway (a thread cannot be stopped),
            # and an ingest that finishes is committed, so the client is told to retry, not to worry.
            return await asyncio.wait_for(asyncio.shield(future), timeout=timeout_s)
        except TimeoutError:
            raise ExtractionTimeout() from None

    async def extract(self, item: ArticleInput, *, lang: str | None = None) -> Article:
        """The article with its quotes and speakers (ExtractionTimeout past the limit)."""
        from ..extract import extract

        def work() -> Article:
            article = extract(item.text, title=item.title, lang=lang, source=item.source, nlp=self.pipeline())
            article.meta = dict(item.meta)
            return article

        return await self._run(work, self.extract_timeout_s)

    async def ingest(self, db_path: Path, items: list[ArticleInput]) -> Any:
        """Store ``items`` through the single writer; RETURNS (IngestReport)."""
        from ..store import Corpus

        def work():
            with Corpus(db_path, nlp=self.pipeline()) as corpus:
                return corpus.ingest(items)

        return await self._run(work, self.ingest_timeout_s)

    def shutdown(self) -> None:
        """Drop queued work; a job already running finishes on its thread."""
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
