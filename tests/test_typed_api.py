"""The Python API as a developer meets it: importable from `peer_schema`, typed (mypy --strict
accepts the developer guide's script and refuses a wrong use), imported lazily."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import peer_schema

GUIDE = ROOT / "docs" / "guide-developers.md"
API = ["validate", "Report", "Finding", "Severity", "UsageError", "ProfileRefused", "MixedAccessRights",
       "ReadError", "Limits", "Config", "ConfigError", "load_config"]


def guide_script() -> str:
    """The first Python block of the guide's "In Python" section."""
    section = GUIDE.read_text(encoding="utf-8").split("## In Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def mypy(tmp_path: Path, name: str, code: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    script = tmp_path / name
    script.write_text(code, encoding="utf-8")
    # the package as installed (editable or wheel), found through py.typed, as a user's mypy finds it
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                           "--cache-dir", str(tmp_path / ".mypy_cache"), str(script)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)


def test_public_names_are_the_library_s_own():
    from peer_schema import config, readers, report, usage_errors, validation

    assert set(API) <= set(peer_schema.__all__) and set(API) <= set(dir(peer_schema))
    assert peer_schema.Report is report.Report and peer_schema.Finding is report.Finding
    assert peer_schema.Severity is report.Severity
    assert peer_schema.UsageError is validation.UsageError is usage_errors.UsageError
    assert peer_schema.ProfileRefused is usage_errors.ProfileRefused
    assert peer_schema.ReadError is readers.ReadError
    assert peer_schema.ConfigError is config.ConfigError and peer_schema.Limits is readers.Limits
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        peer_schema.Nothing  # noqa: B018


def test_import_peer_schema_imports_none_of_it():
    """`import peer_schema` (every start of the command) loads no module of the API until a name is read."""
    probe = ("import sys, peer_schema; loaded = sorted(m for m in sys.modules if m.startswith('peer_schema.'));"
             "assert not loaded, loaded; peer_schema.Finding;"
             "assert 'peer_schema.report.findings' in sys.modules and 'peer_schema.validation' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_validate_takes_keywords_only_and_says_so():
    with pytest.raises(TypeError):
        peer_schema.validate([EXAMPLES / "valid"], "federation")  # type: ignore[misc]
    with pytest.raises(TypeError):
        peer_schema.validate([EXAMPLES / "valid"], profil="federation")  # type: ignore[call-arg]
    with pytest.raises(peer_schema.UsageError, match="unknown language"):
        peer_schema.validate([EXAMPLES / "valid"], lang="de")


def test_the_guide_s_script_passes_mypy_strict(tmp_path):
    done = mypy(tmp_path, "guide.py", guide_script())
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wrong_use_fails_mypy_strict(tmp_path):
    """So the test above can fail: the same checker refuses what the old guide and a hasty reader did."""
    wrong = '''import peer_schema

report = peer_schema.validate(["exports/"], profil="federation")
for finding in report.findings:
    text: str = finding.message
    line: int = finding.line
    severity: str = finding.severity.name.lower() + 1
'''
    done = mypy(tmp_path, "wrong.py", wrong)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = {int(n) for n in re.findall(r"wrong\.py:(\d+): error", done.stdout)}
    assert errors == {3, 5, 6, 7}, done.stdout


def test_the_guide_s_script_runs_and_prints_messages(tmp_path):
    """What the guide shows works at run time too: messages and hints as words, not as methods."""
    (tmp_path / "exports").mkdir()
    shutil.copy(EXAMPLES / "invalid" / "PeerWorker-has-name.yaml", tmp_path / "exports")
    (tmp_path / "guide.py").write_text(guide_script(), encoding="utf-8")
    done = subprocess.run([sys.executable, "guide.py"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "bound method" not in done.stdout
    assert 'structure.unknown-field | /peer_workers/0 | the field "name" is not part of the model here' in done.stdout
    assert "PeerWorker-has-name.yaml:17 | error |" in done.stdout

    shutil.rmtree(tmp_path / "exports")  # a path that does not exist: a wrong call, caught as the guide shows
    done = subprocess.run([sys.executable, "guide.py"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("wrong call: "), done.stderr


def test_the_api_s_own_modules_pass_mypy_strict(tmp_path):
    """What a caller's checker reads of the API (the package root, findings, usage errors) is fully typed."""
    pytest.importorskip("mypy")
    package = ROOT / "src" / "peer_schema"
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
                           "--cache-dir", str(tmp_path / ".mypy_cache"), str(package / "__init__.py"),
                           str(package / "report" / "findings.py"), str(package / "usage_errors.py")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
