"""The package's shape, read from its source with `ast` (nothing is imported): one library, two
faces (the command line in cli/, the web app in web/). The library never prints or parses
options; a lower layer never imports a higher one; no module is too long to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "peer_schema"

#: the layers, lowest first; a module may import its own layer and those below. The first
#: matching prefix names a module's layer (`peer_schema` itself, the API's front door, is on top;
#: importing it, for its version constants, is allowed from anywhere).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("the model and what is derived from it alone", (
        "generated", "model", "artifacts", "table_layout", "schema_validator", "name_headers", "access",
        "vocab_listing", "file_modes", "atomic_files", "formula_safety", "usage_errors", "install_hints",
        "text_folding")),
    ("readers", ("readers",)),
    ("findings and their catalogue; the project file", ("report", "config")),
    ("checks", ("checks",)),
    ("validation", ("validation",)),
    ("what is built on a validation", ("rdf", "sheets", "exchange", "versions", "compendium", "synth")),
    ("the faces: command line, web app, the program's start, the API's front door",
     ("cli", "web", "interrupts", "__main__", "")),
]

#: only the faces print or parse options
FACES = ("cli", "web")

MAX_LINES = 400
#: long modules being split by other people right now (the lead empties this list)
LONG_FOR_NOW: set[str] = set()


def _modules() -> dict[str, Path]:
    """Every module, by dotted name below peer_schema ("" for the package itself)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _layer(name: str) -> int:
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or (prefix and name.startswith(prefix + ".")):
                return n
    raise AssertionError(f"peer_schema.{name} has no layer: add it to LAYERS in tests/test_layers.py")


def _imports(name: str, path: Path):
    """(imported module below peer_schema, line) for each import of the package's own modules."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                module = ".".join(base + ([node.module] if node.module else []))
                targets = ["peer_schema" + ("." + module if module else "")]
            else:
                targets = [node.module or ""]
            # `from . import artifacts`: the module artifacts, when there is one of that name
            targets = [f"{targets[0]}.{a.name}" if (f"{targets[0]}.{a.name}".removeprefix("peer_schema.")
                                                    in MODULES) else targets[0] for a in node.names]
        else:
            continue
        for target in targets:
            if target == "peer_schema" or target.startswith("peer_schema."):
                yield target.removeprefix("peer_schema").lstrip("."), node.lineno


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_every_module_has_a_layer_and_the_faces_are_on_top():
    assert {_layer(name) for name in MODULES}
    assert _layer("cli") == _layer("web") == len(LAYERS) - 1
    assert _layer("readers.table") < _layer("checks.structure") < _layer("validation") < _layer("rdf.export")


def test_no_import_goes_up_a_layer():
    upward = []
    for name, path in MODULES.items():
        for target, line in _imports(name, path):
            if target and _layer(target) > _layer(name):
                upward.append(f"{_rel(path)}:{line} imports peer_schema.{target} "
                              f"({LAYERS[_layer(target)][0]} is above {LAYERS[_layer(name)][0]})")
    assert not upward, "\n".join(upward)


def test_the_resolution_of_imports_sees_what_it_must():
    """The rule above could pass by seeing nothing: it sees relative, absolute and
    function-level imports, and `from . import module`."""
    found = set(_imports("readers.table", MODULES["readers.table"]))
    assert {t for t, _ in found} >= {"readers.errors", "schema_validator"}  # the latter inside a function
    found = set(_imports("readers.table_header", MODULES["readers.table_header"]))
    assert {t for t, _ in found} >= {"table_layout", "name_headers"}
    assert "artifacts" in {t for t, _ in _imports("checks.structure", MODULES["checks.structure"])}
    assert "validation" in {t for t, _ in _imports("", MODULES[""])}  # inside a function


def _prints_or_parses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            found.append(f"{_rel(path)}:{node.lineno} calls print()")
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if "argparse" in names:
            found.append(f"{_rel(path)}:{node.lineno} imports argparse")
    return found


def test_only_the_faces_print_or_parse_options():
    library = [p for name, p in MODULES.items() if name.split(".")[0] not in FACES]
    found = [line for path in library for line in _prints_or_parses(path)]
    assert not found, "\n".join(found)
    assert _prints_or_parses(MODULES["cli.tools"])  # the rule sees print() and argparse where they are


@pytest.mark.parametrize("path", sorted(p for n, p in MODULES.items() if not n.startswith("generated")), ids=_rel)
def test_modules_are_short_enough_to_read(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if _rel(path) in LONG_FOR_NOW:
        return
    assert lines <= MAX_LINES, f"{_rel(path)}: {lines} lines; split it (at most {MAX_LINES})"


def test_the_allowance_for_long_modules_names_only_long_modules():
    for rel in LONG_FOR_NOW:
        path = PACKAGE / rel
        if path.exists():  # once split, drop it from LONG_FOR_NOW
            assert len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES, f"{rel} is short now"
