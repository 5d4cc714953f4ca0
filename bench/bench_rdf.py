"""Benchmark of `peer-schema export` and `peer-schema query`, whole processes, in one run on one machine.

    python -m pip install -e ".[dev,rdf]" orjson linkml
    python bench/bench_rdf.py --linkml-records 10000          # the full run (about a quarter of an hour)
    python bench/bench_rdf.py --records 20000 --linkml-records 2000 --store-records 5000 --skip-rdflib

It prints, and the figures go to bench/README.md:
1. export of a 100,000-record registry (JSON) to N-Triples: peer-schema vs LinkML's RDF dumper
   (goal: >= 20x faster; LinkML may run on fewer records, `--linkml-records`, and is then compared
   in records per second) and vs a process that only parses the JSON with orjson and writes the
   same triples, made by the same mapping (`peer_schema.rdf.mapping`), with no validation
   (goal: <= 3x its time);
2. each saved question on a store of about 1,000,000 triples: `peer-schema query` vs a process
   that opens the store with pyoxigraph and runs the same SPARQL (goal: <= 2x), and, for
   reference only, rdflib answering the same query over the same triples (one process loads them
   once, then answers each question under a time cap).
"""

from __future__ import annotations

import argparse
import filecmp
import json
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
SCHEMA = ROOT / "schema" / "peer_schema.yaml"

# -- the processes compared, each a script run as `python -c SCRIPT ARGS...` -------------------------

#: 1(a) LinkML: the dataclasses pythongen generated (imported from argv[1]), json_loader, then
#: RDFLibDumper, with the two node-level differences tests/test_export.py applies (without them
#: LinkML fails on the language maps and prefix declarations: "Unknown CURIE prefix"). The
#: provenance triples peer-schema adds (2 per record) are left out: LinkML writes fewer triples.
LINKML_EXPORT = """
import sys
sys.path.insert(0, sys.argv[1])
from linkml_runtime import SchemaView
from linkml_runtime.dumpers.rdflib_dumper import RDFLibDumper
from linkml_runtime.loaders import json_loader
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import RDF
import peer_schema_dataclasses as dc

VANN = Namespace("http://purl.org/vocab/vann/")

class Dumper(RDFLibDumper):
    def inject_triples(self, element, schemaview, graph, target_type=None):
        if target_type == "LanguageText":
            return Literal(element.text, lang=str(element.language))
        if target_type == "PrefixDeclaration":
            node = BNode()
            graph.add((node, RDF.type, URIRef("https://w3id.org/peer-schema/PrefixDeclaration")))
            graph.add((node, VANN.preferredNamespacePrefix, Literal(str(element.prefix))))
            graph.add((node, VANN.preferredNamespaceUri, URIRef(str(element.namespace))))
            return node
        return super().inject_triples(element, schemaview, graph, target_type)

schema, data, out = sys.argv[2:5]
obj = json_loader.load(data, target_class=dc.Dataset)
prefixes = {str(k): str(v.namespace) for k, v in (obj.prefixes or {}).items()}
graph = Dumper().as_rdf_graph(obj, SchemaView(schema), prefix_map=prefixes)
graph.serialize(out, format="nt", encoding="utf-8")
"""

#: 1(b) parse + build the triples + write them, no validation: orjson, then peer-schema's own
#: mapping (whose terms pyoxigraph makes and escapes), written as N-Triples lines; the same
#: triples, in the same order, as `peer-schema export` (the script checks the files are equal).
BARE_EXPORT = """
import sys
import orjson
from peer_schema.rdf.mapping import Context, Mapper

data = orjson.loads(open(sys.argv[1], "rb").read())
mapper = Mapper()
ctx = Context(data)
with open(sys.argv[2], "wb") as fh:
    lines = [f"{s} {p} {o} .\\n" for s, p, o in mapper.dataset(data, ctx)]
    for container, cls in mapper.model.containers.items():
        for rec in data.get(container) or ():
            lines.extend(f"{s} {p} {o} .\\n" for s, p, o in mapper.record(cls, rec, ctx))
            if len(lines) > 4096:
                fh.write("".join(lines).encode("utf-8"))
                lines.clear()
    fh.write("".join(lines).encode("utf-8"))
"""

#: 2. a bare process: open the store read-only, run the SPARQL with the parameters' defaults bound
#: as `peer-schema query` binds them (pyoxigraph substitutions), write the rows as JSON.
BARE_QUERY = """
import json, sys
import pyoxigraph

store = pyoxigraph.Store.read_only(sys.argv[1])
sparql = open(sys.argv[2], encoding="utf-8").read()
subs = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in json.loads(sys.argv[3]).items()}
answer = store.query(sparql, substitutions=subs) if subs else store.query(sparql)
rows = [[None if t is None else t.value for t in solution] for solution in answer]
sys.stdout.write(json.dumps(rows))
"""

#: 2. rdflib, for reference: load the store's triples (the export's N-Triples and the SKOS
#: vocabularies) into a Graph once, then answer each question (its defaults bound as a VALUES
#: block) under SIGALRM; prints {"load": s, "triples": n, "answers": {name: s or null}} as JSON.
RDFLIB_QUERY = """
import json, signal, sys, time
from rdflib import Graph

nt, vocab, queries, cap = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])

def timeout(signum, frame):
    raise TimeoutError

signal.signal(signal.SIGALRM, timeout)
start = time.perf_counter()
graph = Graph()
graph.parse(nt, format="nt")
graph.parse(vocab, format="turtle")
result = {"load": time.perf_counter() - start, "triples": len(graph), "answers": {}}
for name, path in queries.items():
    start = time.perf_counter()
    signal.alarm(cap)
    try:
        rows = len(list(graph.query(open(path, encoding="utf-8").read())))
        result["answers"][name] = [time.perf_counter() - start, rows]
    except TimeoutError:
        result["answers"][name] = None
    finally:
        signal.alarm(0)
    print(name, result["answers"][name], file=sys.stderr, flush=True)
print(json.dumps(result))
"""


def output(cmd: list[str]) -> str:
    """What one run of a process prints (for the checks that both sides give the same answer)."""
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def synth(records: int, path: Path) -> None:
    from peer_schema.synth import synthesize

    start = time.perf_counter()
    synthesize(records, seed=1, out=path)
    print(f"  wrote {path.name}: {records:,} records, {path.stat().st_size / 1e6:.1f} MB "
          f"in {time.perf_counter() - start:.1f} s")


def lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def bench_export(args, tmp: Path) -> None:
    print(f"\n1. export of a {args.records:,}-record registry (JSON) to N-Triples")
    big = tmp / "registry.json"
    synth(args.records, big)
    ours, bare = tmp / "ours.nt", tmp / "bare.nt"
    t_peer = run([PYTHON, "-m", "peer_schema.cli", "export", str(big), "--to", "nt", "-o", str(ours)], args.repeat)
    t_bare = run([PYTHON, "-c", BARE_EXPORT, str(big), str(bare)], args.repeat)
    triples = lines(ours)
    same = "the same bytes" if filecmp.cmp(ours, bare, shallow=False) else f"DIFFERENT ({lines(bare):,} triples)"
    print(f"  {triples:,} triples, {ours.stat().st_size / 1e6:.0f} MB; the bare process wrote {same}")
    print(f"  parse + map + write, no validation {t_bare:8.2f} s")
    print(f"  peer-schema export                 {t_peer:8.2f} s   = {t_peer / t_bare:.2f}x (goal <= 3x)")
    print(f"  records/s: peer-schema {args.records / t_peer:,.0f}, bare {args.records / t_bare:,.0f}")
    if args.skip_linkml:
        return

    # LinkML: the dataclasses are generated once, outside the timing; the process times loading
    # them, reading the JSON into them and dumping them as N-Triples
    from linkml.generators.pythongen import PythonGenerator

    (tmp / "peer_schema_dataclasses.py").write_text(PythonGenerator(str(SCHEMA)).serialize(), encoding="utf-8")
    n = min(args.linkml_records, args.records)
    data = big
    if n != args.records:
        data = tmp / f"registry-{n}.json"
        synth(n, data)
    theirs = tmp / "linkml.nt"
    t_linkml = run([PYTHON, "-W", "ignore", "-c", LINKML_EXPORT, str(tmp), str(SCHEMA), str(data), str(theirs)], 1)
    print(f"  LinkML RDFLibDumper, {n:,} records  {t_linkml:8.2f} s   ({lines(theirs):,} triples)")
    if n == args.records:
        print(f"  peer-schema is {t_linkml / t_peer:.1f}x faster than LinkML (goal >= 20x)")
    else:
        print(f"  records/s: peer-schema {args.records / t_peer:,.0f} ({args.records:,} records), "
              f"LinkML {n / t_linkml:,.0f} ({n:,} records)")
        print(f"  in records per second, peer-schema is {(args.records / t_peer) / (n / t_linkml):.1f}x faster "
              f"than LinkML (goal >= 20x)")


def bench_queries(args, tmp: Path) -> None:
    from peer_schema.rdf.queries import list_questions, with_values
    from peer_schema.rdf.store import vocabularies_turtle

    print(f"\n2. saved questions on a store of a {args.store_records:,}-record registry")
    data = tmp / f"store-registry-{args.store_records}.json"
    synth(args.store_records, data)
    store = tmp / "store"
    start = time.perf_counter()
    subprocess.run([PYTHON, "-m", "peer_schema.cli", "store", "load", str(data), "--store", str(store), "--replace"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    count = int(output([PYTHON, "-c", "import pyoxigraph, sys; print(len(pyoxigraph.Store.read_only(sys.argv[1])))",
                        str(store)]))
    print(f"  store: {count:,} triples, loaded in {elapsed:.1f} s (peer-schema store load)")

    questions = list_questions()
    rdflib_queries = {}
    timed = {}
    for q in questions:
        sparql = tmp / f"{q.name}.rq"
        sparql.write_text(q.sparql, encoding="utf-8")
        bound = q.bind()  # the defaults, as `peer-schema query NAME` binds them (plain literals)
        defaults = json.dumps({k: v.value for k, v in bound.items()})
        ours = [PYTHON, "-m", "peer_schema.cli", "query", q.name, "--store", str(store), "--format", "json"]
        bare = [PYTHON, "-c", BARE_QUERY, str(store), str(sparql), defaults]
        rows = len(json.loads(output(ours))["rows"])
        if rows != len(json.loads(output(bare))):
            sys.exit(f"{q.name}: peer-schema and the bare process give different numbers of rows")
        timed[q.name] = (rows, run(bare, args.repeat), run(ours, args.repeat))
        values = tmp / f"{q.name}.values.rq"  # for rdflib: the same defaults, as a VALUES block
        values.write_text(with_values(q.sparql, bound), encoding="utf-8")
        rdflib_queries[q.name] = str(values)

    answers = {}
    if not args.skip_rdflib:
        export_nt = tmp / "store-export.nt"
        vocab = tmp / "vocabularies.ttl"
        subprocess.run([PYTHON, "-m", "peer_schema.cli", "export", str(data), "--to", "nt", "-o", str(export_nt)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        vocab.write_bytes(vocabularies_turtle())
        limit = 600 + len(questions) * (args.rdflib_timeout + 60)
        try:
            out = subprocess.run([PYTHON, "-c", RDFLIB_QUERY, str(export_nt), str(vocab), json.dumps(rdflib_queries),
                                  str(args.rdflib_timeout)], capture_output=True, text=True, timeout=limit, check=True)
            result = json.loads(out.stdout)
            answers = result["answers"]
            print(f"  rdflib: {result['triples']:,} triples loaded into a Graph in {result['load']:.1f} s "
                  f"(not counted below)")
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as exc:
            print(f"  rdflib: failed or timed out ({exc})")

    print(f"  {'question':50} {'rows':>6} {'pyoxigraph':>11} {'peer-schema':>12} {'ratio':>7}  rdflib query")
    for name, (rows, t_bare, t_peer) in timed.items():
        if args.skip_rdflib:
            ref = "skipped"
        elif answers.get(name) is None:
            ref = f"> {args.rdflib_timeout} s"
        else:
            ref = f"{answers[name][0]:.2f} s" + ("" if answers[name][1] == rows else f" ({answers[name][1]} rows!)")
        print(f"  {name:50} {rows:>6} {t_bare * 1000:>8.0f} ms {t_peer * 1000:>9.0f} ms "
              f"{t_peer / t_bare:>6.2f}x  {ref}")
    worst = max(t_peer / t_bare for _, t_bare, t_peer in timed.values())
    print(f"  worst ratio {worst:.2f}x (goal <= 2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000, help="records of the exported registry")
    parser.add_argument("--linkml-records", type=int, default=100_000,
                        help="records LinkML exports (fewer: compared in records per second)")
    parser.add_argument("--store-records", type=int, default=30_000,
                        help="records loaded into the store (30,000: about 1,000,000 triples)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=int, default=300, help="seconds rdflib may take per question")
    parser.add_argument("--skip-linkml", action="store_true", help="leave out LinkML's dumper (slow)")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave out rdflib's answers (slow)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peer-bench-rdf-"))
    import pyoxigraph

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, pyoxigraph {pyoxigraph.__version__}; "
          f"files in {tmp}")
    try:
        bench_export(args, tmp)
        bench_queries(args, tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
