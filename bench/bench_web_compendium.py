"""Benchmark of the compendium's pages under load: `peer-schema serve` in its own process on a
loopback port, N concurrent clients (threads with keep-alive connections) for a bounded time.

    python -m pip install -e ".[dev]"
    python bench/bench_web_compendium.py                      # 20 clients, 10 s, both sources
    python bench/bench_web_compendium.py --clients 5 --seconds 3 --source memory

Goal (issue 14): compendium pages at p95 <= 100 ms with 20 concurrent clients. The clients cycle
through the list (unfiltered, then filtered), a practice's page, the JSON API and a saved
question's answer, on two sources: the compendium shipped with the package (no --store: in
memory) and an embedded store (--store, read in the server's process). The clients run on the
same machine as the server, so they take part of its CPU: the figures are an upper bound.

The server keeps the answers it built while its store is unchanged (web/page_cache.py), so a
page asked again is sent as kept bytes. `--fresh` adds a parameter the pages ignore (`ask=N`,
a new N each request) so that every address is new and every answer is built: the cost of a
page nobody asked for yet (or of a client sending many distinct filters).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "list": "/compendium?lang=en",
    "list, 2 filters": "/compendium?country=GB&setting_category=other&lang=fr",
    "practice": "/compendium/practices/hearing-voices-network-international?lang=en",
    "API practices": "/api/practices?aim=reduce_coercion",
    "question": "/compendium/questions/practices-by-setting-and-country?ask=1&q_country=FR&lang=en",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path | None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    cmd = [sys.executable, "-m", "peer_schema.cli", "serve", "--port", str(port)]
    if store is not None:
        cmd += ["--store", str(store)]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/")
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit(f"peer-schema serve did not answer: {process.stderr.read().decode(errors='replace')[-2000:]}")


def get(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> int:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    answer = conn.getresponse()
    answer.read()
    if connection is None:
        conn.close()
    return answer.status


def load(port: int, clients: int, seconds: float, fresh: bool = False) -> dict[str, list[float]]:
    for path in PAGES.values():  # warm: the shipped compendium is loaded on the first request
        status = get(port, path)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    names = list(PAGES)
    failures: list[tuple[str, int]] = []

    def client(first: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = first
        while time.monotonic() < stop:
            name = names[n % len(names)]
            n += 1
            path = PAGES[name]
            if fresh:  # a parameter every page ignores, new each time: nothing kept is sent
                path += ("&" if "?" in path else "?") + f"ask={first}-{n}"
            start = time.perf_counter()
            status = get(port, path, conn)
            with lock:
                times[name].append(time.perf_counter() - start)
                if status != 200:
                    failures.append((name, status))
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit(f"{len(failures)} answers were not HTTP 200, the first: {failures[0]}")
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--source", choices=["memory", "store", "both"], default="both")
    parser.add_argument("--fresh", action="store_true", help="a new address each request: every answer built")
    args = parser.parse_args()
    sources = ["memory", "store"] if args.source == "both" else [args.source]
    kept = "every answer built (--fresh)" if args.fresh else "answers kept"
    print(f"{args.clients} clients, {args.seconds:g} s each; {os.cpu_count()} CPUs; {kept}; "
          f"load average before: {os.getloadavg()[0]:.2f}\n")
    print("| source | page | requests | p50 | p95 |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for source in sources:
            store = None
            if source == "store":
                from peer_schema.rdf.store import load as load_store

                store = Path(folder) / "store"
                load_store([ROOT / "examples" / "compendium"], store)
            process, port = serve(store)
            try:
                times = load(port, args.clients, args.seconds, args.fresh)
            finally:
                process.terminate()
                process.wait(10)
            every = [t for ts in times.values() for t in ts]
            for name, ts in [*times.items(), ("all pages", every)]:
                print(f"| {source} | {name} | {len(ts)} | {statistics.median(ts) * 1000:.0f} ms | "
                      f"{percentile(ts, 0.95) * 1000:.0f} ms |")
            print(f"| {source} | throughput | {len(every) / args.seconds:.0f} requests/s | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
