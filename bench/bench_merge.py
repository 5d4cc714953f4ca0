"""Benchmark of `peer-schema merge`, whole processes, measured in one run on one machine.

    python -m pip install -e ".[dev]"
    python bench/bench_merge.py                    # 50 bundles of 2,000 records (about a minute)
    python bench/bench_merge.py --bundles 10 --records 1000   # a quicker look

Goal: merging N bundles of R records takes at most 2x the time of validating the same records
(`peer-schema validate` on the bundles' data, unzipped), both whole processes, median of
--repeat runs. Two cases:
- distinct: each registry gets its own prefix and namespace (50 associations, no record in
  common): the usual merge;
- overlapping: the registries as `peer-schema synth` writes them, whose identifiers repeat from
  one seed to the next (`ex:org/federation-1` in every bundle): every record after the first
  bundle is a record seen before, compared field by field, with thousands of conflicts. The
  validator reports the repeated identifiers as errors (exit 1), which is expected here.
"""

from __future__ import annotations

import argparse
import statistics
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from timing import run  # bench/timing.py, beside this script

PYTHON = sys.executable


def registries(folder: Path, bundles: int, records: int, distinct: bool) -> list[Path]:
    from peer_schema.synth import synthesize

    folder.mkdir(parents=True)
    paths = []
    for n in range(1, bundles + 1):
        path = folder / f"registry-{n:03}.json"
        synthesize(records, seed=n, out=path)
        path.with_name(path.name + ".expected.json").unlink()
        if distinct:  # another association: its own prefix and namespace
            text = path.read_text(encoding="utf-8")
            text = text.replace('"ex:', f'"a{n}:').replace('"ex": "https://example.org/peer/"',
                                                           f'"a{n}": "https://example.org/association-{n}/"')
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_bundles(sources: list[Path], folder: Path, key: Path) -> list[Path]:
    from peer_schema.exchange.bundle import make_bundle

    folder.mkdir()
    out = []
    for source in sources:
        target = folder / (source.stem + ".zip")
        make_bundle([source], target, "federation", recipient="federation-x", key_file=key)
        out.append(target)
    return out


def unzip_data(bundles: list[Path], folder: Path) -> None:
    """The bundles' data as the merge reads it, for the validator."""
    for bundle in bundles:
        with zipfile.ZipFile(bundle) as zf:
            for name in zf.namelist():
                if name.startswith("data/"):
                    (folder / bundle.stem).mkdir(parents=True, exist_ok=True)
                    (folder / bundle.stem / Path(name).name).write_bytes(zf.read(name))


def case(work: Path, label: str, args: argparse.Namespace, distinct: bool) -> float:
    start = time.perf_counter()
    sources = registries(work / label / "src", args.bundles, args.records, distinct)
    key = work / "bundle.key"
    bundles = make_bundles(sources, work / label / "bundles", key)
    unzip_data(bundles, work / label / "unzipped")
    size = sum(b.stat().st_size for b in bundles)
    print(f"{label}: {len(bundles)} bundles of {args.records:,} records ({size / 1e6:.1f} MB zipped) made in "
          f"{time.perf_counter() - start:.0f} s")
    # The two are run in turn (validate, merge, validate, merge...), each the median of its runs:
    # this machine's speed drifts over minutes, and all of one then all of the other would
    # measure the drift as much as the tools.
    validate_cmd = [PYTHON, "-m", "peer_schema.cli", "validate", "--no-progress", "--format", "json",
                    str(work / label / "unzipped")]
    merge_cmd = [PYTHON, "-m", "peer_schema.cli", "merge", *map(str, bundles), "-o", str(work / label / "merged"),
                 "--replace"]
    pairs = [(run(validate_cmd, 1, ok=(0, 1)), run(merge_cmd, 1)) for _ in range(args.repeat)]
    validate = statistics.median(v for v, _ in pairs)
    merge = statistics.median(m for _, m in pairs)
    ratio = merge / validate
    print(f"  validate {args.bundles * args.records:,} records: {validate:.2f} s")
    print(f"  merge {args.bundles} bundles:            {merge:.2f} s")
    print(f"  merge / validate: {ratio:.2f}x (goal: <= 2x) {'OK' if ratio <= 2 else 'MISSED'}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundles", type=int, default=50)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
        work = Path(tmp)
        os.umask(0o077)
        ratios = [case(work, "distinct", args, True), case(work, "overlapping", args, False)]
    sys.exit(0 if max(ratios) <= 2 else 1)


if __name__ == "__main__":
    main()
