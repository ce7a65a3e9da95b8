"""Rebuild whole NDT/NorNE documents (articles) from the chunk files.

The chunk files cut across articles and carry no document boundaries. This module
recovers them and rebuilds each document's running text. The gold quote files in
``eval/gold/ndt/`` hold character offsets into this text, so **the rebuild rule
below must never change** once gold exists (``eval/ndt_gold.py check`` catches a
change through the SHA-1 prefix stored with every span).

Boundaries, per source unit (the chunk files ``ap014_0000``, ``ap014_0001``, … of ``ap014``):

* The first sentence of a source unit always starts a document; a document never
  spans two source units, but it does run on across the unit's chunk files, and
  across split boundaries (a document's split is the split of its first chunk).
* Titles come from ``norne-<lang>/documentation/references_*.txt``: the ``Title:``
  lines, in order, of the reference unit (``Aftenposten 014``) whose titles match
  the most sentences of the source unit. (The reference numbering is shifted for a
  few units, e.g. ``Aftenposten 012`` lists the articles of ``ap011``.)
* Titles are compared lowercased with every non-alphanumeric character removed.
  A headline-flagged sentence starts a document when it matches a title at or after
  the next expected one; a sentence that is not flagged (headlines ending in ``?``
  or ``!`` have no ``|`` marker in NDT) starts one when it matches the next expected
  title or the one after it. A title may cover up to three consecutive sentences
  (``Band:`` + ``Sound Of Love``). Sub-headings that match no title start nothing.
* A unit whose sentences match no reference title (no references, as for NOU
  reports, or parliament titles such as ``"Møte onsdag …"``) falls back to: every
  headline sentence that follows a non-headline sentence starts a document.

Text: each sentence is ``sitat.language.ndt.sentence_text(sentence)``. A heading
(a headline-flagged sentence or a sentence matched as a title) is a paragraph of
its own. A sentence whose text begins with ``-``, ``–`` or ``—`` starts a new
paragraph. Other sentences continue the current paragraph, joined by one space.
Paragraphs are joined by ``"\\n\\n"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sitat.language.ndt import (
    Sentence, chunk_dir, chunks, is_news, read_chunk, sentence_text, split_of,
)

DASHES = ("-", "–", "—")
PARAGRAPH_SEP = "\n\n"
MAX_TITLE_SENTENCES = 3
UNFLAGGED_LOOKAHEAD = 2  # titles a non-headline sentence may match: the next one and one more

# Reference unit names (``Aftenposten 014``) → chunk file prefixes (``ap``).
REFERENCE_PREFIXES = {
    "aftenposten": "ap", "bergens tidende": "bt", "dagbladet": "db", "klassekampen": "kk",
    "sunnmørsposten-bm": "sp-bm", "verdens gang": "vg", "blogg-bm": "blogg-bm",
    "stortinget": "st", "nou": "nou", "dag og tid": "dot", "firda-nn": "firda-nn",
    "klassekampen-nn": "kk-nn", "vest-telemark blad-nn": "vtb-nn", "blogg-nn": "blogg-nn",
    "stortinget-nn": "st-nn", "mål og meining": "mom",
}

_UNIT_RE = re.compile(r"^(?P<source>.+?)(?P<unit>\d{3})(?P<sub>[a-z]?)_\d{4}$")
_HEADER_RE = re.compile(r"^(?P<name>.+?)\s+(?P<num>\d{3})\s*$")


@dataclass
class NdtDocument:
    id: str  # "<lang>/<first chunk>/<first sentence index>", e.g. "nb/ap014_0003/12"
    lang: str
    split: str
    source: str  # source unit, e.g. "ap014" (or "db001a")
    title: str | None
    text: str
    sentences: list[tuple[str, int, int]] = field(default_factory=list)  # (sent_id, start, end)
    news: bool = True


def normalize_title(text: str) -> str:
    """Lowercase and drop everything that is not a letter or digit."""
    return re.sub(r"[\W_]+", "", text.casefold())


@lru_cache(maxsize=4)
def reference_titles(lang: str, data: Path) -> dict[str, list[str]]:
    """``Title:`` lines per reference unit, keyed like chunk units (``ap014``), in order."""
    titles: dict[str, list[str]] = {}
    folder = data / f"norne-{lang}" / "documentation"
    for path in sorted(folder.glob("references_*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        key = None
        for i, line in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            header = _HEADER_RE.match(line.strip())
            if header and re.fullmatch(r"=+\s*", nxt):
                prefix = REFERENCE_PREFIXES.get(header["name"].casefold())
                key = f"{prefix}{header['num']}" if prefix else None
                if key:
                    titles.setdefault(key, [])
            elif key and line.startswith("Title:"):
                titles[key].append(line[len("Title:"):].strip())
    return titles


def source_units(lang: str, data: Path) -> dict[str, list[Path]]:
    """Chunk files grouped by source unit (``ap014``, ``db001a``), in text order."""
    units: dict[str, list[Path]] = {}
    for path in chunks(lang, None, data):
        m = _UNIT_RE.match(path.stem)
        if not m:
            raise ValueError(f"not an NDT chunk name: {path.stem!r}")
        units.setdefault(m["source"] + m["unit"] + m["sub"], []).append(path)
    return units


def unit_titles(unit: str, norms: list[str], refs: dict[str, list[str]]) -> list[str]:
    """Titles of the reference unit that matches the most sentences of ``unit``; [] if none."""
    m = _UNIT_RE.match(f"{unit}_0000")
    assert m is not None
    present = set(norms)
    best: tuple[int, bool, str] | None = None
    for key, titles in refs.items():
        if not (key.startswith(m["source"]) and key[len(m["source"]):].isdigit()):
            continue
        score = sum(normalize_title(t) in present for t in titles)
        rank = (score, key == m["source"] + m["unit"], key)
        if score and (best is None or rank[:2] > best[:2]):
            best = rank
    return refs[best[2]] if best else []


def _match_title(norms: list[str], i: int, titles: list[str], ptr: int,
                 flagged: bool) -> tuple[int, int] | None:
    """(title index, number of sentences) if a title starts at sentence ``i``."""
    if not norms[i]:
        return None
    last = len(titles) if flagged else min(len(titles), ptr + UNFLAGGED_LOOKAHEAD)
    for k in range(ptr, last):
        target, acc = normalize_title(titles[k]), ""
        for n in range(1, MAX_TITLE_SENTENCES + 1):
            if i + n - 1 >= len(norms):
                break
            acc += norms[i + n - 1]
            if acc == target:
                return k, n
            if not target.startswith(acc):
                break
    return None


def _unit_documents(lang: str, unit: str, files: list[Path], data: Path) -> list[NdtDocument]:
    """Split one source unit into documents and rebuild their text."""
    sents: list[Sentence] = [s for path in files for s in read_chunk(path)]
    texts = [sentence_text(s) for s in sents]
    norms = [normalize_title(t) for t in texts]
    titles = unit_titles(unit, norms, reference_titles(lang, data))
    heading = [s.headline for s in sents]
    starts: dict[int, str | None] = {0: texts[0] if sents[0].headline else None}
    ptr, i = 0, 0
    while i < len(sents):
        if titles:
            match = _match_title(norms, i, titles, ptr, sents[i].headline)
            if match:
                ptr, n = match[0] + 1, match[1]
                starts[i] = " ".join(texts[i:i + n])
                for j in range(i, i + n):
                    heading[j] = True
                i += n
                continue
        elif i > 0 and sents[i].headline and not sents[i - 1].headline:
            starts[i] = texts[i]
        i += 1
    bounds = sorted(starts) + [len(sents)]
    docs = []
    for a, b in zip(bounds, bounds[1:]):
        first = sents[a]
        parts: list[str] = []
        offsets: list[tuple[str, int, int]] = []
        pos = 0
        for j in range(a, b):
            if j > a:
                new_par = heading[j] or heading[j - 1] or texts[j].startswith(DASHES)
                sep = PARAGRAPH_SEP if new_par else " "
                parts.append(sep)
                pos += len(sep)
            parts.append(texts[j])
            offsets.append((sents[j].sent_id, pos, pos + len(texts[j])))
            pos += len(texts[j])
        docs.append(NdtDocument(
            id=f"{lang}/{first.chunk}/{first.index}", lang=lang, split=split_of(lang, first.chunk),
            source=unit, title=starts[a], text="".join(parts), sentences=offsets,
            news=is_news(lang, first.chunk),
        ))
    return docs


def documents(lang: str, split: str | None, data: Path) -> list[NdtDocument]:
    """All documents of one written standard whose first chunk is in ``split`` (None: all)."""
    data = Path(data)
    if not chunk_dir(lang, data).is_dir():
        raise FileNotFoundError(f"no NDT chunk files in {chunk_dir(lang, data)}")
    docs: list[NdtDocument] = []
    for unit, files in source_units(lang, data).items():
        if split is not None and all(split_of(lang, f.stem) != split for f in files):
            continue
        docs.extend(d for d in _unit_documents(lang, unit, files, data)
                    if split is None or d.split == split)
    return docs


@lru_cache(maxsize=8)
def _index(lang: str, split: str, data: Path) -> dict[str, NdtDocument]:
    return {d.id: d for d in documents(lang, split, data)}


def document(doc_id: str, data: Path) -> NdtDocument:
    """Look a document up by id (``nb/ap014_0003/12``)."""
    try:
        lang, chunk, _ = doc_id.split("/")
        split = split_of(lang, chunk)
    except (ValueError, KeyError) as exc:
        raise KeyError(f"malformed NDT document id: {doc_id!r}") from exc
    found = _index(lang, split, Path(data)).get(doc_id)
    if found is None:
        raise KeyError(f"no NDT document {doc_id!r} (it must start a document in {lang} {split})")
    return found
