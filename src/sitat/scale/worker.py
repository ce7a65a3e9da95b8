"""What runs on a Dask worker: the pipeline loaded once per worker process, and the map task
``process_shard`` (read a shard, extract every article, write its Parquet files)."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin
from spacy.language import Language

from ..article import Article
from ..errors import Errors, InputError
from ..read.inputs import ArticleInput
from .dataset import ShardResult, reuse, write_shard
from .shards import Shard, content_digest, read_shard
from .tables import TABLES, article_rows, to_tables

EXTRACT_BATCH = 32  # articles per extract_many call
log = logging.getLogger(__name__)


def pipeline() -> Language:
    """The worker's pipeline, as ``sitat.extract`` loads it; ``language.load`` caches it per process,
    so every task on a worker shares one copy."""
    from ..extract import UNUSED_COMPONENTS
    from ..language.pipeline import load

    return load(exclude=UNUSED_COMPONENTS)


class PipelineLoader(WorkerPlugin):
    """Loads the pipeline when a worker starts (or joins later), before its first task arrives,
    so the model load is paid once per worker and never counted against a task."""

    name = "sitat-pipeline"

    def setup(self, worker) -> None:
        from ..extract import extract_many

        # One short article through the whole engine also loads the lexicons and name lists the
        # quote and speaker rules read on first use, so the first shard is not slower than the rest.
        warm_up = ArticleInput(text="– Vi er klare, sier ordfører Kari Nordmann (Ap).", source="<warm-up>")
        list(extract_many([warm_up], nlp=pipeline()))


def extractor_label() -> str:
    """``sitat 0.1.0; nb_pipeline 1.0.0``: part of every shard's fingerprint, so a new model redoes the work."""
    import json

    from .. import __version__
    from ..language.pipeline import model_path

    meta_file = model_path() / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    return f"sitat {__version__}; {meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def _extract_batch(batch: list[tuple[int, ArticleInput]], lang: str | None, nlp: Language,
                   errors: list[str]) -> list[Article | None]:
    """Articles of a batch in one ``extract_many`` call (it may batch across articles); when the
    engine trips, the batch is redone one article at a time, so the culprit alone is reported (E057)."""
    from ..extract import extract_many

    try:
        return list(extract_many([item for _record, item in batch], lang=lang, nlp=nlp))
    except Exception:  # noqa: BLE001 - find which article it was, below
        log.info("a batch of %d articles failed; extracting them one by one", len(batch))
    articles: list[Article | None] = []
    for _record, item in batch:
        try:
            articles.append(next(extract_many([item], lang=lang, nlp=nlp)))
        except Exception as err:  # noqa: BLE001 - this article only; the shard goes on
            errors.append(Errors.E057.format(source=item.source, reason=f"{type(err).__name__}: {err}"))
            articles.append(None)
    return articles


def _worker_address() -> str:
    """The Dask worker running this task (its address), or the host name outside a worker."""
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:
        return socket.gethostname()


def process_shard(shard: Shard, out: str, fingerprint: str, lang: str | None = None) -> ShardResult:
    """The map task: every article of ``shard`` to rows of articles, quotes, speakers and mentions,
    written under ``out`` as one Parquet file per table.

    A bad record is reported in the result (``path:line``) and skipped; an article the engine trips
    over is reported (E057) and skipped. Only trouble with the shard as a whole (a full disk, the
    worker dying) fails the task, which Dask then retries.
    RETURNS (ShardResult): counts and messages, also written to the shard's done marker.
    """
    started = time.perf_counter()
    content = content_digest(shard, extractor_label())
    kept = reuse(Path(out), shard, fingerprint, content)
    if kept is not None:
        return kept
    nlp = pipeline()
    result = ShardResult(shard=shard.name, fingerprint=fingerprint, describe=shard.describe(), worker=_worker_address(),
                         content=content)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    batch: list[tuple[int, ArticleInput]] = []

    def flush() -> None:
        for (record, item), article in zip(batch, _extract_batch(batch, lang, nlp, result.errors)):
            if article is None:
                continue
            for name, new in article_rows(f"{shard.name}:{record}", shard.name, record, item, article).items():
                rows[name].extend(new)
            result.articles += 1
            result.quotes += len(article.quotes)
            result.words += len(item.text.split())
        batch.clear()

    for record, item in read_shard(shard):
        if isinstance(item, InputError):
            result.errors.append(str(item))
            continue
        batch.append((record, item))
        if len(batch) >= EXTRACT_BATCH:
            flush()
    flush()
    result.seconds = round(time.perf_counter() - started, 3)
    write_shard(Path(out), result, to_tables(rows))
    return result
