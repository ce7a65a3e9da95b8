"""Load the gold quote annotations: our own articles and standoff over NDT documents."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, SitatError
from ..read.files import read_text_file

TYPES = ("direct", "indirect", "mixed")


@dataclass
class GoldQuote:
    start: int
    end: int
    type: str
    speaker: str | None
    cue: str | None = None


@dataclass
class GoldDocument:
    id: str
    lang: str
    split: str
    text: str
    origin: str  # "own" or "ndt"
    quotes: list[GoldQuote] = field(default_factory=list)


def sha1_prefix(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def find_occurrence(text: str, needle: str, occurrence: int) -> int:
    """Start of the ``occurrence``-th (1-based) match of ``needle``; overlapping matches count; -1 if absent."""
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, position + 1)
        if position == -1:
            return -1
    return position


def load_own(gold_dir: Path, root: Path) -> list[GoldDocument]:
    """Gold for our own articles: ``eval/gold/own/*.json`` (quote text + occurrence)."""
    docs = []
    for path in sorted((gold_dir / "own").glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            article = read_text_file(root / record["article"])
        except (OSError, ValueError, KeyError, SitatError) as err:
            raise SitatError(Errors.E031.format(path=path, reason=err)) from None
        doc = GoldDocument(record["article"], record["lang"], record["split"], article.text, "own")
        for n, quote in enumerate(record["quotes"], 1):
            start = find_occurrence(article.text, quote["text"], int(quote.get("occurrence", 1)))
            if start < 0 or quote["type"] not in TYPES:
                raise SitatError(Errors.E031.format(path=path, reason=f"quote {n} not found in the article or bad type"))
            doc.quotes.append(GoldQuote(start, start + len(quote["text"]), quote["type"], quote.get("speaker"), quote.get("cue")))
        docs.append(doc)
    return docs


def load_ndt(gold_dir: Path, data: Path, lang: str, split: str) -> list[GoldDocument]:
    """Gold standoff over rebuilt NDT documents: ``eval/gold/ndt/<lang>-<split>.jsonl``."""
    path = gold_dir / "ndt" / f"{lang}-{split}.jsonl"
    if not path.exists():
        return []
    from .ndt_documents import documents

    by_id = {d.id: d for d in documents(lang, split, data)}
    docs = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        source = by_id.get(record["doc"])
        if source is None:
            raise SitatError(Errors.E031.format(path=f"{path}:{line_no}", reason=f"unknown document {record['doc']}"))
        doc = GoldDocument(record["doc"], lang, split, source.text, "ndt")
        for quote in record["quotes"]:
            span = source.text[quote["start"] : quote["end"]]
            if sha1_prefix(span) != quote["sha1"]:
                raise SitatError(Errors.E031.format(
                    path=f"{path}:{line_no}", reason="span hash differs: the document rebuild changed"))
            doc.quotes.append(GoldQuote(quote["start"], quote["end"], quote["type"], quote.get("speaker"), quote.get("cue")))
        docs.append(doc)
    return docs
