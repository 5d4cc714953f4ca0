"""The compendium shipped with the package (peer_schema.compendium, `store load --compendium`).

The last test builds the wheel, installs it into a fresh virtual environment outside the
repository and loads and queries the compendium from there: the proof that it needs no clone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import yaml

from peer_schema.compendium import compendium_files, compendium_folder, load_compendium
from peer_schema.rdf.queries import run_question
from peer_schema.validation import validate

from conftest import EXAMPLES, ROOT, files_in


def _records(kind: str) -> list[dict]:
    return [r for path in compendium_files() for r in (yaml.safe_load(path.read_text()) or {}).get(kind, [])]


def test_the_source_tree_reads_the_one_copy_in_examples():
    assert compendium_folder() == (EXAMPLES / "compendium").resolve()
    assert compendium_files() == [p.resolve() for p in files_in(EXAMPLES / "compendium")]


def test_the_compendium_validates_without_errors():
    report = validate([compendium_folder()])
    assert report.valid, [f.message() for f in report.findings]


def test_every_practice_cites_its_source_page_and_has_a_setting_category():
    practices = _records("practices")
    assert len(practices) >= 4
    for practice in practices:
        assert practice["setting_category"] in {"hospital_based", "community_based", "hybrid", "other"}
        assert any(s.get("url") for s in practice["sources"]), practice["id"]


def test_identifiers_are_unique_across_the_files():
    ids = [r["id"] for kind in ("practices", "organisations", "compendium_sections", "training_programmes")
           for r in _records(kind)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_load_compendium_answers_a_saved_question(tmp_path):
    triples = load_compendium(tmp_path / "store")
    assert triples > 1000
    result = run_question("practices-by-setting-and-country", store_dir=tmp_path / "store")
    categories = {row[0] for row in result.rows}
    assert {"hospital_based", "other"} <= {str(c) for c in categories}


def test_store_load_needs_paths_or_the_flag(tmp_path):
    done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "store", "load", "--store", str(tmp_path / "s")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "--compendium" in done.stderr


def test_the_installed_wheel_loads_and_queries_the_compendium(tmp_path):
    """Build the wheel, install it alone (--no-deps) into a fresh venv in tmp_path; the
    dependencies come from this environment's site-packages through a .pth file (offline), whose
    own .pth files (the editable install of this checkout) are not processed."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels)], check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = wheels.glob("peer_schema-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, cwd=tmp_path)
    (Path(target) / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    environ = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    where = subprocess.run([str(python), "-c", "import peer_schema.compendium as c; print(c.compendium_folder())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=environ).stdout.strip()
    assert where.startswith(target) and where.endswith(os.path.join("peer_schema", "data", "compendium"))

    cli = env_dir / "bin" / "peer-schema"
    loaded = subprocess.run([str(cli), "store", "load", "--compendium", "--store", "S"],
                            capture_output=True, text=True, cwd=tmp_path, env=environ)
    assert loaded.returncode == 0, loaded.stderr
    asked = subprocess.run([str(cli), "query", "practices-by-setting-and-country", "--store", "S", "--format", "json"],
                           capture_output=True, text=True, cwd=tmp_path, env=environ)
    assert asked.returncode == 0, asked.stderr
    rows = json.loads(asked.stdout)
    rows = rows.get("rows", rows) if isinstance(rows, dict) else rows
    assert len(rows) >= 8
