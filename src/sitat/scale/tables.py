"""Articles as Parquet rows and back: four tables (articles, quotes, speakers, mentions) whose rows
rebuild the very ``ArticleInput`` and ``Article`` the local engine makes, so the store's writer can
load them unchanged. Columns are documented in docs/scaling.md."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from ..article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from ..read.inputs import ArticleInput

STR, INT, LIST = pa.string(), pa.int64(), pa.list_(pa.string())
SPEAKER_FIELDS = ("role", "organisation", "party", "country", "gender")

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_key", STR), ("shard", STR), ("record", INT), ("source", STR), ("id", STR), ("url", STR),
        ("title", STR), ("title_line", pa.bool_()), ("outlet", STR), ("section", STR), ("authors", LIST),
        ("published", STR), ("lang", STR), ("words", INT), ("quotes", INT), ("text", STR), ("meta", STR),
    ]),
    "quotes": pa.schema([
        ("article_key", STR), ("quote_no", INT), ("source", STR), ("id", STR), ("start", INT), ("end", INT),
        ("text", STR), ("type", STR), ("cue_text", STR), ("cue_start", INT), ("cue_end", INT),
        ("speaker", STR), ("speaker_entity", STR), ("speaker_kind", STR),
        *((f"speaker_{f}", STR) for f in SPEAKER_FIELDS),
        ("mention_text", STR), ("mention_start", INT), ("mention_end", INT), ("confidence", pa.float64()),
        ("explanation", LIST),
    ]),
    "speakers": pa.schema([
        ("article_key", STR), ("speaker_no", INT), ("entity", STR), ("name", STR), ("kind", STR),
        *((f, STR) for f in SPEAKER_FIELDS), ("quotes", INT),
    ]),
    "mentions": pa.schema([
        ("article_key", STR), ("entity", STR), ("mention_no", INT), ("start", INT), ("end", INT), ("text", STR),
    ]),
}
TABLES = tuple(SCHEMAS)


def article_rows(key: str, shard: str, record: int, item: ArticleInput, article: Article) -> dict[str, list[dict]]:
    """The rows of one extracted article, by table."""
    meta = item.meta
    ext_id = None if meta.get("id") is None else str(meta["id"])
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["articles"].append({
        "article_key": key, "shard": shard, "record": record, "source": item.source, "id": ext_id,
        "url": meta.get("url"), "title": item.title, "title_line": item.title_line, "outlet": meta.get("outlet"),
        "section": meta.get("section"), "authors": meta.get("authors"), "published": meta.get("published"),
        "lang": article.lang, "words": len(item.text.split()), "quotes": len(article.quotes), "text": item.text,
        # All metadata the reader found, in its order: the columns above are for queries, this
        # rebuilds the input exactly (output key order, content hash).
        "meta": json.dumps(meta, ensure_ascii=False),
    })
    for n, q in enumerate(article.quotes):
        s = q.speaker
        rows["quotes"].append({
            "article_key": key, "quote_no": n, "source": item.source, "id": ext_id, "start": q.start, "end": q.end,
            "text": q.text, "type": q.type, "cue_text": q.cue.text if q.cue else None,
            "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
            "speaker": s.name, "speaker_entity": s.entity, "speaker_kind": s.kind,
            **{f"speaker_{f}": getattr(s, f) for f in SPEAKER_FIELDS},
            "mention_text": s.mention.text if s.mention else None,
            "mention_start": s.mention.start if s.mention else None,
            "mention_end": s.mention.end if s.mention else None,
            "confidence": q.confidence, "explanation": list(q.explanation),
        })
    for n, p in enumerate(article.speakers):
        rows["speakers"].append({"article_key": key, "speaker_no": n, "entity": p.entity, "name": p.name, "kind": p.kind,
                                 **{f: getattr(p, f) for f in SPEAKER_FIELDS}, "quotes": p.quotes})
        rows["mentions"].extend({"article_key": key, "entity": p.entity, "mention_no": m, "start": span.start,
                                 "end": span.end, "text": span.text} for m, span in enumerate(p.mentions))
    return rows


def to_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """Row dicts -> Arrow tables with the fixed schemas (an empty shard still gets its columns)."""
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=SCHEMAS[name]) for name in TABLES}


def _span(text: str | None, start: int | None, end: int | None) -> TextSpan | None:
    return None if start is None else TextSpan(text or "", start, end)


def rebuild(tables: dict[str, Iterable[dict[str, Any]]]) -> Iterator[tuple[ArticleInput, Article]]:
    """The articles of one shard's rows, in record order, as the local engine made them."""
    quotes: dict[str, list[dict]] = defaultdict(list)
    profiles: dict[str, list[dict]] = defaultdict(list)
    mentions: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in tables["quotes"]:
        quotes[row["article_key"]].append(row)
    for row in tables["speakers"]:
        profiles[row["article_key"]].append(row)
    for row in tables["mentions"]:
        mentions[(row["article_key"], row["entity"])].append(row)
    for row in sorted(tables["articles"], key=lambda r: r["record"]):
        key = row["article_key"]
        meta: dict[str, Any] = json.loads(row["meta"])
        item = ArticleInput(text=row["text"], source=row["source"], title=row["title"],
                            title_line=bool(row["title_line"]), meta=meta)
        article = Article(text=row["text"], lang=row["lang"], title=row["title"], source=row["source"], meta=dict(meta),
                          quotes=[_quote(q) for q in sorted(quotes[key], key=lambda q: q["quote_no"])],
                          speakers=[_profile(p, mentions[(key, p["entity"])])
                                    for p in sorted(profiles[key], key=lambda p: p["speaker_no"])])
        yield item, article


def _quote(row: dict[str, Any]) -> Quote:
    speaker = Speaker(name=row["speaker"], mention=_span(row["mention_text"], row["mention_start"], row["mention_end"]),
                      entity=row["speaker_entity"], kind=row["speaker_kind"],
                      **{f: row[f"speaker_{f}"] for f in SPEAKER_FIELDS})
    return Quote(text=row["text"], start=row["start"], end=row["end"], type=row["type"],
                 cue=_span(row["cue_text"], row["cue_start"], row["cue_end"]), speaker=speaker,
                 confidence=row["confidence"], explanation=list(row["explanation"] or []))


def _profile(row: dict[str, Any], mentions: list[dict[str, Any]]) -> SpeakerProfile:
    spans = [TextSpan(m["text"], m["start"], m["end"]) for m in sorted(mentions, key=lambda m: m["mention_no"])]
    return SpeakerProfile(entity=row["entity"], name=row["name"], kind=row["kind"], mentions=spans, quotes=row["quotes"],
                          **{f: row[f] for f in SPEAKER_FIELDS})
