"""``wirelint eval``: measure wirelint on your own labelled JSON Lines.

Records are ``{"id", "text", "label"}`` (``meta.category`` is used by ``--category``).
A data label maps to the verdict it should get: ``machine-translated`` and
``machine-paraphrased`` to themselves, any label starting with ``human`` (``human``,
``human-original``, ``human-translated``) to ``human``; any other label is refused unless
``--positive`` or ``--negative`` names it.  With both, only the records of those two
labels are evaluated (the others are counted as left out).  The report gives per-label
precision, recall, F1 and one-vs-rest AUROC, the confusion matrix at the default
operating threshold, the binary view of a ``--positive``/``--negative`` pair (AUROC of
``100 - score``), per-rule precision, and the worst false positives and negatives with
their strongest findings.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from wirelint._host import Host
from wirelint._metrics import auroc
from wirelint.config import Config
from wirelint.model import Document, Report

VERDICTS = ("human", "machine-translated", "machine-paraphrased", "undetermined")
MACHINE = ("machine-translated", "machine-paraphrased")


class EvalError(ValueError):
    """The data cannot be evaluated (unreadable, no labels, unknown or bad pair label)."""


def is_known_label(label: str) -> bool:
    """A label the tool maps to a verdict without being told: ``human*``, ``machine-*``."""
    return label in MACHINE or label.startswith("human")


def expected_verdict(label: str) -> str:
    """The verdict a document with this data label should get."""
    if label in MACHINE:
        return label
    return "human" if label.startswith("human") else label


@dataclass
class Item:
    """One evaluated document."""

    id: str
    label: str
    report: Report

    @property
    def machine_score(self) -> float:
        """``100 - score``: higher means more machine-like (what AUROC ranks by)."""
        return 100.0 - self.report.score


@dataclass
class EvalResult:
    """Everything ``wirelint eval`` prints, also as JSON (``to_dict``)."""

    items: list[Item]
    positive: str | None = None
    negative: str | None = None
    signature: str = ""
    skipped: int = 0
    #: Records of other labels left out of a ``--positive``/``--negative`` pair, by label.
    left_out: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    # -------------------------------------------------------------- metrics

    def labels(self) -> Counter[str]:
        return Counter(i.label for i in self.items)

    def per_label(self) -> dict[str, dict[str, float]]:
        """Precision, recall, F1 (on verdicts) and one-vs-rest AUROC (on P(label))."""
        out = {}
        for label in ("human", *MACHINE):
            truth = [expected_verdict(i.label) == label for i in self.items]
            pred = [str(i.report.verdict) == label for i in self.items]
            if not any(truth) and not any(pred):
                continue
            tp = sum(t and p for t, p in zip(truth, pred, strict=True))
            precision = tp / sum(pred) if any(pred) else float("nan")
            recall = tp / sum(truth) if any(truth) else float("nan")
            f1 = (2 * precision * recall / (precision + recall)
                  if precision + recall > 0 else 0.0)
            probs = [i.report.probabilities.as_dict()[label] for i in self.items]
            a = auroc([p for p, t in zip(probs, truth, strict=True) if t],
                      [p for p, t in zip(probs, truth, strict=True) if not t])
            out[label] = {"support": sum(truth), "precision": precision, "recall": recall,
                          "f1": f1, "auroc": a}
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        """Rows: data labels; columns: verdicts at the default threshold."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for i in self.items:
            table[i.label][str(i.report.verdict)] += 1
        return {lab: {v: table[lab][v] for v in VERDICTS} for lab in sorted(table)}

    def _is_positive(self, item: Item) -> bool | None:
        if self.positive is not None:
            if item.label == self.positive:
                return True
            if self.negative is None:
                return False
            return False if item.label == self.negative else None
        verdict = expected_verdict(item.label)
        return verdict in MACHINE if verdict in (*MACHINE, "human") else None

    def binary(self) -> dict[str, float]:
        """The positive-vs-negative view: AUROC of ``100 - score``, flag rates."""
        pos = [i for i in self.items if self._is_positive(i) is True]
        neg = [i for i in self.items if self._is_positive(i) is False]
        flagged = [str(i.report.verdict) in MACHINE for i in pos]
        false_flags = [str(i.report.verdict) in MACHINE for i in neg]
        tp, fp = sum(flagged), sum(false_flags)
        result = {
            "positives": len(pos), "negatives": len(neg),
            "auroc": auroc([i.machine_score for i in pos], [i.machine_score for i in neg]),
            "tpr": tp / len(pos) if pos else float("nan"),
            "fpr": fp / len(neg) if neg else float("nan"),
            "precision": tp / (tp + fp) if tp + fp else float("nan"),
        }
        if self.positive in MACHINE:
            key = self.positive
            result[f"auroc_p_{key}"] = auroc(
                [i.report.probabilities.as_dict()[key] for i in pos],
                [i.report.probabilities.as_dict()[key] for i in neg])
        return result

    def per_rule(self) -> list[dict[str, Any]]:
        """For every rule that fired: documents hit among positives and negatives."""
        hits: dict[str, Counter[bool]] = defaultdict(Counter)
        names: dict[str, str] = {}
        n_pos = sum(1 for i in self.items if self._is_positive(i) is True)
        n_neg = sum(1 for i in self.items if self._is_positive(i) is False)
        for i in self.items:
            side = self._is_positive(i)
            if side is None:
                continue
            for f in i.report.findings:
                names[f.code] = f.name
            for code in {f.code for f in i.report.findings}:
                hits[code][side] += 1
        rows = []
        for code in sorted(hits):
            p, n = hits[code][True], hits[code][False]
            rows.append({"code": code, "name": names[code], "positives": p, "negatives": n,
                         "positive_rate": p / n_pos if n_pos else float("nan"),
                         "negative_rate": n / n_neg if n_neg else float("nan"),
                         "precision": p / (p + n)})
        return rows

    def plugin_problems(self) -> list[dict[str, Any]]:
        """Plugin problems (``WL080``, ``WL09x``) in the reports: one row per plugin and
        code, with how many documents it hit and the first message."""
        from wirelint.cli import _PLUGIN_ERRORS  # the same codes that make check exit 3

        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for i in self.items:
            seen = set()
            for e in i.report.errors:
                key = (e.plugin, e.code)
                if e.code not in _PLUGIN_ERRORS or key in seen:
                    continue
                seen.add(key)
                row = rows.setdefault(key, {"plugin": e.plugin, "code": e.code,
                                            "name": e.name, "documents": 0,
                                            "message": " ".join(e.message.split())})
                row["documents"] += 1
        return [rows[k] for k in sorted(rows)]

    def worst(self, count: int = 10) -> tuple[list[Item], list[Item]]:
        """The most confident mistakes: (false positives, false negatives)."""
        neg = [i for i in self.items if self._is_positive(i) is False
               and str(i.report.verdict) in MACHINE]
        pos = [i for i in self.items if self._is_positive(i) is True
               and str(i.report.verdict) not in MACHINE]
        neg.sort(key=lambda i: (i.report.score, i.id))
        pos.sort(key=lambda i: (-i.report.score, i.id))
        return neg[:count], pos[:count]

    def to_dict(self, worst: int = 10) -> dict[str, Any]:
        fps, fns = self.worst(worst)
        return {
            "documents": dict(sorted(self.labels().items())), "skipped": self.skipped,
            "left_out": dict(sorted(self.left_out.items())),
            "positive": self.positive, "negative": self.negative,
            "per_label": self.per_label(), "binary": self.binary(),
            "confusion": self.confusion(), "per_rule": self.per_rule(),
            "worst_false_positives": [_item_dict(i) for i in fps],
            "worst_false_negatives": [_item_dict(i) for i in fns],
            "plugin_problems": self.plugin_problems(),
            "signature": self.signature,
        }


def _strongest(report: Report, count: int = 3) -> list[tuple[str, float, str]]:
    ranked = sorted(report.findings, key=lambda f: (-f.confidence, f.span.start, f.code))
    return [(f.code, f.confidence, " ".join(f.evidence.split())[:60]) for f in ranked[:count]]


def _item_dict(i: Item) -> dict[str, Any]:
    return {"id": i.id, "label": i.label, "score": i.report.score,
            "verdict": str(i.report.verdict),
            "findings": [{"code": c, "confidence": p, "evidence": e}
                         for c, p, e in _strongest(i.report)]}


# ------------------------------------------------------------------ reading and running


class BadLine(ValueError):
    """A JSON Lines line that holds no JSON value: ``code`` is the problem it is (WL002
    not UTF-8, WL005 not JSON), ``str()`` says why; ``column`` is where its JSON syntax
    broke, when it did (:meth:`located` says it)."""

    def __init__(self, code: str, reason: str, column: int | None = None) -> None:
        super().__init__(reason)
        self.code, self.column = code, column

    def located(self) -> str:
        """The reason, with the column of a syntax error."""
        if self.column is None:
            return str(self)
        return f"{str(self)[:-1]} at column {self.column})"


def decode_line(raw: str | bytes) -> str:
    """A JSON Lines line as text (UTF-8, else :class:`BadLine` WL002), without a leading
    byte-order mark (encoding, not content): a file's first line may open with one, and
    so does every file's first line in a feed made by ``cat a.jsonl b.jsonl``.  No JSON
    line can start with one, so nothing valid is changed."""
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise BadLine("WL002", f"not valid UTF-8 at byte offset {exc.start} of the line "
                               f"({exc.reason})") from None
    return line.removeprefix("\ufeff")


def load_json(line: str) -> Any:
    """``json.loads(line)``, or :class:`BadLine` WL005: bad syntax, or past the parser's
    limits (nested too deeply, an integer of over 4300 digits), which raise other
    errors than a syntax error does."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine("WL005", f"invalid JSON ({exc.msg})", exc.colno) from None
    except RecursionError:
        raise BadLine("WL005", "invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer ..."
        raise BadLine("WL005", f"invalid JSON ({str(exc).split(':')[0]})") from None


def read_records(lines: Iterable[str | bytes], *, casefold: bool = False,
                 category: str | None = None,
                 name: str = "-") -> tuple[list[Document], list[str], int]:
    """Documents and labels from JSON Lines (``name`` is the file, for error messages);
    returns how many records were skipped."""
    docs, labels, skipped = [], [], 0
    for n, raw in enumerate(lines, start=1):
        where = f"{name}:{n}"
        try:
            line = decode_line(raw)
            if not line.strip():
                continue
            rec = load_json(line)
        except BadLine as exc:
            raise EvalError(f"{where}: {exc}") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) \
                or not isinstance(rec.get("label"), str):
            raise EvalError(f"{where}: a record needs a string \"text\" and \"label\"")
        given = rec.get("meta")
        meta: dict[str, Any] = given if isinstance(given, dict) else {}
        if category is not None and meta.get("category", rec.get("category")) != category:
            skipped += 1
            continue
        text = rec["text"].lower() if casefold else rec["text"]
        docs.append(Document(text=text, id=str(rec.get("id", f"line {n}")), meta=meta))
        labels.append(rec["label"])
    return docs, labels, skipped


def evaluate(host: Host, docs: Sequence[Document], labels: Sequence[str], *,
             positive: str | None = None, negative: str | None = None, jobs: int = 1,
             config: Config | None = None, skipped: int = 0) -> EvalResult:
    """Check every document and collect the result.

    With both ``positive`` and ``negative`` only the records of those two labels are
    checked (the rest are counted in ``left_out``).  A label that is neither ``human*``
    nor ``machine-*`` nor named by ``positive``/``negative`` is refused: its records
    would otherwise be silently counted on no side (a misspelt ``machine_translated``).
    """
    if negative is not None and positive is None:
        raise EvalError(f"--negative {negative!r} needs --positive (the label to detect)")
    if positive is not None and positive == negative:
        raise EvalError(f"--positive and --negative name the same label {positive!r}; "
                        "name two different labels")
    present = set(labels)
    for name, label in (("--positive", positive), ("--negative", negative)):
        if label is not None and label not in present:
            raise EvalError(f"{name} {label!r} is not a label of the data "
                            f"(labels: {', '.join(sorted(present))})")
    left_out: Counter[str] = Counter()
    if positive is not None and negative is not None:
        keep = [lab in (positive, negative) for lab in labels]
        left_out.update(lab for lab, k in zip(labels, keep, strict=True) if not k)
        docs = [d for d, k in zip(docs, keep, strict=True) if k]
        labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
    named = {positive, negative}
    unknown = Counter(lab for lab in labels if not is_known_label(lab) and lab not in named)
    if unknown:
        listed = ", ".join(f"{lab!r} ({n} record{'s' if n != 1 else ''})"
                           for lab, n in sorted(unknown.items()))
        raise EvalError(f"unknown label{'s' if len(unknown) > 1 else ''} {listed}; known: "
                        "human*, machine-translated, machine-paraphrased (name a label of "
                        "your own with --positive/--negative)")
    if not docs:
        raise EvalError("no labelled records to evaluate")
    reports = list(host.check_many(docs, jobs=jobs, config=config))
    items = [Item(id=d.id or "", label=lab, report=r)
             for d, lab, r in zip(docs, labels, reports, strict=True)]
    return EvalResult(items=items, positive=positive, negative=negative,
                      signature=host.signature, skipped=skipped,
                      left_out=dict(sorted(left_out.items())))


# ------------------------------------------------------------------ output


def _f(x: float) -> str:
    return "  n/a" if x != x else f"{x:.3f}"


def write_text(result: EvalResult, out: TextIO, worst: int = 10) -> None:
    """The human-readable report (Markdown tables, so it pastes into a README)."""
    labels = result.labels()
    left = result.left_out
    out.write(f"documents: {sum(labels.values())} "
              f"({', '.join(f'{k} {v}' for k, v in sorted(labels.items()))})"
              + (f"; {result.skipped} skipped by --category" if result.skipped else "")
              + (f"; {sum(left.values())} left out, not {result.positive} or "
                 f"{result.negative} ({', '.join(f'{k} {v}' for k, v in sorted(left.items()))})"
                 if left else "") + "\n")
    b = result.binary()
    pos = result.positive or "machine-*"
    neg = result.negative or ("every other label" if result.positive else "human*")
    out.write(f"\n{pos} vs {neg}: AUROC {_f(b['auroc'])} (ranking by 100 - score); "
              f"at the default threshold: TPR {_f(b['tpr'])}, FPR {_f(b['fpr'])}, "
              f"precision {_f(b['precision'])} ({b['positives']} vs {b['negatives']} "
              "documents)\n")
    for key, value in b.items():
        if key.startswith("auroc_p_"):
            out.write(f"AUROC by P({key.removeprefix('auroc_p_')}): {_f(value)}\n")

    out.write("\n| verdict | support | precision | recall | F1 | AUROC (one vs rest) |\n")
    out.write("| --- | --- | --- | --- | --- | --- |\n")
    for label, m in result.per_label().items():
        out.write(f"| {label} | {m['support']} | {_f(m['precision'])} | {_f(m['recall'])} "
                  f"| {_f(m['f1'])} | {_f(m['auroc'])} |\n")

    out.write("\nconfusion matrix (rows: data label, columns: verdict)\n\n")
    out.write("| label | " + " | ".join(VERDICTS) + " |\n")
    out.write("| --- |" + " --- |" * len(VERDICTS) + "\n")
    for label, row in result.confusion().items():
        out.write(f"| {label} | " + " | ".join(str(row[v]) for v in VERDICTS) + " |\n")

    rules = result.per_rule()
    if rules:
        out.write(f"\nper-rule precision (documents with the rule: {pos} / {neg})\n\n")
        out.write("| rule | name | positives | negatives | precision |\n")
        out.write("| --- | --- | --- | --- | --- |\n")
        for r in rules:
            out.write(f"| {r['code']} | {r['name']} | {r['positives']} "
                      f"({r['positive_rate']:.1%}) | {r['negatives']} "
                      f"({r['negative_rate']:.1%}) | {_f(r['precision'])} |\n")

    fps, fns = result.worst(worst)
    for title, items in ((f"worst false positives ({neg} flagged)", fps),
                         (f"worst false negatives ({pos} passed as human)", fns)):
        out.write(f"\n{title}: {len(items)}\n")
        for i in items:
            found = "; ".join(f"{c} {p:.2f} '{e}'" for c, p, e in _strongest(i.report))
            out.write(f"  {i.id} [{i.label}] score {i.report.score:.1f} {i.report.verdict}"
                      f"{': ' + found if found else ''}\n")
    out.write(f"\nsignature: {result.signature}\n")


def write_json(result: EvalResult, out: TextIO, worst: int = 10) -> None:
    """The same figures as one JSON object (NaN written as null)."""
    def clean(x: Any) -> Any:
        if isinstance(x, float) and x != x:
            return None
        if isinstance(x, Mapping):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    json.dump(clean(result.to_dict(worst)), out, indent=2)
    out.write("\n")



# ------------------------------------------------------------------ command line


def add_eval_parser(sub: Any) -> Any:
    """Register ``wirelint eval`` on the CLI's subparsers; returns the parser."""
    p = sub.add_parser("eval", help="measure accuracy on labelled JSON Lines")
    p.add_argument("data", metavar="DATA.jsonl",
                   help='labelled records {"id", "text", "label"} (- for stdin)')
    p.add_argument("--positive", metavar="LABEL", help="the label to detect")
    p.add_argument("--negative", metavar="LABEL",
                   help="the label to keep apart from it (default: every other label)")
    p.add_argument("--casefold", action="store_true",
                   help="lowercase every text first (for sets whose one side is lowercased)")
    p.add_argument("--category", help="keep only records whose meta.category is this")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--worst", type=int, default=10, metavar="N",
                   help="how many false positives and negatives to list")
    p.add_argument("--jobs", "-j", type=int, default=2, help="worker processes")
    return p


def run_eval(args: Any, host: Host, config: Config, out: TextIO) -> int:
    """``wirelint eval``: exit 0 when evaluated, 2 on unusable data, 3 when a plugin
    failed on some document (one line per plugin and problem on stderr: the figures
    were measured without its findings there)."""
    import sys

    try:
        docs, labels, skipped = _read_data(args.data, casefold=args.casefold,
                                           category=args.category)
        result = evaluate(host, docs, labels, positive=args.positive,
                          negative=args.negative, jobs=max(1, args.jobs), config=config,
                          skipped=skipped)
    except EvalError as exc:
        print(f"wirelint: error: {exc}", file=sys.stderr)
        return 2
    (write_json if args.format == "json" else write_text)(result, out, args.worst)
    out.flush()
    problems = result.plugin_problems()
    total = len(result.items)
    for p in problems:
        who = f"plugin {p['plugin']}" if p["plugin"] else "a worker"
        print(f"wirelint: error: {who} failed on {p['documents']} of {total} documents "
              f"({p['code']} {p['name']}), so the figures lack its findings there; "
              f"first: {p['message']}", file=sys.stderr)
    return 3 if problems else 0


def _read_data(data: str, **options: Any) -> tuple[list[Document], list[str], int]:
    """``read_records`` of a file or stdin (``-``), read as bytes so that a line that is
    not UTF-8 is named like any other bad line."""
    import sys

    if data == "-":
        return read_records(getattr(sys.stdin, "buffer", sys.stdin), name="-", **options)
    try:
        with open(data, "rb") as fh:
            return read_records(fh, name=data, **options)
    except OSError as exc:
        raise EvalError(f"{data}: cannot read: {exc.strerror or exc}") from None
