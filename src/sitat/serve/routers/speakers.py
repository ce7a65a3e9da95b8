"""GET /api/speakers and GET /api/speakers/{id}: who is quoted, and one speaker's profile."""

from __future__ import annotations

import sqlite3
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ..deps import read_conn
from ..models import ErrorOut, SpeakerDetail, SpeakerPage
from ..queries import list_speakers, speaker_detail

MAX_ID = 2**62  # row ids are SQLite integers; a larger number cannot be one
router = APIRouter(tags=["speakers"])


@router.get("/speakers", response_model=SpeakerPage, responses={503: {"model": ErrorOut}})
def get_speakers(
    q: str = Query("", max_length=200, description="Part of the name, any case."),
    sort: Literal["quotes", "name"] = Query("quotes", description="Most quoted first, or by name."),
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=100_000),
    conn: sqlite3.Connection = Depends(read_conn),
) -> dict:
    """Quoted speakers with their profile and how often and when they are quoted."""
    items = list_speakers(conn, q=q, sort=sort, limit=limit + 1, offset=offset)
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetail,
            responses={404: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def get_speaker(speaker_id: int = Path(ge=1, le=MAX_ID),
                conn: sqlite3.Connection = Depends(read_conn)) -> dict:
    """One speaker: profile, roles over time, affiliations, outlets, quotes per month and the newest quotes."""
    profile = speaker_detail(conn, speaker_id)
    if profile is None:
        raise HTTPException(404, f"no speaker with id {speaker_id}")
    return profile
