from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VOCAB = ROOT / "vocab"
SCHEMA = ROOT / "schema" / "peer_schema.yaml"


def files_in(folder: Path, pattern: str = "*.yaml") -> list[Path]:
    """The files a test runs over; an empty folder is a broken test, not a passing one."""
    found = sorted(folder.glob(pattern))
    assert found, f"no {pattern} files in {folder}"
    return found


@pytest.fixture(scope="session")
def schema_view():
    from linkml_runtime import SchemaView

    return SchemaView(str(SCHEMA))
