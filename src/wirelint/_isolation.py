"""Time budgets for third-party hook calls: a hung plugin costs its own findings, nothing more.

CPython cannot kill a thread, so a budgeted call runs on a daemon worker thread while the
caller waits at most the budget.  On overrun the caller moves on (the host reports
``WL091 plugin-timeout`` and keeps every other plugin's findings) and the worker is
abandoned: it finishes, or not, in the background, and as a daemon thread it never holds
up interpreter exit.  The trade-offs (also in docs/plugins.md):

* an abandoned call keeps its CPU, memory and a share of the GIL until it returns, so
  once :data:`MAX_STUCK` abandoned calls of one plugin are still running the host stops
  calling that plugin (``WL091``, "skipped") until one of them returns;
* whatever an abandoned call does after its deadline is invisible: its result is dropped;
* a hand-off costs about 10 us per call, so built-in families (trusted, like their
  patterns on the hot path) run inline without a budget.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Mapping
from typing import Any

from wirelint import _forksafe

#: Seconds a third-party hook may take per document, for documents up to 100 KB; larger
#: documents get proportionally more.  The conformance kit holds plugins to half of it.
BUDGET_SECONDS = 2.0
#: Abandoned (overrun, still running) calls one plugin may have before it is skipped.
MAX_STUCK = 2


def budget_for(size: int, base: float = BUDGET_SECONDS) -> float:
    """The budget for a document of ``size`` characters: ``base`` per started 100 KB."""
    return base * max(1.0, size / 100_000)


class Overrun(Exception):
    """A budgeted call did not return in time (or its plugin is skipped as stuck)."""


class _Worker:
    __slots__ = ("inbox", "key", "thread")

    def __init__(self, runner: BudgetRunner) -> None:
        self.inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.key = ""
        self.thread = threading.Thread(target=self._loop, args=(runner,), daemon=True,
                                       name="wirelint-plugin-call")
        self.thread.start()

    def _loop(self, runner: BudgetRunner) -> None:
        while True:
            job = self.inbox.get()
            if job is None:  # abandoned: the overrun call has returned at last
                runner._released(self.key)
                return
            function, kwargs, outbox = job
            try:
                outbox.put((True, function(**kwargs)))
            except BaseException as exc:  # handed to the caller, raised there
                outbox.put((False, exc))


class BudgetRunner:
    """Runs calls on reusable daemon threads; a call that overruns is abandoned."""

    def __init__(self, max_stuck: int = MAX_STUCK) -> None:
        self.max_stuck = max_stuck
        self._lock = _forksafe.Lock()
        self._idle: list[_Worker] = []
        self._stuck: dict[str, int] = {}
        self._pid = os.getpid()

    def stuck(self, key: str) -> int:
        """How many abandoned calls of ``key`` are still running."""
        return self._stuck.get(key, 0)

    def call(self, key: str, function: Callable[..., Any], kwargs: Mapping[str, Any],
             budget: float) -> Any:
        """Return ``function(**kwargs)`` or raise its exception; :class:`Overrun` after
        ``budget`` seconds, or at once while ``key`` has too many abandoned calls."""
        with self._lock:
            if os.getpid() != self._pid:  # forked: the parent's threads do not exist here
                self._idle.clear()
                self._stuck.clear()
                self._pid = os.getpid()
            stuck = self._stuck.get(key, 0)
            if stuck >= self.max_stuck:
                raise Overrun(f"skipped: {stuck} earlier calls are still running past "
                              "their budget")
            worker = self._idle.pop() if self._idle else None
        if worker is None:
            worker = _Worker(self)
        outbox: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
        worker.inbox.put((function, kwargs, outbox))
        try:
            ok, value = outbox.get(timeout=budget)
        except queue.Empty:
            with self._lock:
                self._stuck[key] = self._stuck.get(key, 0) + 1
            worker.key = key
            worker.inbox.put(None)  # runs after the overrun call returns, if ever
            raise Overrun(f"exceeded its {budget:g}s budget") from None
        with self._lock:
            self._idle.append(worker)
        if ok:
            return value
        raise value

    def _released(self, key: str) -> None:
        with self._lock:
            if self._stuck.get(key, 0) > 0:
                self._stuck[key] -= 1
