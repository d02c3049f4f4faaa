"""How the host and the hot path word a problem: the WL0xx codes and names, and an
exception as one line with where it was raised.  A module of its own so that the
scanner words a failing pattern as the host words a failing hook, without importing
the host (which imports the scanner)."""

from __future__ import annotations

from collections.abc import Mapping

#: Host-level rules (WL0xx).  They describe problems, not evidence, and live in the core.
HOST_PROBLEMS: Mapping[str, str] = {
    "WL001": "not-english",
    "WL002": "undecodable-input",
    "WL003": "empty-document",
    "WL004": "input-too-large",
    "WL005": "invalid-record",
    "WL006": "unreadable-input",
    "WL070": "unused-suppression",  # said once per run on stderr, never in a report
    "WL080": "plugin-refused",
    "WL090": "plugin-failed",
    "WL091": "plugin-timeout",
    "WL092": "plugin-contract",
    "WL093": "worker-died",
}


def describe(exc: BaseException) -> str:
    """``Type: first line of the message``, whatever the exception's ``__str__`` does."""
    try:
        text = str(exc).strip().splitlines()
    except Exception:  # a plugin's exception whose own __str__ fails
        text = ["(its message could not be read)"]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def where(exc: BaseException) -> str:
    """``file.py:LINE`` of the frame that raised ``exc`` (``?`` without a traceback)."""
    import traceback  # only a failing plugin needs it (~4 ms to import)

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
