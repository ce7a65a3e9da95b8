"""sitat eval: language pipeline, quotes and speaker identity against gold data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import SitatError
from .app import (
    Split,
    Standard, print_json, eval_app, fail,
)


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
    from ..evaluate.language import evaluate_language, print_language_report

    if split is Split.train:
        # Scoring the shipped models on the data they were trained on says nothing about them.
        fail("sitat eval language scores dev or test only: the shipped models were trained on train.")
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
    from ..evaluate.identity import evaluate_identity

    try:
        scores = evaluate_identity(gold, articles)
    except SitatError as err:
        fail(str(err))
    if as_json:
        print_json(scores)
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
    from ..evaluate.quotes import evaluate_quotes, print_quote_report

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
