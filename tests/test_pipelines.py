"""The pre-commit hook and the GitHub Action, run the way their hosts run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from peer_schema.readers import FORMATS
from peer_schema.readers.rdf import RDF_FORMATS

ROOT = Path(__file__).resolve().parent.parent
GOOD = sorted((ROOT / "examples/valid").glob("*.yaml"))
BAD = ROOT / "examples/invalid/Organisation-missing-name.yaml"
BIN = Path(sys.executable).parent


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env | extra


# --- pre-commit ------------------------------------------------------------------------------

def test_hook_manifest_reads_every_extension_validate_reads_without_extras():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "peer-schema-validate" and hook["entry"] == "peer-schema validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    plain = {ext for ext in FORMATS if ext not in RDF_FORMATS}
    assert {ext for ext in FORMATS if pattern.search("data" + ext)} == plain
    assert not pattern.search("data.ttl") and not pattern.search("notes.md")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env=_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org"))


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the module: the hook's environment is built once (pip, ~30 s)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess:
    # try-repo takes this checkout as the hook repository (its working tree when it has
    # uncommitted changes) and installs it into an isolated environment with pip
    return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(ROOT), "peer-schema-validate", "--all-files"],
                          cwd=repo, capture_output=True, text=True, timeout=600,
                          env=_env(PRE_COMMIT_HOME=str(home)))


def test_pre_commit_hook_passes_good_files_and_stops_a_bad_one(tmp_path, hook_home):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "data"
    repo.mkdir()
    _git(repo, "init", "-q")
    for f in GOOD:
        shutil.copy(f, repo / f.name)
    (repo / "README.md").write_text("not data: the hook leaves it alone\n", encoding="utf-8")
    _git(repo, "add", ".")
    good = _try_repo(repo, hook_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"peer-schema validate\.+Passed", good.stdout)

    shutil.copy(BAD, repo / BAD.name)
    _git(repo, "add", BAD.name)
    bad = _try_repo(repo, hook_home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"peer-schema validate\.+Failed", bad.stdout)
    assert f"{BAD.name}:17:5: error [structure.required]" in bad.stdout
    assert f"{len(GOOD) + 1} file(s) checked" in bad.stdout  # README.md was not passed


# --- the GitHub Action -----------------------------------------------------------------------

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _steps_by_name() -> dict:
    return {s.get("name", s.get("uses")): s for s in ACTION["runs"]["steps"]}


def _resolve(value: str, inputs: dict, outputs: dict) -> str:
    def one(match: re.Match) -> str:
        expr = match.group(1)
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr.startswith("steps."):  # steps.<id>.outputs.<name>
            _, step, _, name = expr.split(".")
            return outputs[step][name]
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"the test does not know {expr}")
    return EXPRESSION.sub(one, str(value))


def _run_step(step: dict, inputs: dict, outputs: dict, cwd: Path, runner: dict) -> subprocess.CompletedProcess:
    """A `run:` step as the runner runs it: bash with -e and -o pipefail, inputs via env."""
    assert step["shell"] == "bash"
    assert "${{" not in step["run"], "inputs reach scripts through env, never pasted into them"
    output_file = cwd / f"output-{len(outputs)}"
    output_file.write_text("")
    env = _env(GITHUB_OUTPUT=str(output_file), **runner)
    env.update({k: _resolve(v, inputs, outputs) for k, v in step.get("env", {}).items()})
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if "id" in step:
        outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if line)
    return done


def _inputs(**given) -> dict:
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    return defaults | given


def test_action_documents_every_input_and_output():
    for name, spec in ACTION["inputs"].items():
        assert spec.get("description"), name
    assert ACTION["inputs"]["paths"]["required"] is True
    assert ACTION["runs"]["using"] == "composite"
    assert {o for o in ACTION["outputs"]} == {"exit-code", "sarif-file"}


@pytest.mark.parametrize("with_error", [False, True])
def test_action_steps_write_sarif_and_summary_and_fail_on_errors(tmp_path, with_error):
    work = tmp_path / "checkout"
    (work / "exports").mkdir(parents=True)
    for f in GOOD + ([BAD] if with_error else []):
        shutil.copy(f, work / "exports" / f.name)
    summary = tmp_path / "summary.md"
    runner = {"GITHUB_STEP_SUMMARY": str(summary)}
    inputs, outputs = _inputs(paths="exports/\n", lang="fr"), {}
    steps = _steps_by_name()

    validate = _run_step(steps["Validate"], inputs, outputs, work, runner)
    assert validate.returncode == 0, validate.stderr  # the step records the code; the last step fails
    assert outputs["validate"]["exit-code"] == ("1" if with_error else "0")
    sarif = json.loads((work / "peer-schema.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert sarif["runs"][0]["language"] == "fr"
    assert [r["ruleId"] for r in results if r["level"] == "error"] == (["structure.required"] if with_error else [])

    assert _run_step(steps["Job summary"], inputs, outputs, work, runner).returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## peer-schema validate")
    if with_error:
        assert "**1 error(s)**" in text and "exports/Organisation-missing-name.yaml:17" in text
        assert "`structure.required`" in text and "obligatoire" in text  # the French message
    else:
        assert "**no errors**" in text

    fail = _run_step(steps["Fail on errors"], inputs, outputs, work, runner)
    assert fail.returncode == (1 if with_error else 0)
    if with_error:
        assert "::error title=peer-schema validate::" in fail.stdout


def test_action_passes_profile_strict_and_extra_args(tmp_path):
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copy(ROOT / "examples/invalid/TrainingProgramme-session-too-long.yaml", work / "data.yaml")  # a warning
    outputs: dict = {}
    runner = {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    step = _steps_by_name()["Validate"]
    lenient = _inputs(paths="data.yaml", args="--today 2026-12-01 --max-errors 5", profile="internal")
    _run_step(step, lenient, outputs, work, runner)
    assert outputs["validate"]["exit-code"] == "0"
    _run_step(step, lenient | {"strict": "true"}, outputs, work, runner)
    assert outputs["validate"]["exit-code"] == "1"  # the warning fails under strict
    unreadable = _inputs(paths="missing.yaml another.yaml", **{"sarif-file": "out.sarif"})
    _run_step(step, unreadable, outputs, work, runner)
    assert outputs["validate"]["exit-code"] == "2"
    # a refused check is a report too (issue 12): the refusal is its one result
    results = json.loads((work / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["read.no-such-path"]
    assert _run_step(_steps_by_name()["Job summary"], unreadable, outputs, work, runner).returncode == 0
    assert "`read.no-such-path`" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    wrong_call = _inputs(paths="data.yaml", args="--max-errors many", **{"sarif-file": "out2.sarif"})
    _run_step(step, wrong_call, outputs, work, runner)
    assert outputs["validate"]["exit-code"] == "2"
    assert not (work / "out2.sarif").exists()  # no empty file for the upload step to choke on
    assert _run_step(_steps_by_name()["Job summary"], wrong_call, outputs, work, runner).returncode == 0
    assert "wrote no report (exit code 2)" in (tmp_path / "summary.md").read_text(encoding="utf-8")
