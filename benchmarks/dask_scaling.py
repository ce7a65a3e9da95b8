"""Words per second of the Dask engine with 1 and 2 worker processes, peak RSS per worker, and the
reduce step (loading the Parquet into SQLite), against the local engine on the same corpus.

Usage: python benchmarks/dask_scaling.py [--articles 240] [--shards 8] [--workers 1 2] [--repeat 1] [--json]

The corpus is ``--articles`` JSONL records cycling through our own articles (tests/articles/*.txt),
each with its own id, spread over ``--shards`` files. For each worker count a LocalCluster is
started (one thread per worker; the timing of start-up and model load is given apart), the map
step runs into a fresh folder, and the workers report their peak RSS (``ru_maxrss``). The map
time is the wall-clock time from planning to the last shard written. Results go to docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from sitat.extract import UNUSED_COMPONENTS, extract_many
from sitat.language import load
from sitat.read.files import iter_inputs
from sitat.scale import load_into_store, map_corpus
from sitat.scale.cluster import open_client

ROOT = Path(__file__).parent.parent


def build_corpus(folder: Path, articles: int, shards: int) -> list[Path]:
    texts = sorted((ROOT / "tests" / "articles").glob("*.txt"))
    files = [folder / f"korpus-{n:02d}.jsonl" for n in range(shards)]
    streams = [f.open("w", encoding="utf-8") for f in files]
    for n in range(articles):
        title, _, body = texts[n % len(texts)].read_text(encoding="utf-8").partition("\n")
        record = {"id": f"bench-{n}", "title": title, "text": body.strip(), "outlet": "Benk"}
        streams[n % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
    for stream in streams:
        stream.close()
    return files


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def cpu_seconds() -> float:
    """CPU time of this process so far: unlike wall-clock time, it hardly moves when other
    programs share the cores, so words per CPU-second compares runs on a busy machine."""
    return time.process_time()


def run_dask(corpus: list[Path], folder: Path, workers: int, chunk_size: int) -> dict:
    started = time.perf_counter()
    with open_client(workers=workers) as client:
        startup = time.perf_counter() - started
        out = folder / f"parquet-{workers}-{time.time_ns()}"
        cpu_before = client.run(cpu_seconds)
        load_before = os.getloadavg()[0]
        report = map_corpus([str(p) for p in corpus], out, client=client, chunk_size=chunk_size)
        load_after = os.getloadavg()[0]
        cpu = sum(after - cpu_before[worker] for worker, after in client.run(cpu_seconds).items())
        rss = sorted(client.run(peak_rss_mb).values())
    assert report.failed == 0 and not report.errors, report.summary()
    return {"workers": workers, "startup_s": round(startup, 1), "map_s": round(report.seconds, 2),
            "articles": report.articles, "words": report.words, "words_per_s": round(report.words / report.seconds),
            "worker_cpu_s": round(cpu, 2), "words_per_cpu_s": round(report.words / cpu),
            "load_average": [round(load_before, 1), round(load_after, 1)],
            "peak_rss_mb_per_worker": [round(r) for r in rss], "out": str(out)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count; the best counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = build_corpus(folder, args.articles, args.shards)

        nlp = load(exclude=UNUSED_COMPONENTS)
        items = [i for i in iter_inputs([str(p) for p in corpus]) if not isinstance(i, Exception)]
        words = sum(len(i.text.split()) for i in items)
        list(extract_many(items[:3], nlp=nlp))  # warm up lexicons, as the worker plugin does
        started, cpu = time.perf_counter(), time.process_time()
        list(extract_many(items, nlp=nlp))
        local_s, local_cpu = time.perf_counter() - started, time.process_time() - cpu
        results = {"articles": len(items), "words": words, "shards": args.shards,
                   "local": {"seconds": round(local_s, 2), "words_per_s": round(words / local_s),
                             "words_per_cpu_s": round(words / local_cpu)}, "dask": []}

        for workers in args.workers:
            runs = [run_dask(corpus, folder, workers, args.chunk_size) for _ in range(args.repeat)]
            results["dask"].append(max(runs, key=lambda r: r["words_per_s"]))
        base = results["dask"][0]["words_per_s"]
        for run in results["dask"]:
            run["speed_up"] = round(run["words_per_s"] / base, 2)

        out = results["dask"][-1].pop("out")
        size = sum(f.stat().st_size for f in Path(out).rglob("*.parquet"))
        results["parquet_bytes_per_article"] = round(size / results["articles"])
        started = time.perf_counter()
        loaded = load_into_store(out, folder / "bench.db")
        load_s = time.perf_counter() - started
        results["reduce"] = {"seconds": round(load_s, 2), "articles_per_s": round(loaded.ingested / load_s),
                             "words_per_s": round(words / load_s)}
        for run in results["dask"]:
            run.pop("out", None)

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{results['articles']} articles, {words:,} words in {args.shards} shards")
    print(f"local engine, one process: {results['local']['words_per_s']:,} words/s, "
          f"{results['local']['words_per_cpu_s']:,} words per CPU-second")
    for run in results["dask"]:
        print(f"dask, {run['workers']} worker(s): {run['words_per_s']:,} words/s (x{run['speed_up']}), "
              f"{run['words_per_cpu_s']:,} words per worker CPU-second, map {run['map_s']} s, "
              f"start-up {run['startup_s']} s, peak RSS per worker {run['peak_rss_mb_per_worker']} MB, "
              f"load average {run['load_average']}")
    print(f"reduce (load into SQLite): {results['reduce']['articles_per_s']:,} articles/s, "
          f"{results['reduce']['words_per_s']:,} words/s")
    print(f"Parquet (zstd, all four tables): {results['parquet_bytes_per_article']:,} bytes per article")


if __name__ == "__main__":
    main()
