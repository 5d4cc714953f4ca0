"""`peer-schema query --format table` for people (labels in --lang, compact names); csv and json
keep full IRIs; parameters' codes in any case, as the workbook reads them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("pyoxigraph")

from peer_schema.rdf.display import Names, declared_prefixes  # noqa: E402
from peer_schema.rdf.queries import ParameterError, run_question  # noqa: E402

from test_store_queries import compendium_store  # noqa: E402, F401 (the fixture)

COE = "https://w3id.org/peer-schema/compendium/"
PEER_OPERATED = "https://w3id.org/peer-schema/vocab/organisation-kind/peer_operated_service"


def query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "peer_schema", "query", *args], capture_output=True, text=True)


def test_names_for_people():
    names = Names("fr", {"coe": COE})
    assert names(PEER_OPERATED) == "Service géré par des pairs"
    assert Names("en")(PEER_OPERATED) == "Peer-operated service"
    assert names(COE + "org/fapaf") == "coe:org/fapaf"
    assert names("http://schema.org/name") == "schema:name"
    assert names("https://w3id.org/peer-schema/Practice") == "peer:Practice"  # the longest namespace wins
    assert names("https://example.net/x") == "https://example.net/x"  # no known namespace
    assert names("Mind: for better mental health") == "Mind: for better mental health"
    assert names(3) == 3 and names(None) is None


def test_the_store_s_declared_prefixes(compendium_store):
    assert declared_prefixes(compendium_store)["coe"] == COE


def test_table_shows_labels_in_the_language_and_compact_names(compendium_store):
    done = query("organisations-by-kind-and-country", "--store", str(compendium_store), "--lang", "fr",
                 "--param", "country=GB")
    assert done.returncode == 0, done.stderr
    assert "Royaume-Uni" in done.stdout and "United Kingdom" not in done.stdout
    assert "coe:org/mind" in done.stdout and COE not in done.stdout

    sparql = "SELECT ?kind WHERE { ?o <http://www.w3.org/ns/org#classification> ?kind }"
    free = subprocess.run([sys.executable, "-m", "peer_schema", "query", "--sparql", "/dev/stdin", "--store",
                           str(compendium_store), "--lang", "FR"], input=sparql, capture_output=True, text=True)
    assert free.returncode == 0, free.stderr
    assert "Association de pairs aidants" in free.stdout and "https://" not in free.stdout


def test_csv_and_json_keep_full_iris(compendium_store):
    csv = query("organisations-by-kind-and-country", "--store", str(compendium_store), "--format", "csv",
                "--lang", "fr", "--param", "country=GB")
    assert csv.returncode == 0 and COE + "org/mind" in csv.stdout and "coe:org" not in csv.stdout
    assert "Royaume-Uni" in csv.stdout  # the question's own labels follow --lang in every format
    as_json = query("organisations-by-kind-and-country", "--store", str(compendium_store), "--format", "json")
    rows = json.loads(as_json.stdout)["rows"]
    assert rows and all(row["organisation"].startswith(COE) for row in rows)


@pytest.mark.parametrize("given, code", [("country=gb", "country=GB"), ("country= Gb ", "country=GB"),
                                         ("country=NONE", "country=none"), ("country=Royaume-Uni", "country=GB"),
                                         ("kind=PEER_OPERATED_SERVICE", "kind=peer_operated_service"),
                                         ("kind=Peer-operated service", "kind=peer_operated_service"),
                                         ("lang=FR", "lang=fr")])
def test_parameters_in_any_case(compendium_store, given, code):
    def ask(item: str):
        name, _, value = item.partition("=")
        return run_question("organisations-by-kind-and-country", {name: value}, compendium_store).rows

    assert ask(given) == ask(code)


def test_an_unknown_code_is_still_refused_with_a_suggestion(compendium_store):
    with pytest.raises(ParameterError, match="kind='peer_operated'.*did you mean peer_operated_service"):
        run_question("organisations-by-kind-and-country", {"kind": "peer_operated"}, compendium_store)
    done = query("organisations-by-kind-and-country", "--store", str(compendium_store), "--param", "country=zz")
    assert done.returncode == 2 and "not a code" in done.stderr


def test_the_query_modules_are_small_and_keep_their_public_names():
    """rdf/queries.py was split (questions, answers, public_guard, display); its names stay importable."""
    from pathlib import Path

    import peer_schema.rdf.queries as queries

    folder = Path(queries.__file__).parent
    for name in ("queries", "questions", "answers", "public_guard", "display", "store"):
        lines = (folder / f"{name}.py").read_text(encoding="utf-8").count("\n")
        assert lines < 400, (name, lines)
    for name in ["NONE_VALUE", "RENDERERS", "ParameterError", "Parameter", "Question", "QueryError", "Result",
                 "UnknownQuestion", "UnsafeQuery", "as_csv", "as_json", "as_table", "cell", "cell_from_json",
                 "csv_cell", "stream_question", "stream_sparql", "write_answer", "Answer", "LimitExceeded",
                 "StoreQuery", "get_question", "list_questions", "parse_question", "run_question", "run_sparql",
                 "with_values", "PublicStoreLeaks", "guard_public_store"]:
        assert name in queries.__all__ and getattr(queries, name) is not None, name
