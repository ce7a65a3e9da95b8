"""`sitat extract --engine dask` and `sitat ingest --engine dask`: the command-line side of the
map run (progress, messages, exit codes), called from ``cli/extract.py`` and ``cli/corpus.py``."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from .dataset import ShardResult
from .messages import ScaleError, ScaleErrors
from .run import MapReport, finished_errors, plan_run, run_shards
from .shards import DEFAULT_CHUNK_SIZE

EXIT_BAD_RECORDS = 2  # as the local engine: some records could not be read
EXIT_FAILED = 1


def _shard_progress():
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..cli.app import err_console

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), console=err_console)


def _run_map(paths: list[str], out: Path, *, scheduler: str | None, workers: int | None, lang: str | None,
             chunk_size: int, on_error: Callable[[str], None]) -> MapReport:
    """The map step with a progress bar of shards; every bad record and failed shard goes to ``on_error``.
    No cluster is started when every shard is finished already."""
    from ..cli.app import err_console
    from .cluster import open_client

    report, todo = plan_run(paths, out, chunk_size=chunk_size)
    if report.stale:
        err_console.print(f"removed {len(report.stale)} shard(s) no longer in the input", highlight=False)
    if not todo:
        return report
    where = scheduler or f"a LocalCluster of {workers or os.cpu_count()} worker processes"
    err_console.print(f"dask: {len(todo)} of {report.shards} shards on {where} → {out}", highlight=False, soft_wrap=True)
    with open_client(scheduler=scheduler, workers=workers) as client:
        progress = _shard_progress()

        def on_shard(result: ShardResult) -> None:
            for message in [] if result.reused else result.errors:
                on_error(message)
            progress.advance(task)

        with progress:
            task = progress.add_task("shards", total=len(todo))
            run_shards(todo, out, report, client=client, lang=lang, on_shard=on_shard, on_failure=on_error)
    return report


def extract_with_dask(paths: list[str], *, output: Path | None, scheduler: str | None, workers: int | None,
                      lang: str | None, jsonl: bool = False, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Extract into the Parquet folder ``output``; with ``jsonl`` also ``output/articles.jsonl``,
    line for line what the local engine's ``--format jsonl`` writes. RETURNS the exit code."""
    from ..cli.app import err_console
    from ..output import write_articles
    from .dataset import read_articles

    if output is None:
        raise ScaleError(ScaleErrors.E095)

    def on_error(message: str) -> None:
        err_console.print(f"[red]skipped:[/red] {message}", highlight=False, soft_wrap=True)

    report = _run_map(paths, output, scheduler=scheduler, workers=workers, lang=lang, chunk_size=chunk_size,
                      on_error=on_error)
    if jsonl:
        write_articles(read_articles(output), "jsonl", output=output / "articles.jsonl")
    earlier = len(finished_errors(output)) - len(report.errors)
    err_console.print(report.summary() + (f" (and {earlier} in shards finished before)" if earlier > 0 else ""),
                      highlight=False, soft_wrap=True)
    err_console.print(f"query it: duckdb -c \"SELECT speaker, count(*) FROM '{output}/quotes/*.parquet' "
                      "GROUP BY 1 ORDER BY 2 DESC LIMIT 10\"", highlight=False, soft_wrap=True)
    if report.failed:
        return EXIT_FAILED
    return EXIT_BAD_RECORDS if report.errors or earlier > 0 else 0


def parquet_folder(db: Path, paths: list[str], chunk_size: int) -> Path:
    """Where `sitat ingest --engine dask` keeps the map output: ``<db>.parquet/<digest of the inputs>``,
    so ingesting other inputs into the same store never mixes folders, and a re-run finds its own."""
    spec = json.dumps([sorted(str(Path(p).resolve()) for p in paths), chunk_size])
    return db.with_name(db.name + ".parquet") / hashlib.sha256(spec.encode()).hexdigest()[:12]


def ingest_with_dask(paths: list[str], *, db: Path, scheduler: str | None, workers: int | None, lang: str | None,
                     batch_size: int, aliases: Path | None, on_error: Callable[[str], None],
                     chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Map on the cluster into ``<db>.parquet/…``, then load into the store (the reduce step).
    RETURNS the exit code."""
    from ..cli.app import article_progress, err_console
    from .load import load_into_store

    out = parquet_folder(db, paths, chunk_size)
    report = _run_map(paths, out, scheduler=scheduler, workers=workers, lang=lang, chunk_size=chunk_size,
                      on_error=on_error)
    err_console.print(report.summary(), highlight=False, soft_wrap=True)
    progress = article_progress()
    with progress:
        task = progress.add_task(f"load → {db}", total=None)
        loaded = load_into_store(out, db, batch_size=batch_size, aliases=aliases, on_error=on_error,
                                 on_progress=lambda n: progress.advance(task, n))
    loaded.failed += len(report.errors)
    err_console.print(loaded.summary(), highlight=False, soft_wrap=True)
    if report.failed:
        return EXIT_FAILED
    return EXIT_BAD_RECORDS if loaded.failed or finished_errors(out) else 0
