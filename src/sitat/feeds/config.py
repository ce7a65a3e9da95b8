"""FEEDS.toml: the feeds to watch and the politeness settings, checked with messages naming the entry."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Errors, InputError

LANGUAGES = ("nb", "nn")
# The page a site operator can read to learn who we are; set `contact` in [watch] to your own.
DEFAULT_CONTACT = "https://pypi.org/project/sitat/"


@dataclass(frozen=True)
class Settings:
    """How politely and how often the watcher fetches; the [watch] table of FEEDS.toml.

    interval: seconds between polls of a feed that sets none; timeout: seconds per request;
    retries: further tries after a timeout or 5xx; backoff: the first wait before a retry, doubled
    each time up to max_backoff; min_delay: seconds between two requests to one host (robots.txt
    Crawl-delay wins when longer); max_*_bytes: size caps; max_redirects: hops per fetch;
    max_attempts: polls an article page is tried before it is given up; contact: URL or e-mail
    in the User-Agent.
    """

    interval: float = 300.0
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 120.0
    min_delay: float = 1.0
    max_page_bytes: int = 5_000_000
    max_feed_bytes: int = 5_000_000
    max_redirects: int = 5
    max_attempts: int = 5
    contact: str = DEFAULT_CONTACT

    @property
    def user_agent(self) -> str:
        """The honest User-Agent: ``sitat/0.1.0 (+https://…)``."""
        from .. import __version__

        return f"sitat/{__version__} (+{self.contact})"


@dataclass(frozen=True)
class FeedConfig:
    """One feed: its URL, the outlet its articles are stored under, their language, its poll interval."""

    url: str
    outlet: str | None = None
    lang: str | None = None
    interval: float | None = None


def check_url(url: object) -> str:
    """``url`` if it is an absolute http(s) address; ValueError saying what is wrong otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("'url' must be a non-empty string")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'url' must be an http:// or https:// address, got '{url}'")
    return url.strip()


def check_lang(lang: object) -> str | None:
    """'nb', 'nn', or None for 'auto'/absent; ValueError otherwise."""
    if lang is None or lang == "auto":
        return None
    if lang not in LANGUAGES:
        raise ValueError(f"'language' must be 'nb', 'nn' or 'auto', got '{lang}'")
    return lang


def check_interval(value: object, *, key: str = "interval") -> float | None:
    """A poll interval in seconds (at least 10: feeds are not polled faster); ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 10:
        raise ValueError(f"'{key}' must be a number of seconds, at least 10, got {value!r}")
    return float(value)


def _settings(path: Path, table: object) -> Settings:
    if table is None:
        return Settings()
    if not isinstance(table, dict):
        raise InputError(Errors.E082.format(path=path, key="watch", reason="must be a table"))
    known = {f.name: f.type for f in fields(Settings)}
    values: dict = {}
    for key, value in table.items():
        if key not in known:
            raise InputError(Errors.E082.format(path=path, key=key, reason=f"unknown setting; use one of {', '.join(known)}"))
        default = getattr(Settings, key)
        if isinstance(default, str):
            ok = isinstance(value, str) and value.strip()
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        if not ok:
            raise InputError(Errors.E082.format(path=path, key=key,
                                                reason=f"must be a {'text' if isinstance(default, str) else 'number ≥ 0'}, got {value!r}"))
        values[key] = float(value) if isinstance(default, float) else value
    if "interval" in values:
        try:
            check_interval(values["interval"])
        except ValueError as err:
            raise InputError(Errors.E082.format(path=path, key="interval", reason=err)) from None
    return Settings(**values)


def _feed(path: Path, n: int, entry: object) -> FeedConfig:
    url = entry.get("url", "?") if isinstance(entry, dict) else "?"
    try:
        if not isinstance(entry, dict):
            raise ValueError("must be a table with url, outlet, language")
        unknown = set(entry) - {"url", "outlet", "language", "interval"}
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; use url, outlet, language, interval")
        outlet = entry.get("outlet")
        if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
            raise ValueError("'outlet' must be a non-empty string")
        return FeedConfig(url=check_url(entry.get("url")), outlet=outlet.strip() if outlet else None,
                          lang=check_lang(entry.get("language")), interval=check_interval(entry.get("interval")))
    except ValueError as err:
        raise InputError(Errors.E081.format(path=path, n=n, url=url, reason=err)) from None


def load_config(path: str | Path) -> tuple[Settings, list[FeedConfig]]:
    """The settings and feeds of a FEEDS.toml file.

    path (str | Path): the file: a ``[watch]`` table (optional) and ``[[feeds]]`` entries.
    RETURNS (tuple[Settings, list[FeedConfig]]): feeds in file order, each URL once.
    DOCS: docs/feeds.md
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Errors.E010.format(path=path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(Errors.E080.format(path=path, reason=err)) from None
    unknown = set(data) - {"watch", "feeds"}
    if unknown:
        raise InputError(Errors.E080.format(path=path, reason=f"unknown table(s) {', '.join(sorted(unknown))}; "
                                                              "use [watch] and [[feeds]]"))
    settings = _settings(path, data.get("watch"))
    entries = data.get("feeds") or []
    if not isinstance(entries, list):
        raise InputError(Errors.E080.format(path=path, reason="'feeds' must be an array of tables: [[feeds]]"))
    feeds: list[FeedConfig] = []
    for n, entry in enumerate(entries, start=1):
        feed = _feed(path, n, entry)
        if any(f.url == feed.url for f in feeds):
            raise InputError(Errors.E081.format(path=path, n=n, url=feed.url, reason="the same URL is listed twice"))
        feeds.append(feed)
    return settings, feeds
