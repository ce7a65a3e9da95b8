"""FEEDS.toml: what is read, and errors that name the file, the feed and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitat.errors import InputError
from sitat.feeds.config import Settings, load_config

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "feeds.toml"


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_reads_settings_and_feeds(tmp_path):
    settings, feeds = load_config(write(tmp_path, """
[watch]
interval = 600
timeout = 5
contact = "mailto:vaktsjef@example.no"

[[feeds]]
url = "https://www.example.no/innenriks.rss"
outlet = "Vestlandsposten"
language = "nb"

[[feeds]]
url = "https://www.example.no/nynorsk.atom"
outlet = "Fjordingen"
language = "nn"
interval = 900
"""))
    assert settings.interval == 600 and settings.timeout == 5.0 and settings.retries == Settings.retries
    assert settings.user_agent == "sitat/0.1.0 (+mailto:vaktsjef@example.no)"
    assert [(f.outlet, f.lang, f.interval) for f in feeds] == [("Vestlandsposten", "nb", None), ("Fjordingen", "nn", 900.0)]


def test_config_the_shipped_example_is_valid():
    settings, feeds = load_config(EXAMPLE)
    assert feeds and all(f.url.startswith("https://") for f in feeds)


@pytest.mark.parametrize("text, message", [
    ("[[feeds]]\nurl = 'https://a.no/rss'\nlanguage = 'sv'\n",
     r"E081 .*feeds.toml: feed 1 \(https://a.no/rss\): 'language' must be 'nb', 'nn' or 'auto', got 'sv'"),
    ("[[feeds]]\nurl = 'https://a.no/rss'\n[[feeds]]\nurl = 'ftp://b.no/rss'\n",
     r"E081 .*feed 2 \(ftp://b.no/rss\): 'url' must be an http:// or https:// address"),
    ("[[feeds]]\noutlet = 'NRK'\n", r"E081 .*feed 1 \(\?\): 'url' must be a non-empty string"),
    ("[[feeds]]\nurl = 'https://a.no/rss'\ninterval = 2\n", r"E081 .*'interval' must be a number of seconds, at least 10"),
    ("[[feeds]]\nurl = 'https://a.no/rss'\nutgave = 'morgen'\n", r"E081 .*unknown key\(s\) utgave"),
    ("[[feeds]]\nurl = 'https://a.no/rss'\n[[feeds]]\nurl = 'https://a.no/rss'\n", r"E081 .*feed 2 .*listed twice"),
    ("[watch]\ntimeout = 'lenge'\n", r"E082 .*feeds.toml: \[watch\] timeout: must be a number ≥ 0, got 'lenge'"),
    ("[watch]\nfart = 3\n", r"E082 .*\[watch\] fart: unknown setting"),
    ("[[feeds]\nurl = 'x'\n", r"E080 .*feeds.toml: not a valid feeds file \(.*line 1"),
    ("[kilder]\nurl = 'x'\n", r"E080 .*unknown table\(s\) kilder"),
])
def test_config_errors_name_the_file_and_feed(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        load_config(write(tmp_path, text))


def test_config_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"^E010 .*finnes-ikke.toml: file not found"):
        load_config(tmp_path / "finnes-ikke.toml")
