"""The fast entry-point reader gives importlib.metadata's answer, or none at all."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile

import pytest

from wirelint import _entrypoints
from wirelint._host import _entry_points


def _summary(eps) -> list[tuple[str, str, str, str, str]]:
    return [(ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version) for ep in eps]


def _dist(root, dirname: str, name: str, version: str, entry_points: str | None,
          metadata: str = "METADATA") -> None:
    info = root / dirname
    info.mkdir()
    (info / metadata).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                                 "Summary: a plugin\n\nLong description: not a header\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


@pytest.mark.parametrize("group", ["wirelint", "console_scripts", "pytest11"])
def test_the_installed_entry_points_match_importlib_metadata(group):
    found = _entrypoints.entry_points(group)
    assert found is not None
    assert _summary(found) == _summary(importlib.metadata.entry_points(group=group))


def test_a_made_up_site_matches_importlib_metadata(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _dist(first, "acme_plugin-1.0.dist-info", "acme-plugin", "1.0",
          "# comment\n[console_scripts]\nacme = acme:main\n\n[wirelint]\n"
          "AC1 = acme_plugin\nAC2=acme_plugin.sub:obj.attr [extra]\n")
    _dist(first, "Other.Plugin-2.0.egg-info", "Other.Plugin", "2.0",
          "[wirelint]\nOP1 = other_plugin\n", metadata="PKG-INFO")
    _dist(first, "no_entry_points-1.0.dist-info", "no-entry-points", "1.0", None)
    (first / "legacy-1.0.egg-info").write_text("Name: legacy\nVersion: 1.0\n")
    # the same distribution again later on the path: the first one wins
    _dist(second, "acme_plugin-0.9.dist-info", "acme-plugin", "0.9", "[wirelint]\nAC9 = old\n")
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    found = _entrypoints.entry_points("wirelint")
    assert found is not None
    expected = _summary(importlib.metadata.entry_points(group="wirelint"))
    assert _summary(found) == expected
    assert [e[:2] for e in expected] == [("AC1", "acme_plugin"),
                                         ("AC2", "acme_plugin.sub:obj.attr [extra]"),
                                         ("OP1", "other_plugin")]


def test_an_entry_point_loads_the_object_it_names(tmp_path, monkeypatch):
    _dist(tmp_path, "x-1.0.dist-info", "x", "1.0",
          "[wirelint]\nA = json\nB = json:decoder.JSONDecoder\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = _entrypoints.entry_points("wirelint")
    assert found is not None
    import json

    assert [ep.load() for ep in found] == [json, json.decoder.JSONDecoder]


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("z-1.0.dist-info/METADATA", "Name: z\nVersion: 1.0\n")
        zf.writestr("z-1.0.dist-info/entry_points.txt", "[wirelint]\nZ1 = z\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _entrypoints.entry_points("wirelint") is None
    assert [(ep.name, ep.dist.name) for ep in _entry_points("wirelint")] == [("Z1", "z")]


def test_a_folded_header_is_read_by_email(tmp_path, monkeypatch):
    info = tmp_path / "f-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: f\nSummary: folded\n  over two lines\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[wirelint]\nF1 = f\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = _entrypoints.entry_points("wirelint")
    assert found is not None
    assert _summary(found) == _summary(importlib.metadata.entry_points(group="wirelint"))


def test_another_distribution_finder_is_left_to_importlib_metadata(monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert _entrypoints.entry_points("wirelint") is None
