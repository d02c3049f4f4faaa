"""``check_many(jobs=2)`` behaves like ``jobs=1``: same Host, same reports, same exceptions."""

from __future__ import annotations

import json
import threading

import pytest

from wirelint import Document, Finding, Host, Severity, hookimpl

from .._stubs import stub_rule
from .test_no_document_lost import TEXTS  # English, flagged, French, empty, English


class Marker:
    """Flags ZZMARK; a local-class instance, so a Host holding it cannot be pickled."""

    WIRELINT_PREFIX = "ZM"

    @hookimpl
    def wirelint_rules(self):
        return [stub_rule("ZM101", name="zm-marker", severity=Severity.INFO,
                          example="ZZMARK")]

    @hookimpl
    def wirelint_check(self, document):
        i = document.text.find("ZZMARK")
        return [] if i < 0 else [Finding.at(document.text, i, i + 6, code="ZM101",
                                            message="marker")]


def _dumps(reports) -> list[str]:
    return [json.dumps(r.to_dict(), sort_keys=True) for r in reports]


def _marked(reports) -> int:
    return sum(f.code == "ZM101" for r in reports for f in r.findings)


def test_interleaved_batches_of_two_hosts_each_use_their_own_host():
    # Deterministic form of two threads racing: batch B starts while batch A is reading
    # its first chunk, i.e. after A began but before A's workers are forked.
    plain, marking = Host(entry_points=False), Host(plugins=[Marker()], entry_points=False)
    docs = [f"Officials said report {i} was ready. ZZMARK" for i in range(40)]
    b_batch = marking.check_many(docs, jobs=2)
    b_reports = []

    def a_source():
        b_reports.append(next(b_batch))
        yield from docs

    try:
        a_reports = list(plain.check_many(a_source(), jobs=2))
        b_reports.extend(b_batch)
    finally:
        b_batch.close()
    assert _marked(a_reports) == 0
    assert _marked(b_reports) == len(docs)


def test_two_hosts_in_two_threads_each_use_their_own_host():
    plain, marking = Host(entry_points=False), Host(plugins=[Marker()], entry_points=False)
    docs = [f"Officials said report {i} was ready. ZZMARK" for i in range(24)]
    for _ in range(3):
        marks: dict[str, int] = {}

        def run(name, host):
            marks[name] = _marked(host.check_many(docs, jobs=2))  # noqa: B023

        threads = [threading.Thread(target=run, args=item)
                   for item in (("plain", plain), ("marking", marking))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert marks == {"plain": 0, "marking": len(docs)}


def test_unpicklable_meta_gives_the_same_reports_as_jobs_one():
    host = Host(entry_points=False)
    docs = [Document(text=t, id=str(i), meta={"callback": (lambda: 0)} if i == 3 else {})
            for i, t in enumerate(TEXTS * 8)]
    serial = _dumps(host.check_many(docs, jobs=1))
    assert _dumps(host.check_many(docs, jobs=2)) == serial
    assert len(serial) == len(docs)


def _until_raise(reports) -> tuple[list[str], BaseException]:
    got = []
    with pytest.raises(Exception) as caught:  # compared with jobs=1 below
        for report in reports:
            got.append(json.dumps(report.to_dict(), sort_keys=True))
    return got, caught.value


@pytest.mark.parametrize("good", [5, 21])  # the bad item in the first or the second chunk
def test_a_bad_item_gets_an_error_record_in_its_place_like_jobs_one(good):
    host = Host(entry_points=False)
    items = [*(TEXTS * 5)[:good], 42, *TEXTS]
    serial = [json.dumps(r.to_dict(), sort_keys=True) for r in host.check_many(items, jobs=1)]
    parallel = [json.dumps(r.to_dict(), sort_keys=True) for r in host.check_many(items, jobs=2)]
    assert len(serial) == len(items) and parallel == serial
    assert json.loads(serial[good])["errors"][0]["code"] == "WL005"


def test_a_raising_source_yields_the_reports_before_it_then_raises_like_jobs_one():
    host = Host(entry_points=False)

    def source():
        yield from TEXTS * 4
        raise ValueError("source broke")

    serial, serial_exc = _until_raise(host.check_many(source(), jobs=1))
    parallel, parallel_exc = _until_raise(host.check_many(source(), jobs=2))
    assert len(serial) == len(TEXTS) * 4
    assert parallel == serial
    assert (type(parallel_exc), str(parallel_exc)) == (type(serial_exc), str(serial_exc))
