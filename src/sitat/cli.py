"""The `sitat` command: each command a thin wrapper over one stage."""

from __future__ import annotations

import sys
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


def fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}", highlight=False)
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
                err_console.print(f"[red]skipped:[/red] {item}", highlight=False)
                continue
            yield item

    try:
        articles = extract_many(readable(), lang=lang.value if lang else None)
        write_articles(articles, fmt.value, output=output, explain=explain)
    except SitatError as err:
        fail(str(err))
    if failures:
        err_console.print(f"[red]{len(failures)} file(s) could not be read[/red]")
        raise typer.Exit(2)


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
    for key, value in sorted((meta.get("performance") or {}).items()):
        if isinstance(value, (int, float)):
            typer.echo(f"  {key}: {value:.3f}")


def main() -> None:
    app()
