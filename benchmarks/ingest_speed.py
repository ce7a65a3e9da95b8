"""Words per second of `sitat ingest` against extraction alone, and how fast a re-run skips.

Usage: python benchmarks/ingest_speed.py [--copies 60] [--repeat 3] [--json]

The corpus is a JSONL file of ``--copies`` records cycling through our own articles
(tests/articles/*.txt), each with its own id. Three timings, one process, the model loaded first:
extract_many alone; Corpus.ingest into a fresh database (extract + SQLite writes, batches of 20);
Corpus.ingest again over the same corpus (everything skipped as unchanged). Each is run --repeat times, alternating; the best counts.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from sitat.extract import UNUSED_COMPONENTS, extract_many
from sitat.language import load
from sitat.read.files import iter_inputs
from sitat.store import Corpus

ROOT = Path(__file__).parent.parent


def build_corpus(path: Path, copies: int) -> Path:
    texts = sorted((ROOT / "tests" / "articles").glob("*.txt"))
    with path.open("w", encoding="utf-8") as f:
        for n in range(copies):
            title, _, body = texts[n % len(texts)].read_text(encoding="utf-8").partition("\n")
            f.write(json.dumps({"id": f"bench-{n}", "title": title, "text": body.strip()}, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    nlp = load(exclude=UNUSED_COMPONENTS)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp) / "korpus.jsonl", args.copies)
        items = list(iter_inputs([str(corpus)]))
        words = sum(len(i.text.split()) for i in items)
        list(extract_many(items[:3], nlp=nlp))  # warm up lexicons and caches
        extract_times, ingest_times, reingest_times = [], [], []
        for run in range(args.repeat):
            started = time.perf_counter()
            list(extract_many(items, nlp=nlp))
            extract_times.append(time.perf_counter() - started)
            with Corpus(Path(tmp) / f"bench{run}.db", nlp=nlp) as store:
                started = time.perf_counter()
                first = store.ingest(corpus)
                ingest_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                again = store.ingest(corpus)
                reingest_times.append(time.perf_counter() - started)
                counts = store.counts()
    extract_s, ingest_s, reingest_s = min(extract_times), min(ingest_times), min(reingest_times)
    result = {
        "articles": len(items),
        "words": words,
        "quotes": counts["quotes"],
        "extract_words_per_second": round(words / extract_s),
        "ingest_words_per_second": round(words / ingest_s),
        "ingest_overhead_percent": round(100 * (ingest_s - extract_s) / extract_s, 1),
        "reingest_seconds": round(reingest_s, 3),
        "reingest_speedup": round(ingest_s / reingest_s),
        "first_run": [first.ingested, first.skipped],
        "second_run": [again.ingested, again.skipped],
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
