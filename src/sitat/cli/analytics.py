"""sitat stats, speakers and speaker: source balance and who is quoted."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..errors import SitatError
from .app import (
    ALIASES_HELP, DB_HELP, SpeakerRank, StatsBy, print_json, app, err_console, fail, read_store,
)


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
    from ..analytics import open_readonly
    from ..analytics import stats as compute_stats

    try:
        conn = open_readonly(db)
        try:
            result = compute_stats(conn, by=(by.value if by else ("outlet" if plot else None)), since=since, until=until)
        finally:
            conn.close()
        if plot is not None:
            from ..analytics.plot import plot_stats

            plot_stats(result, plot)
    except SitatError as err:
        fail(str(err))
    if as_json:
        print_json(result)
    else:
        from ..analytics.report import print_stats

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
    from ..analytics import top_speakers

    rows = read_store(db, lambda conn: top_speakers(conn, top=top, by=by.value))
    if as_json:
        print_json({"by": by.value, "speakers": rows})
    else:
        from ..analytics.report import print_speakers

        print_speakers(rows, Console())


def _override(db: Optional[Path], aliases: Optional[Path], fields: list[str] | None, check) -> None:
    """Apply the aliases file plus the rule ``fields`` (appended to it) in one transaction; report what changed."""
    from ..store.database import connect, default_path
    from ..store.identity import Merge, Split, aliases_path, append_rule, apply_aliases, read_aliases

    db = db or default_path()
    path = aliases or aliases_path(db)
    try:
        if not db.is_file():
            from ..errors import Errors, StoreError

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
        from ..errors import Errors, StoreError
        from ..store.database import normalise_name

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
    from ..analytics import speaker_profile

    profile = read_store(db, lambda conn: speaker_profile(conn, name))
    if as_json:
        print_json(profile)
    else:
        from ..analytics.report import print_profile

        print_profile(profile, Console())
