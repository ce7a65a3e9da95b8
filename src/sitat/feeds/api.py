"""``/api/feeds``: add or update a feed to watch (token-protected) and list feeds with their status.

Mounted by the server (``sitat.serve``), which keeps ``app.state.db_path`` (Path) and
``app.state.api_token`` (str, or None for an open local server). A running ``sitat watch`` on the
same database picks up feeds added here within a minute.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field, field_validator

from ..errors import SitatError
from .config import FeedConfig, check_lang, check_url
from .state import feed_status, upsert_feed
from .watch import utc_now

router = APIRouter(prefix="/api/feeds", tags=["feeds"])


class FeedIn(BaseModel):
    """A feed to watch, as ``[[feeds]]`` in FEEDS.toml."""

    url: str = Field(description="The RSS/Atom address (http or https).", examples=["https://www.example.no/nyheter.rss"])
    outlet: str | None = Field(None, min_length=1, description="Outlet name stored with its articles.")
    language: Literal["nb", "nn", "auto"] | None = Field(None, description="Written standard; 'auto' detects per article.")
    interval: float | None = Field(None, ge=10, description="Seconds between polls; the watcher's default when left out.")

    @field_validator("url")
    @classmethod
    def _absolute_http(cls, value: str) -> str:
        return check_url(value)


class FeedStatus(BaseModel):
    """A feed with its state: last success and error, failures in a row, article and item counts."""

    id: int
    url: str
    outlet: str | None
    lang: str | None
    interval_s: float | None
    origin: str
    active: bool
    last_polled_at: str | None
    last_success_at: str | None
    last_error_at: str | None
    last_error: str | None
    failures: int
    polls: int
    errors: int
    ingested: int
    updated: int
    next_poll_at: str | None
    items: int
    items_done: int
    items_pending: int
    items_rejected: int
    last_item_error: str | None


def require_token(request: Request) -> None:
    """401 unless the request carries ``Authorization: Bearer <app.state.api_token>`` (when one is set)."""
    token = getattr(request.app.state, "api_token", None)
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), str(token).encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Krever gyldig API-nøkkel: Authorization: Bearer <nøkkel>",
                            headers={"WWW-Authenticate": "Bearer"})


def _db_path(request: Request) -> Path:
    return Path(request.app.state.db_path)


@router.post("", response_model=FeedStatus, dependencies=[Depends(require_token)],
             responses={201: {"description": "Feed added"}, 200: {"description": "Feed updated"},
                        400: {"description": "The body is not JSON"},
                        401: {"description": "A token is set and the request lacks it"},
                        503: {"description": "The store cannot be opened"}})
def add_feed(feed: FeedIn, request: Request, response: Response) -> FeedStatus:
    """Add a feed to watch, or update its outlet, language and interval (its state is kept)."""
    from ..store.database import connect

    try:
        conn = connect(_db_path(request))
    except SitatError as err:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(err)) from None
    try:
        existed = conn.execute("SELECT 1 FROM feeds WHERE url = ?", (feed.url,)).fetchone() is not None
        config = FeedConfig(url=feed.url, outlet=feed.outlet, lang=check_lang(feed.language), interval=feed.interval)
        feed_id = upsert_feed(conn, config, origin="api", now=utc_now())
        row = next(r for r in feed_status(conn) if r["id"] == feed_id)
    finally:
        conn.close()
    response.status_code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
    return FeedStatus(**row)


@router.get("", response_model=list[FeedStatus])
def list_feeds(request: Request) -> list[FeedStatus]:
    """Every feed with its status (an empty list before anything was watched)."""
    from ..store.database import connect_readonly

    path = _db_path(request)
    if not path.is_file():
        return []
    try:
        conn = connect_readonly(path)
    except SitatError as err:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(err)) from None
    try:
        return [FeedStatus(**row) for row in feed_status(conn)]
    finally:
        conn.close()
