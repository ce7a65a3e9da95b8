"""`sitat watch FEEDS.toml --once` end to end, a second run that adds nothing, and `--status`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from news_site import BRYGGEN, SKOLE, Item, rss
from sitat.cli import app

pytestmark = pytest.mark.model


def feeds_file(tmp_path, site) -> str:
    path = tmp_path / "feeds.toml"
    path.write_text(f"""
[watch]
timeout = 0.5
retries = 0
min_delay = 0      # our own test server: no pause between requests
contact = "https://example.org/sitat-test"

[[feeds]]
url = "{site.base}/rss/innenriks.xml"
outlet = "Vestlandsposten"
language = "nb"

[[feeds]]
url = "{site.base}/rss/mangler.xml"
outlet = "Borte"
""", encoding="utf-8")
    return str(path)


def quote_counts(db) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT a.url, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id "
                                 "GROUP BY a.id"))
    finally:
        conn.close()


def test_cli_watch_once_twice_then_status(site, tmp_path, load_nlp):
    load_nlp()  # the model once per session, shared with the command
    site.add(BRYGGEN.path, BRYGGEN.html())
    site.add(SKOLE.path, SKOLE.html())
    site.add("/rss/innenriks.xml", rss(site.base, [Item(BRYGGEN.path, BRYGGEN.title, "Tue, 24 Nov 2026 07:30:00 +0100"),
                                                   Item(SKOLE.path, SKOLE.title, "Tue, 24 Nov 2026 09:05:00 +0100")]),
             content_type="application/rss+xml", validators=True)
    config, db = feeds_file(tmp_path, site), str(tmp_path / "nyheter.db")
    runner = CliRunner()

    first = runner.invoke(app, ["watch", config, "--db", db, "--once"])
    assert first.exit_code == 2, first.output          # the second feed does not exist: reported, not fatal
    assert "ny: Byrådet vil stenge Bryggen for biltrafikk (" in first.output
    assert "innenriks.xml: lest; 2 nye eller endrede saker, 2 lagret" in first.output
    assert f"E083 {site.base}/rss/mangler.xml: could not fetch (HTTP 404)" in first.output
    stored = quote_counts(db)
    assert set(stored) == {site.base + BRYGGEN.path, site.base + SKOLE.path} and min(stored.values()) >= 2

    second = runner.invoke(app, ["watch", config, "--db", db, "--once"])
    assert "innenriks.xml: uendret (304); 0 nye eller endrede saker, 0 lagret, 0 oppdatert" in second.output
    assert "ny:" not in second.output
    assert quote_counts(db) == stored

    status = runner.invoke(app, ["watch", config, "--db", db, "--status", "--json"])
    assert status.exit_code == 0, status.output
    rows = {row["outlet"]: row for row in json.loads(status.stdout)}
    assert (rows["Vestlandsposten"]["ingested"], rows["Vestlandsposten"]["items_done"], rows["Vestlandsposten"]["polls"]) == (2, 2, 2)
    assert rows["Borte"]["failures"] == 2 and rows["Borte"]["last_success_at"] is None
    assert rows["Borte"]["last_error"].startswith("E083")

    table = runner.invoke(app, ["watch", config, "--db", db, "--status"], env={"COLUMNS": "220"})
    assert table.exit_code == 0 and "Vestlandsposten" in table.output and "aldri" in table.output


def test_cli_watch_bad_config_is_one_line(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text("[[feeds]]\nurl = 'nrk.no/rss'\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(path), "--db", str(tmp_path / "x.db"), "--once"])
    assert result.exit_code == 1
    assert "E081" in result.output and "feed 1 (nrk.no/rss)" in result.output
    assert not (tmp_path / "x.db").exists()


def test_cli_watch_no_feeds(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text("[watch]\ninterval = 60\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(path), "--db", str(tmp_path / "x.db"), "--once"])
    assert result.exit_code == 1 and "E089" in result.output


def test_cli_watch_sigterm_stops_a_running_watch_cleanly(site, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    site.add("/rss/innenriks.xml", rss(site.base, []), content_type="application/rss+xml", validators=True)
    config, db = feeds_file(tmp_path, site), tmp_path / "nyheter.db"
    proc = subprocess.Popen([sys.executable, "-m", "sitat", "watch", config, "--db", str(db)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        while polls(db) != [(1,), (1,)] and time.monotonic() < deadline:   # both feeds polled once, now idle
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "følger 2 nyhetsstrømmer" in err and "stopper etter artikkelen som behandles nå" in err
    assert "stoppet; kjør igjen" in err
    assert polls(db) == [(1,), (1,)]


def polls(db) -> list[tuple[int]]:
    import sqlite3

    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT polls FROM feeds ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # not migrated yet
        return []
    finally:
        conn.close()
