"""POST /api/articles (store articles; token-protected when the server has one) and GET /api/articles/{id}."""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Request

from ...errors import InputError
from ...read.jsonl import record_to_input
from ..deps import extractor, read_conn, require_token
from ..extraction import ExtractionTimeout, Extractor
from ..models import ArticleDetail, ArticleIn, ErrorOut, IngestOut
from ..queries import article_detail

MAX_ID = 2**62  # row ids are SQLite integers; a larger number cannot be one
router = APIRouter(tags=["articles"])
MAX_ARTICLES = 200  # per request; the 2 MB body limit usually bites first
REQUEST_PATH = "request"  # errors name an article as request:N, N counting from 1


@router.post("/articles", response_model=IngestOut, dependencies=[Depends(require_token)],
             responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 413: {"model": ErrorOut},
                        504: {"model": ErrorOut}})
async def ingest_articles(request: Request, body: ArticleIn | list[ArticleIn] = Body(...),
                          worker: Extractor = Depends(extractor)) -> dict:
    """Store one article or a list of them, with their quotes, in the server's database.

    Fields as a JSONL corpus record (docs/corpus.md). An article sent again with the same `id`
    (else `url`) and content is skipped; with changed content it is replaced. A bad article is
    reported in `errors` and the others are stored.
    """
    records = body if isinstance(body, list) else [body]
    if len(records) > MAX_ARTICLES:
        raise HTTPException(400, f"{len(records)} articles in one request; send at most {MAX_ARTICLES}")
    items, errors, positions = [], [], []
    for n, record in enumerate(records, 1):
        try:
            item = record_to_input(record.model_dump(exclude_none=True), path=REQUEST_PATH, line=n)
        except InputError as err:
            errors.append(str(err))
            continue
        item.source = _source(item)
        items.append(item)
        positions.append(n)
    try:
        report = await worker.ingest(request.app.state.db_path, items) if items else None
    except ExtractionTimeout:
        raise HTTPException(504, f"storing took longer than {worker.ingest_timeout_s:g} s; it goes on in the "
                                 "background: send the same articles again later (stored ones are skipped)") from None
    ids = _stored_ids(request, items, positions, len(records))
    return {"ingested": report.ingested if report else 0, "replaced": report.replaced if report else 0,
            "skipped": report.skipped if report else 0, "failed": len(errors) + (report.failed if report else 0),
            "errors": errors + (report.errors if report else []), "article_ids": ids}


def _source(item) -> str:
    """``api``, or for an article with neither id nor URL ``api:<content hash>``.

    The writer takes the source of such an article as its identity (as a file path), so one
    shared name would make every new article replace the last one.
    """
    from ...store.writer import content_hash

    if item.meta.get("id") is not None or item.meta.get("url") is not None:
        return "api"
    return f"api:{content_hash(item)[:16]}"


def _stored_ids(request: Request, items: list, positions: list[int], total: int) -> list[int | None]:
    """The row id of each article sent (by corpus id, else URL, else content), None where it failed."""
    from ...store.writer import content_hash

    ids: list[int | None] = [None] * total
    if not items:
        return ids
    conn = request.app.state.store.connection()
    for item, n in zip(items, positions):
        meta = item.meta
        if meta.get("id") is not None:
            row = conn.execute("SELECT id FROM articles WHERE ext_id = ?", (meta["id"],)).fetchone()
        elif meta.get("url") is not None:
            row = conn.execute("SELECT id FROM articles WHERE url = ? AND ext_id IS NULL ORDER BY id LIMIT 1",
                               (meta["url"],)).fetchone()
        else:
            row = conn.execute("SELECT id FROM articles WHERE content_hash = ? AND ext_id IS NULL AND url IS NULL "
                               "ORDER BY id LIMIT 1", (content_hash(item),)).fetchone()
        ids[n - 1] = row[0] if row else None
    return ids


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses={404: {"model": ErrorOut},
                                                                               503: {"model": ErrorOut}})
def get_article(article_id: int = Path(ge=1, le=MAX_ID),
                conn: sqlite3.Connection = Depends(read_conn)) -> dict[str, Any]:
    """One stored article: its text, metadata, quotes (with cue and speaker mention), speakers and mentions."""
    article = article_detail(conn, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return article
