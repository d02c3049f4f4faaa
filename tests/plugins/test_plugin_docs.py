"""docs/plugins.md stays true: its hook reference is generated from the hookspecs, its
tutorial plugin works (written out, tested with the conformance kit as a new user would),
and what it quotes from the example plugin is what the example plugin says."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wirelint import hookspecs

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "plugins.md"
BLOCK = re.compile(r'^```(\w+) title="([^"]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_plugin_docs", ROOT / "scripts" / "update_plugin_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _blocks() -> dict[str, str]:
    return {title: body for _, title, body in BLOCK.findall(DOC.read_text(encoding="utf-8"))}


def test_hook_reference_is_current():
    text = DOC.read_text(encoding="utf-8")
    assert _script().updated(text) == text, (
        "docs/plugins.md hook reference is stale: run python scripts/update_plugin_docs.py")


@pytest.mark.parametrize("name", sorted(n for n in vars(hookspecs) if n.startswith("wirelint_")))
def test_every_hook_is_in_the_reference(name: str):
    assert f"### `{name}`" in DOC.read_text(encoding="utf-8")


def test_quoted_example_plugin_files_match_the_real_files():
    quoted = {t: b for t, b in _blocks().items() if t.startswith("plugins/example-thirdparty/")}
    assert quoted
    for title, body in quoted.items():
        assert body in (ROOT / title).read_text(encoding="utf-8"), f"{title} quote is stale"


def test_tutorial_plugin_passes_the_conformance_kit(tmp_path):
    files = {t: b for t, b in _blocks().items() if t.startswith("wirelint-acme/")}
    assert {"wirelint-acme/pyproject.toml", "wirelint-acme/src/wirelint_acme/__init__.py",
            "wirelint-acme/tests/conftest.py", "wirelint-acme/tests/test_conformance.py"} \
        <= set(files)
    for title, body in files.items():
        path = tmp_path / title
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    project = tmp_path / "wirelint-acme"
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "--rootdir", str(project), "-c", str(project / "pyproject.toml"),
         "--hypothesis-seed=0", str(project / "tests")],
        capture_output=True, text=True, cwd=project, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\b1[0-9] passed\b", result.stdout), result.stdout[-500:]


def test_ci_runs_the_readme_test_command_which_installs_the_example_plugin():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = [ln for ln in readme.splitlines()
                  if ln.startswith("python3 -m venv") and "pytest" in ln]
    assert "./plugins/example-thirdparty" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == command
