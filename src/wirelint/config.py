"""Configuration: ``[tool.wirelint]`` in pyproject.toml, or a ``wirelint.toml``.

The file is found by walking up from the working directory (ruff's rule: the nearest
``wirelint.toml``, or the nearest ``pyproject.toml`` that has a ``[tool.wirelint]`` table).
Command-line options override the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from wirelint._suppress import AllowEntry, parse_allow

#: Inputs larger than this are refused with ``WL004 input-too-large`` (10 MB).
DEFAULT_MAX_BYTES = 10_000_000


class ConfigError(ValueError):
    """The configuration file or an option is invalid (exit code 2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Resolved settings; immutable so one Config may serve many threads."""

    select: tuple[str, ...] = ()  #: codes, prefixes or names; empty = all default rules
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_under: float | None = None
    #: Fail documents scoring under the score that flags this share of human-written
    #: news (the shipped calibration table); an alternative to ``fail_under``.
    fail_fpr: float | None = None
    min_confidence: float = 0.0  #: findings below this confidence are not reported
    language_threshold: float = 0.5  #: below this probability of English, WL001 fires
    options: Mapping[str, Any] = field(default_factory=dict, compare=False)
    allow: tuple[AllowEntry, ...] = ()  #: accepted words/phrases (see ``_suppress``)
    source: str | None = None  #: the file the settings came from, if any

    def fail_threshold(self) -> float | None:
        """The score under which a document fails: ``fail_under`` if set, else the
        score that ``fail_fpr`` maps to, else ``None`` (fail on a machine verdict)."""
        if self.fail_under is not None:
            return self.fail_under
        if self.fail_fpr is not None:
            from wirelint._scoring import threshold_for_fpr

            return threshold_for_fpr(self.fail_fpr)
        return None

    def with_overrides(self, **changes: Any) -> Config:
        """Return a copy with the non-``None`` keyword arguments applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


#: The scalar settings and the types they take (bool is an int to Python, not to TOML).
_SCALARS: dict[str, tuple[tuple[type, ...], str]] = {
    "max_bytes": ((int,), "an integer"),
    "fail_under": ((int, float), "a number"),
    "fail_fpr": ((int, float), "a number"),
    "min_confidence": ((int, float), "a number"),
    "language_threshold": ((int, float), "a number"),
}


def config_from_mapping(table: Mapping[str, Any], source: str | None = None) -> Config:
    """Build a Config from a ``[tool.wirelint]`` table, naming any unknown key and any
    value of the wrong type (with the file, when there is one)."""
    at = f"{source}: " if source else ""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{at}[tool.wirelint] must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        if name is None:
            where = f" in {source}" if source else ""
            raise ConfigError(f"unknown wirelint setting {key!r}{where}")
        if name in {"select", "ignore", "extend_select"}:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{at}{key} must be a list of strings")
            value = tuple(value)
        elif name == "allow":
            try:
                value = parse_allow(value, source)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        elif name == "options":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{at}options must be a table")
            value = dict(value)
        elif name in _SCALARS:
            types, what = _SCALARS[name]
            if isinstance(value, bool) or not isinstance(value, types):
                raise ConfigError(f"{at}{key} must be {what}, not {value!r}")
        kwargs[name] = value
    return Config(source=source, **kwargs)


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest wirelint.toml, or pyproject.toml with ``[tool.wirelint]``, upward."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "wirelint.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            import tomllib  # only when there is a file to read (~5 ms to import)

            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            tool = data.get("tool")
            if isinstance(tool, dict) and "wirelint" in tool:
                return candidate
    return None


def load_config(path: Path | None = None, *, search: bool = True) -> Config:
    """Load settings from ``path``, or from the file found upward from the cwd."""
    if path is None and search:
        path = find_config_file()
    if path is None:
        return Config()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    tool = tool if isinstance(tool, dict) else {}
    table = data if path.name == "wirelint.toml" else tool.get("wirelint", {})
    if path.name == "wirelint.toml" and "wirelint" in tool:
        table = tool["wirelint"]
    return config_from_mapping(table, source=str(path))
