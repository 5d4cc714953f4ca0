"""Timing whole processes, shared by the benchmarks."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def run(cmd: list[str], repeat: int = 3, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time (s) of `repeat` runs of a whole process; stops the benchmark when the
    process exits with a code outside `ok`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in ok:
            sys.exit(f"{' '.join(cmd)[:300]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return statistics.median(times)
