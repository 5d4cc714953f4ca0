from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ReadError
from .json_reader import SURROGATE, surrogate_error
from .limits import Limits

# YAML's own tags that only restate plain data; anything else (`!!python/object`) is refused.
_DATA_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
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
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels", *_where(node),
                        params={"limit": limits.max_depth})
    if id(node) in seen:  # the same node twice: an alias
        raise ReadError("read.yaml-alias", "YAML aliases (&anchor / *alias) are not accepted: write the value out", *_where(node))
    seen.add(id(node))
    if node.tag not in _DATA_TAGS:
        raise ReadError("read.yaml-tag", f"the YAML tag {node.tag} is not accepted: plain data only", *_where(node),
                        params={"tag": node.tag})
    if node.tag in _NUMBER_TAGS and len(node.value) > limits.max_digits:
        raise ReadError("read.huge-number", f"a number has more than {limits.max_digits} digits", *_where(node),
                        params={"limit": limits.max_digits})
    if isinstance(node, ScalarNode) and not node.value.isascii() and SURROGATE.search(node.value):
        raise surrogate_error(f"(line {node.start_mark.line + 1})", *_where(node))
    if isinstance(node, MappingNode):
        keys: set = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                written = key_node.value if isinstance(key_node, ScalarNode) else "a mapping or a list"
                raise ReadError("read.syntax", f"a key is not text: {written}", *_where(key_node),
                                params={"format": "YAML", "problem": "a key must be text (a field's name); write "
                                        "it in quotes if it is a number, or leave out the ? of a complex key"})
            _check(key_node, depth + 1, limits, seen)
            if key_node.value in keys:
                raise ReadError("read.duplicate-key", f'the key "{key_node.value}" appears twice in the same mapping',
                                *_where(key_node), params={"key": key_node.value})
            keys.add(key_node.value)
            _check(value_node, depth + 1, limits, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check(item, depth + 1, limits, seen)


def read_yaml(text: str, limits: Limits) -> object:
    return read_yaml_with_nodes(text, limits)[0]


def read_yaml_with_nodes(text: str, limits: Limits) -> tuple[object, Node]:
    """The data, and the node tree that says where each value stands in the file."""
    try:
        loader = _StrictLoader(text)  # it checks the characters at once: a control character is refused here
    except yaml.YAMLError as exc:
        raise ReadError("read.syntax", f"not valid YAML: {exc}", params={"format": "YAML", "problem": str(exc)}) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise ReadError("read.empty", "the file holds no data")
        _check(node, 1, limits, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ReadError("read.syntax", f"not valid YAML: {exc.problem}", line, col,
                        params={"format": "YAML", "problem": exc.problem}) from None
    except yaml.YAMLError as exc:
        raise ReadError("read.syntax", f"not valid YAML: {exc}", params={"format": "YAML", "problem": str(exc)}) from None
    except RecursionError:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels",
                        params={"limit": limits.max_depth}) from None
    finally:
        loader.dispose()
    for value in _floats(data):
        if value != value or value in (float("inf"), float("-inf")):
            raise ReadError("read.not-a-number", "NaN and infinite numbers are not accepted")
    return data, node


def locate(root: Node, pointer: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at a JSON Pointer, or of its nearest parent."""
    node = root
    for raw in pointer.split("/")[1:]:
        step = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, SequenceNode) and step.isdigit() and int(step) < len(node.value):
            match = node.value[int(step)]
        else:
            match = None
        if match is None:
            break
        node = match
    return _where(node)


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
