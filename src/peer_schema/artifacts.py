"""The generated artifacts that ship inside the package, by name, read once and cached."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

#: What `peer-schema schema --format` offers, and the file behind each format.
SCHEMA_FORMATS = {
    "json-schema": "peer_schema.schema.json",
    "shacl": "peer_schema.shacl.ttl",
    "owl": "peer_schema.owl.ttl",
    "jsonld-context": "peer_schema.context.jsonld",
    "linkml": "peer_schema.merged.yaml",
    "pydantic": "models.py",
}

#: What `peer-schema vocab --format` offers.
VOCAB_FORMATS = {
    "ttl": "vocabularies.ttl",
    "json": "vocabularies.json",
}


def read_text(name: str) -> str:
    return files("peer_schema.generated").joinpath(name).read_text(encoding="utf-8")


@cache
def json_schema() -> dict:
    return json.loads(read_text(SCHEMA_FORMATS["json-schema"]))


@cache
def vocabularies() -> dict:
    """Enumeration name -> {scheme, title, concepts: code -> {uri, label, broader}, collections}."""
    return json.loads(read_text(VOCAB_FORMATS["json"]))
