"""Loopback load test of `GET /api/quotes`: requests per second and latency percentiles.

Usage: python benchmarks/api_load.py --db /tmp/korpus.db [--requests 4000] [--seconds 60]
                                     [--concurrency 16] [--mix all|search|browse] [--json]
       python benchmarks/api_load.py --url http://127.0.0.1:8000 ...   (a server already running)

Starts `sitat serve` on a free 127.0.0.1 port in its own process (unless --url is given), waits
for it, sends a warm-up round, then runs --concurrency clients (httpx, asyncio) until --requests
answers or --seconds have passed, whichever comes first. The requests cycle through a fixed mix
of what the search page sends (--mix): full-text words and prefixes, alone or with a filter
(``search``), and browsing without words: the newest quotes, a speaker, an outlet, a date range,
a quote type, deeper pages (``browse``); speakers and outlets are read from the store so the
filters match something. Every answer must be 200. Client and server share the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

WORDS = ["skatt*", "regjeringen", "kommune*", "pengar", "politiet", "sykehus*", "barn", "klima*", "strøm*",
         "budsjett*", "\"ikke godt nok\"", "skole*", "veien", "Ukraina", "fisk*", "flom*"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query_mix(db: Path | None, kind: str = "all") -> list[dict[str, str | int]]:
    """The parameters each request sends, in turn (speakers and outlets from the store).

    kind: ``search`` (full-text words, some with a filter or a deeper page), ``browse`` (no words:
    the newest quotes, a speaker, an outlet, a date range, a type, deeper pages) or ``all`` (both,
    interleaved).
    """
    speakers, outlets = ["Støre"], ["NRK"]
    if db is not None:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            speakers = [r[0] for r in conn.execute(
                "SELECT s.name FROM speakers s JOIN quotes q ON q.speaker_id = s.id "
                "WHERE s.kind = 'person' GROUP BY s.id ORDER BY count(*) DESC LIMIT 8")] or speakers
            outlets = [r[0] for r in conn.execute(
                "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC LIMIT 6")] or outlets
        finally:
            conn.close()
    search: list[dict[str, str | int]] = [{"q": w} for w in WORDS]
    search += [{"q": "skatt*", "since": "2020-01-01", "until": "2021-12-31"}, {"q": "regjeringen", "type": "direct"},
               {"q": "kommune*", "offset": 40}, {"q": "klima*", "outlet": outlets[0]}]
    browse: list[dict[str, str | int]] = [{}, {"offset": 100}, {"type": "indirect"}, {"since": "2022-03-01", "until": "2022-03-31"}]
    browse += [{"speaker": s.split()[-1]} for s in speakers]
    browse += [{"outlet": o} for o in outlets]
    browse += [{"speaker": speakers[0].split()[-1], "since": "2019-01-01"}, {"outlet": outlets[-1], "offset": 60}]
    if kind == "search":
        return search
    if kind == "browse":
        return browse
    return [p for pair in zip(search, browse) for p in pair] + search[len(browse):] + browse[len(search):]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ}
    env.pop("SITAT_API_TOKEN", None)
    return subprocess.Popen([sys.executable, "-m", "sitat", "serve", "--db", str(db), "--port", str(port),
                             "--log-level", "warning", "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(url: str, proc: subprocess.Popen | None, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{url}/api/quotes", params={"limit": 1}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"sitat serve stopped: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            raise SystemExit(f"no answer from {url} within {timeout_s:.0f} s")
        time.sleep(0.2)


async def run_load(url: str, mix: list[dict], *, requests: int, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    sent = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        async def worker() -> None:
            nonlocal sent
            while sent < requests and time.perf_counter() < deadline:
                params = {**mix[sent % len(mix)], "limit": 20}
                sent += 1
                started = time.perf_counter()
                try:
                    r = await client.get("/api/quotes", params=params)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {params}: {r.text[:200]}")
                except httpx.HTTPError as err:
                    errors.append(f"{type(err).__name__} {params}")
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 1) if latencies else 0.0

    return {"requests": len(latencies), "errors": len(errors), "first_errors": errors[:5],
            "seconds": round(elapsed, 2), "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": round(latencies[-1] * 1000, 1) if latencies else 0.0,
            "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0, "concurrency": concurrency}


def store_size(db: Path) -> dict:
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "speakers")}
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="The store to serve (and to read speakers and outlets from).")
    parser.add_argument("--url", help="Load a server that is already running instead of starting one.")
    parser.add_argument("--requests", type=int, default=4000, help="Stop after this many answers.")
    parser.add_argument("--seconds", type=float, default=60.0, help="Stop after this long, whatever the count.")
    parser.add_argument("--concurrency", type=int, default=16, help="Requests in flight at once.")
    parser.add_argument("--warmup", type=int, default=200, help="Requests sent first and not counted.")
    parser.add_argument("--workers", type=int, default=1, help="Server processes (`sitat serve --workers`).")
    parser.add_argument("--mix", choices=("all", "search", "browse"), default="all",
                        help="Full-text searches, browsing without words, or both (default).")
    parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")
    args = parser.parse_args()
    if args.db is None and args.url is None:
        parser.error("give --db FILE (a server is started on it) or --url URL")
    proc = None
    url = args.url
    if url is None:
        url = f"http://127.0.0.1:{free_port()}"
        proc = start_server(args.db, int(url.rsplit(":", 1)[1]), args.workers)
    try:
        wait_for(url, proc)
        mix = query_mix(args.db, args.mix)
        asyncio.run(run_load(url, mix, requests=args.warmup, seconds=min(30.0, args.seconds), concurrency=args.concurrency))
        result = asyncio.run(run_load(url, mix, requests=args.requests, seconds=args.seconds,
                                      concurrency=args.concurrency))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    result["store"] = store_size(args.db) if args.db else None
    result["cpus"] = os.cpu_count()
    result["mix"] = args.mix
    result["workers"] = args.workers if args.url is None else None
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"GET /api/quotes ({args.mix}): {result['requests']} requests in {result['seconds']} s, {result['errors']} errors, "
          f"concurrency {result['concurrency']}, {result['workers']} server process(es), {result['cpus']} CPUs")
    print(f"  {result['requests_per_s']} requests/s; latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
          f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
    if result["store"]:
        print("  store: " + ", ".join(f"{n:,} {t}" for t, n in result["store"].items()))
    for line in result["first_errors"]:
        print("  error: " + line)


if __name__ == "__main__":
    main()
