"""wirelint ships ``py.typed``, so its own code must pass the type checker its users run.

mypy reads ``[tool.mypy]`` in pyproject.toml (the host and the built-in families); the
test is skipped where mypy is not installed (it is in the ``test`` extra).
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e '.[test]')")


def test_package_type_checks(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the configured paths are relative to the repository
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                "--cache-dir", str(tmp_path / "mypy-cache"),
                                "--no-error-summary"])
    assert status == 0, f"mypy found problems:\n{out}{err}"
