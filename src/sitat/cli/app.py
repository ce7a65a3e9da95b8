"""The Typer app, its sub-apps, and what every command shares: options, enums, error output."""

from __future__ import annotations

from enum import Enum

import typer
from rich.console import Console


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
    # train: quote gold only (eval quotes); the language models were trained on it.
    train = "train"
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


def read_store(db, query):
    """``query(conn)`` on a read-only connection to the store at ``db``, closed after; a store
    error (no file, damaged, unknown name) ends the command with its message."""
    from ..analytics import open_readonly
    from ..errors import SitatError

    try:
        conn = open_readonly(db)
        try:
            return query(conn)
        finally:
            conn.close()
    except SitatError as err:
        fail(str(err))


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


def print_json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False))


def article_progress():
    """A progress bar on stderr: done/total, articles per second, elapsed and ETA (when the total is known)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "– articles/s", style="progress.data.speed")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err_console)
