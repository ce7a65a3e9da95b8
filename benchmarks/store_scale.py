"""Search latency, stats time and size of a large sitat store (the corpus of make_corpus.py).

Usage: python benchmarks/store_scale.py --db /tmp/korpus.db --jsonl /tmp/korpus.jsonl [--repeat 3] [--json]

Read-only over the store, as the CLI and the web API read it (one ``mode=ro`` connection). Three
measurements:

- ``search``: a varied query set (common and rare words, prefixes, phrases, two words, each alone
  and with speaker, outlet, date and type filters, plus filter-only listings of the newest quotes),
  every query run ``--repeat`` times after one warm-up pass; p50, p95 and the slowest query.
  Targets: p95 < 100 ms.
- ``stats``: ``sitat stats`` for the whole store, by outlet and by month (target < 2 s each).
- size: the database file (with its WAL) against the JSONL input (target ≤ 2x), and the bytes per
  table and index (SQLite's dbstat, where the build has it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from sitat.analytics import open_readonly, stats, top_speakers
from sitat.store.reuse import top_reused
from sitat.store.search import search

# Words a newsroom searches for: frequent, rare, Bokmål and Nynorsk, prefixes and phrases.
WORDS = ["regjeringen", "kommunen", "politiet", "skatt*", "klima*", "barn", "skule*", "skole*", "sykehus*",
         "Russland", "Ukraina", "pengar", "pengene", "budsjett*", "streik", "flom", "straum*", "strøm*",
         "fotball", "valget", "Stortinget", "statsministeren", "arbeidsplassar", "arbeidsplasser",
         "\"for tidlig\"", "\"ikke akseptabelt\"", "\"vi er\"", "ulykke*", "domstol*", "Oslo", "Bergen",
         "forskning", "helse*", "miljø", "olje*", "bonde*", "hytte*", "kronor", "Nato", "EU"]
PAIRS = ["regjeringen skatt*", "politiet ulykke*", "kommunen skule*", "klima olje*", "Stortinget budsjett*"]
DATE_RANGES = [("2019-01-01", "2019-12-31"), ("2023-06-01", None), (None, "2018-06-30")]


def query_set(conn) -> list[dict]:
    """Searches with and without filters; speakers and outlets taken from the store itself."""
    speakers = [r["name"] for r in top_speakers(conn, top=5)]
    outlets = [r[0] for r in conn.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL "
                                          "GROUP BY outlet ORDER BY count(*) DESC LIMIT 5")]
    queries = [{"query": w} for w in WORDS + PAIRS]
    for i, w in enumerate(WORDS[:20]):
        f: dict = {"query": w}
        if i % 4 == 0 and speakers:
            f["speaker"] = speakers[i % len(speakers)].split()[-1]
        if i % 4 == 1 and outlets:
            f["outlet"] = outlets[i % len(outlets)]
        if i % 4 == 2:
            f["since"], f["until"] = DATE_RANGES[i % len(DATE_RANGES)]
        if i % 4 == 3:
            f["type"] = ("direct", "indirect", "mixed")[i % 3]
        queries.append(f)
    # No words: the newest quotes, as a listing page shows them.
    queries += [{"query": ""}, {"query": "", "outlet": outlets[0] if outlets else None},
                {"query": "", "speaker": speakers[0] if speakers else None}, {"query": "", "type": "mixed"},
                {"query": "", "since": "2024-01-01", "until": "2024-01-31"}]
    return queries


def time_search(conn, queries: list[dict], repeat: int) -> dict:
    for q in queries:  # warm-up: the page cache, as on a server that has been up a while
        search(conn, **q)
    times, cpu_times, slowest = [], [], (0.0, None)
    for _ in range(repeat):
        for q in queries:
            started, cpu = time.perf_counter(), time.process_time()
            search(conn, **q)
            took = time.perf_counter() - started
            times.append(took)
            cpu_times.append(time.process_time() - cpu)
            if took > slowest[0]:
                slowest = (took, q)
    times.sort()
    cpu_times.sort()
    return {"queries": len(queries), "runs": len(times),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
            "cpu_p95_ms": round(cpu_times[int(0.95 * (len(cpu_times) - 1))] * 1000, 1),
            "max_ms": round(slowest[0] * 1000, 1), "slowest_query": slowest[1]}


def time_call(fn) -> dict:
    """Wall-clock and CPU seconds of one call (on a shared machine the CPU time is the steadier one)."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return {"wall_s": round(time.perf_counter() - started, 2), "cpu_s": round(time.process_time() - cpu, 2)}


def sizes(db: Path, jsonl: Path | None, conn) -> dict:
    wal = db.with_name(db.name + "-wal")
    db_bytes = db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    out: dict = {"db_bytes": db_bytes}
    if jsonl is not None and jsonl.is_file():
        out["jsonl_bytes"] = jsonl.stat().st_size
        out["db_to_jsonl"] = round(db_bytes / out["jsonl_bytes"], 2)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        out["bytes_by_object"] = {name: n for name, n in rows}
    except Exception:  # dbstat is a compile-time option of SQLite
        pass
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="The store to measure (read only).")
    parser.add_argument("--jsonl", type=Path, help="The JSONL corpus it was built from, for the size ratio.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of the whole query set.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    conn = open_readonly(args.db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "speakers")}
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="minutes"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1), **counts,
        "search": time_search(conn, query_set(conn), args.repeat),
        "stats": time_call(lambda: stats(conn)),
        "stats_by_outlet": time_call(lambda: stats(conn, by="outlet")),
        "stats_by_month": time_call(lambda: stats(conn, by="month")),
        "top_speakers": time_call(lambda: top_speakers(conn, top=20)),
        "top_reused": time_call(lambda: top_reused(conn, top=20)),
        **sizes(args.db, args.jsonl, conn),
    }
    conn.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k, v in list(value.items())[:15]:
                print(f"  {k:34} {v}")
        else:
            print(f"{key:36} {value}")


if __name__ == "__main__":
    main()
