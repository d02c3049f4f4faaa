from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from wirelint import Host, hookimpl
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


# ------------------------------------------------------------------ failures not hidden


def _relabelled(tmp_path: Path, mapping: dict[str, str]) -> Path:
    """The fixture with some labels renamed."""
    path = tmp_path / "relabelled.jsonl"
    lines = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            rec["label"] = mapping.get(rec["label"], rec["label"])
            lines.append(json.dumps(rec))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _labels_of_fixture() -> dict[str, int]:
    _, labels, _ = read_records(DATA.read_text(encoding="utf-8").splitlines())
    return {lab: labels.count(lab) for lab in set(labels)}


class _RaisingPlugin:
    """A run-time plugin whose wirelint_check always raises."""

    WIRELINT_PREFIX = "ZQ"

    @hookimpl
    def wirelint_rules(self):
        return []

    @hookimpl
    def wirelint_check(self, document):
        raise RuntimeError("gazetteer missing")


def test_eval_names_a_failing_plugin_and_exits_3(monkeypatch, capsys):
    import wirelint.cli as cli

    monkeypatch.setattr(cli, "Host", lambda **kw: Host(plugins=["wirelint", _RaisingPlugin()],
                                                      **kw))
    code = main(["eval", str(DATA), "--isolated", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 3
    assert "documents: 15" in out  # the figures are still printed
    lines = [ln for ln in err.splitlines() if "WL090" in ln]
    assert len(lines) == 1
    assert "_RaisingPlugin" in lines[0] and "15 of 15 documents" in lines[0]
    assert "gazetteer missing" in lines[0]

    code = main(["eval", str(DATA), "--isolated", "--jobs", "1", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 3
    problems = json.loads(out)["plugin_problems"]
    assert [(p["code"], p["documents"]) for p in problems] == [("WL090", 15)]
    assert "_RaisingPlugin" in problems[0]["plugin"]


def test_eval_without_plugin_problems_has_none_in_json(capsys):
    code, out = _run(capsys, "--format", "json")
    assert code == 0
    assert json.loads(out)["plugin_problems"] == []


def test_eval_refuses_an_unknown_label(tmp_path, capsys):
    data = _relabelled(tmp_path, {"machine-translated": "machine_translated"})
    code = main(["eval", str(data), "--isolated", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    n = _labels_of_fixture()["machine-translated"]
    assert "'machine_translated'" in lines[0] and f"{n} records" in lines[0]


def test_eval_refuses_an_unknown_label_beside_a_named_positive(tmp_path, capsys):
    data = _relabelled(tmp_path, {"machine-paraphrased": "machine-paraphrase"})
    code = main(["eval", str(data), "--isolated", "--jobs", "1",
                 "--positive", "machine-translated"])
    assert code == 2
    assert "'machine-paraphrase'" in capsys.readouterr().err


def test_eval_accepts_a_label_of_your_own_named_by_positive(tmp_path, capsys):
    data = _relabelled(tmp_path, {"machine-translated": "robot"})
    code = main(["eval", str(data), "--isolated", "--jobs", "1", "--positive", "robot"])
    out = capsys.readouterr().out
    assert code == 0
    n = _labels_of_fixture()["machine-translated"]
    assert "robot vs every other label: AUROC" in out
    assert f"({n} vs {15 - n} documents)" in out


def test_eval_refuses_the_same_label_on_both_sides(capsys):
    code = main(["eval", str(DATA), "--isolated", "--jobs", "1",
                 "--positive", "machine-translated", "--negative", "machine-translated"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "machine-translated" in err and "same label" in err


def test_eval_refuses_negative_without_positive(capsys):
    code = main(["eval", str(DATA), "--isolated", "--jobs", "1",
                 "--negative", "human-original"])
    assert code == 2
    assert "--negative" in capsys.readouterr().err


def test_eval_pair_evaluates_only_the_two_labels(capsys):
    counts = _labels_of_fixture()
    pos, neg = counts["machine-translated"], counts["human-original"]
    rest = 15 - pos - neg
    code, out = _run(capsys, "--positive", "machine-translated", "--negative",
                     "human-original")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(f"documents: {pos + neg} (human-original {neg}, "
                            f"machine-translated {pos})")
    assert f"{rest} left out" in first and f"machine-paraphrased {rest}" in first
    assert f"({pos} vs {neg} documents)" in out
    assert "\n| machine-paraphrased | " not in out  # no verdict-table or confusion row
    assert "[machine-paraphrased]" not in out

    code, out = _run(capsys, "--positive", "machine-translated", "--negative",
                     "human-original", "--format", "json")
    data = json.loads(out)
    assert data["documents"] == {"human-original": neg, "machine-translated": pos}
    assert data["left_out"] == {"machine-paraphrased": rest}
    assert set(data["confusion"]) == {"human-original", "machine-translated"}
    assert data["per_label"]["human"]["support"] == neg
    assert "machine-paraphrased" not in data["per_label"] \
        or data["per_label"]["machine-paraphrased"]["support"] == 0


def test_evaluate_pair_leaves_other_labels_out(host):
    docs, labels, _ = read_records(DATA.read_text(encoding="utf-8").splitlines())
    result = evaluate(host, docs, labels, positive="machine-paraphrased",
                      negative="human-original")
    assert set(result.labels()) == {"machine-paraphrased", "human-original"}
    assert result.left_out == {"machine-translated": labels.count("machine-translated")}
