"""A local news site for the feed tests (http.server on 127.0.0.1, a free port), a fake clock, the model once."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable

import pytest

from sitat.feeds.config import Settings
from sitat.feeds.fetch import Fetcher
from sitat.store.database import connect

ROBOTS = "User-agent: sitat\nDisallow: /privat/\n\nUser-agent: *\nDisallow: /admin/\n"


@dataclass
class Route:
    """What the site answers on one path. ``body`` may be a callable yielding chunks (for huge pages)."""

    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    validators: bool = False       # send ETag and Last-Modified, answer 304 to a matching conditional GET
    length: bool = True            # send Content-Length (False: the body runs until the connection closes)
    fail_first: int = 0            # answer 500 to the first n requests


class Site:
    """The routes and a log of every request (path and headers), shared with the server thread."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""
        self.lock = threading.Lock()

    def add(self, path: str, body: bytes | str | Callable = b"", **kwargs) -> Route:
        route = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **kwargs)
        self.routes[path] = route
        return route

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for p, headers in self.requests if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                seen = sum(1 for p, _ in site.requests if p == self.path)
            route = site.routes.get(self.path)
            try:
                if route is None:
                    self._send(404, b"<html><body><p>Fant ikke siden</p></body></html>", "text/html; charset=utf-8")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if seen <= route.fail_first:
                    self._send(500, b"Intern feil", "text/plain")
                    return
                headers = dict(route.headers)
                if route.validators and isinstance(route.body, bytes):
                    etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                    headers |= {"ETag": etag, "Last-Modified": "Tue, 24 Nov 2026 12:00:00 GMT"}
                    if self.headers.get("If-None-Match") == etag:
                        self._send(304, b"", None, headers)
                        return
                self._send(route.status, route.body, route.content_type, headers, length=route.length)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (size cap, timeout): exactly what some tests want

        def _send(self, status: int, body, content_type: str | None, headers: dict | None = None, *,
                  length: bool = True) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if isinstance(body, bytes) and length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if isinstance(body, bytes):
                self.wfile.write(body)
            else:
                for chunk in body():
                    self.wfile.write(chunk)

    return Handler


@pytest.fixture
def site():
    """A fresh local site per test, robots.txt included."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


class FakeClock:
    """Monotonic time that only moves when something sleeps; the sleeps are kept for assertions."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


# Short network limits so failing pages cost milliseconds; the back-off itself is faked.
TEST_SETTINGS = Settings(interval=300, timeout=0.3, retries=2, backoff=1.0, max_backoff=30, min_delay=0.5,
                         max_page_bytes=1_000_000, max_feed_bytes=1_000_000, max_redirects=4, max_attempts=3,
                         contact="https://example.org/sitat-test")


@pytest.fixture
def settings() -> Settings:
    return TEST_SETTINGS


@pytest.fixture
def fetcher(settings, fake_clock):
    fetcher = Fetcher(settings, clock=fake_clock.clock, sleep=fake_clock.sleep)
    yield fetcher
    fetcher.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "nyheter.db"
    conn = connect(path)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def load_nlp():
    """The shipped pipeline as ``sitat watch`` loads it, once per session; tests pass the loader."""
    from sitat.extract import UNUSED_COMPONENTS
    from sitat.language import load

    nlp = load(exclude=UNUSED_COMPONENTS)
    return lambda: nlp
