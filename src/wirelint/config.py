"""Configuration: ``[tool.wirelint]`` in pyproject.toml, or a ``wirelint.toml``.

The file is found by walking up from the working directory (ruff's rule: the nearest
``wirelint.toml``, or the nearest ``pyproject.toml`` that has a ``[tool.wirelint]`` table).
Command-line options override the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, cast

from wirelint._suppress import AllowEntry, parse_allow

#: Inputs larger than this are refused with ``WL004 input-too-large`` (10 MB).
DEFAULT_MAX_BYTES = 10_000_000


class ConfigError(ValueError):
    """The configuration file or an option is invalid (exit code 2)."""


class ConfigTypeError(ConfigError, TypeError):
    """A setting of the wrong type (a ``ConfigError`` that is also a ``TypeError``)."""


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
    #: findings below this confidence are not reported (they still count in the score)
    min_confidence: float = 0.0
    language_threshold: float = 0.5  #: below this probability of English, WL001 fires
    options: Mapping[str, Any] = field(default_factory=dict, compare=False)
    allow: tuple[AllowEntry, ...] = ()  #: accepted words/phrases (see ``_suppress``)
    source: str | None = None  #: the file the settings came from, if any

    def __post_init__(self) -> None:
        # Checked here so a mistake fails where it is made: a plain string for a list
        # would be read one character at a time, a string for a number fails much later.
        for name in _CHECKED:
            value = getattr(self, name)
            checked = _validated(name, value, name, api=True)
            if checked is not value:
                object.__setattr__(self, name, checked)
        if not isinstance(self.options, Mapping):
            raise ConfigTypeError(f"options must be a mapping, not {self.options!r}")
        if not isinstance(self.allow, list | tuple) or \
                not all(isinstance(e, AllowEntry) for e in self.allow):
            raise ConfigTypeError(f"allow must be a tuple of AllowEntry, not {self.allow!r}")
        if isinstance(self.allow, list):
            object.__setattr__(self, "allow", tuple(self.allow))
        if self.source is not None and not isinstance(self.source, str):
            raise ConfigTypeError(f"source must be a str or None, not {self.source!r}")

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
        """Return a copy with the non-``None`` keyword arguments applied (the command
        line's options over the file's settings; errors name them as options do).

        ``fail_under`` and ``fail_fpr`` are two ways to set one threshold: giving both
        is an error, and giving one replaces the other's value from the file.
        """
        given = {k: v for k, v in changes.items() if v is not None}
        if "fail_under" in given and "fail_fpr" in given:
            raise ConfigError("--fail-under and --fail-fpr are mutually exclusive "
                              "(two ways to set one threshold)")
        for name, value in given.items():
            if name in _CHECKED:
                given[name] = _validated(name, value, "--" + name.replace("_", "-"))
        if "fail_under" in given:
            given["fail_fpr"] = None
        elif "fail_fpr" in given:
            given["fail_under"] = None
        return replace(self, **given)


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


#: The settings that take lists of selectors (rule codes, code prefixes, rule names).
_LISTS = ("select", "ignore", "extend_select")
#: The scalar settings and the types they take (bool is an int to Python, not to TOML).
_SCALARS: dict[str, tuple[tuple[type, ...], str]] = {
    "max_bytes": ((int,), "an integer"),
    "fail_under": ((int, float), "a number"),
    "fail_fpr": ((int, float), "a number"),
    "min_confidence": ((int, float), "a number"),
    "language_threshold": ((int, float), "a number"),
}
#: The range each scalar must fall in (NaN falls in none), and how to say it.
_RANGES: dict[str, tuple[float, float, str]] = {
    "max_bytes": (0, math.inf, "a number of bytes, 0 or more"),
    "fail_under": (0.0, 100.0, "a score between 0 and 100"),
    "fail_fpr": (0.0, 1.0, "a rate between 0 and 1, e.g. 0.01"),
    "min_confidence": (0.0, 1.0, "a confidence between 0 and 1"),
    "language_threshold": (0.0, 1.0, "a probability between 0 and 1"),
}
#: The settings checked by :func:`_validated` (the fields ``Config`` checks itself).
_CHECKED = (*_LISTS, *_SCALARS)
_OPTIONAL = frozenset({"fail_under", "fail_fpr"})


def _validated(name: str, value: Any, label: str, *, at: str = "", api: bool = False) -> Any:
    """``value`` for the setting ``name`` if it has the right type and range (lists of
    selectors as a tuple), else a :class:`ConfigError` naming it as ``label`` (after
    ``at``, the file).  ``api``: the error says what Python type was given instead."""
    if name in _LISTS:
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        got = ""
        if api:
            got = (f", not the single string {value!r} (write ({value!r},))"
                   if isinstance(value, str) else f", not {value!r}")
        raise ConfigTypeError(f"{at}{label} must be a list of strings{got}")
    if value is None and name in _OPTIONAL:
        return value
    types, what = _SCALARS[name]
    if isinstance(value, bool) or not isinstance(value, types):
        raise ConfigTypeError(f"{at}{label} must be {what}, not {value!r}")
    low, high, span = _RANGES[name]
    if not low <= cast(float, value) <= high:  # NaN is in no range
        raise ConfigError(f"{at}{label} must be {span}, not {value!r}")
    return value


def check_selectors(config: Config, resolve: Callable[[str], Sequence[str]]) -> None:
    """Refuse a ``select``/``extend_select``/``ignore`` token that names no rule
    (``resolve`` is ``Host.resolve``: a code, a code prefix, a rule name; or ``ALL``).

    ``WLxxx`` codes are host problems, reported in a report's ``errors``, not rules: no
    selector turns them on or off, so naming one is refused like any unknown selector.
    """
    for token in (*config.select, *config.extend_select, *config.ignore):
        if token == "ALL" or resolve(token):
            continue
        hint = ("; WL codes are host problems, not rules, and cannot be selected or "
                "ignored") if token.upper().startswith("WL") else ""
        raise ConfigError(f"unknown rule selector {token!r} (see `wirelint rules`){hint}")


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
        if name in _CHECKED:
            value = _validated(name, value, key, at=at)
        elif name == "allow":
            try:
                value = parse_allow(value, source)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        elif name == "options":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{at}options must be a table")
            value = dict(value)
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
