"""The bundle's manifest: a Frictionless Data Package descriptor (`datapackage.json`).

Readable by Data Package v1 and v2 tools: `profile: "data-package"` (v1) and `$schema` (v2)
are both given; every resource has `path`, `format`, `mediatype`, `encoding`, `bytes` and a
`hash` written `sha256:<hex>` as v2 wants (v1 tools read the algorithm prefix too). What is
ours is in custom properties (any tool ignores them): `publisher`, `dataset_version`,
`schema_version` (the model's version, which a merge checks), `export_profile` (`profile` is
the Data Package's own), `recipient`, `audience` and `purpose` (what peer workers' fields are
disclosed to and for, each with its concept's IRI; the purpose also with the closest W3C DPV
purpose), `not_consented` (--only-consented: counts of what no consent covered), `pseudonyms`,
`left_out`, and per resource `dataset_id` and `records`.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime, timezone

from .. import artifacts
from ..model import model
from ..readers import Limits, ReadError
from ..readers.json_reader import read_json
from .errors import BadBundle

MANIFEST = "datapackage.json"
DATA_FOLDER = "data"
SCHEMA_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
#: what the manifest's `profile` custom property is called (`profile` is the Data Package's own)
EXPORT_PROFILE = "export_profile"
DPV = "https://w3id.org/dpv#"
#: ConsentPurpose code -> the closest purpose of the W3C Data Privacy Vocabulary (the concepts'
#: skos:closeMatch in vocab/workforce.yaml; a test keeps them equal). None: DPV has none close.
DPV_PURPOSE = {
    "registry_exchange": DPV + "MembersAndPartnersManagement",
    "workforce_statistics": None,
    "research": DPV + "ResearchAndDevelopment",
    "service_directory": None,
    "certification": None,
    "funding_reporting": DPV + "FulfilmentOfContractualObligation",
}


def dataset_names(docs: list[dict]) -> list[str]:
    """A file name (without `.json`) for each dataset, from its id, unique within the folder
    whatever the case (bundles and merged folders are opened on case-insensitive disks too)."""
    names, used = [], set()
    for doc in docs:
        text = str(doc.get("id") or "records").split("://", 1)[-1]
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:80] or "dataset"
        name, n = stem, 2
        while name.casefold() in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def package_name(text: str) -> str:
    """A Data Package `name`: lower-case letters, digits, `.`, `_`, `-`."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._") or "peer-schema-bundle"


def _text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("en") or next((v for v in value.values() if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def disclosure(audience: str | None, purpose: str | None) -> tuple[dict | None, dict | None]:
    """The manifest's `audience` and `purpose`: the code, the concept's IRI (the value a consent
    gives dpv:hasRecipient / dpv:hasPurpose) and, for the purpose, the closest DPV purpose."""
    vocab = artifacts.vocabularies()
    told_audience = told_purpose = None
    if audience is not None:
        told_audience = {"code": audience, "iri": vocab["ConsentAudience"]["concepts"][audience]["uri"]}
    if purpose is not None:
        told_purpose = {"code": purpose, "iri": vocab["ConsentPurpose"]["concepts"][purpose]["uri"],
                        "dpv_close_match": DPV_PURPOSE[purpose]}
    return told_audience, told_purpose


def build(name: str, files: list[tuple[str, bytes, dict]], *, profile: str, recipient: str | None,
          schema_version: str, extra: dict, audience: str | None = None, purpose: str | None = None) -> dict:
    """The descriptor for `files`: (path in the zip, bytes, the dataset document written).
    `audience` and `purpose`: the consent codes the peer workers' fields are disclosed to and for."""
    first = files[0][2] if files else {}
    title = _text(first.get("title")) or "peer_schema data"
    if len(files) > 1:
        title += f" and {len(files) - 1} other dataset(s)"
    licenses = []
    for _, _, doc in files:
        lic = doc.get("license")
        if isinstance(lic, str) and all(entry["path"] != lic for entry in licenses):
            licenses.append({"path": lic, "title": lic})
    resources = []
    used: set[str] = set()
    for path, data, doc in files:
        stem = package_name(path.rsplit("/", 1)[-1].removesuffix(".json"))
        res_name, n = stem, 2
        while res_name in used:
            res_name, n = f"{stem}-{n}", n + 1
        used.add(res_name)
        resources.append({
            "name": res_name,
            "path": path,
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": sha256(data),
            "dataset_id": doc.get("id"),
            "records": sum(len(doc.get(c) or ()) for c in model().containers),
        })
    descriptor = {
        "$schema": SCHEMA_V2,
        "profile": "data-package",
        "name": package_name(name),
        "id": uuid.uuid4().urn,
        "title": title + (f", for {recipient}" if recipient else ""),
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "licenses": licenses,
        "resources": resources,
        "publisher": first.get("publisher"),
        "dataset_version": first.get("dataset_version"),
        "schema_version": schema_version,
        EXPORT_PROFILE: profile,
        "recipient": recipient,
    }
    descriptor["audience"], descriptor["purpose"] = disclosure(audience, purpose)
    descriptor.update(extra)
    return descriptor


# -- reading a manifest back, without trusting it -------------------------------------------------
def major(version: str) -> str:
    return version.split(".", 1)[0].strip()


def check(members: dict[str, bytes], label: str, our_version: str) -> tuple[dict, list[tuple[str, bytes]]]:
    """The descriptor of a bundle's members, and its resources' (path, bytes), once every check
    passes: the manifest is there and readable, it lists exactly the files present, each with
    its size and SHA-256, and it was made with a compatible major version of the model."""
    raw = members.get(MANIFEST)
    if raw is None:
        raise BadBundle(f"{label}: there is no {MANIFEST} in it: not a peer_schema bundle, or an incomplete one")
    try:
        descriptor = read_json(raw.decode("utf-8"), Limits(max_bytes=len(raw) + 1))
    except (UnicodeDecodeError, ReadError) as exc:
        raise BadBundle(f"{label}: its {MANIFEST} cannot be read ({exc})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise BadBundle(f"{label}: its {MANIFEST} lists no resources")
    theirs = descriptor.get("schema_version")
    if not isinstance(theirs, str) or not theirs:
        raise BadBundle(f"{label}: its {MANIFEST} does not say which version of the model it was made with")
    if major(theirs) != major(our_version):
        raise BadBundle(f"{label}: this bundle was made with version {theirs} of the peer_schema model, and this "
                        f"program reads version {our_version}. Their major versions ({major(theirs)} and "
                        f"{major(our_version)}) differ, so the data may mean something else here: ask the sender "
                        f"for a bundle made with a {major(our_version)}.x version, or use a peer_schema that reads "
                        f"version {theirs}.")
    listed: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    for i, res in enumerate(descriptor["resources"]):
        path = res.get("path") if isinstance(res, dict) else None
        if not isinstance(path, str):
            raise BadBundle(f"{label}: resource no. {i + 1} of its {MANIFEST} has no single path")
        if path in seen or path == MANIFEST:
            raise BadBundle(f"{label}: its {MANIFEST} lists {path!r} twice")
        seen.add(path)
        data = members.get(path)
        if data is None:
            raise BadBundle(f"{label}: its {MANIFEST} lists {path!r}, which is not in the bundle")
        if res.get("bytes") != len(data):
            raise BadBundle(f"{label}: {path} is {len(data):,} bytes but the manifest says {res.get('bytes')}: "
                            "the bundle was changed or damaged after it was made")
        if not isinstance(res.get("hash"), str) or res["hash"].lower() != sha256(data):
            raise BadBundle(f"{label}: the SHA-256 of {path} is not the one in the manifest: the bundle was "
                            "changed or damaged after it was made")
        if not path.endswith(".json"):
            raise BadBundle(f"{label}: {path} is not a JSON dataset")
        listed.append((path, data))
    extra = [name for name in members if name != MANIFEST and name not in seen]
    if extra:
        raise BadBundle(f"{label}: {len(extra)} file(s) in the bundle are not in its manifest "
                        f"({', '.join(extra[:3])}): "
                        "a bundle holds only what its manifest lists")
    return descriptor, listed
