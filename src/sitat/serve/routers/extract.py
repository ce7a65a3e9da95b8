"""POST /api/extract: one article in, its quotes and speakers out (nothing is stored)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from ...errors import InputError
from ...read.html import html_to_input
from ...read.inputs import ArticleInput
from ..deps import extractor
from ..extraction import ExtractionTimeout, Extractor
from ..models import ErrorOut, ExtractIn, ExtractOut

router = APIRouter(tags=["extract"])
SOURCE = "api"


@router.post("/extract", response_model=ExtractOut,
             responses={400: {"model": ErrorOut}, 413: {"model": ErrorOut}, 504: {"model": ErrorOut}})
async def extract_article(body: ExtractIn, worker: Extractor = Depends(extractor)) -> dict:
    """Find every statement in one article, with its speaker: the article JSON of `sitat extract --format json`.

    `text` is used as given (offsets index it); an `html` page is read with trafilatura first.
    """
    if body.text and body.text.strip():
        item = ArticleInput(text=body.text, source=SOURCE, title=body.title)
    else:
        try:
            item = html_to_input(body.html or "", source=SOURCE)
        except InputError as err:
            raise HTTPException(400, str(err)) from None
        item.title = body.title or item.title
        item.meta = {}  # metadata stays out: the output is what `sitat extract` prints for a text
    try:
        article = await worker.extract(item, lang=body.lang)
    except ExtractionTimeout:
        raise HTTPException(504, f"extraction took longer than {worker.extract_timeout_s:g} s; "
                                 "send a shorter text or use `sitat extract` for long documents") from None
    return article.to_dict()
