"""Benchmark of `peer-schema validate`, whole processes, measured in one run on one machine.

    python -m pip install -e ".[dev]" orjson
    python bench/bench_validate.py                 # the full run (several minutes)
    python bench/bench_validate.py --records 20000 --jsonl-large 100000   # a quicker look

It prints, and the figures go to bench/README.md:
1. 100,000-record registry (JSON): peer-schema vs linkml-validate (goal: >= 20x faster) and vs
   a process that only parses the file with orjson (goal: <= 2x its time);
2. one small file: peer-schema vs a bare `python -c "import orjson"` (goal: <= 5x);
3. JSON Lines: peak memory (max RSS) for 1,000,000 records vs 10,000 (goal: <= 2x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import run  # bench/timing.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def max_rss(cmd: list[str]) -> int:
    """Peak resident memory (KiB) of one process, read by a fresh interpreter around it."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PYTHON, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def synth(records: int, path: Path) -> None:
    from peer_schema.synth import synthesize

    start = time.perf_counter()
    synthesize(records, seed=1, out=path)
    print(f"  wrote {path.name}: {records:,} records, {path.stat().st_size / 1e6:.1f} MB "
          f"in {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--jsonl-small", type=int, default=10_000)
    parser.add_argument("--jsonl-large", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-linkml", action="store_true", help="leave out linkml-validate (slow)")
    args = parser.parse_args()

    peer = [PYTHON, "-m", "peer_schema.cli", "validate", "--no-progress", "--format", "json"]
    linkml = shutil.which("linkml-validate")
    schema = str(ROOT / "schema" / "peer_schema.yaml")
    tmp = Path(tempfile.mkdtemp(prefix="peer-bench-"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; files in {tmp}")

    print(f"\n1. {args.records:,}-record registry, JSON")
    big = tmp / "registry.json"
    synth(args.records, big)
    t_orjson = run([PYTHON, "-c", "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())", str(big)],
                      args.repeat)
    t_peer = run([*peer, str(big)], args.repeat, ok=(0, 1))
    print(f"  orjson parse only      {t_orjson:8.2f} s")
    print(f"  peer-schema validate   {t_peer:8.2f} s   = {t_peer / t_orjson:.2f}x orjson (goal <= 2x)")
    if linkml and not args.skip_linkml:
        t_linkml = run([linkml, "-s", schema, "-C", "Dataset", str(big)], 1)
        print(f"  linkml-validate        {t_linkml:8.2f} s   peer-schema is {t_linkml / t_peer:.1f}x faster (goal >= 20x)")
        print(f"  records/s: peer-schema {args.records / t_peer:,.0f}, linkml-validate {args.records / t_linkml:,.0f}")

    print("\n2. one small file")
    small = ROOT / "examples" / "valid" / "Practice-community.yaml"
    t_import = run([PYTHON, "-c", "import orjson"], 10)
    t_small = run([*peer, str(small)], 10, ok=(0, 1))
    print(f"  python -c 'import orjson'  {t_import * 1000:7.0f} ms")
    print(f"  peer-schema validate       {t_small * 1000:7.0f} ms  = {t_small / t_import:.2f}x (goal <= 5x)")

    print("\n3. JSON Lines, peak memory")
    rss = {}
    for n in (args.jsonl_small, args.jsonl_large):
        path = tmp / f"registry-{n}.jsonl"
        synth(n, path)
        start = time.perf_counter()
        rss[n] = max_rss([*peer, "--max-bytes", str(8 * 1024**3), str(path)])
        print(f"  {n:>9,} records: max RSS {rss[n] / 1024:7.1f} MiB, {time.perf_counter() - start:.1f} s")
    ratio = rss[args.jsonl_large] / rss[args.jsonl_small]
    print(f"  ratio {ratio:.2f}x (goal <= 2x)")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
