from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .errors import ReadError
from .limits import Limits

# YAML's own tags that only restate plain data; anything else (`!!python/object`) is refused.
_DATA_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _StrictLoader(yaml.SafeLoader):
    """YAML as data, not as a program: YAML 1.2 booleans (so the country code `NO` stays
    "NO"), dates kept as text (the schema checks their format), no aliases, no tags, no
    duplicate keys."""


# Replace YAML 1.1's implicit resolvers: `yes`/`no`/`on`/`off` are strings, and so are dates.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def _where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check(node: Node, depth: int, limits: Limits, seen: set[int]) -> None:
    if depth > limits.max_depth:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels", *_where(node))
    if id(node) in seen:  # the same node twice: an alias
        raise ReadError("read.yaml-alias", "YAML aliases (&anchor / *alias) are not accepted: write the value out", *_where(node))
    seen.add(id(node))
    if node.tag not in _DATA_TAGS:
        raise ReadError("read.yaml-tag", f"the YAML tag {node.tag} is not accepted: plain data only", *_where(node))
    if isinstance(node, MappingNode):
        keys: set = set()
        for key_node, value_node in node.value:
            _check(key_node, depth + 1, limits, seen)
            if key_node.value in keys:
                raise ReadError("read.duplicate-key", f'the key "{key_node.value}" appears twice in the same mapping', *_where(key_node))
            keys.add(key_node.value)
            _check(value_node, depth + 1, limits, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check(item, depth + 1, limits, seen)


def read_yaml(text: str, limits: Limits) -> object:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ReadError("read.empty", "the file holds no data")
        _check(node, 1, limits, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ReadError("read.syntax", f"not valid YAML: {exc.problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise ReadError("read.syntax", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels") from None
    finally:
        loader.dispose()
    for value in _floats(data):
        if value != value or value in (float("inf"), float("-inf")):
            raise ReadError("read.not-a-number", "NaN and infinite numbers are not accepted")
    return data


def _floats(data: object):
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
