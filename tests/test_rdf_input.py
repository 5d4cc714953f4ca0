"""RDF input (Turtle, N-Triples, JSON-LD, RDF/XML): read safely, checked against the SHACL shapes
and, as records, by every other layer (test_rdf_records.py has the mapping and the round trip)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, files_in

from peer_schema import validate
from peer_schema.readers import Limits
from peer_schema.report import Severity

pytest.importorskip("rdflib")
pytest.importorskip("pyshacl")

from peer_schema.checks import shacl  # noqa: E402
from peer_schema.readers import rdf  # noqa: E402

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 23)  # the consents of the examples are in force on this day
VALID = EXAMPLES / "rdf" / "Organisation-association.ttl"
EXPECTED = re.compile(r"^# expected: (.+)$", re.MULTILINE)
PREFIXES = """@prefix ex: <https://example.org/peer/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix peer: <https://w3id.org/peer-schema/> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kind: <https://w3id.org/peer-schema/vocab/organisation-kind/> .
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def codes(report):
    return [f.code for f in report.findings]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to resolve a name or open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the test forbids network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == [], "something tried to reach the network"


# -- the examples --------------------------------------------------------------------------------
def test_the_valid_turtle_example_has_no_findings(no_network):
    report = validate([VALID])
    assert report.findings == [], [f.message() for f in report.findings]
    assert report.records == 5  # four organisations and a membership


@pytest.mark.parametrize("path", files_in(EXAMPLES / "invalid", "*.ttl"), ids=lambda p: p.name)
def test_invalid_turtle_example_fires_exactly_its_rule(path):
    expected = set(EXPECTED.search(path.read_text(encoding="utf-8")).group(1).split())
    report = validate([path])
    assert {f.code for f in report.findings} == expected
    assert len(report.findings) == len(expected), [f.message() for f in report.findings]


def test_a_violation_names_focus_path_and_constraint():
    (finding,) = validate([EXAMPLES / "invalid" / "Organisation-two-names.ttl"]).findings
    assert finding.severity is Severity.ERROR
    assert finding.params == {"focus": "ex:org/pairs-ensemble", "path": "schema:name", "constraint": "maxCount"}
    assert finding.record_id == "ex:org/pairs-ensemble" and finding.pointer == ""
    assert finding.message() == "ex:org/pairs-ensemble: schema:name does not satisfy maxCount"
    assert finding.message("fr") == "ex:org/pairs-ensemble : schema:name ne respecte pas maxCount"


# -- SHACL severities and parameters ---------------------------------------------------------------
HAND_MADE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://example.org/test/> .
t:ThingShape a sh:NodeShape ; sh:targetClass t:Thing ;
    sh:property [ sh:path t:name ; sh:minCount 1 ; sh:severity sh:Warning ] ,
                [ sh:path t:note ; sh:maxCount 0 ; sh:severity sh:Info ] ,
                [ sh:path t:size ; sh:datatype xsd:integer ] ,
                [ sh:path t:level ; sh:in ( t:low t:high ) ; sh:severity <https://example.org/test/OwnSeverity> ] .
"""


def test_each_result_severity_has_its_own_code():
    """No generated shape has sh:Warning or sh:Info (yet): hand-made shapes test the mapping."""
    from rdflib import Graph

    shapes = Graph().parse(data=HAND_MADE_SHAPES, format="turtle")
    data = Graph().parse(data="""@prefix t: <https://example.org/test/> .
        t:a a t:Thing ; t:note "n" ; t:size "big" ; t:level t:extreme .
        [] a t:Thing ; t:name "anonymous" .""", format="turtle")
    findings = shacl.check(data, "f.ttl", {"t": "https://example.org/test/"}, shapes_graph=shapes)
    got = [(f.code, f.severity, f.params["focus"], f.params["path"], f.params["constraint"], f.record_id)
           for f in findings]
    assert got == [
        ("shacl.violation", Severity.ERROR, "t:a", "t:level", "in", "t:a"),  # a severity of one's own counts as one
        ("shacl.violation", Severity.ERROR, "t:a", "t:size", "datatype", "t:a"),
        ("shacl.warning", Severity.WARNING, "t:a", "t:name", "minCount", "t:a"),
        ("shacl.info", Severity.INFO, "t:a", "t:note", "maxCount", "t:a"),
    ]
    assert findings[0].params["value"] == "t:extreme"
    assert "value" not in findings[1].params  # a plain string is never repeated
    assert findings[3].message() == "t:a: t:note: maxCount"


def test_a_warning_alone_keeps_the_report_valid(tmp_path):
    from rdflib import Graph

    shapes = Graph().parse(data=HAND_MADE_SHAPES, format="turtle")
    data = Graph().parse(data='<https://example.org/test/b> a <https://example.org/test/Thing> .', format="turtle")
    (finding,) = shacl.check(data, shapes_graph=shapes)
    assert finding.code == "shacl.warning"
    assert finding.params["focus"] == "https://example.org/test/b"  # no prefix known: the IRI itself


def test_values_of_peer_workers_and_consents_never_reach_a_finding(tmp_path):
    path = write(tmp_path, "workers.ttl", PREFIXES + """
<https://example.org/peer/org/a> a org:Organization ; schema:name "A" ; org:classification kind:ngo ;
    peer:staffCount -1 .
<https://example.org/peer/pw/1> a peer:PeerWorker ; peer:weeklyHours "99"^^xsd:float ;
    peer:certification [ a schema:EducationalOccupationalCredential ; peer:startYear 1999 ] .
<https://example.org/peer/consent/1> a dpv:Consent ; peer:startYear 2001 .
""")
    report = validate([path])
    shapes = [f for f in report.findings if f.code.startswith("shacl.")]
    by_focus = {f.params["focus"]: f for f in shapes}
    assert by_focus["ex:org/a"].params["value"] == "-1"  # a public record: the number is said
    personal = [f for f in shapes if f.params["focus"] != "ex:org/a"]
    assert len(personal) >= 3
    assert all("value" not in f.params for f in personal), [f.params for f in personal]
    nested = next(f for f in personal if f.params["focus"] == "a blank node")
    assert nested.record_id == "ex:pw/1"  # the record the blank node belongs to
    # no dataset says otherwise: the strictest profile, where a peer worker has no place at all
    (refused,) = [f for f in report.findings if not f.code.startswith("shacl.")]
    assert refused.code == "privacy.record-not-allowed" and refused.record_id == "ex:pw/1"
    assert set(refused.params) == {"cls", "profile", "id"}


def test_the_batched_shapes_find_exactly_what_the_generated_shapes_find(tmp_path):
    from rdflib import Graph

    from peer_schema import artifacts

    data = Graph().parse(data=PREFIXES + """
@prefix country: <https://w3id.org/peer-schema/vocab/country/> .
<https://example.org/peer/org/a> a org:Organization ; schema:name "A", "B" ; peer:staffCount -1, 2 ;
    schema:addressCountry country:XX ; peer:startYear "1990" ; peer:unknown 1 ; org:subOrganizationOf ex:nowhere ;
    peer:membershipProfile [ a peer:MembershipProfile ; peer:memberCount "many" ; peer:other 1 ] .
<https://example.org/peer/org/b> a org:Organization ; org:classification kind:ngo, kind:nonsense .
<https://example.org/peer/m> a org:Membership ; org:member <https://example.org/peer/org/b> .
<https://example.org/peer/pw/1> a peer:PeerWorker ; peer:weeklyHours "99"^^xsd:float ; schema:name "X" .
""", format="turtle")
    generated = Graph().parse(data=artifacts.read_text("peer_schema.shacl.ttl"), format="turtle")

    def seen(findings):
        return sorted((f.code, tuple(sorted(f.params.items())), f.record_id or "") for f in findings)

    found = seen(shacl.check(data, shapes_graph=shacl.shapes()))
    assert len(found) >= 14
    assert found == seen(shacl.check(data, shapes_graph=generated))


def test_constraint_names():
    assert shacl.constraint_name("http://www.w3.org/ns/shacl#MinCountConstraintComponent") == "minCount"
    assert shacl.constraint_name("http://www.w3.org/ns/shacl#ClosedConstraintComponent") == "closed"
    assert shacl.constraint_name("https://example.org/MyComponent") == "MyComponent"


# -- Turtle and N-Triples ------------------------------------------------------------------------
def test_turtle_syntax_error_says_the_line(tmp_path):
    broken = '\nex:a schema:name "A" ;\n  schema:name "B"\nex:b a org:Organization .\n'  # no "." after "B"
    path = write(tmp_path, "broken.ttl", PREFIXES + broken)
    (finding,) = validate([path]).findings
    assert finding.code == "read.syntax" and finding.line == 10  # the line without its ".", not the next one
    assert finding.params["format"] == "Turtle"


def test_deep_turtle_nesting_is_refused(tmp_path):
    n = 5000
    path = write(tmp_path, "deep.ttl", "<https://e.org/a> <https://e.org/p> " + "[ <https://e.org/p> " * n + "1"
                 + " ]" * n + " .\n")
    assert codes(validate([path])) == ["read.too-deep"]


@pytest.mark.parametrize("iri, problem", [
    ("https://example.org/a b", "a space"),
    ('https://example.org/a"b', 'the character """'),
    ("https://example.org/a{b", 'the character "{"'),
    ("https://example.org/a%zz", "a % not followed by two hexadecimal digits"),
])
def test_malformed_iris_are_refused(tmp_path, iri, problem):
    path = write(tmp_path, "iri.ttl", PREFIXES + f"ex:a schema:url <{iri}> .\n")
    (finding,) = validate([path]).findings
    assert finding.code == "read.bad-iri"
    assert finding.params["problem"] == f"<{iri}> holds {problem}"


def test_relative_iris_without_a_base_are_refused_not_resolved_against_the_folder(tmp_path):
    path = write(tmp_path, "relative.ttl", PREFIXES + "ex:a schema:url <page.html> .\n")
    (finding,) = validate([path]).findings
    assert finding.code == "read.bad-iri" and "relative" in finding.params["problem"]
    with_base = write(tmp_path, "base.ttl",
                      "@base <https://example.org/> .\n<a> <http://schema.org/url> <page.html> .\n")
    assert validate([with_base]).findings == []


def test_iri_problem():
    assert rdf.iri_problem("https://example.org/é") is None  # an IRI, not only a URI
    assert rdf.iri_problem("urn:isbn:123") is None
    assert rdf.iri_problem("no-scheme") == "<no-scheme> has no scheme such as https:"


def test_n_triples_are_read(tmp_path):
    path = write(tmp_path, "orgs.nt", (
        "<https://example.org/o> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#Organization> .\n"
        '<https://example.org/o> <http://schema.org/name> "O" .\n'
        "<https://example.org/o> <http://www.w3.org/ns/org#classification> "
        "<https://w3id.org/peer-schema/vocab/organisation-kind/ngo> .\n"))
    report = validate([path])
    assert report.findings == [] and report.records == 1
    broken = write(tmp_path, "broken.nt", path.read_text() + '<https://example.org/o> <http://schema.org/name> "P .\n')
    (finding,) = validate([broken]).findings
    assert finding.code == "read.syntax" and finding.line == 4 and finding.params["format"] == "N-Triples"


# -- JSON-LD: no network, ever -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["remote-context.jsonld", "remote-scoped-context.jsonld", "import-context.jsonld"])
def test_remote_json_ld_contexts_are_refused_without_network(no_network, name):
    report = validate([DATA / name])
    assert codes(report) == ["read.remote-context"]
    assert report.findings[0].params["context"].startswith("https://")


PEER_CONTEXT_DOC = {
    "@context": "https://w3id.org/peer-schema/context.jsonld",
    "@graph": [{
        "id": "https://example.org/peer/org/pairs-ensemble",
        "@type": "Organisation",
        "name": "Pairs Ensemble (fictional)",
        "organisation_kinds": ["peer_worker_association"],  # a code: its concept, by the context
        "country": "BE",
        "description": {"en": "An association of peer support workers.", "fr": "Une association de pairs aidants."},
        "start_year": 2016,
        "peer_governance_share": 100,  # a JSON integer where the context says xsd:float
    }],
}


def test_the_peer_schema_context_url_is_read_from_the_package(tmp_path, no_network):
    report = validate([write(tmp_path, "org.jsonld", json.dumps(PEER_CONTEXT_DOC))])
    assert report.findings == [], [f.message() for f in report.findings]
    assert report.records == 1


def test_json_numbers_get_the_datatype_the_context_gives_them():
    """rdflib keeps a JSON integer's Python int under xsd:float, which SHACL would call ill-typed."""
    graph = rdf.read_rdf(json.dumps(PEER_CONTEXT_DOC), "jsonld", "org.jsonld").graph
    (share,) = [o for _, p, o in graph if str(p).endswith("peerGovernanceShare")]
    assert str(share.datatype).endswith("#float") and isinstance(share.value, float)
    (year,) = [o for _, p, o in graph if str(p).endswith("startYear")]
    assert isinstance(year.value, int)


def test_the_rdf_examples_pass_together(no_network):
    """Turtle and JSON-LD in one run: the peer workers of the JSON-LD file work for the
    organisations of the Turtle file, as the YAML examples do."""
    report = validate([EXAMPLES / "rdf"], today=TODAY)
    assert report.findings == [], [f.message() for f in report.findings]
    assert report.records == 7
    alone = validate([EXAMPLES / "rdf" / "PeerWorker-with-consent.jsonld"], today=TODAY)
    # references read from a peer worker's record: which field, never what it holds
    assert {(f.code, f.params["field"]) for f in alone.findings} == {
        ("refs.dangling-private", "employer"), ("refs.dangling-private", "host_organisation")}
    assert not any("target" in f.params for f in alone.findings)


def test_consents_in_json_ld_are_checked(tmp_path):
    data = json.loads((EXAMPLES / "rdf" / "PeerWorker-with-consent.jsonld").read_text(encoding="utf-8"))
    worker = next(node for node in data["@graph"] if node.get("id") == "ex:pw/7f3a9c")
    worker["disclosure_consents"][1]["withdrawn_date"] = "2026-10-20"
    path = write(tmp_path, "withdrawn.jsonld", json.dumps(data))
    report = validate([path, VALID], today=TODAY)
    (finding,) = report.findings
    assert (finding.code, finding.record_id) == ("consent.withdrawn", "ex:pw/7f3a9c")
    assert "2026" not in finding.message()  # the dates of a consent are personal data
    data["@graph"][0]["access_rights"] = "public"
    report = validate([write(tmp_path, "public.jsonld", json.dumps(data)), VALID], today=TODAY)
    assert {(f.code, f.record_id) for f in report.findings} == {
        ("privacy.record-not-allowed", "ex:pw/7f3a9c"), ("privacy.record-not-allowed", "ex:pw/b21e04")}


def test_owl_imports_and_remote_iris_are_never_followed(tmp_path, no_network):
    path = write(tmp_path, "imports.ttl", PREFIXES + """@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://example.org/peer/dataset> owl:imports <https://example.org/ontology.ttl> ;
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://example.org/more.ttl> .
""")
    assert validate([path]).findings == []


def test_json_ld_goes_through_the_safe_json_reader(tmp_path):
    path = write(tmp_path, "dup.jsonld", '{"@context": {"name": "http://schema.org/name"}, "name": "a", "name": "b"}')
    assert codes(validate([path])) == ["read.duplicate-key"]


# -- RDF/XML: no DTD, no entity ------------------------------------------------------------------
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="http://schema.org/">
  <rdf:Description rdf:about="https://example.org/o"><schema:name>&lol9;</schema:name></rdf:Description>
</rdf:RDF>
"""
RDF_XML = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="http://schema.org/"
         xmlns:org="http://www.w3.org/ns/org#">
  <org:Organization rdf:about="https://example.org/o">
    <schema:name>O</schema:name>
    <org:classification rdf:resource="https://w3id.org/peer-schema/vocab/organisation-kind/ngo"/>
  </org:Organization>
</rdf:RDF>
"""


def test_billion_laughs_is_refused_before_parsing(tmp_path, no_network):
    path = write(tmp_path, "lol.rdf", BILLION_LAUGHS)
    start = time.process_time()
    report = validate([path])
    assert codes(report) == ["read.xml-doctype"]
    assert time.process_time() - start < 1


@pytest.mark.parametrize("doctype", [
    BILLION_LAUGHS,
    '<?xml version="1.0"?>\n<!doctype rdf SYSTEM "https://example.org/x.dtd">\n<rdf:RDF/>',
    '<?xml version="1.0"?>\n<!ENTITY x "y">',
])
def test_doctypes_are_refused_by_the_scan_and_by_the_parser(tmp_path, doctype, no_network):
    assert codes(validate([write(tmp_path, "d.xml", doctype)])) == ["read.xml-doctype"]
    with pytest.raises(rdf.ReadError) as raised:  # the parser refuses them too, should the scan miss one
        rdf._parse(doctype, "rdfxml")
    assert raised.value.code in ("read.xml-doctype", "read.syntax")


def test_rdf_xml_is_read(tmp_path):
    report = validate([write(tmp_path, "orgs.rdf", RDF_XML)])
    assert report.findings == [] and report.records == 1
    (finding,) = validate([write(tmp_path, "broken.rdf", RDF_XML.replace("</org:Organization>", ""))]).findings
    assert finding.code == "read.syntax" and finding.line == 8


# -- the file itself -----------------------------------------------------------------------------
def test_size_encoding_and_emptiness_are_checked_first(tmp_path):
    assert codes(validate([VALID], limits=Limits(max_bytes=100))) == ["read.too-large"]
    latin1 = write(tmp_path, "latin1.ttl", PREFIXES + 'ex:a schema:name "Hôpital" .\n', encoding="latin-1")
    assert codes(validate([latin1])) == ["read.encoding"]
    assert codes(validate([write(tmp_path, "empty.jsonld", "  \n")])) == ["read.empty"]


def test_without_rdflib_the_finding_says_what_to_install(monkeypatch):
    monkeypatch.setattr(rdf, "available", lambda: False)
    (finding,) = validate([VALID]).findings
    assert finding.code == "read.unsupported-format"
    assert 'python -m pip install ".[rdf]"' in finding.message()


def test_folders_include_rdf_files(tmp_path):
    write(tmp_path, "a.ttl", VALID.read_text(encoding="utf-8"))
    write(tmp_path, "b.rdf", RDF_XML)
    report = validate([tmp_path])
    assert len(report.files) == 2 and report.findings == [] and report.records == 6


def test_json_and_yaml_validation_never_import_rdflib():
    code = ("import sys, peer_schema; peer_schema.validate([sys.argv[1]]); "
            "assert not {'rdflib', 'pyshacl'} & set(sys.modules), 'rdflib imported'")
    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "valid")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- the command line ----------------------------------------------------------------------------
def cli(*args):
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True)


def test_cli_exit_codes_for_rdf(tmp_path):
    assert cli("validate", str(VALID)).returncode == 0
    assert cli("validate", str(EXAMPLES / "invalid" / "Organisation-two-names.ttl")).returncode == 1
    unreadable = cli("validate", str(EXAMPLES / "invalid" / "Organisation-turtle-syntax.ttl"))
    assert unreadable.returncode == 2 and "read.syntax" in unreadable.stdout
    assert cli("validate", str(write(tmp_path, "lol.rdf", BILLION_LAUGHS))).returncode == 2


# -- malformed RDF: refused by the strict parser, whatever rdflib makes of it ---------------------
TTL = "@prefix ex: <https://example.org/peer/> .\n@prefix schema: <http://schema.org/> .\n"
NT_S, NT_P = "<https://example.org/peer/a>", "<http://schema.org/name>"
XML = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
       'xmlns:schema="http://schema.org/">\n')
JSONLD = '{"@context": {"name": "http://schema.org/name"}, '
#: (file name, text, code, line or None): each a mistake a person or a lenient tool makes
MALFORMED = [
    ("literal-subject.ttl", TTL + '"Pairs" schema:name "x" .\n', "read.syntax", 3),
    ("bad-u-escape.ttl", TTL + 'ex:a schema:name "caf\\uZZZZ" .\n', "read.syntax", 3),
    ("bad-U-escape.ttl", TTL + 'ex:a schema:name "\\U0001F60" .\n', "read.syntax", 3),
    ("unterminated-string.ttl", TTL + 'ex:a schema:name "Pairs .\nex:b schema:name "B" .\n', "read.syntax", 3),
    ("undefined-prefix.ttl", TTL + 'ex:a org:classification ex:b .\n', "read.syntax", 3),
    ("iri-with-space.ttl", TTL + '<https://example.org/peer/a b> schema:name "x" .\n', "read.bad-iri", 3),
    ("iri-with-brace.ttl", TTL + 'ex:a schema:url <https://example.org/{x}> .\n', "read.bad-iri", 3),
    ("iri-bad-percent.ttl", TTL + 'ex:a schema:url <https://example.org/100%> .\n', "read.bad-iri", 3),
    ("relative-iri.ttl", TTL + 'ex:a schema:url <page.html> .\n', "read.bad-iri", 3),
    ("relative-prefix.ttl", '@prefix ex: <peer/> .\nex:a <http://schema.org/name> "x" .\n', "read.bad-iri", 1),
    ("bad-language-tag.ttl", TTL + 'ex:a schema:name "x"@en-toolongsubtag .\n', "read.syntax", 3),
    ("language-tag-with-underscore.ttl", TTL + 'ex:a schema:name "x"@fr_BE .\n', "read.syntax", 3),
    ("literal-predicate.ttl", TTL + 'ex:a "name" "x" .\n', "read.syntax", 3),
    ("blank-node-predicate.ttl", TTL + 'ex:a _:name "x" .\n', "read.syntax", 3),
    ("missing-final-dot.ttl", TTL + 'ex:a schema:name "x"\n', "read.syntax", 3),
    ("stray-bracket.ttl", TTL + 'ex:a schema:name "x" ] .\n', "read.syntax", 3),
    ("named-graph-in-turtle.ttl", TTL + 'ex:g { ex:a schema:name "x" . }\n', "read.syntax", 3),
    ("trailing-garbage.ttl", TTL + 'ex:a schema:name "x" . garbage\n', "read.syntax", 3),
    ("prefixed-name.nt", f'{NT_S} {NT_P} "x" .\n{NT_S} {NT_P} ex:b .\n', "read.syntax", 2),
    ("literal-subject.nt", f'"a" {NT_P} "x" .\n', "read.syntax", 1),
    ("relative-iri.nt", f'{NT_S} {NT_P} "x" .\n<a> {NT_P} "x" .\n', "read.bad-iri", 2),
    ("missing-dot.nt", f'{NT_S} {NT_P} "x"\n{NT_S} {NT_P} "y" .\n', "read.syntax", 1),
    ("bad-u-escape.nt", f'{NT_S} {NT_P} "\\u00g9" .\n', "read.syntax", 1),
    ("mismatched-tag.rdf", XML + '<rdf:Description rdf:about="https://example.org/a">\n</rdf:RDF>\n',
     "read.syntax", 4),
    ("no-namespace.rdf", '<RDF><Description about="https://example.org/a"/></RDF>\n', "read.syntax", None),
    ("relative-about.rdf", XML + '<rdf:Description rdf:about="a"><schema:name>x</schema:name>'
     '</rdf:Description>\n</rdf:RDF>\n', "read.bad-iri", 3),
    ("iri-with-space.rdf", XML + '<rdf:Description rdf:about="https://example.org/a b"><schema:name>x'
     '</schema:name></rdf:Description>\n</rdf:RDF>\n', "read.bad-iri", 3),
    ("bad-node-id.rdf", XML + '<rdf:Description rdf:nodeID="1a"><schema:name>x</schema:name>'
     '</rdf:Description>\n</rdf:RDF>\n', "read.syntax", None),
    ("id-a-number.jsonld", JSONLD + '"@id": 5, "name": "x"}', "read.syntax", None),
    ("type-a-number.jsonld", JSONLD + '"@id": "https://example.org/a", "@type": 5, "name": "x"}', "read.syntax", None),
    ("value-and-id.jsonld", JSONLD + '"@id": "https://example.org/a", "name": {"@value": "x", "@id": "b"}}',
     "read.syntax", None),
    ("context-a-number.jsonld", '{"@context": 5, "@id": "https://example.org/a"}', "read.syntax", None),
    ("language-a-number.jsonld", JSONLD + '"@id": "https://example.org/a", "name": {"@value": "x", "@language": 5}}',
     "read.syntax", None),
    ("relative-id.jsonld", JSONLD + '"@id": "a", "name": "x"}', "read.bad-iri", None),
    ("iri-with-space.jsonld", JSONLD + '"@id": "https://example.org/a b", "name": "x"}', "read.bad-iri", None),
]


#: JSON-LD is parsed strictly only by a pyoxigraph that reads JSON-LD 1.1 (0.5.13 does, 0.5.0 does not)
STRICT_JSON_LD = pytest.mark.skipif(not rdf.rdf_strict.json_ld_1_1(), reason="this pyoxigraph reads JSON-LD 1.0 only")
MALFORMED_CASES = [pytest.param(*case, id=case[0], marks=[STRICT_JSON_LD] if case[0].endswith(".jsonld") else [])
                   for case in MALFORMED]


@pytest.mark.parametrize("name, text, code, line", MALFORMED_CASES)
def test_malformed_rdf_is_refused(tmp_path, no_network, name, text, code, line):
    report = validate([write(tmp_path, name, text)])
    (finding,) = report.findings
    assert (finding.code, finding.line) == (code, line), finding.message()
    assert report.unreadable
    assert "Parser error" not in finding.message() and len(finding.message()) < 300


@pytest.mark.parametrize("fmt, suffix", [("ttl", ".ttl"), ("nt", ".nt"), ("jsonld", ".jsonld"), ("rdfxml", ".rdf")])
def test_the_tools_own_exports_pass_the_strict_parser(tmp_path, fmt, suffix):
    from peer_schema.rdf import export

    out = tmp_path / f"compendium{suffix}"
    export([EXAMPLES / "compendium"], out, fmt=fmt)
    graph = rdf.read_rdf(out.read_text(encoding="utf-8"), rdf.RDF_FORMATS[suffix], str(out)).graph  # raises if refused
    assert len(graph) > 800


@pytest.mark.parametrize("name, text", [
    ("literal-subject.ttl", TTL + '"Pairs" schema:name "x" .\n'),
    ("bad-u-escape.ttl", TTL + 'ex:a schema:name "caf\\uZZZZ" .\n'),
    ("bad-language-tag.ttl", TTL + 'ex:a schema:name "x"@en-toolongsubtag .\n'),
    ("iri-with-brace.ttl", TTL + 'ex:a schema:url <https://example.org/{x}> .\n'),
])
def test_the_lenient_parser_alone_would_have_read_them(name, text):
    """Why the strict pass is there: rdflib builds a graph from each of these."""
    fmt = rdf.RDF_FORMATS[Path(name).suffix]
    assert len(rdf._parse(text, fmt)) >= 1
    with pytest.raises(rdf.ReadError):
        rdf.read_rdf(text, fmt, name)


def test_malformed_rdf_messages_are_plain_words(tmp_path):
    def message(name, text):
        (finding,) = validate([write(tmp_path, name, text)]).findings
        return finding.message()

    assert message("s.ttl", TTL + '"Pairs" schema:name "x" .\n') == (
        'the file is not valid Turtle: "Pairs" cannot be a subject here: a subject is an IRI or a blank node, '
        'never a literal')
    assert "\\uZZZZ is not a valid escape: \\u takes 4 hexadecimal digits" in message("u.ttl", MALFORMED[1][1])
    assert "the prefix org: is used but never declared" in message("p.ttl", MALFORMED[4][1])
    assert message("r.ttl", MALFORMED[8][1]) == "an IRI is malformed: <page.html> is relative and the file declares no base"
    assert "a language tag is not valid BCP 47" in message("l.ttl", MALFORMED[10][1])


@STRICT_JSON_LD
def test_json_ld_the_strict_parser_reads_never_reaches_the_network(no_network):
    """The strict pass has no document loader: a remote context that reached it would be refused."""
    with pytest.raises(rdf.ReadError) as raised:
        rdf.rdf_strict.check('{"@context": "https://example.org/c.jsonld", "@id": "https://example.org/a"}',
                             "jsonld", "JSON-LD")
    assert raised.value.code == "read.syntax"


@STRICT_JSON_LD
def test_the_cli_refuses_each_malformed_file_with_exit_code_2(tmp_path):
    for name, text, _code, _line in MALFORMED:
        write(tmp_path, name, text)
    result = cli("validate", str(tmp_path), "--format", "json")
    assert result.returncode == 2, result.stderr
    findings = json.loads(result.stdout)["findings"]
    got = {(Path(f["file"]).name, f["code"], f.get("line")) for f in findings}
    assert got == {(name, code, line) for name, _text, code, line in MALFORMED}



def test_a_damaged_file_is_refused_or_read_never_a_crash():
    """Random edits of valid Turtle, N-Triples and RDF/XML: each is read or refused with a read.*
    finding whose line is within the file; nothing else escapes (no traceback for any input)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    originals = [(VALID.read_text(encoding="utf-8"), "turtle"), (RDF_XML, "rdfxml"),
                 ('<https://example.org/o> <http://schema.org/name> "O" .\n' * 3, "ntriples")]
    pieces = st.sampled_from(['"', "<", ">", " ", ".", ";", ",", "\\u", "@", "^^", ":", "_:", "[", "]", "(", "\n",
                              "é", "%", "{", "#", "a", "1"])
    edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), pieces), min_size=1, max_size=4)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(original=st.sampled_from(originals), edits=edits)
    def check(original, edits):
        text, fmt = original
        for position, deleted, piece in edits:
            position %= len(text) + 1
            text = text[:position] + piece + text[position + deleted:]
        try:
            rdf.read_rdf(text, fmt, "damaged")
        except rdf.ReadError as refused:
            assert refused.code.startswith("read."), refused.code
            assert refused.line is None or 1 <= refused.line <= text.count("\n") + 1

    check()
