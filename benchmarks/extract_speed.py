"""Words per second of `sitat extract` end to end, against the full shipped pipeline.

Usage: python benchmarks/extract_speed.py [--repeat 3] [--json]

The corpus is our own articles (tests/articles) plus, where the data directory has them, the
rebuilt NDT news documents of the dev and test splits. Both runs see the same paragraphs; one
process, one core (spaCy's CPU ops are single-threaded).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from pathlib import Path

from sitat.extract import extract_many
from sitat.language import load
from sitat.language.ndt import data_dir
from sitat.read.files import ArticleInput, read_text_file
from sitat.read.paragraphs import split_paragraphs

ROOT = Path(__file__).parent.parent


def corpus() -> list[ArticleInput]:
    items = [read_text_file(p) for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    data = data_dir(None)
    if (data / "norne-nb" / "ndt").is_dir():
        from sitat.evaluate.ndt_documents import documents

        for lang in ("nb", "nn"):
            for split in ("dev", "test"):
                items += [ArticleInput(text=d.text, source=d.id, title_line=True)
                          for d in documents(lang, split, data) if d.news]
    return items


def words(items: list[ArticleInput]) -> int:
    return sum(len(item.text.split()) for item in items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = corpus()
    n_words = words(items)
    list(extract_many(items[:3]))  # load the model and lexicons before timing
    full = load()
    extract_times, full_times = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        quotes = sum(len(a.quotes) for a in extract_many(items))
        extract_times.append(time.perf_counter() - started)
        texts = [item.text[p.start : p.end] for item in items for p in split_paragraphs(item.text, title_line=True)]
        started = time.perf_counter()
        for _doc in full.pipe(texts, batch_size=64):
            pass
        full_times.append(time.perf_counter() - started)
    result = {
        "articles": len(items),
        "words": n_words,
        "quotes": quotes,
        "extract_words_per_second": round(n_words / min(extract_times)),
        "full_pipeline_words_per_second": round(n_words / min(full_times)),
        "ratio_extract_to_full": round(min(full_times) / min(extract_times), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
