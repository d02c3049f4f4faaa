"""``check_many(jobs=N)``: worker processes, input order kept, no document lost.

Workers are forked, so each inherits the parent's Host (plugins registered at run time
included) and never re-imports plugins.  Submission is windowed: at most ``4 x jobs``
chunks are in flight, so an endless iterator streams in bounded memory.  If a worker dies,
the documents of every chunk in flight get a ``WL093 worker-died`` report and a fresh pool
takes over.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from wirelint.model import Document, Report

if TYPE_CHECKING:
    from wirelint._host import Host
    from wirelint.config import Config

#: A chunk (one task for a worker) closes at this many documents or characters: big
#: enough that the per-task overhead (~0.5 ms of pickling and queueing) stays under a
#: few percent of the checking, small enough that both workers stay busy to the end.
CHUNK = 16
CHUNK_CHARS = 100_000

#: Set in each worker by ``_init_worker``; never set in the parent (several Hosts may run
#: batches at once, so a parent-side global could hand a pool the wrong Host).
_worker_host: Host | None = None


def _init_worker(host: Host) -> None:
    global _worker_host
    _worker_host = host


def _new_pool(host: Host, jobs: int) -> ProcessPoolExecutor:
    # With fork, initargs reach the worker through the fork itself (Process args are not
    # pickled; a Host is unpicklable anyway), so each pool's workers use the Host that
    # created the pool and inherit its loaded plugins without re-importing them.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker, initargs=(host,))


def _check_chunk(chunk: list[str | Document], config: Config | None) -> list[Report]:
    assert _worker_host is not None
    return [_worker_host.check_item(doc, config) for doc in chunk]


def _next_chunk(source: Iterator[str | Document],
                ) -> tuple[list[str | Document], Exception | None]:
    """The next chunk, and the exception the source raised while reading it (if any).

    The exception is handed back rather than raised so the documents read before it still
    get their reports first, as with ``jobs=1``.
    """
    chunk: list[str | Document] = []
    size = 0
    try:
        for doc in source:
            chunk.append(doc)
            size += len(doc.text) if isinstance(doc, Document) else \
                len(doc) if isinstance(doc, str) else 0  # a bad item fails in check()
            if len(chunk) >= CHUNK or size >= CHUNK_CHARS:
                break
    except Exception as exc:
        return chunk, exc
    return chunk, None


def _died(host: Host, doc: str | Document, config: Config | None,
          exc: BaseException) -> Report:
    doc_id = doc.id if isinstance(doc, Document) else None
    return host.problem_report(doc_id, "WL093", "the worker process checking this document "
                               f"died ({exc!r})", config)


def _check_alone(host: Host, doc: str | Document, config: Config | None) -> Report:
    """Check one document in a fresh one-worker pool; ``WL093`` if that worker dies."""
    pool = _new_pool(host, 1)
    try:
        return pool.submit(_check_chunk, [doc], config).result()[0]
    except BrokenProcessPool as exc:
        return _died(host, doc, config, exc)
    except Exception:
        pass  # unpicklable or raising: checked in the parent below, as in check_parallel
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return host.check_item(doc, config)


def check_parallel(host: Host, documents: Iterable[str | Document], *, jobs: int,
                   config: Config | None) -> Iterator[Report]:
    """Yield reports in input order, computed by ``jobs`` forked worker processes."""
    # Build the hot path's batch structures once, here, so the forked workers share
    # them instead of each compiling its own (~0.5 s of CPU per worker).
    host._state.scanner.warm()
    source = iter(documents)
    source_error: Exception | None = None
    pool = _new_pool(host, jobs)
    pending: deque[tuple[list[str | Document], Future[list[Report]]]] = deque()
    try:
        while True:
            while source_error is None and len(pending) < 4 * jobs:
                chunk, source_error = _next_chunk(source)
                if not chunk:
                    break
                try:
                    pending.append((chunk, pool.submit(_check_chunk, chunk, config)))
                except BrokenProcessPool:
                    pool = _new_pool(host, jobs)
                    pending.append((chunk, pool.submit(_check_chunk, chunk, config)))
            if not pending:
                if source_error is not None:
                    raise source_error  # where jobs=1 raises it: after every earlier report
                return
            chunk, future = pending.popleft()
            reports: Iterable[Report]
            try:
                reports = future.result()
            except BrokenProcessPool:
                # Every in-flight future of the broken pool is lost: retry this chunk one
                # document at a time (so only the document that kills its worker gets an
                # error record), then resubmit the rest on a fresh pool.
                pool.shutdown(wait=False, cancel_futures=True)
                for doc in chunk:
                    yield _check_alone(host, doc, config)
                pool = _new_pool(host, jobs)
                pending = deque((c, pool.submit(_check_chunk, c, config)) for c, _ in pending)
                continue
            except Exception:
                # The chunk could not be pickled (e.g. a lambda in a Document's meta):
                # check it in the parent, lazily, so it gets the same reports as with
                # jobs=1.
                reports = (host.check_item(doc, config) for doc in chunk)
            yield from reports
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
