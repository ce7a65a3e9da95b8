"""GET /api/quotes: full-text search over stored quotes, filtered and paged."""

from __future__ import annotations

import sqlite3
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from ..deps import read_conn
from ..models import Day, ErrorOut, QuotePage
from ..queries import search_quotes

router = APIRouter(tags=["quotes"])
MAX_LIMIT = 100
MAX_OFFSET = 10_000  # deeper pages rank every match; narrow the query instead


@router.get("/quotes", response_model=QuotePage, responses={400: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def list_quotes(
    q: str = Query("", max_length=500, description="Words that must all occur in the quote, any case; "
                   '`"two words"` is a phrase, `skatt*` a prefix. Empty: the newest quotes.'),
    speaker: str | None = Query(None, max_length=200, description="Part of the speaker's name, any case."),
    speaker_id: int | None = Query(None, ge=1, le=2**62, description="One stored speaker."),
    outlet: str | None = Query(None, max_length=200, description="The outlet's name, any case."),
    since: Day | None = Query(None, description="First publication day, inclusive (YYYY-MM-DD)."),
    until: Day | None = Query(None, description="Last publication day, inclusive (YYYY-MM-DD)."),
    type: Literal["direct", "indirect", "mixed"] | None = Query(None, description="The kind of statement."),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    conn: sqlite3.Connection = Depends(read_conn),
) -> dict:
    """Stored quotes matching `q`, best match first (newest first without `q`), with speaker and article.

    Hits with `q` carry the matched words as offsets (`matches`) and as escaped HTML (`highlighted`).
    """
    try:
        items = search_quotes(conn, q=q, speaker=speaker, speaker_id=speaker_id, outlet=outlet, since=since,
                              until=until, type=type, limit=limit + 1, offset=offset)
    except sqlite3.OperationalError as err:
        # escape_query quotes every word, so this is a query FTS5 still cannot read: say so, don't 500.
        raise HTTPException(400, f"cannot search for {q!r} ({err}); use plain words") from None
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}
