"""The map step on a cluster: plan the shards, skip the finished ones, run the rest as Dask tasks
(retried when they fail), and report what happened to each."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import ShardResult, is_finished, prepare, read_done
from .messages import ScaleErrors
from .shards import DEFAULT_CHUNK_SIZE, Shard, plan_shards
from .worker import extractor_label, process_shard

DEFAULT_RETRIES = 2  # a task is tried 1 + retries times: a worker lost to memory or a flaky disk


@dataclass
class MapReport:
    """What one map run did.

    shards: all shards of the input; done: shards extracted now; skipped: finished before with the
    same input; failed: shards that failed on every try (``failures`` says why); articles, quotes,
    words: of the shards done now; errors: bad records and articles of those shards (``path:line``).
    """

    shards: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    quotes: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the end of a run."""
        line = (f"{self.done} of {self.shards} shards extracted ({self.articles} articles, {self.quotes} quotes), "
                f"{self.skipped} finished before, {self.failed} failed; {len(self.errors)} bad records")
        if self.seconds and self.words:
            line += f"; {self.words / self.seconds:,.0f} words/s"
        return line


def map_corpus(
    paths: list[str],
    out: str | Path,
    *,
    client,
    lang: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    retries: int = DEFAULT_RETRIES,
    on_shard: Callable[[ShardResult], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> MapReport:
    """Extract every article under ``paths`` on the cluster behind ``client`` into Parquet under ``out``.

    paths (list[str]): .jsonl, .jsonl.gz, .parquet, .txt, .html files, directories, globs; every
        worker must see them at the same path (a shared file system).
    out (str | Path): the output folder (see ``scale/dataset.py``), on the same shared file system.
    client (distributed.Client): connected to the cluster; ``scale.cluster.open_client`` makes one.
    chunk_size (int): records per task.
    retries (int): extra tries for a shard whose task fails.
    on_shard (Callable[[ShardResult], None]): called as each shard finishes (``reused`` set when its
        input turned out unchanged).
    on_failure (Callable[[str], None]): called with the message of each shard that failed for good.
    RETURNS (MapReport): counts, bad records and failed shards.
    DOCS: docs/scaling.md
    """
    report, todo = plan_run(paths, out, chunk_size=chunk_size)
    return run_shards(todo, out, report, client=client, lang=lang, retries=retries, on_shard=on_shard,
                      on_failure=on_failure)


def plan_run(paths: list[str], out: str | Path, *, chunk_size: int = DEFAULT_CHUNK_SIZE
             ) -> tuple[MapReport, list[tuple[Shard, str]]]:
    """Plan the shards, claim ``out`` for them, and pick those not finished with the same input.

    RETURNS (tuple[MapReport, list[tuple[Shard, str]]]): the report so far, and each shard to do
    with its fingerprint (empty on a re-run over unchanged input: no cluster is needed then).
    """
    started = time.perf_counter()
    out = Path(out).resolve()
    shards = plan_shards(paths, chunk_size=chunk_size)
    report = MapReport(shards=len(shards))
    report.stale = prepare(out, paths, chunk_size, shards)
    extractor = extractor_label()
    todo = []
    for shard in shards:
        fingerprint = shard.fingerprint(extractor)
        if is_finished(out, shard, fingerprint):
            report.skipped += 1
        else:
            todo.append((shard, fingerprint))
    report.seconds = time.perf_counter() - started
    return report, todo


def run_shards(
    todo: list[tuple[Shard, str]],
    out: str | Path,
    report: MapReport,
    *,
    client,
    lang: str | None = None,
    retries: int = DEFAULT_RETRIES,
    on_shard: Callable[[ShardResult], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> MapReport:
    """Run ``todo`` (from ``plan_run``) as one task per shard; fills in and RETURNS ``report``."""
    from distributed import as_completed

    started = time.perf_counter() - report.seconds
    out = Path(out).resolve()
    futures = {
        client.submit(process_shard, shard, str(out), fingerprint, lang, retries=retries, pure=False,
                      key=f"sitat-shard-{shard.name}-{fingerprint[:8]}-{time.time_ns()}"): shard
        for shard, fingerprint in todo
    }
    for future in as_completed(futures):
        shard = futures[future]
        if future.status == "finished":
            result: ShardResult = future.result()
            if result.reused:
                report.skipped += 1
                if on_shard:
                    on_shard(result)
                future.release()
                continue
            report.done += 1
            report.articles += result.articles
            report.quotes += result.quotes
            report.words += result.words
            report.errors.extend(result.errors)
            if on_shard:
                on_shard(result)
        else:
            error = future.exception()
            message = ScaleErrors.E093.format(shard=shard.describe(), tries=retries + 1,
                                              reason=f"{type(error).__name__}: {error}")
            report.failed += 1
            report.failures.append(message)
            if on_failure:
                on_failure(message)
        future.release()
    report.seconds = time.perf_counter() - started
    return report


def finished_errors(out: str | Path) -> list[str]:
    """The bad records of every finished shard of a folder (also those skipped by a re-run)."""
    from .dataset import shard_names

    out = Path(out)
    return [message for name in shard_names(out) if (done := read_done(out, name)) for message in done.errors]
