"""The fast entry-point reader gives importlib.metadata's answer, or none at all.

The comparisons run in a fresh interpreter: once the ``importlib_metadata`` backport has
been imported (some test dependencies do), it replaces the standard path finder's
distribution search, and the fast reader rightly steps aside.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import textwrap

import pytest

from wirelint import _entrypoints
from wirelint._host import _entry_points

_COMPARE = textwrap.dedent("""
    import importlib.metadata, json, sys
    from wirelint import _entrypoints
    paths, groups = json.loads(sys.argv[1])
    if paths is not None:
        sys.path[:] = paths
    out = {}
    for group in groups:
        fast = _entrypoints.entry_points(group)
        out[group] = [None if fast is None else [
            (e.name, e.value, e.group, e.dist.name, e.dist.version) for e in fast],
            [(e.name, e.value, e.group, e.dist.name, e.dist.version)
             for e in importlib.metadata.entry_points(group=group)]]
    print(json.dumps(out))
""")


def _compare(paths: list[str] | None, groups: list[str]) -> dict[str, list]:
    """``{group: [fast reader's answer, importlib.metadata's]}`` in a fresh interpreter."""
    run = subprocess.run([sys.executable, "-c", _COMPARE, json.dumps([paths, groups])],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _dist(root, dirname: str, name: str, version: str, entry_points: str | None,
          metadata: str = "METADATA", headers: str = "") -> None:
    info = root / dirname
    info.mkdir()
    (info / metadata).write_text(f"Metadata-Version: 2.1\nName: {name}\n{headers}"
                                 f"Version: {version}\nSummary: a plugin\n\n"
                                 "Long description: not a header\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_the_installed_entry_points_match_importlib_metadata():
    groups = ["wirelint", "console_scripts", "pytest11"]
    for group, (fast, standard) in _compare(None, groups).items():
        assert fast is not None, group
        assert fast == standard, group


def test_a_made_up_site_matches_importlib_metadata(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _dist(first, "acme_plugin-1.0.dist-info", "acme-plugin", "1.0",
          "# comment\nignored before any section\n[console_scripts]\nacme = acme:main\n\n"
          "[wirelint]\nAC1 = acme_plugin\nAC2=acme_plugin.sub:obj.attr [extra]\n")
    _dist(first, "Other.Plugin-2.0.egg-info", "Other.Plugin", "2.0",
          "[wirelint]\nOP1 = other_plugin\n", metadata="PKG-INFO")
    _dist(first, "no_entry_points-1.0.dist-info", "no-entry-points", "1.0", None)
    _dist(first, "folded-1.0.dist-info", "folded", "1.0", "[wirelint]\nFO1 = folded\n",
          headers="Keywords: one\n  two\n")  # a folded header between Name and Version
    (first / "legacy-1.0.egg-info").write_text("Name: legacy\nVersion: 1.0\n")
    # the same distribution again later on the path: the first one wins
    _dist(second, "acme_plugin-0.9.dist-info", "acme-plugin", "0.9", "[wirelint]\nAC9 = old\n")
    paths = [str(first), str(second), str(tmp_path / "missing")]
    fast, standard = _compare(paths, ["wirelint"])["wirelint"]
    assert fast == standard
    assert sorted(ep[0] for ep in standard) == ["AC1", "AC2", "FO1", "OP1"]


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path):
    import zipfile

    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("z-1.0.dist-info/METADATA", "Name: z\nVersion: 1.0\n")
        zf.writestr("z-1.0.dist-info/entry_points.txt", "[wirelint]\nZ1 = z\n")
    fast, standard = _compare([str(archive)], ["wirelint"])["wirelint"]
    assert fast is None
    assert standard == [["Z1", "z", "wirelint", "z", "1.0"]]


def test_an_entry_point_loads_the_object_it_names():
    dist = _entrypoints.Distribution("/nonexistent")
    module = _entrypoints.EntryPoint("A", "json", "wirelint", dist)
    attribute = _entrypoints.EntryPoint("B", "json:decoder.JSONDecoder [x]", "wirelint", dist)
    assert module.load() is json
    assert attribute.load() is json.decoder.JSONDecoder


def test_another_distribution_finder_is_left_to_importlib_metadata(monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert _entrypoints.entry_points("wirelint") is None


def test_the_host_asks_importlib_metadata_when_the_fast_reader_steps_aside(monkeypatch):
    monkeypatch.setattr(_entrypoints, "entry_points", lambda group: None)
    names = [ep.name for ep in _entry_points("wirelint")]
    assert names == [ep.name for ep in importlib.metadata.entry_points(group="wirelint")]
    if not names:
        pytest.skip("wirelint's entry points are not installed")
