"""sitat ingest, search and export: the corpus store from the command line."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from ..errors import SitatError
from .app import (
    article_progress,
    ALIASES_HELP, DB_HELP, ExportFormat, ExportWhat, HitFormat, QuoteType, Standard, app, err_console, fail,
    print_json, read_store,
)
from .extract import ENGINE_HELP, SCHEDULER_HELP, WORKERS_HELP, Engine


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Articles and corpora: .txt, .html, .jsonl, .jsonl.gz files, directories, globs; '-' reads stdin."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    batch_size: int = typer.Option(20, "--batch-size", min=1, help="Articles per committed transaction."),
    log: Optional[Path] = typer.Option(None, "--log", help="Append bad records here (default: <db>.errors.log)."),
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Written standard; detected per article if left out."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help=ALIASES_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine", help=ENGINE_HELP + " With dask, the partitions go to <db>.parquet/."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help=WORKERS_HELP),
) -> None:
    """Extract quotes from articles and store them in a SQLite database.

    Unchanged articles are skipped; a changed one (same id, URL or file) replaces its old quotes.

    Bad records are reported and skipped (exit code 2). Safe to stop: a re-run resumes.

    Example:

        sitat ingest tests/articles/ --db nyheter.db
    """
    from ..read.files import count_inputs
    from ..store import Corpus
    from ..store.database import default_path

    db = db or default_path()
    log = log or db.with_name(db.name + ".errors.log")
    progress = article_progress()
    task = progress.add_task(f"ingest → {db}", total=count_inputs(paths))

    def on_error(message: str) -> None:
        progress.console.print(f"[red]skipped:[/red] {message}", highlight=False, soft_wrap=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}\t{message}\n")

    if engine == Engine.dask or scheduler or workers:
        from ..scale.commands import ingest_with_dask
        from ..scale.messages import ScaleErrors

        if engine != Engine.dask:
            fail(ScaleErrors.E098)
        try:
            code = ingest_with_dask(paths, db=db, scheduler=scheduler, workers=workers, lang=lang.value if lang else None,
                                    batch_size=batch_size, aliases=aliases, on_error=on_error)
        except SitatError as err:
            fail(str(err))
        raise typer.Exit(code)
    corpus = Corpus(db, lang=lang.value if lang else None, aliases=aliases)
    try:
        with progress:
            report = corpus.ingest(paths, batch_size=batch_size, on_error=on_error,
                                   on_progress=lambda n: progress.advance(task, n))
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/yellow]: what was committed is kept; run again to resume")
        raise typer.Exit(130)
    except SitatError as err:
        fail(str(err))
    finally:
        corpus.close()
    err_console.print(report.summary() + (f" (see {log})" if report.failed else ""), highlight=False, soft_wrap=True)
    if report.failed:
        raise typer.Exit(2)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words that must all be in the quote; 'skatt*' matches a prefix; '' lists the newest."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Part of the speaker's name, any case."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only quotes from this outlet."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after this day (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before this day (YYYY-MM-DD)."),
    type: Optional[QuoteType] = typer.Option(None, "--type", help="Only direct, indirect or mixed quotes."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many quotes."),
    format: HitFormat = typer.Option(HitFormat.table, "--format", "-f", help="A table, or one JSON object per line."),
    raw: bool = typer.Option(False, "--raw", help="QUERY is FTS5 syntax (OR, NEAR, NOT, column filters)."),
) -> None:
    """Search stored quotes, best matches first, the matched words highlighted.

    Example:

        sitat search "skatt*" --db nyheter.db --speaker Haugland --type direct
    """
    from ..output import write_hits
    from ..store.database import connect_readonly
    from ..store.search import search as search_quotes

    try:
        conn = connect_readonly(db)
        try:
            hits = search_quotes(conn, query, speaker=speaker, outlet=outlet, since=since, until=until,
                                 type=type.value if type else None, limit=limit, raw=raw)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    if format == HitFormat.table:
        _print_hits(hits)
    else:
        write_hits(hits, format.value)
    if not hits and format == HitFormat.table:
        err_console.print("no quotes found")


def _print_hits(hits) -> None:
    """The hit table of ``output.write_hits``, plus where else each statement was printed."""
    from rich.console import Console
    from rich.table import Table

    from ..output import highlighted_text

    table = Table(show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("speaker", min_width=14, ratio=1)
    table.add_column("type", no_wrap=True)
    table.add_column("quote", ratio=4)
    table.add_column("reused", justify="right", no_wrap=True)
    for hit in hits:
        who = hit.speaker or (f"({hit.mention})" if hit.mention else "–")
        extras = ", ".join(x for x in (hit.role, hit.party) if x)
        quote = highlighted_text(hit.highlighted)
        quote.append(f"\n{hit.title or hit.source}", style="dim")
        reused = f"{hit.reuse_articles} articles\nsitat quote {hit.quote_id}" if hit.reuse_articles > 1 else ""
        table.add_row(f"{(hit.published or '')[:10]}\n{hit.outlet or ''}".strip(), who + (f"\n{extras}" if extras else ""),
                      hit.type, quote, reused)
    Console().print(table)


@app.command()
def reuse(
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    top: int = typer.Option(20, "--top", "-n", min=1, help="How many statements."),
    min_outlets: int = typer.Option(1, "--min-outlets", min=1, help="Only statements carried by at least this many outlets."),
    rebuild: bool = typer.Option(False, "--rebuild", help="First recompute every reuse link and wire agency (after changing the rules)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
) -> None:
    """The statements printed in the most articles: first appearance, outlets, wire copy (NTB, Reuters ...).

    Example:

        sitat reuse --db nyheter.db --top 10 --min-outlets 2
    """
    from ..analytics import open_readonly
    from ..store import Corpus
    from ..store.reuse import top_reused

    try:
        if rebuild:
            with Corpus(db) as corpus:
                linked = corpus.rebuild_reuse()
            err_console.print(f"{linked} quotes linked", highlight=False)
        conn = open_readonly(db)
        try:
            rows = top_reused(conn, top=top, min_outlets=min_outlets)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    if as_json:
        print_json({"min_outlets": min_outlets, "statements": rows})
        return
    from ..analytics.report import print_reuse

    print_reuse(rows)
    if not rows:
        err_console.print("no statement is printed in more than one article")


@app.command()
def quote(
    quote_id: int = typer.Argument(..., help="The quote's id (`sitat search --format jsonl` gives quote_id)."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """One quote and where else it was printed: first appearance, the outlets that carried it, wire copy.

    Example:

        sitat quote 12 --db nyheter.db
    """
    from ..store.reuse import quote_reuse

    data = read_store(db, lambda conn: quote_reuse(conn, quote_id))
    if as_json:
        print_json(data)
        return
    from ..analytics.report import print_quote_reuse

    print_quote_reuse(data)






@app.command()
def export(
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    format: ExportFormat = typer.Option(..., "--format", "-f", help="csv, jsonl or parquet."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    what: ExportWhat = typer.Option(ExportWhat.quotes, "--what", help="One row per quote, article or speaker."),
) -> None:
    """Export quotes (with speaker and article), articles or speakers for pandas, R or a spreadsheet.

    Example:

        sitat export --db nyheter.db --format csv -o sitater.csv
    """
    from ..analytics import open_readonly
    from ..errors import Errors, StoreError
    from ..store.export import export as export_file
    from ..store.export import export_rows, write_text_rows

    try:
        conn = open_readonly(db)
        try:
            if output is not None:
                n = export_file(conn, output, what=what.value, format=format.value)
            elif format == ExportFormat.parquet:
                raise StoreError(Errors.E065)
            else:
                write_text_rows(export_rows(conn, what.value), format.value, sys.stdout)
                return
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    err_console.print(f"{n} {what.value} written to {output}", highlight=False)
