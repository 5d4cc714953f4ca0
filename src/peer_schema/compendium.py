"""The Council of Europe compendium shipped with the package, and loading it into a store.

There is one copy of the data: the folder examples/compendium/ of the repository. A wheel carries
it as package data, at peer_schema/data/compendium/ (pyproject.toml, hatch `force-include`); a
source checkout (an editable install, the test suite) reads it where it is. So
`peer-schema store load --compendium` works the same after `pip install peer_schema` as in a clone.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .validation import UsageError

#: where the repository keeps the compendium, relative to this file (src/peer_schema/compendium.py)
_SOURCE_TREE_FOLDER = Path(__file__).resolve().parents[2] / "examples" / "compendium"


class CompendiumMissing(UsageError):
    """Neither the installed package nor the source tree has the compendium's files (exit code 2,
    as for any input that cannot be read)."""


def compendium_folder() -> Path:
    """The folder of the compendium's YAML files: the package data of an installed wheel, or
    examples/compendium/ of the source tree this module was imported from."""
    packaged = resources.files("peer_schema") / "data" / "compendium"
    if packaged.is_dir():
        return Path(str(packaged))
    if _SOURCE_TREE_FOLDER.is_dir():
        return _SOURCE_TREE_FOLDER
    raise CompendiumMissing(
        "the compendium's files are not installed with this copy of peer_schema "
        f"(looked in {packaged} and {_SOURCE_TREE_FOLDER}); reinstall the package")


def compendium_files() -> list[Path]:
    """The compendium's data files, sorted by name."""
    return sorted(p for p in compendium_folder().iterdir() if p.suffix in {".yaml", ".yml"})


def load_compendium(store_dir: str | Path | None = None, **options) -> int:
    """Validate, export and load the shipped compendium (with the SKOS vocabularies) into the
    embedded store in `store_dir`, or into `endpoint=`; `options` are those of
    `peer_schema.rdf.store.load` (replace, endpoint, profile...). Returns the triples loaded."""
    from .rdf.store import load

    return load([compendium_folder()], store_dir, **options)
