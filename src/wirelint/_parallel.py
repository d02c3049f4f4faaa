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

from wirelint.model import Document, Probabilities, Problem, Report, Verdict

if TYPE_CHECKING:
    from wirelint._host import Host
    from wirelint.config import Config

#: A chunk (one task for a worker) closes at this many documents or characters: big
#: enough that the per-task overhead (~0.5 ms of pickling and queueing) stays under a
#: few percent of the checking, small enough that both workers stay busy to the end.
CHUNK = 16
CHUNK_CHARS = 100_000

_worker_host: Host | None = None


def _check_chunk(chunk: list[str | Document], config: Config | None) -> list[Report]:
    assert _worker_host is not None
    return [_worker_host.check(doc, config) for doc in chunk]


def _next_chunk(source: Iterator[str | Document]) -> list[str | Document]:
    chunk: list[str | Document] = []
    size = 0
    for doc in source:
        chunk.append(doc)
        size += len(doc.text) if isinstance(doc, Document) else \
            len(doc) if isinstance(doc, str) else 0  # a bad item fails in check()
        if len(chunk) >= CHUNK or size >= CHUNK_CHARS:
            break
    return chunk


def _died(doc: str | Document, signature: str, exc: BaseException) -> Report:
    doc_id = doc.id if isinstance(doc, Document) else None
    return Report(
        id=doc_id, language="und", language_confidence=0.0, findings=(), score=100.0,
        verdict=Verdict.UNDETERMINED, probabilities=Probabilities(), signature=signature,
        errors=(Problem(code="WL093", name="worker-died",
                        message=f"the worker process checking this document died ({exc!r})"),))


def check_parallel(host: Host, documents: Iterable[str | Document], *, jobs: int,
                   config: Config | None) -> Iterator[Report]:
    """Yield reports in input order, computed by ``jobs`` forked worker processes."""
    global _worker_host
    _worker_host = host
    # Build the hot path's batch structures once, here, so the forked workers share
    # them instead of each compiling its own (~0.5 s of CPU per worker).
    host._state.scanner.warm()
    ctx = multiprocessing.get_context("fork")
    source = iter(documents)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    pending: deque[tuple[list[str | Document], Future[list[Report]]]] = deque()
    try:
        while True:
            while len(pending) < 4 * jobs:
                chunk = _next_chunk(source)
                if not chunk:
                    break
                try:
                    pending.append((chunk, pool.submit(_check_chunk, chunk, config)))
                except BrokenProcessPool:
                    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
                    pending.append((chunk, pool.submit(_check_chunk, chunk, config)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # Every in-flight future of the broken pool is lost: retry this chunk one
                # document at a time (so only the document that kills its worker gets an
                # error record), then resubmit the rest on a fresh pool.
                pool.shutdown(wait=False, cancel_futures=True)
                for doc in chunk:
                    pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
                    try:
                        yield from pool.submit(_check_chunk, [doc], config).result()
                    except BrokenProcessPool as exc:
                        yield _died(doc, host.signature, exc)
                    finally:
                        pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
                pending = deque((c, pool.submit(_check_chunk, c, config)) for c, _ in pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
