"""The `sitat` command: each command a thin wrapper over one stage."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .errors import InputError, SitatError

app = typer.Typer(
    help="sitat: who said what in Norwegian news (Bokmål and Nynorsk).",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure sitat against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

err_console = Console(stderr=True)


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class Split(str, Enum):
    dev = "dev"
    test = "test"


class Standard(str, Enum):
    nb = "nb"
    nn = "nn"


class QuoteType(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class HitFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


DB_HELP = "The SQLite store (default: $SITAT_DB or sitat.db)."
ALIASES_HELP = "The speaker overrides file (default: <db>.aliases.tsv)."


def fail(message: str) -> None:
    from rich.markup import escape

    # Escaped: messages hold paths and hints such as `pip install 'sitat[analytics]'`, not markup.
    err_console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Article files, directories or globs; '-' reads stdin."),
    format: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f", help="Output format (default: table on a terminal, jsonl otherwise)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Written standard; detected per article if left out."),
    explain: bool = typer.Option(False, "--explain", help="Show which rule found each quote and how its speaker was resolved."),
) -> None:
    """Find every statement in Norwegian news articles, with its speaker.

    A .txt article has its title on the first line and paragraphs separated by blank lines.

    Example:

        sitat extract tests/articles/statsbudsjett.txt --format jsonl
    """
    from .output import write_articles
    from .read.files import iter_inputs
    from .extract import extract_many

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
        write_articles(articles, fmt.value, output=output, explain=explain)
    except SitatError as err:
        fail(str(err))
    if failures:
        err_console.print(f"[red]{len(failures)} file(s) or record(s) could not be read[/red]")
        raise typer.Exit(2)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Articles and corpora: .txt, .html, .jsonl, .jsonl.gz files, directories, globs; '-' reads stdin."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    batch_size: int = typer.Option(20, "--batch-size", min=1, help="Articles per committed transaction."),
    log: Optional[Path] = typer.Option(None, "--log", help="Append bad records here (default: <db>.errors.log)."),
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Written standard; detected per article if left out."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help=ALIASES_HELP),
) -> None:
    """Extract quotes from articles and store them in a SQLite database.

    Unchanged articles are skipped; a changed one (same id, URL or file) replaces its old quotes.

    Bad records are reported and skipped (exit code 2). Safe to stop: a re-run resumes.

    Example:

        sitat ingest tests/articles/ --db nyheter.db
    """
    from .read.files import count_inputs
    from .store import Corpus
    from .store.database import default_path

    db = db or default_path()
    log = log or db.with_name(db.name + ".errors.log")
    progress = _ingest_progress()
    task = progress.add_task(f"ingest → {db}", total=count_inputs(paths))

    def on_error(message: str) -> None:
        progress.console.print(f"[red]skipped:[/red] {message}", highlight=False, soft_wrap=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}\t{message}\n")

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


def _ingest_progress():
    """A progress bar on stderr: done/total, articles per second, elapsed and ETA (when the total is known)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "– articles/s", style="progress.data.speed")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err_console)


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
    from .output import write_hits
    from .store.database import connect_readonly
    from .store.search import search as search_quotes

    try:
        conn = connect_readonly(db)
        try:
            hits = search_quotes(conn, query, speaker=speaker, outlet=outlet, since=since, until=until,
                                 type=type.value if type else None, limit=limit, raw=raw)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    write_hits(hits, format.value)
    if not hits and format == HitFormat.table:
        err_console.print("no quotes found")


class StatsBy(str, Enum):
    outlet = "outlet"
    month = "month"
    section = "section"


class SpeakerRank(str, Enum):
    quotes = "quotes"
    articles = "articles"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class ExportWhat(str, Enum):
    quotes = "quotes"
    articles = "articles"
    speakers = "speakers"


def _print_json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False))


@app.command()
def stats(
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    by: Optional[StatsBy] = typer.Option(None, "--by", help="Also break the numbers down by outlet, month or section."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after this day (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before this day (YYYY-MM-DD)."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw gender and role-type shares per outlet (or --by group) to this .png or .svg file."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Source balance: the share of quotes and of distinct sources by gender, party, role type, country and outlet.

    Read-only: safe to run while an ingest is writing.

    Example:

        sitat stats --db nyheter.db --by outlet --plot kilder.png
    """
    from .analytics import open_readonly
    from .analytics import stats as compute_stats

    try:
        conn = open_readonly(db)
        try:
            result = compute_stats(conn, by=(by.value if by else ("outlet" if plot else None)), since=since, until=until)
        finally:
            conn.close()
        if plot is not None:
            from .analytics.plot import plot_stats

            plot_stats(result, plot)
    except SitatError as err:
        fail(str(err))
    if as_json:
        _print_json(result)
    else:
        from .analytics.report import print_stats

        print_stats(result, Console())
    if plot is not None:
        err_console.print(f"plot written to {plot}", highlight=False)


speakers_app = typer.Typer()  # help: the callback's docstring, with its example
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback(invoke_without_command=True)
def speakers(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    top: int = typer.Option(20, "--top", "-n", min=1, help="How many speakers."),
    by: SpeakerRank = typer.Option(SpeakerRank.quotes, "--by", help="Rank by number of quotes or of articles."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
) -> None:
    """The most quoted speakers, with gender, party, role and counts.

    `sitat speakers merge A B` and `sitat speakers split NAME --article ID` correct who is who.

    Example:

        sitat speakers --db nyheter.db --top 10 --by articles
    """
    if ctx.invoked_subcommand is not None:
        return
    from .analytics import open_readonly, top_speakers

    try:
        conn = open_readonly(db)
        try:
            rows = top_speakers(conn, top=top, by=by.value)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    if as_json:
        _print_json({"by": by.value, "speakers": rows})
    else:
        from .analytics.report import print_speakers

        print_speakers(rows, Console())


def _override(db: Optional[Path], aliases: Optional[Path], fields: list[str] | None, check) -> None:
    """Apply the aliases file plus the rule ``fields`` (appended to it) in one transaction; report what changed."""
    from .store.database import connect, default_path
    from .store.identity import Merge, Split, aliases_path, append_rule, apply_aliases, read_aliases

    db = db or default_path()
    path = aliases or aliases_path(db)
    try:
        if not db.is_file():
            from .errors import Errors, StoreError

            raise StoreError(Errors.E050.format(path=db))
        rules = read_aliases(path)
        if fields:
            rule = Merge(*fields[1:]) if fields[0] == "merge" else Split(*fields[1:])
            (rules.merges if fields[0] == "merge" else rules.splits).append(rule)
        conn = connect(db)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if check:
                    check(conn)
                changed = apply_aliases(conn, rules)
                if fields:
                    append_rule(path, fields)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    err_console.print(f"{changed} speaker row(s) changed; rules in {path}", highlight=False)


def _known(name: str, articles: list[str] | None = None):
    """A check that some stored speaker or mention (in ``articles``, if given) is called ``name``."""
    def check(conn) -> None:
        from .errors import Errors, StoreError
        from .store.database import normalise_name

        conn.create_function("sitat_norm_name", 1, lambda v: normalise_name(v) if isinstance(v, str) else v)
        n = normalise_name(name)
        sql = ("SELECT 1 FROM article_speakers ap JOIN speakers s ON s.id = ap.speaker_id JOIN articles a ON a.id = ap.article_id "
               "WHERE (sitat_norm_name(ap.name) = ? OR s.norm_name = ?)")
        params: list = [n, n]
        if articles:
            sql += " AND (" + " OR ".join("a.ext_id = ? OR a.url = ? OR a.source = ? OR CAST(a.id AS TEXT) = ?" for _ in articles) + ")"
            params += [ref for ref in articles for _ in range(4)]
        if not conn.execute(sql + " LIMIT 1", params).fetchone():
            where = f" in article {', '.join(articles)}" if articles else ""
            raise StoreError(Errors.E059.format(name=name, where=where))
    return check


@speakers_app.command("merge")
def speakers_merge(
    name: str = typer.Argument(..., help="A speaker or mention name, as stored (any case)."),
    target: str = typer.Argument(..., help="The speaker it is; this becomes the name."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help=ALIASES_HELP),
) -> None:
    """Say that two names are one person: adds a merge rule to the aliases file and applies it.

    Example:

        sitat speakers merge "Kong Harald" "Harald V" --db nyheter.db
    """
    _override(db, aliases, ["merge", name.strip(), target.strip()], _known(name))


@speakers_app.command("split")
def speakers_split(
    name: str = typer.Argument(..., help="The mention or speaker name in those articles (any case)."),
    article: list[str] = typer.Option(..., "--article", help="The article (corpus id, URL, source file or row id); repeat for several."),
    label: str = typer.Option("1", "--as", help="Splits of NAME with the same label are one other person."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help=ALIASES_HELP),
) -> None:
    """Say that NAME in some articles is another person: adds split rules to the aliases file and applies them.

    Example:

        sitat speakers split Hansen --article tests/articles/fotball.txt --db nyheter.db
    """
    for ref in article:
        _override(db, aliases, ["split", name.strip(), ref.strip(), label.strip()], _known(name, [ref]))


@speakers_app.command("apply")
def speakers_apply(
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help=ALIASES_HELP),
) -> None:
    """Apply the aliases file (after editing it by hand) to the store; `sitat ingest` does this too.

    Example:

        sitat speakers apply --db nyheter.db
    """
    _override(db, aliases, None, None)


@app.command()
def speaker(
    name: str = typer.Argument(..., help="The speaker's name, or part of it, any case."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """One speaker's profile: roles and organisations seen, outlets, quotes by month, latest quotes.

    Example:

        sitat speaker "Torstein Haugland" --db nyheter.db
    """
    from .analytics import open_readonly, speaker_profile

    try:
        conn = open_readonly(db)
        try:
            profile = speaker_profile(conn, name)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))
    if as_json:
        _print_json(profile)
    else:
        from .analytics.report import print_profile

        print_profile(profile, Console())


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
    from .analytics import open_readonly
    from .errors import Errors, StoreError
    from .store.export import export as export_file
    from .store.export import export_rows, write_text_rows

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


@eval_app.command("language")
def eval_language(
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Only this written standard (default: both)."),
    split: Split = typer.Option(Split.test, "--split", help="Which NorNE/NDT split to score."),
    data: Optional[Path] = typer.Option(None, "--data", help="Data directory (default: $SITAT_DATA or ../shared/data)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Score the shipped pipeline on NorNE/NDT: NER, POS, UAS/LAS, lemmas, speed.

    Example:

        sitat eval language --lang nb --split test --json
    """
    from .evaluate.language import evaluate_language, print_language_report

    try:
        langs = [lang.value] if lang else ["nb", "nn"]
        results = {code: evaluate_language(code, split.value, data=data) for code in langs}
    except SitatError as err:
        fail(str(err))
    if as_json:
        import json

        typer.echo(json.dumps(results, ensure_ascii=False))
    else:
        print_language_report(results, split.value)


@eval_app.command("speakers")
def eval_speakers(
    gold: Path = typer.Option(Path("eval/gold/identity.tsv"), "--gold", help="article, name, cluster per line."),
    articles: Path = typer.Option(Path("tests/articles/identity"), "--articles", help="The folder of the gold's articles."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a line."),
) -> None:
    """Score cross-article speaker identity: pairwise precision and recall of who-is-who clusters.

    The gold's articles are extracted and stored in a fresh in-memory database.

    Example:

        sitat eval speakers --gold eval/gold/identity.tsv --articles tests/articles/identity
    """
    from .store.identity import evaluate_identity

    try:
        scores = evaluate_identity(gold, articles)
    except SitatError as err:
        fail(str(err))
    if as_json:
        _print_json(scores)
        return
    typer.echo(f"speaker identity on {scores['mentions']} mentions: precision {scores['precision']:.3f}, "
               f"recall {scores['recall']:.3f}, F1 {scores['f1']:.3f}")
    for missing in scores["missing"]:
        typer.echo(f"not found: {missing}")


@eval_app.command("quotes")
def eval_quotes(
    split: Split = typer.Option(Split.test, "--split", help="Which gold split to score."),
    lang: Optional[Standard] = typer.Option(None, "--lang", help="Only this written standard (default: both)."),
    data: Optional[Path] = typer.Option(None, "--data", help="Data directory (default: $SITAT_DATA or ../shared/data)."),
    gold: Path = typer.Option(Path("eval/gold"), "--gold", help="Folder with the gold annotations."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: bool = typer.Option(False, "--errors", help="List every missed and spurious quote."),
) -> None:
    """Score quote extraction and speaker attribution against the gold set.

    Example:

        sitat eval quotes --split test --json
    """
    from .evaluate.quotes import evaluate_quotes, print_quote_report

    try:
        langs = [lang.value] if lang else ["nb", "nn"]
        results = evaluate_quotes(split.value, langs, gold=gold, data=data, keep_errors=errors)
    except SitatError as err:
        fail(str(err))
    if as_json:
        import json

        results.pop("errors", None) if not errors else None
        typer.echo(json.dumps(results, ensure_ascii=False))
    else:
        print_quote_report(results, show_errors=errors)


@app.command()
def info() -> None:
    """Show the installed version and the shipped model's version and scores.

    Example:

        sitat info
    """
    import json

    from . import __version__
    from .language.pipeline import model_path

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


def main() -> None:
    app()
