"""Build a large synthetic news corpus (a JSONL file and a sitat store) by resampling real articles.

Usage: python benchmarks/make_corpus.py --articles 100000 --jsonl /tmp/korpus.jsonl --db /tmp/korpus.db

The source documents are our own articles (tests/articles/*.txt) and, where the data directory
has them ($SITAT_DATA or ../shared/data), the NDT news documents of both written standards. Each
source is extracted once (about 450,000 words: a few minutes); every corpus article is then a copy
of one source with its own id, URL, outlet, section, date and byline, a random subset of its
paragraphs in a lightly shuffled order, and the quotes, cues and speaker mentions of the kept
paragraphs moved to their new offsets (checked: the stored text at each quote's offsets is the
quote). About one article in eight is NTB copy (byline or "(©NTB)" credit), so quote reuse and
wire detection have something to find. The store is written through the store's Writer (speaker
identity, quote reuse, FTS5 and all), in batches; the JSONL file holds exactly the articles of
the store, so `sitat ingest OUT.jsonl` would build the same articles with freshly extracted quotes.

The same --seed gives the same corpus; a re-run on an existing --db skips what it holds. The NDT
text stays in the output files: never commit them.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sitat.article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from sitat.read.files import ArticleInput, read_text_file
from sitat.read.paragraphs import split_paragraphs

ROOT = Path(__file__).resolve().parent.parent

# (outlet, domain, weight): a few big national outlets, many regional and local ones.
OUTLETS = [
    ("Aftenposten", "aftenposten.no", 10), ("VG", "vg.no", 10), ("NRK", "nrk.no", 12), ("Dagbladet", "dagbladet.no", 6),
    ("TV 2", "tv2.no", 6), ("Bergens Tidende", "bt.no", 5), ("Adresseavisen", "adressa.no", 5),
    ("Stavanger Aftenblad", "aftenbladet.no", 4), ("Fædrelandsvennen", "fvn.no", 3), ("Nordlys", "nordlys.no", 3),
    ("iTromsø", "itromso.no", 2), ("Avisa Nordland", "an.no", 2), ("Lofotposten", "lofotposten.no", 1),
    ("Romerikes Blad", "rb.no", 2), ("Drammens Tidende", "dt.no", 2), ("Sunnmørsposten", "smp.no", 2),
    ("Firda", "firda.no", 1), ("Dag og Tid", "dagogtid.no", 1), ("Framtida.no", "framtida.no", 1),
    ("Nationen", "nationen.no", 2), ("Klassekampen", "klassekampen.no", 2), ("Dagens Næringsliv", "dn.no", 3),
    ("E24", "e24.no", 2), ("Vårt Land", "vl.no", 1), ("Bergensavisen", "ba.no", 2),
]
SECTIONS = ["innenriks", "utenriks", "politikk", "økonomi", "kultur", "sport", "lokalt", "meninger"]
REPORTERS = ["Kari Nordvik", "Ola Berg", "Ingrid Haugen", "Lars Moe", "Siri Jakobsen", "Per Olav Lien",
             "Marte Solheim", "Eirik Dahl", "Ragnhild Aase", "Tor Arne Vik", "Nora Bakke", "Jon Kvam"]
WIRE_SHARE = 0.12       # articles that are NTB copy
KEEP_PARAGRAPH = 0.85   # chance that a paragraph block of the source is kept
FIRST_DAY, DAYS = date(2018, 1, 1), 8 * 365


@dataclass
class Block:
    """Consecutive paragraphs of a source that no quote, cue or mention crosses out of."""

    start: int
    end: int
    quotes: list[int] = field(default_factory=list)  # indexes into Source.article.quotes


@dataclass
class Source:
    article: Article
    title: str
    blocks: list[Block]
    block_at: dict[tuple[int, int], int] = field(default_factory=dict)  # span (start, end) -> its block


def sources(data: Path | None, max_sources: int) -> list[ArticleInput]:
    """Our own .txt articles, then the NDT news documents (title on the first line)."""
    items = [read_text_file(p) for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    if data is not None and (data / "norne-nb" / "ndt").is_dir():
        from sitat.evaluate.ndt_documents import documents

        for lang in ("nb", "nn"):
            items += [ArticleInput(text=d.text, source=d.id, title=d.title, title_line=True)
                      for d in documents(lang, None, data) if d.news and d.text.count("\n\n") >= 2]
    return items[:max_sources] if max_sources else items


def extracted(items: list[ArticleInput], cache: Path | None) -> list[Article]:
    """Every source extracted once (or read back from ``cache``, when it holds these sources)."""
    key = [(i.source, len(i.text)) for i in items]
    if cache is not None and cache.is_file():
        stored = pickle.loads(cache.read_bytes())
        if stored["key"] == key:
            return stored["articles"]
    from sitat.extract import extract_many

    started = time.perf_counter()
    articles = []
    for n, article in enumerate(extract_many(items), 1):
        articles.append(article)
        if n % 100 == 0:
            print(f"  extracted {n}/{len(items)} sources ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if cache is not None:
        cache.write_bytes(pickle.dumps({"key": key, "articles": articles}))
    return articles


def spans_of(article: Article) -> list[tuple[int, int]]:
    """Every span whose text must stay whole: quotes, cues, speaker mentions."""
    spans = []
    for q in article.quotes:
        spans.append((q.start, q.end))
        for span in (q.cue, q.speaker.mention):
            if span is not None:
                spans.append((span.start, span.end))
    for p in article.speakers:
        spans += [(m.start, m.end) for m in p.mentions]
    return spans


def blocks_of(article: Article) -> Source | None:
    """The source cut into blocks of paragraphs (a span across paragraphs joins them into one)."""
    paragraphs = split_paragraphs(article.text, title_line=True)
    if len(paragraphs) < 2:
        return None
    title, body = paragraphs[0], paragraphs[1:]
    parent = list(range(len(body)))

    def index(offset: int) -> int:
        return next((i for i, p in enumerate(body) if offset < p.end), len(body) - 1)

    for start, end in spans_of(article):
        if start < body[0].start:
            continue
        first, last = index(start), index(max(start, end - 1))
        for i in range(first + 1, last + 1):
            parent[i] = parent[first]
    blocks: list[Block] = []
    for i, p in enumerate(body):
        if i and parent[i] == parent[i - 1]:
            blocks[-1].end = p.end
        else:
            blocks.append(Block(p.start, p.end))
    block_at = {}
    for start, end in spans_of(article):
        block_at[(start, end)] = next((n for n, b in enumerate(blocks) if b.start <= start and end <= b.end), -1)
    for n, q in enumerate(article.quotes):
        if block_at[(q.start, q.end)] >= 0:
            blocks[block_at[(q.start, q.end)]].quotes.append(n)
    return Source(article, article.text[title.start:title.end], blocks, block_at)


def moved(span: TextSpan | None, shift: dict[int, int], src: Source) -> TextSpan | None:
    """``span`` at its offset in the new text, or None when its paragraph was left out (or is the title)."""
    if span is None:
        return None
    n = src.block_at.get((span.start, span.end), -1)
    return TextSpan(span.text, span.start + shift[n], span.end + shift[n]) if n in shift else None


def resample(src: Source, n: int, rng: random.Random, jsonl: Path) -> tuple[ArticleInput, Article, dict]:
    """Corpus article number ``n``: a new copy of ``src`` with its quotes at their new offsets."""
    kept = [i for i in range(len(src.blocks)) if rng.random() < KEEP_PARAGRAPH] or [rng.randrange(len(src.blocks))]
    for _ in range(rng.choice((0, 0, 1, 2))):  # now and then an outlet moves a paragraph up or down
        if len(kept) > 2:
            i = rng.randrange(1, len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    text = src.article.text
    parts, shift, at = [], {}, 0
    for i in kept:
        b = src.blocks[i]
        shift[i] = at - b.start
        parts.append(text[b.start:b.end])
        at += b.end - b.start + 2
    wire = rng.random() < WIRE_SHARE
    if wire and rng.random() < 0.5:
        parts.append("(©NTB)")  # at the end, so no offset moves
    body = "\n\n".join(parts)
    quotes = []
    for i in kept:
        for qn in src.blocks[i].quotes:
            q = src.article.quotes[qn]
            s = q.speaker
            speaker = Speaker(s.name, moved(s.mention, shift, src), s.entity, s.role, s.organisation, s.party,
                              s.country, s.gender, s.kind)
            quotes.append(Quote(q.text, q.start + shift[i], q.end + shift[i], q.type,
                                moved(q.cue, shift, src), speaker, q.confidence))
    for q in quotes:
        if body[q.start:q.end] != q.text:
            raise AssertionError(f"article {n}: quote moved to the wrong offsets: {q.text!r}")
    speakers = []
    for p in src.article.speakers:
        mentions = [m for m in (moved(m, shift, src) for m in p.mentions) if m is not None]
        count = sum(q.speaker.entity == p.entity for q in quotes)
        if mentions or count:
            speakers.append(SpeakerProfile(p.entity, p.name, p.kind, p.role, p.organisation, p.party, p.country,
                                           p.gender, mentions, count))
    outlet, domain, _ = rng.choices(OUTLETS, weights=[w for *_, w in OUTLETS])[0]
    section = rng.choice(SECTIONS)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    ext_id = f"syn-{n:06d}"
    meta = {
        "id": ext_id, "url": f"https://www.{domain}/{section}/{ext_id}", "outlet": outlet, "section": section,
        "published": f"{day.isoformat()}T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}:00+01:00",
        "authors": ["NTB"] if wire and "(©NTB)" not in body else rng.sample(REPORTERS, rng.choice((1, 1, 2))),
    }
    title = src.title if rng.random() < 0.8 else f"{src.title} (oppdatert)"
    source = f"{jsonl}:{n + 1}"
    item = ArticleInput(text=body, source=source, title=title, meta=meta)
    article = Article(body, src.article.lang, title, source, quotes, speakers, dict(meta))
    return item, article, {"title": title, "text": body, **meta}


def corpus_writer(conn):
    """The store's Writer, remembering whom each speaker mention was matched to: the copies of one
    source name the same people, and matching them again against the store would only cost time."""
    from sitat.store.writer import Writer

    class CorpusWriter(Writer):
        memo: dict = {}

        def speaker_id(self, name, kind, attrs, *, refs=None):
            key = (name, kind, tuple(sorted(attrs.items())))
            if key not in self.memo:
                self.memo[key] = super().speaker_id(name, kind, attrs, refs=refs)
            return self.memo[key]

    return CorpusWriter(conn, extractor="benchmarks/make_corpus.py")


def build(args: argparse.Namespace) -> dict:
    from sitat.language.ndt import data_dir
    from sitat.store.database import connect

    started = time.perf_counter()
    items = sources(None if args.no_ndt else data_dir(args.data), args.max_sources)
    print(f"extracting {len(items)} source documents once", file=sys.stderr)
    pool = [s for s in (blocks_of(a) for a in extracted(items, args.cache)) if s is not None]
    extract_s = time.perf_counter() - started
    rng = random.Random(args.seed)
    tmp = args.jsonl.with_name(args.jsonl.name + ".tmp")
    conn = connect(args.db)
    # A generated corpus can be generated again: a commit need not wait for the disk (WAL still
    # keeps every committed batch whole).
    conn.execute("PRAGMA synchronous = NORMAL")
    writer = corpus_writer(conn)
    inserted = skipped = 0
    batch: list[tuple[ArticleInput, Article]] = []
    with tmp.open("w", encoding="utf-8") as out:
        for n in range(args.articles):
            item, article, record = resample(rng.choice(pool), n, rng, args.jsonl)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            batch.append((item, article))
            if len(batch) >= args.batch_size or n == args.articles - 1:
                result = writer.write(batch)
                if result.errors:
                    raise SystemExit("\n".join(result.errors))
                inserted += result.inserted + result.replaced
                skipped += result.skipped
                batch.clear()
                rate = (n + 1) / (time.perf_counter() - started - extract_s)
                print(f"  {n + 1}/{args.articles} articles ({rate:.0f}/s)", file=sys.stderr)
    tmp.replace(args.jsonl)
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "speakers")}
    conn.close()
    return {"sources": len(pool), "written": inserted, "skipped": skipped, **counts,
            "jsonl_bytes": args.jsonl.stat().st_size, "db_bytes": args.db.stat().st_size,
            "extract_s": round(extract_s, 1), "total_s": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__.split("\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="How many articles (default 100000).")
    parser.add_argument("--jsonl", type=Path, required=True, help="Write the corpus here, one JSON article a line.")
    parser.add_argument("--db", type=Path, required=True, help="Write the sitat store here (created, or completed).")
    parser.add_argument("--seed", type=int, default=2024, help="Random seed: the same seed, the same corpus.")
    parser.add_argument("--data", help="The shared data folder (default: $SITAT_DATA or ../shared/data).")
    parser.add_argument("--no-ndt", action="store_true", help="Resample our own tests/articles only.")
    parser.add_argument("--max-sources", type=int, default=0, help="Use at most this many source documents (0: all).")
    parser.add_argument("--cache", type=Path, help="Keep the extracted sources in this file and reuse them next run.")
    parser.add_argument("--batch-size", type=int, default=1000, help="Articles per committed transaction.")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    print(json.dumps(build(args)))


if __name__ == "__main__":
    main()
