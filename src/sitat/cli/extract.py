"""sitat extract and sitat info."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, SitatError
from .app import (
    article_progress,
    OutputFormat, Standard, app, err_console, fail,
)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


ENGINE_HELP = "local: this process; dask: Parquet partitions on a Dask cluster (see docs/scaling.md)."
SCHEDULER_HELP = "With --engine dask: the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786."
WORKERS_HELP = "With --engine dask and no --scheduler: start this many local worker processes (default: one per core)."


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Article files, directories or globs; '-' reads stdin."),
    format: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f", help="Output format (default: table on a terminal, jsonl otherwise)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Written standard; detected per article if left out."),
    explain: bool = typer.Option(False, "--explain", help="Show which rule found each quote and how its speaker was resolved."),
    engine: Engine = typer.Option(Engine.local, "--engine", help=ENGINE_HELP + " With dask, -o names the output folder."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help=WORKERS_HELP),
) -> None:
    """Find every statement in Norwegian news articles, with its speaker.

    A .txt article has its title on the first line and paragraphs separated by blank lines.

    Example:

        sitat extract tests/articles/statsbudsjett.txt --format jsonl
    """
    from ..output import write_articles
    from ..read.files import iter_inputs
    from ..extract import extract_many

    if engine == Engine.dask:
        from ..scale.commands import extract_with_dask

        try:
            code = extract_with_dask(paths, output=output, scheduler=scheduler, workers=workers,
                                     lang=lang.value if lang else None, jsonl=format == OutputFormat.jsonl)
        except SitatError as err:
            fail(str(err))
        raise typer.Exit(code)
    if scheduler or workers:
        from ..scale.messages import ScaleErrors

        fail(ScaleErrors.E098)
    fmt = format or (OutputFormat.table if sys.stdout.isatty() and output is None else OutputFormat.jsonl)
    failures: list[str] = []

    def readable():
        for item in iter_inputs(paths):
            if isinstance(item, InputError):
                failures.append(str(item))
                err_console.print(f"[red]skipped:[/red] {item}", highlight=False, soft_wrap=True)
                continue
            yield item

    try:
        articles = extract_many(readable(), lang=lang.value if lang else None)
        if output is not None and err_console.is_terminal:
            # Writing to a file from a terminal: show how far along the batch is.
            from ..read.files import count_inputs

            with article_progress() as progress:
                task = progress.add_task(f"extract → {output}", total=count_inputs(paths))
                write_articles(_advancing(articles, progress, task), fmt.value, output=output, explain=explain)
        else:
            write_articles(articles, fmt.value, output=output, explain=explain)
    except SitatError as err:
        fail(str(err))
    if failures:
        err_console.print(f"[red]{len(failures)} file(s) or record(s) could not be read[/red]")
        raise typer.Exit(2)



def _advancing(articles, progress, task):
    for article in articles:
        progress.advance(task)
        yield article


@app.command()
def info() -> None:
    """Show the installed version and the shipped model's version and scores.

    Example:

        sitat info
    """
    import json

    from .. import __version__
    from ..language.pipeline import model_path

    meta_file = model_path() / "meta.json"
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    typer.echo(f"sitat {__version__}")
    typer.echo(f"model: {model_path()} ({meta.get('name', '?')} {meta.get('version', '?')})")
    measured = meta.get("sitat_eval_language") or {}
    for lang, scores in sorted(measured.items()):
        summary = ", ".join(f"{key} {scores[key]:.3f}" for key in ("ner_f1", "pos_acc", "las", "lemma_acc") if key in scores)
        typer.echo(f"  {lang} (NorNE/NDT test): {summary}, {scores.get('words_per_second', 0):,} words/s")
    if not measured:
        for key, value in sorted((meta.get("performance") or {}).items()):
            if isinstance(value, (int, float)):
                typer.echo(f"  {key}: {value:.3f}")
