"""Entry-point discovery without importing :mod:`importlib.metadata`.

``importlib.metadata`` imports ``email``, ``zipfile`` and ``csv`` (~40 ms of CPU, a tenth
of a one-article ``wirelint check``) to answer one question: which installed
distributions declare ``wirelint`` entry points.  In the usual layout (directories on
``sys.path``, the standard path finder the only distribution finder) the answer is a
directory listing and a few small text files away.  :func:`entry_points` reads them the
way ``importlib.metadata.entry_points(group=...)`` does (same distributions, same order,
same de-duplication) and returns ``None`` for any other layout (a zip or egg on
``sys.path``, a custom finder, an unusual file), where the caller asks
``importlib.metadata`` itself.  tests/core/test_entrypoints.py compares the two.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from importlib.machinery import PathFinder
from typing import Any

_INFO_SUFFIXES = (".dist-info", ".egg-info")
#: importlib.metadata.EntryPoint.pattern
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
#: A header name as email's parser accepts it (printable ASCII but ":").
_HEADER_NAME = re.compile(r"[\041-\071\073-\176]+")
_UNREADABLE = (FileNotFoundError, IsADirectoryError, KeyError, NotADirectoryError,
               PermissionError)


class _Unusual(Exception):
    """Something the fast path does not mirror exactly: ask importlib.metadata."""


def _normalize(name: str) -> str:
    """importlib.metadata's ``Prepared.normalize`` (PEP 503, dashes as underscores)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except _UNREADABLE:
        return None


class Distribution:
    """The ``name`` and ``version`` of a distribution, read from its metadata on use."""

    def __init__(self, path: str) -> None:
        self._path = path

    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        text = (_read(os.path.join(self._path, "METADATA"))
                or _read(os.path.join(self._path, "PKG-INFO")) or _read(self._path))
        if text is None:
            raise _Unusual(self._path)
        headers: dict[str, str] = {}
        # Up to the line after the first Name and Version (a folded value continues there).
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            if not line or ("name" in headers and "version" in headers
                            and line[0] not in " \t"):
                break
            key, colon, value = line.partition(":")
            if not colon or not _HEADER_NAME.fullmatch(key) or "\r" in line \
                    or line.startswith("From "):
                raise _Unusual(self._path)  # folded or odd headers: email's business
            headers.setdefault(key.lower(), value.lstrip(" \t"))
        return headers

    @property
    def name(self) -> str:
        return self._header("name")

    @property
    def version(self) -> str:
        return self._header("version")

    def _header(self, key: str) -> str:
        try:
            return self._headers[key]
        except (KeyError, _Unusual):  # no such header, or not parsed here: ask email
            from importlib.metadata import PathDistribution
            from pathlib import Path

            value: str = PathDistribution(Path(self._path)).metadata[key]
            return value


class EntryPoint:
    """What the host uses of ``importlib.metadata.EntryPoint``."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        """The module (or the object in it) the entry point names."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"invalid entry point value {self.value!r}")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def _info_dirs(root: str) -> list[str]:
    """One ``sys.path`` entry's metadata directories, in importlib.metadata's order."""
    if os.path.basename(root).lower().endswith(".egg"):
        raise _Unusual(root)
    try:
        children = os.listdir(root or ".")
    except OSError:
        if os.path.exists(root or "."):
            raise _Unusual(root) from None  # a zip file, or unreadable
        return []
    grouped: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith(_INFO_SUFFIXES):
            if not child.endswith(_INFO_SUFFIXES):
                raise _Unusual(child)  # importlib.metadata would read its Name header
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            grouped.setdefault(name, []).append(child)
    return [os.path.join(root, child) for infos in grouped.values() for child in infos]


def _sections(text: str) -> list[tuple[str, str, str]]:
    """``(section, name, value)`` per line, as importlib.metadata's ``Sectioned``."""
    pairs = []
    section: str | None = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue  # lines before the first section are ignored
        name, equals, value = line.partition("=")
        if not equals:
            raise _Unusual(line)  # importlib.metadata raises; let it
        pairs.append((section, name.strip(), value.strip()))
    return pairs


def entry_points(group: str) -> list[EntryPoint] | None:
    """The entry points of ``group``, as ``importlib.metadata.entry_points(group=group)``
    lists them; ``None`` where this fast path cannot promise the same answer."""
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    if finders != [PathFinder] or not all(isinstance(p, str) for p in sys.path):
        return None
    try:
        found: list[EntryPoint] = []
        seen: set[str] = set()
        for root in sys.path:
            for path in _info_dirs(root):
                stem = os.path.basename(path)
                key = _normalize(os.path.splitext(stem)[0].partition("-")[0])
                if key in seen:
                    continue  # importlib.metadata keeps the first of each name
                seen.add(key)
                text = _read(os.path.join(path, "entry_points.txt"))
                if not text:
                    continue
                dist = Distribution(path)
                found.extend(EntryPoint(name, value, group, dist)
                             for section, name, value in _sections(text) if section == group)
    except (_Unusual, UnicodeDecodeError):
        return None
    return found
