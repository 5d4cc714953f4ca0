"""Benchmark of the web app (`peer-schema serve`, issue 14): a real uvicorn process on loopback.

    python -m pip install -e ".[dev]"
    python bench/bench_web.py                          # about 5 minutes on a quiet 2-core machine
    python bench/bench_web.py --records 2000 --load-seconds 5 --uploads 300   # a quicker look

The server is `python -m peer_schema.cli serve --port P` (what `peer-schema serve` runs: one
uvicorn process, 127.0.0.1), started once, warmed, and asked over HTTP by httpx2 (the test
client's HTTP library, installed by the dev extra). Three measures, in one run:
  (a) `POST /api/validate` of a 10,000-row workbook (`--records`; made as bench/bench_workbook.py
      makes it: a synthetic registry written by the project's workbook writer, what `peer-schema
      export --to xlsx` uses), the whole request (upload, check, JSON answer) timed by the client,
      against `peer-schema validate --format json` on the same file, a whole fresh process, the two
      taken in turn (the machine's speed drifts), median of `--repeat` each. The two JSON reports
      are compared (they must be equal). Goal: the request at most 1.3x the command.
  (b) a bounded load: `--clients` (20) threads, each its own keep-alive connection, asking pages in
      turn for `--load-seconds` seconds (or `--load-requests` in all); p50/p95/max latency and
      requests/s. On the compendium pages when the app has them (/compendium and GET
      /api/practices answer 200; `--store DIR` gives the server a store to read), otherwise on
      the home and check pages; `--route PATH` names others. Goal: p95 <= 100 ms.
  (c) memory over `--uploads` (1,000) uploads of a small workbook to /api/validate: the server
      process's VmRSS (/proc/PID/status) after a tenth of them and after all. Goal: at most 1.1x,
      or a few MiB (`--memory-slack`, 8 MiB) more.
The client runs on the same 2 cores as the server, so (b) measures both; the figures go to
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

from bench_workbook import make_workbook  # bench/bench_workbook.py, beside this script

PYTHON = sys.executable
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOAL_VALIDATE, GOAL_P95_MS, GOAL_RSS, RSS_SLACK_MIB = 1.3, 100.0, 1.1, 8.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`peer-schema serve` on a free loopback port, as a process of its own."""

    def __init__(self, store: Path | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()
        where = ["--store", str(store)] if store else []
        self.process = subprocess.Popen([PYTHON, "-m", "peer_schema.cli", "serve", "--port", str(self.port), *where],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                if httpx2.get(self.base + "/", timeout=2).status_code == 200:
                    return
            except httpx2.TransportError:
                time.sleep(0.1)
        self.stop()
        sys.exit("peer-schema serve did not answer in 30 s")

    def rss_mib(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) of the server process, in MiB."""
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
                      if ":" in line)
        return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def post_validate(client: httpx2.Client, book: Path, data: bytes) -> tuple[float, dict]:
    start = time.perf_counter()
    answer = client.post("/api/validate", files=[("files", (book.name, data, XLSX))], data={"lang": "en"})
    elapsed = time.perf_counter() - start
    if answer.status_code != 200:
        sys.exit(f"POST /api/validate answered {answer.status_code}: {answer.text[:500]}")
    return elapsed, answer.json()


def cli_validate(book: Path) -> tuple[float, dict]:
    # run in the workbook's folder on its bare name, so the report names the file as the upload does
    cmd = [PYTHON, "-m", "peer_schema.cli", "validate", "--no-progress", "--format", "json", book.name]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=book.parent, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, json.loads(done.stdout)


def measure_validate(server: Server, book: Path, repeat: int) -> None:
    data = book.read_bytes()
    with httpx2.Client(base_url=server.base, timeout=600) as client:
        post_validate(client, book, data)  # warm: the first check imports the readers and rules
        served, run = [], []
        for _ in range(repeat):  # in turn, so a drift of the machine's speed touches both
            t_cli, by_cli = cli_validate(book)
            t_web, by_web = post_validate(client, book, data)
            run.append(t_cli)
            served.append(t_web)
    same = by_web == by_cli
    t_web, t_cli = statistics.median(served), statistics.median(run)
    ratio = t_web / t_cli
    print(f"  (a) peer-schema validate --format json (process) {t_cli:7.2f} s  (runs: {_list(run)})")
    print(f"      POST /api/validate (request, warm server)   {t_web:7.2f} s  (runs: {_list(served)})")
    print(f"      ratio {ratio:.2f}x (goal <= {GOAL_VALIDATE:g}x: {'met' if ratio <= GOAL_VALIDATE else 'NOT met'}); "
          f"{by_web['summary']['records']:,} records, {len(by_web['findings'])} findings; "
          f"the two JSON reports are {'equal' if same else 'DIFFERENT'}")


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def load_routes(base: str) -> tuple[str, list[str]]:
    """The compendium pages when the app has them, else the home and check pages."""
    with httpx2.Client(base_url=base, timeout=30) as client:
        status = {path: client.get(path).status_code for path in ("/compendium", "/api/practices")}
    if all(code == 200 for code in status.values()):
        return "the compendium pages", list(status)
    said = ", ".join(f"{path} answered {code}" for path, code in status.items())
    return f"the home and check pages ({said}: no compendium pages to ask)", ["/", "/validate"]


def measure_load(server: Server, clients: int, seconds: float, requests: int | None, asked: list[str]) -> None:
    label, routes = ("the routes asked for", asked) if asked else load_routes(server.base)
    for _ in range(2):  # warm each route (templates compiled, store opened)
        with httpx2.Client(base_url=server.base, timeout=30) as client:
            for path in routes:
                client.get(path)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    issued = iter(range(requests)) if requests else None
    deadline = time.perf_counter() + seconds

    def client_loop(n: int) -> None:
        mine, wrong = [], []
        with httpx2.Client(base_url=server.base, timeout=30) as client:
            k = n
            while time.perf_counter() < deadline:
                if issued is not None:
                    with lock:
                        if next(issued, None) is None:
                            break
                path = routes[k % len(routes)]
                k += 1
                start = time.perf_counter()
                answer = client.get(path)
                mine.append(time.perf_counter() - start)
                if answer.status_code != 200:
                    wrong.append(f"{path}: {answer.status_code}")
        with lock:
            latencies.extend(mine)
            failures.extend(wrong)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95 = cuts[49] * 1000, cuts[94] * 1000
    print(f"  (b) {clients} concurrent clients for {elapsed:.1f} s on {label}: {', '.join(routes)}")
    print(f"      {len(latencies):,} requests ({len(latencies) / elapsed:,.0f}/s), {len(failures)} not 200; "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies) * 1000:.1f} ms "
          f"(goal p95 <= {GOAL_P95_MS:g} ms: {'met' if p95 <= GOAL_P95_MS else 'NOT met'})")
    if failures:
        print(f"      first failures: {failures[:5]}")


def measure_memory(server: Server, small: Path, uploads: int, slack_mib: float) -> None:
    data = small.read_bytes()
    first = max(1, uploads // 10)
    with httpx2.Client(base_url=server.base, timeout=60) as client:
        start = time.perf_counter()
        for n in range(1, uploads + 1):
            answer = client.post("/api/validate", files=[("files", (small.name, data, XLSX))])
            if answer.status_code != 200:
                sys.exit(f"upload {n}: {answer.status_code} {answer.text[:300]}")
            if n == first:
                rss_first, _ = server.rss_mib()
        elapsed = time.perf_counter() - start
    rss_last, peak = server.rss_mib()
    ratio, grown = rss_last / rss_first, rss_last - rss_first
    met = ratio <= GOAL_RSS or grown <= slack_mib
    print(f"  (c) {uploads:,} uploads of {small.name} ({len(data) / 1024:.0f} KiB) in {elapsed:.1f} s: server RSS "
          f"{rss_first:.1f} MiB after {first:,}, {rss_last:.1f} MiB after {uploads:,} (peak {peak:.1f} MiB): "
          f"{ratio:.3f}x, {grown:+.1f} MiB (goal <= {GOAL_RSS:g}x or <= {slack_mib:g} MiB: "
          f"{'met' if met else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000, help="rows of the workbook of (a)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side of (a)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--load-requests", type=int, help="stop (b) after this many requests in all")
    parser.add_argument("--route", action="append", default=[], metavar="PATH",
                        help="ask these paths in (b) instead of the ones found (repeatable; e.g. /compendium?country=FR)")
    parser.add_argument("--store", type=Path, metavar="DIR", help="the research store the server's compendium pages "
                        "read (peer-schema store load --compendium --store DIR)")
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--memory-slack", type=float, default=RSS_SLACK_MIB, metavar="MIB")
    parser.add_argument("--skip", choices=["validate", "load", "memory"], action="append", default=[])
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peer-bench-web-"))
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores (nproc), Python {platform.python_version()}, {platform.machine()}, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; files in {tmp}")
    server = Server(args.store)
    try:
        print(f"  server: peer-schema serve on {server.base} (pid {server.process.pid}), "
              f"RSS {server.rss_mib()[0]:.1f} MiB at start")
        if "validate" not in args.skip:
            (tmp / "big").mkdir()
            measure_validate(server, make_workbook(args.records, tmp / "big"), args.repeat)
        if "load" not in args.skip:
            measure_load(server, args.clients, args.load_seconds, args.load_requests, args.route)
        if "memory" not in args.skip:
            (tmp / "small").mkdir()
            measure_memory(server, make_workbook(50, tmp / "small"), args.uploads, args.memory_slack)
    finally:
        server.stop()
    print(f"  load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
