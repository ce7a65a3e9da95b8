"""What routes share: the read-only connection, the token check, the extractor, the templates."""

from __future__ import annotations

import hmac
import sqlite3
from pathlib import Path

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates

from ..errors import Errors, StoreError
from .database import ThreadConnection
from .extraction import Extractor

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
bearer = HTTPBearer(auto_error=False, description="`$SITAT_API_TOKEN` of the server, when it has one.")


async def read_conn(request: Request) -> sqlite3.Connection:
    """A ``mode=ro`` connection for the thread the query runs on (StoreError E050 when there is no store).

    async, so it costs no trip through the thread pool; the connection itself is opened on first
    use in the thread that runs the query.
    """
    store = request.app.state.store
    if not store.path.is_file():
        raise StoreError(Errors.E050.format(path=store.path))
    return ThreadConnection(store)  # type: ignore[return-value]  (quacks like one)


def extractor(request: Request) -> Extractor:
    return request.app.state.extractor


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """401 unless the server has no token or the request carries it as a Bearer token."""
    expected = request.app.state.api_token
    if not expected:
        return
    given = credentials.credentials if credentials is not None else ""
    # compare_digest: the time taken says nothing about how much of a guessed token was right.
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong API token; send 'Authorization: Bearer $SITAT_API_TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
