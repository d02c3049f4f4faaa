from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from wirelint import Host
from wirelint._eval import EvalError, evaluate, expected_verdict, read_records
from wirelint.cli import main

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "labelled.jsonl"


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(["eval", str(DATA), "--isolated", "--jobs", "1", *args])
    return code, capsys.readouterr().out


def test_eval_prints_every_section(capsys):
    code, out = _run(capsys, "--positive", "machine-translated", "--negative",
                     "human-original")
    assert code == 0
    for part in ("machine-translated vs human-original: AUROC", "| verdict | support",
                 "confusion matrix", "per-rule precision", "worst false positives",
                 "worst false negatives", "signature: wirelint:"):
        assert part in out


def test_eval_json_has_the_same_figures(capsys):
    code, out = _run(capsys, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data["per_label"]) >= {"human", "machine-translated"}
    assert sum(data["documents"].values()) == 15
    assert 0.0 <= data["binary"]["auroc"] <= 1.0
    rows = {r["code"] for r in data["per_rule"]}
    assert rows and all(r["positives"] + r["negatives"] > 0 for r in data["per_rule"])


def test_eval_category_keeps_only_that_category(capsys):
    code, out = _run(capsys, "--category", "blog", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert sum(data["documents"].values()) == 3
    assert data["skipped"] == 12


def test_eval_casefold_lowercases_the_texts():
    docs, _, _ = read_records(DATA.read_text(encoding="utf-8").splitlines(), casefold=True)
    assert all(d.text == d.text.lower() for d in docs)


def test_eval_unknown_label_is_a_usage_error(capsys):
    code = main(["eval", str(DATA), "--isolated", "--positive", "robot"])
    assert code == 2
    assert "robot" in capsys.readouterr().err


def test_eval_bad_json_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "label": "human"}\nnot json\n')
    assert main(["eval", str(bad), "--isolated"]) == 2


@pytest.mark.parametrize(("label", "verdict"), [
    ("human-original", "human"), ("human-translated", "human"), ("human", "human"),
    ("machine-translated", "machine-translated"),
    ("machine-paraphrased", "machine-paraphrased")])
def test_data_labels_map_to_verdicts(label, verdict):
    assert expected_verdict(label) == verdict


def test_worst_lists_are_most_confident_mistakes_first(host):
    docs, labels, _ = read_records(DATA.read_text(encoding="utf-8").splitlines())
    flipped = ["human" if lab.startswith("machine") else "machine-translated" for lab in labels]
    result = evaluate(host, docs, flipped)
    fps, fns = result.worst(5)
    assert [i.report.score for i in fps] == sorted(i.report.score for i in fps)
    assert [i.report.score for i in fns] == sorted((i.report.score for i in fns), reverse=True)
    out = io.StringIO()
    from wirelint._eval import write_text

    write_text(result, out)
    assert "worst false positives" in out.getvalue()


def test_empty_data_is_refused():
    with pytest.raises(EvalError):
        evaluate(Host(entry_points=False), [], [])
