"""SHACL on RDF input: pyshacl (what `peer-schema validate` uses) vs pyrudof (rudof, in Rust), on the
same shapes and the same graphs, in one run on one machine.

    python -m pip install -e ".[dev]" pyrudof
    python bench/bench_shacl.py                    # about a minute
    python bench/bench_shacl.py --records 500      # a quicker look

Each input is read as `peer-schema validate` reads it (readers/rdf.py: JSON-LD contexts inlined,
strict parse first), written out as N-Triples, and given to both engines, with the generated
shapes (src/peer_schema/generated/peer_schema.shacl.ttl) as they are. The inputs: the RDF
examples (examples/rdf), the invalid Turtle examples the reader accepts, every YAML example (valid
and invalid) made Turtle by the tests' tolerant converter, the SKOS vocabularies (`peer-schema
vocab`), `peer-schema export` of examples/compendium and of examples/valid, and the export of a
synthetic registry (--records).

It prints, per input, whether the engines agree (conforms; the results compared as a multiset of
focus node, path, constraint component, severity and value, blank nodes as `_:`) and, for the
larger exports, the median time of each engine and their ratio: pyshacl both on the shapes as
generated and on the batched form `peer-schema validate` uses (checks/shacl.py), each time
including the parse of the N-Triples (rdflib for pyshacl, rudof's own for pyrudof); the shapes are
loaded once, outside the timings. Exit code 1 if the engines disagree on any input.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "src" / "peer_schema" / "generated" / "peer_schema.shacl.ttl"
SH = "http://www.w3.org/ns/shacl#"


def read_as_ntriples(path: Path, out: Path) -> Path | None:
    """The graph `peer-schema validate` builds from `path`, as N-Triples; None if the reader refuses it."""
    from peer_schema.readers import ReadError, open_source

    try:
        source = open_source(path)
    except ReadError:
        return None
    source.graph.serialize(destination=out, format="nt", encoding="utf-8")
    return out


# -- the two engines, each: N-Triples file -> (conforms, results) -------------------------------------
def _term(term) -> str:
    text = str(term)
    return "_:" if text.startswith("_:") or type(term).__name__ == "BNode" else text


class Pyshacl:
    def __init__(self, shapes_graph):
        self.shapes = shapes_graph

    def __call__(self, nt: Path):
        from pyshacl import validate
        from rdflib import RDF, Graph, URIRef

        graph = Graph(bind_namespaces="none").parse(nt, format="nt")
        conforms, report, _ = validate(graph, shacl_graph=self.shapes, inference="none", advanced=False,
                                       allow_warnings=True, allow_infos=True, abort_on_first=False,
                                       meta_shacl=False, do_owl_imports=False)
        results = []
        for result in report.subjects(RDF.type, URIRef(SH + "ValidationResult")):
            focus, path, component, severity, value = (
                report.value(result, URIRef(SH + name))
                for name in ("focusNode", "resultPath", "sourceConstraintComponent", "resultSeverity", "value"))
            results.append((_term(focus), str(path or ""), str(component), str(severity).rsplit("#", 1)[-1],
                            _value(value)))
        return conforms, results


def _value(value) -> str:
    """IRIs and blank nodes as in _term; a literal as its text, datatype and language."""
    from rdflib import Literal

    if value is None:
        return ""
    if isinstance(value, Literal):
        return _literal(str(value), value.datatype, value.language)
    return _term(value)


def _literal(text: str, datatype, language) -> str:
    datatype = str(datatype or (RDF_LANG if language else XSD_STRING))
    return f"{text!r}^^{datatype}@{language or ''}"


RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Pyrudof:
    def __init__(self, shapes_path: Path):
        import pyrudof

        self.pyrudof = pyrudof
        self.rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self.rudof.read_shacl(shapes_path, pyrudof.ShaclFormat.Turtle)

    def __call__(self, nt: Path):
        rudof = self.rudof
        rudof.reset_data()
        rudof.read_data(nt, self.pyrudof.RDFFormat.NTriples, reader_mode=self.pyrudof.ReaderMode.Strict)
        report = rudof.validate_shacl()
        results = [(_rudof_term(r.focus_node), _rudof_term(r.path or ""), _rudof_term(r.constraint_component),
                    str(r.severity).rsplit("#", 1)[-1].rsplit(".", 1)[-1], _rudof_term(r.value or ""))
                   for r in report]
        return report.conforms, results


#: pyrudof writes a value in Turtle's syntax but leaves quotes inside a literal unescaped
#: (`""example""` for the text `"example"`): the lexical form is then what lies between the outer quotes
_RUDOF_LITERAL = re.compile(r'^"(.*)"(?:\^\^(\S+)|@(\S+))?$', re.DOTALL)
_RUDOF_PREFIXES = {"xsd:": "http://www.w3.org/2001/XMLSchema#", "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def _rudof_term(text) -> str:
    """pyrudof gives terms as text (`<iri>`, `_:b0`, `"text"@en`, `"1"^^xsd:integer`, `1`)."""
    import pyoxigraph

    text = str(text)
    if text.startswith("_:"):
        return "_:"
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if not (text.startswith('"') or text[:1].isdigit() or text[:1] in "+-." or text in ("true", "false")):
        return text
    prefixes = "".join(f"@prefix {p} <{ns}> . " for p, ns in _RUDOF_PREFIXES.items())
    try:
        (triple,) = pyoxigraph.parse(f"{prefixes}<s:s> <s:p> {text} .", pyoxigraph.RdfFormat.TURTLE)
    except SyntaxError:
        match = _RUDOF_LITERAL.match(text)
        if not match:
            return text
        datatype = match[2] or ""
        for prefix, namespace in _RUDOF_PREFIXES.items():
            datatype = namespace + datatype[len(prefix):] if datatype.startswith(prefix) else datatype
        return _literal(match[1], datatype.strip("<>") or None, match[3])
    literal = triple.object
    return _literal(literal.value, literal.datatype.value, literal.language)


# -- comparing and timing ----------------------------------------------------------------------------
def compare(name: str, nt: Path, engines: dict) -> bool:
    outcomes = {label: engine(nt) for label, engine in engines.items()}
    (a_label, (a_conforms, a_results)), (b_label, (b_conforms, b_results)) = list(outcomes.items())[:2]
    a, b = Counter(a_results), Counter(b_results)
    agree = a_conforms == b_conforms and a == b
    print(f"  {name:58} {'agree' if agree else 'DISAGREE':8} conforms={a_conforms!s:5} results={len(a_results):4}"
          + ("" if agree else f"  {b_label}: conforms={b_conforms} results={len(b_results)}"))
    if not agree:
        for label, extra in ((a_label, a - b), (b_label, b - a)):
            for result, count in sorted(extra.items())[:8]:
                print(f"      only {label} ({count}x): {result}")
    return agree


def median_time(engine, nt: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        engine(nt)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def yaml_examples_as_turtle(into: Path) -> list[Path]:
    """The YAML examples, valid and invalid, as Turtle, by the tolerant converter of the tests
    (tests/test_rdf_records.py), so that broken examples stay broken: many kinds of violation."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_rdf_records import NOT_AS_RDF, as_turtle

    paths = [p for folder in ("valid", "invalid") for p in sorted((ROOT / "examples" / folder).glob("*.yaml"))
             if p.stem not in NOT_AS_RDF]
    return as_turtle(paths, into)


def export(source: Path, out: Path, *extra: str) -> Path:
    subprocess.run([sys.executable, "-m", "peer_schema.cli", "export", str(source), "-o", str(out), *extra],
                   check=True, capture_output=True, text=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000, help="records of the synthetic registry (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, the median is kept (default 3)")
    args = parser.parse_args()

    import pyrudof  # noqa: F401  (fails early, with the install line above, if it is missing)
    from rdflib import Graph

    from peer_schema.checks import shacl

    start = time.perf_counter()
    generated = Graph(bind_namespaces="none").parse(SHAPES, format="turtle")
    batched = shacl.batched(Graph(bind_namespaces="none").parse(SHAPES, format="turtle"))
    pyshacl_shapes = time.perf_counter() - start
    start = time.perf_counter()
    rudof = Pyrudof(SHAPES)
    rudof_shapes = time.perf_counter() - start
    engines = {"pyshacl": Pyshacl(generated), "pyrudof": rudof}
    print(f"shapes loaded: pyshacl (rdflib parse, both forms) {pyshacl_shapes:.2f} s, pyrudof {rudof_shapes:.3f} s")
    print(f"pyshacl {_version('pyshacl')}, rdflib {_version('rdflib')}, pyrudof {_version('pyrudof')}")

    agree = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = sorted((ROOT / "examples" / "rdf").iterdir()) + sorted((ROOT / "examples" / "invalid").glob("*.ttl"))
        inputs += yaml_examples_as_turtle(tmp / "from-yaml")
        vocabularies = tmp / "vocabularies.ttl"
        vocabularies.write_bytes(subprocess.run([sys.executable, "-m", "peer_schema.cli", "vocab", "--format", "ttl"],
                                                check=True, capture_output=True).stdout)
        inputs.append(vocabularies)
        print("agreement (generated shapes as they are):")
        for number, path in enumerate(inputs):
            nt = read_as_ntriples(path, tmp / f"{number}.nt")
            if nt is None:
                print(f"  {path.relative_to(ROOT)!s:58} (refused by the reader: not a SHACL case)")
                continue
            agree &= compare(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name), nt, engines)
        timed = []
        for label, source, extra in [("export of examples/compendium", ROOT / "examples" / "compendium", ()),
                                     ("export of examples/valid", ROOT / "examples" / "valid", ()),
                                     (f"export of a synthetic registry ({args.records} records)", None, ())]:
            if source is None:
                source = tmp / "synth.json"
                subprocess.run([sys.executable, "-m", "peer_schema.cli", "synth", "--records", str(args.records),
                                "-o", str(source)], check=True, capture_output=True)
            ttl = export(source, tmp / f"{len(timed)}.ttl", *extra)
            nt = read_as_ntriples(ttl, tmp / f"{len(timed)}.nt")
            agree &= compare(label, nt, engines)
            timed.append((label, nt))

        print(f"times (median of {args.repeat}, parse of the N-Triples + validation):")
        batched_engine = Pyshacl(batched)
        for label, nt in timed:
            triples = sum(1 for line in nt.read_text(encoding="utf-8").splitlines() if line.strip())
            t_batched = median_time(batched_engine, nt, args.repeat)
            t_generated = median_time(engines["pyshacl"], nt, args.repeat)
            t_rudof = median_time(rudof, nt, args.repeat)
            print(f"  {label} ({triples} triples): pyshacl {t_generated:.3f} s (batched shapes {t_batched:.3f} s), "
                  f"pyrudof {t_rudof:.3f} s; time ratio batched pyshacl / pyrudof {t_batched / t_rudof:.2f} "
                  f"(shapes as generated: {t_generated / t_rudof:.2f}; above 1: pyrudof is faster)")
    print("the engines agree on every input" if agree else "the engines DISAGREE (see above)")
    return 0 if agree else 1


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    sys.exit(main())
