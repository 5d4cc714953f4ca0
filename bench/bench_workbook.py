"""Benchmark of reading a workbook (.xlsx): peer-schema's reader against python-calamine alone.

    python -m pip install -e ".[dev]"
    python bench/bench_workbook.py                    # 100,000 rows (a few minutes)
    python bench/bench_workbook.py --records 10000    # a quicker look

The workbook is made by the project's own writer (`peer_schema.sheets.writer.write_workbook`,
what `peer-schema export --to xlsx` uses) from a synthetic registry (`peer_schema.synth`), so
it has the template's layout: a read-me sheet, one sheet per kind of record with the labels in
row 1 and the field names in row 2, and the hidden sheet of drop-down lists. `--records N`
records spread over the sheets as the synthetic registry spreads them (organisations,
memberships, training programmes, peer workers, practices, compendium sections).

Each measure is a whole fresh process, best of `--repeat` runs (bench/timing.py), in one run:
  (a) python-calamine alone: open the workbook, iterate every row of every sheet;
  (b) `peer_schema.readers.workbook.iter_workbook(path)` consumed fully (every record built);
  (c) `peer-schema validate FILE.xlsx`, the whole check, for reference.
Goal: (b) <= 3x (a). It prints the times and the ratios b/a and c/a; the figures go to
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import run  # bench/timing.py, beside this script

PYTHON = sys.executable
GOAL = 3.0

#: (a) the cells alone: every row of every sheet, as calamine gives them
CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
rows = cells = 0
for name in book.sheet_names:
    for row in book.get_sheet_by_name(name).iter_rows():
        rows += 1
        cells += len(row)
print(rows, cells)
"""

#: (b) peer-schema's reader: every record built (with its columns), nothing checked
READER = """
import sys
from pathlib import Path
from peer_schema.readers.workbook import iter_workbook
records = other = 0
for item in iter_workbook(Path(sys.argv[1])):
    if isinstance(item, tuple) and len(item) == 3:
        records += 1
    else:
        other += 1
print(records, other)
"""


def best(cmd: list[str], repeat: int, ok: tuple[int, ...] = (0,)) -> float:
    """Best wall time (s) of `repeat` fresh processes (each timed by bench/timing.py)."""
    return min(run(cmd, 1, ok) for _ in range(repeat))


def make_workbook(records: int, tmp: Path) -> Path:
    from peer_schema.sheets.writer import write_workbook
    from peer_schema.synth import synthesize

    start = time.perf_counter()
    registry = tmp / "registry.json"
    synthesize(records, seed=1, out=registry)
    dataset = json.loads(registry.read_text(encoding="utf-8"))
    counts = {k: len(v) for k, v in dataset.items() if isinstance(v, list) and v and isinstance(v[0], dict)}
    book = write_workbook(tmp / "registry.xlsx", "en", dataset)
    print(f"  wrote {book.name}: {sum(counts.values()):,} rows ({', '.join(f'{k} {n:,}' for k, n in counts.items())}), "
          f"{book.stat().st_size / 1e6:.1f} MB, in {time.perf_counter() - start:.1f} s")
    return book


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workbook", type=Path, help="time this workbook instead of making one")
    parser.add_argument("--skip-validate", action="store_true", help="leave out (c), the whole check")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peer-bench-xlsx-"))
    print(f"machine: {os.cpu_count()} cores (nproc), Python {platform.python_version()}, {platform.machine()}; "
          f"files in {tmp}")
    book = args.workbook or make_workbook(args.records, tmp)

    counted = subprocess.run([PYTHON, "-c", CALAMINE, str(book)], capture_output=True, text=True, check=True)
    read = subprocess.run([PYTHON, "-c", READER, str(book)], capture_output=True, text=True, check=True)
    rows, cells = map(int, counted.stdout.split())
    records, other = map(int, read.stdout.split())
    print(f"  calamine: {rows:,} rows, {cells:,} cells; peer-schema reader: {records:,} records "
          f"(+ {other} other items: sheet starts, notices)")

    t_a = best([PYTHON, "-c", CALAMINE, str(book)], args.repeat)
    t_b = best([PYTHON, "-c", READER, str(book)], args.repeat)
    print(f"  (a) python-calamine, every row      {t_a:8.2f} s")
    print(f"  (b) iter_workbook, every record     {t_b:8.2f} s   = {t_b / t_a:.2f}x (a)  (goal <= {GOAL:g}x: "
          f"{'met' if t_b / t_a <= GOAL else 'NOT met'})")
    if not args.skip_validate:
        peer = [PYTHON, "-m", "peer_schema.cli", "validate", "--no-progress", "--format", "json",
                "--max-bytes", str(8 * 1024**3)]
        t_c = best([*peer, str(book)], args.repeat, ok=(0, 1))
        print(f"  (c) peer-schema validate            {t_c:8.2f} s   = {t_c / t_a:.2f}x (a)  (reference)")
    print(f"  records/s: reader {records / t_b:,.0f}")


if __name__ == "__main__":
    main()
