"""Locks that a forked child gets free.

``check_many(jobs=N)`` forks worker processes from a Host that other threads may be
using.  A ``threading.Lock`` held by another thread at the fork stays held in the child
for ever, since that thread does not exist there: a worker waiting on the language
gate's lock, taken by a thread loading langdetect in the parent, hung the batch.  Each
:class:`Lock` is replaced in the child by a free one.  The state such a lock guards is
published only once complete (double-checked loading), so the child sees it done or
not started, never half done.
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Any


class Lock:
    """A ``threading.Lock`` (``with``, ``acquire``, ``release``) that is free after a fork."""

    __slots__ = ("__weakref__", "_lock")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        _LOCKS.add(self)

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc: Any) -> None:
        self._lock.release()

    def _renew(self) -> None:
        self._lock = threading.Lock()


_LOCKS: weakref.WeakSet[Lock] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for lock in list(_LOCKS):
        lock._renew()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
