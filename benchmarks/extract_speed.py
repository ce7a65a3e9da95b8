"""Speed of `sitat extract` end to end against the full shipped spaCy pipeline, in one run.

Usage: python benchmarks/extract_speed.py [--repeat 2] [--limit N] [--json]

The corpus is our own articles (tests/articles) plus, where the data directory has them, the
rebuilt NDT news documents of the dev and test splits. Every measurement sees the same articles:

* full: the shipped pipeline as spaCy loads it (all components, thinc's BLIS), ``nlp.pipe`` over
  every paragraph: the baseline of issue 6;
* extract: ``extract_many(workers=1)`` in this process, end to end (paragraphs, pipeline,
  quote rules, speakers);
* extract without the cue pre-filter (every paragraph parsed), to show what the filter buys;
* extract in 1 and in 2 worker processes (wall clock, with and without the worker start-up).

Throughput per core is words per CPU second of this process (``time.process_time``), so other
jobs on a shared machine slow the wall clock but not this figure; the worker runs can only be
timed by the wall clock. Native maths libraries are held to one thread, so one process is one
core. Peak RSS per worker is the largest resident size of any worker process, sampled every
0.1 s with psutil (``ru_maxrss`` of a child counts the parent's pages it had before exec).
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before NumPy loads: one process, one core

import argparse
import json
import platform
import resource
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import spacy

from sitat.extract import extract_in_processes, extract_many
from sitat.language import model_path
from sitat.language.ndt import data_dir
from sitat.read.files import ArticleInput, read_text_file
from sitat.read.paragraphs import split_paragraphs
from sitat.speakers.gender import preload as preload_names

ROOT = Path(__file__).parent.parent


def corpus(limit: int | None = None) -> list[ArticleInput]:
    items = [read_text_file(p) for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    data = data_dir(None)
    if (data / "norne-nb" / "ndt").is_dir():
        from sitat.evaluate.ndt_documents import documents

        for lang in ("nb", "nn"):
            for split in ("dev", "test"):
                items += [ArticleInput(text=d.text, source=d.id, title_line=True)
                          for d in documents(lang, split, data) if d.news]
    return items[:limit] if limit else items


def words(items: list[ArticleInput]) -> int:
    return sum(len(item.text.split()) for item in items)


def timed(run) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def best(runs: list[tuple[float, float, object]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def measure(items: list[ArticleInput], repeat: int) -> dict:
    n_words = words(items)
    texts = [item.text[p.start : p.end] for item in items
             for p in split_paragraphs(item.text, title_line=item.title_line)]
    full = spacy.load(model_path())  # stock: every component, spaCy's own maths
    list(full.pipe(texts[:20]))
    list(extract_many(items[:3], workers=1))  # load our pipeline and lexicons
    preload_names()  # as a worker does at start-up: not every warm-up article has a name SSB lacks
    runs: dict[str, list] = {"full": [], "extract": [], "extract_parse_all": []}
    for _ in range(repeat):  # interleaved, so a busy minute hits every variant alike
        runs["full"].append(timed(lambda: sum(1 for _ in full.pipe(texts))))
        runs["extract"].append(timed(lambda: list(extract_many(items, workers=1))))
        runs["extract_parse_all"].append(timed(lambda: list(extract_many(items, workers=1, parse_all=True))))
    articles = runs["extract"][0][2]
    full_wall, full_cpu = best(runs["full"])
    ours_wall, ours_cpu = best(runs["extract"])
    _all_wall, all_cpu = best(runs["extract_parse_all"])
    same = all(_quotes(a) == _quotes(b) for a, b in zip(articles, runs["extract_parse_all"][0][2]))
    benchmark_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    runs.clear()  # the Docs and Articles of the runs above, before the workers start
    scaling = {n: _workers_run(items, n, repeat) for n in (1, 2)}
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "articles": len(items),
        "paragraphs": len(texts),
        "words": n_words,
        "quotes": sum(len(a.quotes) for a in articles),
        "full_pipeline_words_per_cpu_second": round(n_words / full_cpu),
        "extract_words_per_cpu_second": round(n_words / ours_cpu),
        "extract_parse_all_words_per_cpu_second": round(n_words / all_cpu),
        "ratio_extract_to_full_per_core": round(full_cpu / ours_cpu, 2),
        "ratio_extract_to_full_wall": round(full_wall / ours_wall, 2),
        "prefilter_gain": round(all_cpu / ours_cpu, 2),
        "prefilter_same_quotes": same,
        "workers_1_words_per_second": round(n_words / scaling[1]["wall"]),
        "workers_2_words_per_second": round(n_words / scaling[2]["wall"]),
        "workers_2_steady_words_per_second": round(n_words / scaling[2]["steady"]),
        "workers_1_steady_words_per_second": round(n_words / scaling[1]["steady"]),
        "speedup_1_to_2_workers": round(scaling[1]["wall"] / scaling[2]["wall"], 2),
        "speedup_1_to_2_workers_steady": round(scaling[1]["steady"] / scaling[2]["steady"], 2),
        "ratio_2_workers_to_full_one_process_wall": round(full_wall / scaling[2]["wall"], 2),
        # CPU accounting, immune to other jobs: the share of the work the parent does itself
        # (reading, sending, receiving) and the best 1 -> 2 worker speed-up it leaves on 2 idle
        # cores (the parent's share runs alongside the workers, on the same two cores).
        "parent_cpu_share_2_workers": round(scaling[2]["parent_cpu"] / (scaling[2]["parent_cpu"] + scaling[2]["workers_cpu"]), 3),
        "workers_cpu_1_vs_2_workers": round(scaling[2]["workers_cpu"] / scaling[1]["workers_cpu"], 2),
        "speedup_1_to_2_workers_cpu_bound": round(_ideal_wall(scaling[1], 1) / _ideal_wall(scaling[2], 2), 2),
        "speedup_1_to_2_workers_cpu_bound_steady": round(
            _ideal_wall(scaling[1], 1, steady=True) / _ideal_wall(scaling[2], 2, steady=True), 2),
        "worker_start_seconds": round(scaling[2]["start"], 1),
        "peak_rss_per_worker_mb": max((s["rss_mb"] or 0) for s in scaling.values()) or None,
        "peak_rss_benchmark_process_mb": benchmark_rss,
    }


def _workers_run(items: list[ArticleInput], workers: int, repeat: int) -> dict:
    """Wall seconds for ``items`` in ``workers`` processes, what starting them costs, peak RSS."""
    tiny = [ArticleInput(text="Tittel\n\nDet regner.", source=f"start-{n}", title_line=True) for n in range(workers)]
    with RssSampler() as rss:
        before = _children_cpu()
        start = min(timed(lambda: list(extract_in_processes(tiny, workers=workers)))[0] for _ in range(repeat))
        start_cpu = (_children_cpu() - before) / repeat
        walls = []
        for _ in range(repeat):
            before = _children_cpu()
            wall, parent_cpu, _result = timed(lambda: list(extract_in_processes(items, workers=workers)))
            walls.append(wall)
            workers_cpu = _children_cpu() - before
    return {"wall": min(walls), "start": start, "steady": max(min(walls) - start, 1e-9), "rss_mb": rss.peak_mb,
            "parent_cpu": parent_cpu, "workers_cpu": workers_cpu, "workers_cpu_steady": workers_cpu - start_cpu}


def _ideal_wall(run: dict, workers: int, cores: int = 2, *, steady: bool = False) -> float:
    """Wall seconds the run's CPU work needs on ``cores`` idle cores: the workers split their work,
    the parent works alongside them, and no more than ``cores`` of them run at once. ``steady``
    leaves out the workers' start (loading the pipeline)."""
    work = run["workers_cpu_steady" if steady else "workers_cpu"]
    return max(work / workers, run["parent_cpu"], (work + run["parent_cpu"]) / cores)


def _children_cpu() -> float:
    """CPU seconds of all finished child processes (the workers, once their pool has shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class RssSampler:
    """The largest resident set size of any child process while the block runs (needs psutil)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_mb: int | None = None
        self._stop = threading.Event()

    def __enter__(self) -> "RssSampler":
        try:
            import psutil
        except ImportError:  # the figure is reported as None
            return self
        me = psutil.Process()
        self.peak_mb = 0

        def sample() -> None:
            while not self._stop.wait(self.interval):
                for child in me.children(recursive=True):
                    try:
                        self.peak_mb = max(self.peak_mb, child.memory_info().rss // (1024 * 1024))
                    except psutil.Error:
                        pass  # it ended between listing and reading

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()


def _quotes(article) -> list[tuple]:
    return [(q.start, q.end, q.type, q.speaker.name) for q in article.quotes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each variant; the best counts")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(corpus(args.limit), args.repeat)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:42} {value}")


if __name__ == "__main__":
    main()
