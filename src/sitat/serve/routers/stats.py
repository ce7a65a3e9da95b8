"""GET /api/stats: source balance by gender, party, role type, country and outlet."""

from __future__ import annotations

import sqlite3
from typing import Literal

from fastapi import APIRouter, Depends, Query

from ...analytics import stats
from ..deps import read_conn
from ..models import Day, ErrorOut, StatsOut

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StatsOut, response_model_exclude_none=False,
            responses={400: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def get_stats(
    by: Literal["outlet", "month", "section"] | None = Query(None, description="Also break the numbers down by this."),
    since: Day | None = Query(None, description="First publication day, inclusive; undated articles are left out."),
    until: Day | None = Query(None, description="Last publication day, inclusive; undated articles are left out."),
    conn: sqlite3.Connection = Depends(read_conn),
) -> dict:
    """Shares of quotes and of distinct sources per value, as `sitat stats --json` (docs/analytics.md)."""
    return stats(conn, by=by, since=since, until=until)
