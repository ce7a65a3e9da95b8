"""Polite HTTP: robots.txt, a per-host pace, retries with back-off, size caps and checked redirects.

One ``Fetcher`` serves a whole watch run, so the robots.txt cache and the per-host pace are shared
by every feed on the same site. Time is injected (``clock``, ``sleep``) so tests never wait.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import Errors, SitatError
from .config import Settings

REDIRECTS = (301, 302, 303, 307, 308)
# Worth another try: the server or the network may be better in a moment (RFC 9110 semantics).
RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
ROBOTS_TTL_S = 24 * 3600  # robots.txt is re-read once a day in a long watch
CHUNK = 64 * 1024


class FetchError(SitatError):
    """A URL that could not be fetched; ``transient`` errors are worth trying again later."""

    def __init__(self, message: str, *, url: str, transient: bool) -> None:
        super().__init__(message)
        self.url = url
        self.transient = transient


class Stopped(Exception):
    """The watch was asked to stop while waiting; the request was not made."""


@dataclass
class Response:
    """A fetched URL: the final address after redirects, status, headers and (capped) body."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes = b""
    chain: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"\'')
        return None


@dataclass
class _Robots:
    parser: RobotFileParser
    fetched_at: float


class Fetcher:
    """GETs URLs the way a well-behaved crawler does.

    settings (Settings): timeouts, retries, pace, caps, User-Agent.
    clock (Callable[[], float]): monotonic seconds (for the pace and the robots cache).
    sleep (Callable[[float], object]): waits; the watcher passes ``stop.wait`` so a stop cuts it short.
    should_stop (Callable[[], bool]): checked before every wait and request.
    transport (httpx.BaseTransport | None): for tests.
    """

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = time.sleep, should_stop: Callable[[], bool] = lambda: False,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.should_stop = should_stop
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent}, timeout=httpx.Timeout(settings.timeout),
                                   follow_redirects=False, transport=transport)
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, max_bytes: int, headers: dict[str, str] | None = None) -> Response:
        """The response for ``url`` after following redirects (each hop checked against robots.txt).

        max_bytes (int): a larger body is refused (E084) without reading it all.
        headers (dict | None): extra request headers (conditional GET validators).
        RETURNS (Response): any status but a redirect; FetchError when it could not be fetched.
        """
        chain = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_robots(current, origin=url)
            response = self._request(current, max_bytes=max_bytes, headers=headers, origin=url)
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                response.chain = chain
                return response
            current = urljoin(current, location)
            if current in chain:
                raise FetchError(Errors.E086.format(url=url, reason="redirect loop", chain=" → ".join(chain + [current])),
                                 url=url, transient=False)
            chain.append(current)
        raise FetchError(Errors.E086.format(url=url, reason=f"more than {self.settings.max_redirects} redirects",
                                            chain=" → ".join(chain)), url=url, transient=False)

    def _pace(self, host: str) -> None:
        """Wait until this host may be asked again (min_delay, or its robots.txt Crawl-delay)."""
        delay = self.settings.min_delay
        robots = self._robots.get(host)
        if robots is not None:
            crawl_delay = robots.parser.crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self._wait(wait)
        self._last_request[host] = self.clock()

    def _wait(self, seconds: float) -> None:
        if self.should_stop():
            raise Stopped()
        self.sleep(seconds)
        if self.should_stop():
            raise Stopped()

    def _request(self, url: str, *, max_bytes: int, headers: dict[str, str] | None, origin: str,
                 retries: int | None = None) -> Response:
        """One GET, tried again after timeouts, network errors and 5xx/429 with exponential back-off."""
        retries = self.settings.retries if retries is None else retries
        host = urlsplit(url).netloc
        reason = ""
        last_headers: httpx.Headers | None = None
        for attempt in range(retries + 1):
            if attempt:
                wait = min(self.settings.backoff * 2 ** (attempt - 1), self.settings.max_backoff)
                self._wait(max(wait, self._retry_after(last_headers)) if last_headers is not None else wait)
            last_headers = None
            self._pace(host)
            try:
                response = self._stream(url, max_bytes=max_bytes, headers=headers, origin=origin)
            except httpx.TimeoutException:
                reason = f"no answer within {self.settings.timeout:g} s"
                continue
            except httpx.TransportError as err:
                reason = f"{type(err).__name__}: {err}"
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as err:  # a bad address or a body that cannot be decoded
                raise FetchError(Errors.E083.format(url=origin, reason=f"{type(err).__name__}: {err}"), url=origin,
                                 transient=False) from None
            if response.status in RETRY_STATUSES:
                reason = f"HTTP {response.status}"
                last_headers = response.headers
                continue
            return response
        tries = f"{retries + 1} tries" if retries else "1 try"
        raise FetchError(Errors.E083.format(url=origin if url == origin else f"{origin} (at {url})",
                                            reason=f"{reason}, {tries}"), url=origin, transient=True)

    def _retry_after(self, headers: httpx.Headers) -> float:
        """Seconds a 429/503 asks us to wait (numeric Retry-After only), capped by max_backoff."""
        value = headers.get("retry-after", "")
        return min(float(value), self.settings.max_backoff) if value.strip().isdigit() else 0.0

    def _stream(self, url: str, *, max_bytes: int, headers: dict[str, str] | None, origin: str) -> Response:
        """The response with at most ``max_bytes`` of body; E084 as soon as it is known to be larger."""
        with self.client.stream("GET", url, headers=headers or {}) as r:
            declared = r.headers.get("content-length", "")
            if r.status_code < 300 and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(Errors.E084.format(url=origin, limit=max_bytes), url=origin, transient=False)
            body = bytearray()
            if r.status_code < 300 or r.status_code >= 400:
                for chunk in r.iter_bytes(CHUNK):
                    body += chunk
                    if len(body) > max_bytes:
                        if r.status_code >= 400:
                            break  # an error page's body is only read for its status
                        raise FetchError(Errors.E084.format(url=origin, limit=max_bytes), url=origin, transient=False)
            return Response(url=str(r.url), status=r.status_code, headers=r.headers, content=bytes(body))

    def _check_robots(self, url: str, *, origin: str) -> None:
        """E087 when the site's robots.txt disallows ``url`` for our User-Agent."""
        parts = urlsplit(url)
        robots = self._robots.get(parts.netloc)
        if robots is None or self.clock() - robots.fetched_at > ROBOTS_TTL_S:
            robots = _Robots(self._read_robots(f"{parts.scheme}://{parts.netloc}/robots.txt", origin=origin), self.clock())
            self._robots[parts.netloc] = robots
        if not robots.parser.can_fetch(self.settings.user_agent, url):
            raise FetchError(Errors.E087.format(url=origin, host=parts.netloc), url=origin, transient=False)

    def _read_robots(self, robots_url: str, *, origin: str) -> RobotFileParser:
        """The parsed robots.txt: 401/403 disallow all, other 4xx allow all, 5xx or no answer is E083 (try later)."""
        parser = RobotFileParser(robots_url)
        response = self._request(robots_url, max_bytes=512_000, headers=None, origin=origin, retries=1)
        if response.status in (401, 403):
            parser.disallow_all = True
        elif 400 <= response.status < 500:
            parser.allow_all = True
        elif response.status >= 500:
            raise FetchError(Errors.E083.format(url=origin, reason=f"robots.txt answered HTTP {response.status}"),
                             url=origin, transient=True)
        else:
            parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
        parser.modified()
        return parser
