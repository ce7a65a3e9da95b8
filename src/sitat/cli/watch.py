"""sitat watch: follow RSS/Atom feeds and ingest new articles as they are published."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from ..errors import Errors, SitatError
from .app import DB_HELP, app, err_console, fail, print_json


@app.command()
def watch(
    feeds: Path = typer.Argument(..., help="The feeds file (TOML): a feeds array with url, outlet, language and interval per feed."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SITAT_DB", help=DB_HELP),
    once: bool = typer.Option(False, "--once", help="Poll every feed once, then stop."),
    interval: Optional[float] = typer.Option(None, "--interval", min=10,
                                             help="Seconds between polls of a feed that sets none (default: interval in the watch table, else 300)."),
    status: bool = typer.Option(False, "--status", help="Show each feed's last success, last error and counts, then stop."),
    as_json: bool = typer.Option(False, "--json", help="With --status: one JSON list instead of a table."),
) -> None:
    """Poll news feeds, fetch new article pages politely and store their quotes.

    Feed state (items seen, ETags, errors) is kept in the database, so a restart goes on where it stopped.

    Ctrl+C or SIGTERM stops after the article in hand. Exit code 2 when a feed or page failed.

    Example:

        sitat watch examples/feeds.toml --db nyheter.db --once
    """
    from ..extract import UNUSED_COMPONENTS
    from ..feeds import Watcher, load_config, stop_on_signals
    from ..feeds.state import sync_config
    from ..language import load
    from ..store.database import connect, default_path

    db = db or default_path()
    try:
        if status:  # read-only, from the store: works while a watch runs, and whatever the file says now
            _show_status(db, as_json)
            return
        settings, configured = load_config(feeds)
        if interval is not None:
            settings = replace(settings, interval=interval)
        conn = connect(db)
    except SitatError as err:
        fail(str(err))
    stop = threading.Event()
    failed = False
    watcher = None
    try:
        sync_config(conn, configured, now=_now())
        watcher = Watcher(conn, settings, nlp=lambda: load(exclude=UNUSED_COMPONENTS), stop=stop,
                          on_event=lambda line: err_console.print(line, highlight=False, soft_wrap=True, markup=False))
        if not _count_active(conn):
            fail(Errors.E089.format(path=feeds))
        with stop_on_signals(stop, on_signal=lambda _: err_console.print(
                "[yellow]stopper[/yellow] etter artikkelen som behandles nå (trykk Ctrl+C igjen for å avbryte straks)")):
            if once:
                for report in watcher.run_once():
                    failed |= bool(report.errors)
                    err_console.print(report.summary(), highlight=False, soft_wrap=True, markup=False)
            else:
                err_console.print(f"følger {_count_active(conn)} nyhetsstrømmer → {db} (Ctrl+C for å stoppe)")
                watcher.run_forever()
    except KeyboardInterrupt:
        err_console.print("[yellow]avbrutt[/yellow]: det som er lagret, beholdes; kjør igjen for å fortsette")
        raise typer.Exit(130)
    except SitatError as err:
        fail(str(err))
    finally:
        if watcher is not None:
            watcher.close()
        conn.close()
    if stop.is_set():
        err_console.print("stoppet; kjør igjen for å fortsette der det slapp")
    if failed:
        raise typer.Exit(2)


def _now():
    from ..feeds.watch import utc_now

    return utc_now()


def _count_active(conn) -> int:
    return conn.execute("SELECT count(*) FROM feeds WHERE active = 1").fetchone()[0]


def _show_status(db: Path, as_json: bool) -> None:
    """The per-feed status table (or JSON) from the store, read-only."""
    from rich.console import Console
    from rich.table import Table

    from ..feeds.state import feed_status
    from ..store.database import connect_readonly

    conn = connect_readonly(db)
    try:
        rows = feed_status(conn)
    finally:
        conn.close()
    if as_json:
        print_json(rows)
        return
    if not rows:
        err_console.print("ingen nyhetsstrømmer ennå; kjør `sitat watch FEEDS.toml --once` først")
        return
    table = Table(title=f"Nyhetsstrømmer i {db}")
    for header in ("Strøm", "Kilde", "Sist lest", "Siste feil", "Feil på rad", "Artikler nye/oppdatert",
                   "Saker ferdig/venter/avvist"):
        table.add_column(header, overflow="fold")
    for row in rows:
        # The feed's own error while it is failing, else the latest page error.
        error = (row["last_error"] if row["failures"] else None) or row["last_item_error"] or "–"
        table.add_row(row["url"] + ("" if row["active"] else " (pauset)"), row["outlet"] or "",
                      row["last_success_at"] or "aldri", error, str(row["failures"]),
                      f"{row['ingested']}/{row['updated']}",
                      f"{row['items_done']}/{row['items_pending']}/{row['items_rejected']}")
    Console().print(table)
