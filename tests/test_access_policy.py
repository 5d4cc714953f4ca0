"""A profile never loosens access, small counts never go public, merges guard records, no value of
a peer worker in a message, private data owner-only: every writer, through the real command line
(`peer_schema.cli.main`), on real files in tmp_path.

The data: one dataset per access right, each with an organisation whose staff (2) and peer
workers (1) are small counts and 12 volunteers are not; the restricted and non-public ones also
hold a peer worker whose consent covers the federation.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from peer_schema import access
from peer_schema.cli import main
from peer_schema.model import model

ACCESS = ("public", "restricted", "non_public")
PROFILES = (None, "public", "research", "federation", "internal")
EU = "http://publications.europa.eu/resource/authority/access-right/"
DCT_ACCESS = URIRef("http://purl.org/dc/terms/accessRights")
PEER = "https://w3id.org/peer-schema/"
SMALL, LARGE = {"staff_count": 2, "peer_worker_count": 1}, {"volunteer_count": 12}


def dataset(access_rights: str, peer_worker: bool | None = None) -> dict:
    doc = {
        "id": f"ex:dataset/{access_rights}", "title": {"en": "Access test"},
        "publisher": {"id": "https://example.org/a", "name": "Association A (fictional)"},
        "dataset_version": "1", "schema_version": model().schema_version,
        "license": "https://creativecommons.org/licenses/by/4.0/", "access_rights": access_rights,
        "created": "2026-11-02", "prefixes": {"ex": "https://example.org/peer/"},
        "organisations": [{"id": "ex:org/a", "name": "Association A (fictional)",
                           "organisation_kinds": ["peer_worker_association"], "country": "BE", **SMALL, **LARGE}],
    }
    if peer_worker if peer_worker is not None else access_rights != "public":
        doc["peer_workers"] = [{
            "id": "ex:pw/1", "role": "peer_support_worker", "employer": "ex:org/a",
            "disclosure_consents": [{"disclosed_fields": ["peer_status", "role", "employer"],
                                     "audiences": ["federation"],
                                     "purposes": ["registry_exchange", "workforce_statistics"],
                                     "given_date": "2026-01-15"},
                                    {"disclosed_fields": ["peer_status", "role", "employer"],
                                     "audiences": ["researchers"], "purposes": ["research"],
                                     "given_date": "2026-01-15"}]}]
    return doc


def write(folder: Path, doc: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{doc['access_rights']}.json")
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def allowed(access_rights: str, profile: str | None) -> bool:
    return profile is None or access.readers(profile) <= access.readers(access.PROFILE_OF_ACCESS[access_rights])


def expected(access_rights: str, profile: str | None) -> tuple[str, bool]:
    """(the access rights the output says, whether small counts are suppressed)"""
    written = profile or access.PROFILE_OF_ACCESS[access_rights]
    return access.ACCESS_OF_PROFILE[written], written == "public"


@pytest.fixture(autouse=True)
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def run(*args) -> int:
    return main([str(a) for a in args])


def refused(rc: int, capsys, tmp_path: Path, out: Path) -> None:
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "may not be written under the" in err and "Traceback" not in err, err
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


# -- the rule itself -------------------------------------------------------------------------------------
def test_the_rule_in_one_place():
    assert access.profile_for("public") == "public"
    assert access.profile_for("non_public", "internal") == "internal"
    assert access.profile_for("public", "internal") == "internal"  # stricter: allowed
    assert access.profile_for(None, "public") == "public"  # nothing to compare: the structure check refuses it
    for rights, profile in [("non_public", "federation"), ("non_public", "public"), ("restricted", "public")]:
        with pytest.raises(access.LooserProfile):
            access.profile_for(rights, profile)
    assert access.stricter_access("public", None) == "non_public"  # what says nothing is the strictest
    assert access.stricter_access("public", "restricted") == "restricted"
    with pytest.raises(ValueError):
        access.ProfileFilter("public", access.DEFAULT_MIN_COUNT - 1)  # one threshold: never lower


# -- validate ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("access_rights", ACCESS)
@pytest.mark.parametrize("profile", PROFILES)
def test_validate(tmp_path, capsys, access_rights, profile):
    path = write(tmp_path / "in", dataset(access_rights))
    rc = run("validate", path, *(["--profile", profile] if profile else []), "--format", "json")
    out = capsys.readouterr()
    if allowed(access_rights, profile):
        assert rc == 0, out.out
    else:
        assert rc == 2 and f"access_rights {access_rights}" in out.err and f"the {profile} profile" in out.err


# -- export, every RDF format ---------------------------------------------------------------------------
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.mark.parametrize("fmt", RDF_FORMATS)
@pytest.mark.parametrize("access_rights", ACCESS)
@pytest.mark.parametrize("profile", PROFILES)
def test_export_rdf(tmp_path, capsys, fmt, access_rights, profile):
    path = write(tmp_path / "in", dataset(access_rights))
    out = tmp_path / f"out.{fmt}"
    rc = run("export", path, "--to", fmt, "-o", out, *(["--profile", profile] if profile else []))
    if not allowed(access_rights, profile):
        return refused(rc, capsys, tmp_path, out)
    assert rc == 0, capsys.readouterr().err
    graph = Graph().parse(out, format=RDF_FORMATS[fmt])
    label, suppressed = expected(access_rights, profile)
    eu = {"public": "PUBLIC", "restricted": "RESTRICTED", "non_public": "NON_PUBLIC"}[label]
    assert {str(o) for o in graph.objects(None, DCT_ACCESS)} == {EU + eu}
    counts = {p.removeprefix(PEER): int(o) for _, p, o in graph if str(p).endswith("Count")}
    assert counts.get("volunteerCount") == 12
    if suppressed:
        assert "staffCount" not in counts and "peerWorkerCount" not in counts, counts
    else:
        assert counts["staffCount"] == 2 and counts["peerWorkerCount"] == 1
    holds_peer_workers = any(str(o) == PEER + "PeerWorker" for o in graph.objects())
    assert holds_peer_workers == (access_rights != "public")
    assert out.stat().st_mode & 0o777 == (0o600 if holds_peer_workers else 0o644)


def test_a_public_dataset_exported_as_internal_says_non_public(tmp_path, capsys):
    """The careful user's finding: a public dataset that (wrongly) holds a peer worker, exported
    with --profile internal, was written with dct:accessRights PUBLIC beside the peer worker."""
    path = write(tmp_path / "in", dataset("public", peer_worker=True))
    out = tmp_path / "out.ttl"
    assert run("export", path, "--profile", "internal", "-o", out) == 0
    graph = Graph().parse(out)
    assert {str(o) for o in graph.objects(None, DCT_ACCESS)} == {EU + "NON_PUBLIC"}
    assert out.stat().st_mode & 0o777 == 0o600


# -- export --to xlsx ------------------------------------------------------------------------------------
@pytest.mark.parametrize("access_rights", ACCESS)
@pytest.mark.parametrize("profile", PROFILES)
def test_export_workbook(tmp_path, capsys, access_rights, profile):
    path = write(tmp_path / "in", dataset(access_rights))
    out = tmp_path / "out.xlsx"
    rc = run("export", path, "--to", "xlsx", "-o", out, *(["--profile", profile] if profile else []))
    if not allowed(access_rights, profile):
        return refused(rc, capsys, tmp_path, out)
    assert rc == 0, capsys.readouterr().err
    if profile == "research":  # only the consents for research are in it: checked as research data
        assert run("validate", out, "--profile", "research") == 0, capsys.readouterr().out
        return
    assert run("import", out, "-o", tmp_path / "back") == 0
    (back,) = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "back").glob("*.json")]
    label, suppressed = expected(access_rights, profile)
    assert back["access_rights"] == label
    org = back["organisations"][0]
    assert org["volunteer_count"] == 12
    assert ("staff_count" in org) != suppressed and ("peer_worker_count" in org) != suppressed


# -- store load, and query output ---------------------------------------------------------------------
def _ask(store: Path, capsys, sparql: str, tmp_path: Path) -> tuple[int, list[dict]]:
    query = tmp_path / "q.rq"
    query.write_text(sparql, encoding="utf-8")
    capsys.readouterr()
    rc = run("query", "--sparql", query, "--store", store, "--format", "json")
    out = capsys.readouterr()
    return rc, (json.loads(out.out)["rows"] if rc == 0 else out.err)


COUNTS_QUERY = "SELECT ?p ?n WHERE { ?o ?p ?n FILTER(isNumeric(?n)) }"
RIGHTS_QUERY = "SELECT DISTINCT ?r WHERE { ?d <http://purl.org/dc/terms/accessRights> ?r }"


@pytest.mark.parametrize("access_rights", ACCESS)
@pytest.mark.parametrize("profile", PROFILES)
def test_store_load_and_query(tmp_path, capsys, access_rights, profile):
    path = write(tmp_path / "in", dataset(access_rights))
    store = tmp_path / "store"
    rc = run("store", "load", path, "--store", store, *(["--profile", profile] if profile else []))
    if not allowed(access_rights, profile):
        err = capsys.readouterr().err
        assert rc == 2 and "may not be written under the" in err
        assert not store.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch folder left
        return
    assert rc == 0, capsys.readouterr().err
    label, suppressed = expected(access_rights, profile)
    rc, rows = _ask(store, capsys, RIGHTS_QUERY, tmp_path)
    assert rc == 0 and [r["r"] for r in rows] == [EU + {"public": "PUBLIC", "restricted": "RESTRICTED",
                                                         "non_public": "NON_PUBLIC"}[label]]
    rc, rows = _ask(store, capsys, COUNTS_QUERY, tmp_path)
    counts = {r["p"].removeprefix(PEER): r["n"] for r in rows if r["p"].endswith("Count")}
    assert counts["volunteerCount"] == 12
    assert ("staffCount" in counts) != suppressed and ("peerWorkerCount" in counts) != suppressed
    private = access_rights != "public"  # the peer worker is in the store
    for item in [store, *store.rglob("*")]:
        mode = item.stat().st_mode & 0o777
        if private:
            assert mode == (0o700 if item.is_dir() else 0o600), (item, oct(mode))
        else:
            assert mode & 0o077, (item, oct(mode))  # no peer worker: the umask's usual modes


def test_a_later_load_of_peer_workers_makes_the_store_private(tmp_path, capsys):
    store = tmp_path / "store"
    assert run("store", "load", write(tmp_path / "a", dataset("public")), "--store", store) == 0
    assert store.stat().st_mode & 0o777 == 0o755
    assert run("store", "load", write(tmp_path / "b", dataset("restricted")), "--store", store) == 0
    assert all(p.stat().st_mode & 0o077 == 0 for p in [store, *store.rglob("*")])
    assert run("store", "load", write(tmp_path / "c", dataset("public")), "--store", store, "--replace") == 0
    assert store.stat().st_mode & 0o777 == 0o700  # never loosened by a later load


def test_query_output_of_a_public_store_with_small_counts_is_refused(tmp_path, capsys):
    """A public store written by an older peer-schema (or another tool) with a small count in it."""
    import pyoxigraph

    store = tmp_path / "old-store"
    db = pyoxigraph.Store(str(store))
    db.load(input=(f"<https://example.org/d> <http://purl.org/dc/terms/accessRights> <{EU}PUBLIC> .\n"
                   f"<https://example.org/o> <{PEER}peerWorkerCount> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                   ).encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    db.flush()
    del db
    from peer_schema.rdf import store_files

    store_files.write_manifest(store, 2)  # marked complete, as `store load` does (else refused as incomplete)
    rc, err = _ask(store, capsys, COUNTS_QUERY, tmp_path)
    assert rc == 2 and "counts of people below 5" in err, err
    assert run("query", "organisations-by-kind-and-country", "--store", store) == 2
    # the same numbers in a restricted store are its readers' to see
    rc, rows = _ask(_restricted_store(tmp_path, capsys), capsys, COUNTS_QUERY, tmp_path)
    assert rc == 0 and any(r["n"] == 1 for r in rows)


def _restricted_store(tmp_path: Path, capsys) -> Path:
    store = tmp_path / "restricted-store"
    assert run("store", "load", write(tmp_path / "r", dataset("restricted")), "--store", store) == 0
    capsys.readouterr()
    return store


# -- bundle ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("access_rights", ACCESS)
@pytest.mark.parametrize("profile", ("public", "federation"))
def test_bundle(tmp_path, capsys, access_rights, profile):
    path = write(tmp_path / "in", dataset(access_rights))
    out = tmp_path / "out.zip"
    rc = run("bundle", path, "-o", out, "--profile", profile)
    if not allowed(access_rights, profile):
        return refused(rc, capsys, tmp_path, out)
    assert rc == 0, capsys.readouterr().err
    with zipfile.ZipFile(out) as zf:
        (doc,) = [json.loads(zf.read(n)) for n in zf.namelist() if n.startswith("data/")]
        manifest = json.loads(zf.read("datapackage.json"))
    label, suppressed = expected(access_rights, profile)
    assert doc["access_rights"] == label and manifest["export_profile"] == profile
    org = doc["organisations"][0]
    assert ("staff_count" in org) != suppressed and ("peer_worker_count" in org) != suppressed


def test_min_count_may_raise_the_threshold_never_lower_it(tmp_path, capsys):
    path = write(tmp_path / "in", dataset("public"))
    out = tmp_path / "out.zip"
    refusal = run("bundle", path, "-o", out, "--profile", "public", "--min-count", "2")
    assert refusal == 2 and "--min-count must be 5 or more" in capsys.readouterr().err and not out.exists()
    assert run("bundle", path, "-o", out, "--profile", "public", "--min-count", "13") == 0
    with zipfile.ZipFile(out) as zf:
        (doc,) = [json.loads(zf.read(n)) for n in zf.namelist() if n.startswith("data/")]
    assert not {"staff_count", "peer_worker_count", "volunteer_count"} & set(doc["organisations"][0])


# -- merge ----------------------------------------------------------------------------------------------------
def _bundle(tmp_path: Path, doc: dict, profile: str, name: str, manifest_profile="same") -> Path:
    """A bundle made by the real command; `manifest_profile` rewrites what its manifest says
    (None: no profile), as another tool, or a person, could."""
    out = tmp_path / name
    assert run("bundle", write(tmp_path / name.removesuffix(".zip"), doc), "-o", out, "--profile", profile) == 0
    if manifest_profile == "same":
        return out
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["datapackage.json"])
    manifest["export_profile"] = manifest_profile
    files["datapackage.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)
    return out


def _same_id(doc: dict) -> dict:
    doc["id"] = "ex:dataset/shared"
    return doc


def test_merge_takes_a_manifest_without_profile_as_the_strictest(tmp_path, capsys):
    """The careful user's finding: two bundles whose manifests name no profile, a public dataset
    and a restricted one with the same id: the restricted records went into the public dataset."""
    public = _bundle(tmp_path, _same_id(dataset("public")), "public", "p.zip", manifest_profile=None)
    restricted = _bundle(tmp_path, _same_id(dataset("restricted")), "federation", "r.zip", manifest_profile=None)
    out = tmp_path / "merged"
    assert run("merge", public, restricted, "-o", out) == 0, capsys.readouterr().err
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "data").glob("*.json")]
    assert doc["access_rights"] == "non_public" and doc["peer_workers"]
    assert all(p.stat().st_mode & 0o077 == 0 for p in [out, *out.rglob("*")])


@pytest.mark.parametrize("claimed", ["public", "federation", "internal", "nonsense"])
def test_merge_refuses_a_falsely_labelled_bundle(tmp_path, capsys, claimed):
    honest = _bundle(tmp_path, _same_id(dataset("public")), "public", "p.zip")
    liar = _bundle(tmp_path, _same_id(dataset("restricted")), "federation", "liar.zip", manifest_profile=claimed)
    capsys.readouterr()
    out = tmp_path / "merged"
    for order in ([liar], [honest, liar]):
        rc = run("merge", *order, "-o", out)
        err = capsys.readouterr().err
        if claimed == "federation":  # the truth: not refused for its label
            assert rc in (0, 1), err
            if out.exists():
                import shutil

                shutil.rmtree(out)
            continue
        assert rc == 2 and "liar.zip" in err and "Traceback" not in err, err
        assert not out.exists()


def _merger_bundle(label: str, doc: dict):
    from peer_schema.exchange.merge import Bundle

    return Bundle(label, Path(label), "sha256:0", {"export_profile": None}, [doc])


@pytest.mark.parametrize("restricted_first", [True, False])
def test_merge_never_moves_a_record_into_a_looser_dataset(restricted_first):
    """The record-level twin of the field guard, on the merger itself (the manifest checks make
    this unreachable from the command line, so it is tried directly)."""
    from peer_schema.exchange.errors import Refused
    from peer_schema.exchange.merge import _Merger

    public = _merger_bundle("p.zip", _same_id(dataset("public")))
    restricted = _merger_bundle("r.zip", _same_id(dataset("restricted")))
    if restricted_first:  # public records may join the restricted dataset: fewer readers
        result = _Merger([restricted, public]).run()
        assert result.datasets == 1
    else:
        with pytest.raises(Refused, match="more people may read"):
            _Merger([public, restricted]).run()


def test_merge_adds_no_field_across_access_rights():
    from peer_schema.exchange.merge import _Merger

    bare = _same_id(dataset("public"))
    bare["id"] = "ex:dataset/public"
    for name in ("staff_count", "peer_worker_count", "volunteer_count"):
        bare["organisations"][0].pop(name)
    full = dataset("restricted")
    merger = _Merger([_merger_bundle("p.zip", bare), _merger_bundle("r.zip", full)])
    result = merger.run()
    kept = merger.out_docs["ex:dataset/public"]["organisations"][0]
    assert not {"staff_count", "peer_worker_count", "volunteer_count"} & set(kept) and result.added_fields == []


# -- no value of a peer worker in any message ----------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif"])
def test_a_reference_from_a_peer_worker_is_never_quoted(tmp_path, capsys, fmt):
    doc = dataset("restricted")
    doc["peer_workers"][0]["employer"] = "ex:Marie Dupont"  # a name typed in the employer cell
    doc["peer_workers"][0]["completed_trainings"] = ["ex:org/a"]  # an organisation, not a training
    path = write(tmp_path / "in", doc)
    assert run("validate", path, "--format", fmt) == 1
    out = capsys.readouterr().out
    assert "Marie" not in out and "Dupont" not in out
    assert "refs.dangling-private" in out and "refs.wrong-class-private" in out
    assert "employer" in out and "ex:pw/1" in out  # which field, which record
    # a public record's reference is still quoted: it helps, and it is nobody's personal data
    doc = dataset("public")
    doc["memberships"] = [{"member": "ex:org/a", "federation": "ex:org/missing-federation"}]
    assert run("validate", write(tmp_path / "pub", doc), "--format", fmt) == 1
    assert "ex:org/missing-federation" in capsys.readouterr().out


def test_merge_writes_a_public_dataset_as_the_public_profile_may(tmp_path, capsys):
    """A public bundle made by another tool, with a small count and a peer worker in it: the
    merged public dataset holds neither; the report says which fields, not how many."""
    from test_merge import _rebundle

    made = _bundle(tmp_path, dataset("public"), "public", "p.zip")

    def as_another_tool(doc):
        doc["organisations"][0].update(SMALL)
        doc["peer_workers"] = dataset("restricted")["peer_workers"]

    other = _rebundle(made, tmp_path / "other-tool.zip", as_another_tool)
    out = tmp_path / "merged"
    assert run("merge", other, "-o", out) == 0, capsys.readouterr().err
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "data").glob("*.json")]
    assert doc["access_rights"] == "public" and "peer_workers" not in doc
    assert not {"staff_count", "peer_worker_count"} & set(doc["organisations"][0])
    assert doc["organisations"][0]["volunteer_count"] == 12
    report = json.loads((out / "merge-report.json").read_text(encoding="utf-8"))
    assert report["left_out"]["records"] == ["PeerWorker"]
    assert report["left_out"]["small_counts"] == {"threshold": 5, "fields": ["Organisation.peer_worker_count",
                                                                            "Organisation.staff_count"]}
    assert out.stat().st_mode & 0o777 == 0o755  # no peer worker left: the umask's usual mode


@pytest.mark.parametrize("public_first", [True, False])
@pytest.mark.parametrize("command", ["validate", "export", "store", "bundle"])
def test_a_dataset_described_with_two_access_rights_is_refused(tmp_path, capsys, command, public_first):
    """The same dataset public in one file and restricted (with a peer worker) in another: which
    readers it has would depend on the order of the files. Refused in either order by every
    writer, which joins them into one dataset; nothing written. Validate checks each file against
    its own header, and both files are fine as files."""
    public, restricted = _same_id(dataset("public")), _same_id(dataset("restricted"))
    restricted["organisations"] = []
    names = ("a.json", "b.json") if public_first else ("b.json", "a.json")
    write(tmp_path / "in", public, names[0])
    write(tmp_path / "in", restricted, names[1])
    out = tmp_path / "out" / {"validate": "report.json", "export": "x.ttl", "store": "store",
                              "bundle": "b.zip"}[command]
    out.parent.mkdir()
    args = {"validate": ["validate", tmp_path / "in", "--format", "json"],
            "export": ["export", tmp_path / "in", "-o", out],
            "store": ["store", "load", tmp_path / "in", "--store", out],
            "bundle": ["bundle", tmp_path / "in", "-o", out, "--profile", "federation"]}[command]
    if command == "validate":  # each file against its own header: both are fine as files
        assert run(*args) == 0, capsys.readouterr().out
        return
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert "has access_rights" in err and "the same access_rights in every file" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("command", ["export", "store"])
def test_research_outputs_carry_only_the_consents_for_research(tmp_path, capsys, command):
    """What a research bundle carries, an export or a store under research carries too: of each
    peer worker's consents, those naming researchers and research only."""
    path = write(tmp_path / "in", dataset("restricted"))
    if command == "export":
        out = tmp_path / "r.nt"
        assert run("export", path, "--to", "nt", "-o", out, "--profile", "research") == 0, capsys.readouterr().err
        text = out.read_text(encoding="utf-8")
    else:
        store = tmp_path / "store"
        assert run("store", "load", path, "--store", store, "--profile", "research") == 0, capsys.readouterr().err
        capsys.readouterr()
        query = tmp_path / "q.rq"
        query.write_text("SELECT ?a WHERE { ?c <https://w3id.org/dpv#hasRecipient> ?a }", encoding="utf-8")
        assert run("query", "--sparql", query, "--store", store, "--format", "csv") == 0
        text = capsys.readouterr().out
    assert "consent-audience/researchers" in text
    assert "consent-audience/federation" not in text
