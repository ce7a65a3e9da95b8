"""The web UI (Norwegian Bokmål): search, article, speaker, dashboard and draft checker pages."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...analytics.buckets import buckets
from ...analytics.stats import summarise
from ...article import Article
from ...read.inputs import ArticleInput
from ..deps import extractor, read_conn, templates
from ..extraction import ExtractionTimeout, Extractor
from ..queries import article_detail, list_speakers, search_quotes, speaker_detail
from ..render import (
    DIMENSION_TITLES,
    GENDER_SINGULAR,
    KIND_LABELS,
    ROLE_TYPE_LABELS,
    TYPE_LABELS,
    Colours,
    Mark,
    segments,
    stacked_rows,
    timeline_bars,
    value_label,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 20
DRAFT_FIELD = "tekst"
DASHBOARD_DIMENSIONS = ("gender", "party", "role_type", "country")
LABELS = {"types": TYPE_LABELS, "gender": GENDER_SINGULAR, "kinds": KIND_LABELS, "role_types": ROLE_TYPE_LABELS,
          "dimensions": DIMENSION_TITLES}


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"labels": LABELS, "value_label": value_label, **context},
                                      status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Fant ikke siden", 413: "For stor forespørsel", 503: "Databasen er ikke tilgjengelig",
              504: "Det tok for lang tid"}
    return render(request, "error.html", {"title": titles.get(status, "Noe gikk galt"), "message": message,
                                          "status": status}, status=status)


def _day(value: str | None, errors: list[str], name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"«{value}» er ikke en dato for «{name}»; skriv ÅÅÅÅ-MM-DD.")
        return None


@router.get("/")
def search_page(request: Request, q: str = "", speaker: str = "", outlet: str = "", since: str = "", until: str = "",
                type: str = "", speaker_id: int | None = Query(None, ge=1, le=2**62), side: int = Query(1, ge=1, le=500),
                conn: sqlite3.Connection = Depends(read_conn)):
    """Søk: query and filters, one page of hits."""
    errors: list[str] = []
    since_day, until_day = _day(since, errors, "fra"), _day(until, errors, "til")
    kind = type if type in TYPE_LABELS else None
    page = side
    hits = search_quotes(conn, q=q[:500], speaker=speaker[:200] or None, speaker_id=speaker_id, outlet=outlet or None,
                         since=since_day, until=until_day, type=kind, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    more = len(hits) > PAGE_SIZE
    params = {k: v for k, v in {"q": q, "speaker": speaker, "speaker_id": speaker_id or "", "outlet": outlet,
                                "since": since, "until": until, "type": kind or ""}.items() if v}
    outlets = [r[0] for r in conn.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet LIMIT 200")]
    return render(request, "search.html", {
        "title": "Søk i sitater", "form": {"q": q, "speaker": speaker, "outlet": outlet, "since": since,
                                           "until": until, "type": kind or ""},
        "outlets": outlets, "hits": hits[:PAGE_SIZE], "errors": errors, "page": page,
        "prev_url": "/?" + urlencode({**params, "side": page - 1}) if page > 1 else None,
        "next_url": "/?" + urlencode({**params, "side": page + 1}) if more else None,
    })


def _article_marks(article: dict[str, Any], colours: Colours) -> list[Mark]:
    marks = []
    for q in article["quotes"]:
        colour = colours(q["speaker_id"])
        marks.append(Mark(q["start"], q["end"], "quote", q["id"], colour))
        if q["cue"]:
            marks.append(Mark(q["cue"]["start"], q["cue"]["end"], "cue", q["id"], colour))
        if q["mention"]:
            marks.append(Mark(q["mention"]["start"], q["mention"]["end"], "mention", q["id"], colour, q["speaker_id"]))
    for m in article["mentions"]:
        marks.append(Mark(m["start"], m["end"], "mention", None, colours(m["speaker_id"]), m["speaker_id"]))
    return marks


@router.get("/artikler/{article_id}")
def article_page(request: Request, article_id: int, conn: sqlite3.Connection = Depends(read_conn)):
    """One article, every quote marked and coloured by speaker; hover or click shows who said it."""
    article = article_detail(conn, article_id) if 0 < article_id < 2**62 else None
    if article is None:
        return error_page(request, 404, f"Det finnes ingen artikkel med nummer {article_id}.")
    colours = Colours()
    marks = _article_marks(article, colours)
    profiles = {s["entity"]: s for s in article["speakers"]}
    popups = {"quotes": {}, "speakers": {}}
    for s in article["speakers"]:
        popups["speakers"][str(s["speaker_id"])] = _speaker_popup(s, s["speaker_id"])
    for q in article["quotes"]:
        profile = profiles.get(q["speaker_entity"])
        popups["quotes"][str(q["id"])] = {
            "type": TYPE_LABELS.get(q["type"], q["type"]), "cue": q["cue"]["text"] if q["cue"] else None,
            "mention": q["mention"]["text"] if q["mention"] else None, "confidence": q["confidence"],
            "speaker": _speaker_popup(profile, q["speaker_id"]) if profile else None,
        }
    return render(request, "article.html", {
        "title": article["title"] or f"Artikkel {article_id}", "article": article,
        "segments": segments(article["text"], marks), "popups": popups,
        "speakers": [(s, colours(s["speaker_id"])) for s in article["speakers"]],
        "labels_by_quote": {q["id"]: _quote_label(profiles.get(q["speaker_entity"])) for q in article["quotes"]},
    })


def _speaker_popup(profile: dict[str, Any] | None, speaker_id: int | None) -> dict[str, Any]:
    """What the hover card shows; built with textContent in sitat.js, never as HTML."""
    p = profile or {}
    return {"name": p.get("speaker_name") or p.get("name"), "as_named": p.get("name"),
            "role": p.get("role"), "organisation": p.get("organisation"), "party": p.get("party"),
            "country": p.get("country"), "gender": GENDER_SINGULAR.get(p.get("gender") or "", None),
            "url": f"/talere/{speaker_id}" if speaker_id else None}


def _quote_label(profile: dict[str, Any] | None) -> str:
    if not profile:
        return "ukjent kilde"
    return profile.get("name") or "ukjent kilde"


@router.get("/talere")
def speakers_page(request: Request, q: str = "", side: int = Query(1, ge=1, le=5000),
                  conn: sqlite3.Connection = Depends(read_conn)):
    """Personer: the most quoted speakers, or those whose name contains ``q``."""
    page = side
    rows = list_speakers(conn, q=q[:200], limit=PAGE_SIZE * 2 + 1, offset=(page - 1) * PAGE_SIZE * 2)
    more = len(rows) > PAGE_SIZE * 2
    params = {"q": q} if q else {}
    return render(request, "speakers.html", {
        "title": "Personer og kilder", "q": q, "speakers": rows[:PAGE_SIZE * 2],
        "prev_url": "/talere?" + urlencode({**params, "side": page - 1}) if page > 1 else None,
        "next_url": "/talere?" + urlencode({**params, "side": page + 1}) if more else None,
    })


@router.get("/talere/{speaker_id}")
def speaker_page(request: Request, speaker_id: int, conn: sqlite3.Connection = Depends(read_conn)):
    """One speaker: profile, roles over time, quotes per month as a chart, outlets, newest quotes."""
    profile = speaker_detail(conn, speaker_id) if 0 < speaker_id < 2**62 else None
    if profile is None:
        return error_page(request, 404, f"Det finnes ingen person eller kilde med nummer {speaker_id}.")
    return render(request, "speaker.html", {"title": profile["name"], "p": profile,
                                            "chart": timeline_bars(profile["timeline"])})


@router.get("/oversikt")
def dashboard_page(request: Request, since: str = "", until: str = "", _: sqlite3.Connection = Depends(read_conn)):
    """Kildebalanse: shares of quotes by gender, party, role type and country, per outlet and per month.

    (The connection is asked for only so that a missing store is a 503 page before anything else.)
    """
    errors: list[str] = []
    since_day, until_day = _day(since, errors, "fra"), _day(until, errors, "til")
    balance = request.app.state.balance.get(since=since_day, until=until_day)
    context: dict[str, Any] = {"title": "Kildebalanse", "errors": errors, "form": {"since": since, "until": until},
                               "balance": balance, "charts": [], "totals": None}
    if balance is not None:
        by_outlet, by_month = balance.by_outlet, balance.by_month
        overall = [{"key": "Alle", "totals": by_outlet["totals"], "dimensions": by_outlet["dimensions"]}]
        context["totals"] = by_outlet["totals"]
        context["computed_at"] = datetime.fromtimestamp(balance.computed_at).strftime("%d.%m.%Y kl. %H:%M")
        context["charts"] = [{"title": DIMENSION_TITLES[dim], "overall": stacked_rows(overall, dim),
                              "outlet": stacked_rows(by_outlet["groups"], dim),
                              "month": stacked_rows(by_month["groups"], dim)} for dim in DASHBOARD_DIMENSIONS]
    return render(request, "dashboard.html", context)


@router.get("/utkast")
def draft_form(request: Request):
    """Utkastsjekk: paste a draft to see its statements, speakers and source balance."""
    return render(request, "draft.html", {"title": "Sjekk et utkast", "draft": "", "result": None})


@router.post("/utkast")
async def draft_check(request: Request, worker: Extractor = Depends(extractor)):
    # The form is parsed here rather than with Form(): that would need python-multipart.
    fields = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
    text = (fields.get(DRAFT_FIELD) or [""])[0].replace("\r\n", "\n")
    lang = (fields.get("sprak") or [""])[0]
    if not text.strip():
        return render(request, "draft.html", {"title": "Sjekk et utkast", "draft": text, "result": None,
                                              "errors": ["Lim inn teksten til et utkast først."]}, status=400)
    try:
        article = await worker.extract(ArticleInput(text=text, source="utkast"), lang=lang if lang in ("nb", "nn") else None)
    except ExtractionTimeout:
        return error_page(request, 504, f"Analysen tok mer enn {worker.extract_timeout_s:g} sekunder. Prøv en kortere tekst.")
    return render(request, "draft.html", {"title": "Sjekk et utkast", "draft": text, "result": _draft_result(article)})


def _profile_popup(s) -> dict[str, Any]:
    """The hover card of a speaker the draft names (a Speaker or SpeakerProfile; nothing stored, no link)."""
    return {"name": s.name, "role": s.role, "organisation": s.organisation, "party": s.party, "country": s.country,
            "gender": GENDER_SINGULAR.get(s.gender or "", None), "url": None}


def _draft_result(article: Article) -> dict[str, Any]:
    """The draft cut into marked segments, its statements, its speakers and their balance."""
    colours = Colours()
    marks, rows, statements, quote_popups = [], [], [], {}
    for n, q in enumerate(article.quotes, 1):
        s = q.speaker
        colour = colours(s.entity)
        marks.append(Mark(q.start, q.end, "quote", n, colour))
        if q.cue:
            marks.append(Mark(q.cue.start, q.cue.end, "cue", n, colour))
        if s.mention:
            marks.append(Mark(s.mention.start, s.mention.end, "mention", n, colour, s.entity))
        # The same row shape analytics counts stored quotes with; the entity stands in for the speaker id.
        row = {"speaker_id": s.entity, "article_id": 0, "speaker": s.name, "speaker_kind": s.kind,
               "gender": s.gender, "party": s.party, "role": s.role, "organisation": s.organisation,
               "country": s.country, "outlet": "utkast"}
        row.update(buckets(row))
        rows.append(row)
        statements.append({"n": n, "quote": q, "colour": colour, "gender": row["gender"], "role_type": row["role_type"]})
        quote_popups[str(n)] = {"type": TYPE_LABELS.get(q.type), "cue": q.cue.text if q.cue else None,
                                "mention": s.mention.text if s.mention else None, "confidence": q.confidence,
                                "speaker": _profile_popup(s) if s.name else None}
    balance = summarise(rows)
    one = [{"key": "Utkastet", **balance}]
    return {"article": article, "segments": segments(article.text, marks), "statements": statements,
            "speakers": [(p, colours(p.entity)) for p in article.speakers], "totals": balance["totals"], "charts": [stacked_rows(one, dim) for dim in DASHBOARD_DIMENSIONS],
            "popups": {"quotes": quote_popups, "speakers": {p.entity: _profile_popup(p) for p in article.speakers}},
            "labels_by_quote": {st["n"]: st["quote"].speaker.name or "ukjent kilde" for st in statements}}
