from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.cli.fixplugin import STORY, fix_host
from tests.formats.helpers import checked, render
from wirelint import Document


def test_one_suite_per_document_and_a_failing_case_per_finding():
    host = fix_host()
    pairs = checked(host, Document(text=STORY, id="a.txt"),
                    Document(text="The council met on Tuesday and agreed the budget.\n",
                             id="b.txt"))
    pairs.append((None, host.problem_report("gone.txt", "WL006", "gone.txt: no such file")))
    root = ET.fromstring(render("junit", pairs, host.rules))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt", "b.txt", "gone.txt"]
    a = suites[0]
    failures = [c.find("failure").get("type") for c in a.findall("testcase")
                if c.find("failure") is not None]
    assert {"ZZ101", "ZZ102", "ZZ103"} <= set(failures)
    assert int(a.get("failures")) == len(failures)
    props = {p.get("name"): p.get("value") for p in a.find("properties")}
    assert {"score", "verdict", "p.human", "signature"} <= set(props)
    assert suites[1].get("failures") == "0" and suites[1].get("tests") == "1"
    assert suites[2].find("testcase/error").get("type") == "WL006"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("errors")) == 1


def test_characters_xml_cannot_carry_are_replaced():
    host = fix_host()
    text = "The minister said teh \x00\x1b\ud800 plan was ready on Monday morning."
    root = ET.fromstring(render("junit", checked(host, Document(text=text, id="c\x07.txt")),
                                host.rules))
    assert root.find("testsuite").get("name") == "c\ufffd.txt"
