"""What a pipeline calling the library at volume met in an adversarial probe: a cold
Host shared by threads, a fork while another thread holds a lock, one bad item in a
batch, and a lone surrogate on its way to a UTF-8 file.  Each test fails on the code
before its fix."""

from __future__ import annotations

import io
import json
import os
import pathlib
import re
import subprocess
import sys
import textwrap

import pytest

from wirelint import Document, Host, _forksafe
from wirelint.formats import get_writer

GERMAN = ("Die Regierung hat am Dienstag angekündigt, dass die Gespräche in der nächsten "
          "Woche in der Hauptstadt fortgesetzt werden sollen, wie ein Sprecher sagte.")
ENGLISH = "The council approved the budget on Tuesday after a short debate, officials said."
ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_gate_and_mt101_share_one_fully_loaded_language_detector():
    """langdetect publishes its global factory before loading its profiles, and the
    language gate and MT101 each started it under their own lock: a thread in one read
    the factory while the other was still loading it (German came back 'pl' or 'af' in
    4 of 6 cold processes with eight threads).  Here loading is made slow, so the old
    code fails every time."""
    script = textwrap.dedent(f"""
        import threading, time
        from langdetect.detector_factory import DetectorFactory
        from wirelint._lang import detect_language
        from wirelint_builtins.lexical import _detect

        load = DetectorFactory.load_profile
        def slow_load(self, directory):
            time.sleep(0.5)
            load(self, directory)
        DetectorFactory.load_profile = slow_load
        out = {{}}
        gate = threading.Thread(target=lambda: out.update(gate=detect_language({GERMAN!r})[0]))
        gate.start()
        time.sleep(0.1)  # the gate is loading now
        out["mt101"] = _detect({GERMAN!r})[0]
        gate.join()
        print(out["gate"], out["mt101"])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.split() == ["de", "de"], done.stderr[-300:]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_lock_held_by_another_thread_at_a_fork_is_free_in_the_child():
    lock = _forksafe.Lock()
    lock.acquire()
    try:
        pid = os.fork()
        if pid == 0:  # the child: the thread holding the lock does not exist here
            os._exit(0 if lock.acquire(timeout=5) else 1)
        _, status = os.waitpid(pid, 0)
    finally:
        lock.release()
    assert os.waitstatus_to_exitcode(status) == 0


def test_every_lock_of_the_package_and_its_families_is_fork_safe():
    found = [f"{path.relative_to(ROOT)}:{n}"
             for base in ("src/wirelint", "plugins/wirelint_builtins")
             for path in sorted((ROOT / base).rglob("*.py"))
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if re.search(r"threading\.(R?Lock|Condition|Semaphore)\(", line)
             and path.name != "_forksafe.py"]
    assert found == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_bad_item_in_a_batch_gets_an_error_record_not_the_end_of_the_batch(jobs):
    odd = Document(text=ENGLISH, id="odd")
    object.__setattr__(odd, "text", b"bytes")
    items = [ENGLISH, None, Document(text=ENGLISH, id="ok"), 42, odd, {"text": ENGLISH}]
    reports = list(Host(entry_points=False).check_many(items, jobs=jobs))
    assert len(reports) == len(items)
    assert [r.errors[0].code if r.errors else None for r in reports] == [
        None, "WL005", None, "WL005", "WL005", "WL005"]
    assert reports[2].id == "ok" and reports[4].id == "odd"
    assert reports[1].errors[0].message == ("batch item is NoneType, not a str or a Document "
                                            "with str text; not checked")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_a_lone_surrogate_is_written_escaped_to_a_utf8_stream(fmt):
    host = Host(entry_points=False)
    text = f"{ENGLISH} Then kyiv \udc9f said so."
    report = host.check(Document(text=text, id="b\udc9f"))
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")  # strict, as a file opened for writing
    writer = get_writer(fmt, stream, rules=host.rules)
    writer.write(report, Document(text=text, id="b\udc9f"))
    writer.finish()
    stream.flush()
    out = raw.getvalue().decode("utf-8")
    first = json.loads(out.splitlines()[0] if fmt == "jsonl" else out)
    record = first[0] if fmt == "json" else first
    if fmt != "sarif":
        assert record["id"] == "b\udc9f"
