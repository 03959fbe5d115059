"""How often is `kith lint` right? Precision and recall per check on the labelled corpus.

    python bench/lint_quality.py [--corpus PATH] [--misses] [--json] [--strict]

The corpus (``tests/fixtures/lint/corpus.jsonl``) holds hand-labelled messages, one JSON
object a line: ``{"text", "first_contact", "expected": [codes], "note"}``, where
``expected`` is what a thoughtful reviewer would flag, not what the lint happens to say.
Each (message, code) pair counts once: a code the lint reports and the label has is a
true positive, one it reports that the label lacks a false positive, one the label has
that it misses a false negative. Overall figures are micro-averaged over every pair;
"overall, no greetings" leaves out the naked greetings, the easiest check, which would
otherwise flatter the total.

Targets (the same as ``tests/domain/test_lint.py``): overall precision and recall ≥ 0.9.
``--misses`` lists every message where the lint and the label disagree; ``--strict``
exits 1 when a target is short.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kithkin.domain.lint import CHECKS, lint

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "lint" / "corpus.jsonl"
#: Overall precision and recall must reach this.
TARGET = 0.9


@dataclass
class Score:
    """Counts for one code (or all of them)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Report:
    """Scores per code, overall, and the disagreements."""

    messages: int
    good: int
    by_code: dict[str, Score]
    overall: Score
    seconds: float
    misses: list[dict[str, Any]] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    """The corpus rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(rows: list[dict[str, Any]]) -> Report:
    """Lint every message and count agreements with its label."""
    by_code = {code: Score() for code in CHECKS}
    misses = []
    t0 = time.perf_counter()
    results = [{f.code for f in lint(r["text"], first_contact=r["first_contact"])} for r in rows]
    seconds = time.perf_counter() - t0
    for row, got in zip(rows, results, strict=True):
        want = set(row["expected"])
        for code in got & want:
            by_code[code].tp += 1
        for code in got - want:
            by_code[code].fp += 1
        for code in want - got:
            by_code[code].fn += 1
        if got != want:
            misses.append(
                {
                    "text": row["text"],
                    "first_contact": row["first_contact"],
                    "expected": sorted(want),
                    "got": sorted(got),
                    "note": row.get("note", ""),
                }
            )
    overall = Score(
        sum(s.tp for s in by_code.values()),
        sum(s.fp for s in by_code.values()),
        sum(s.fn for s in by_code.values()),
    )
    good = sum(1 for r in rows if not r["expected"])
    return Report(len(rows), good, by_code, overall, seconds, misses)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_report(report: Report, path: Path, show_misses: bool) -> None:
    """The table, the overall line, the verdicts."""
    print(
        f"kith lint quality: {report.messages} labelled messages ({report.good} good) "
        f"from {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
    )
    print(
        f"linted in {report.seconds * 1000:.1f} ms "
        f"({report.seconds / report.messages * 1e6:.0f} µs a message)\n"
    )
    header = f"{'code':<22} {'labelled':>8} {'fired':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
    header += f" {'precision':>9} {'recall':>6}"
    print(header)
    print("-" * len(header))
    rows = [*report.by_code.items(), ("overall", report.overall)]
    for code, s in rows:
        if code == "overall":
            print("-" * len(header))
        print(
            f"{code:<22} {s.tp + s.fn:>8} {s.tp + s.fp:>6} {s.tp:>4} {s.fp:>4} {s.fn:>4} "
            f"{_fmt(s.precision):>9} {_fmt(s.recall):>6}"
        )
    rest = [s for code, s in report.by_code.items() if code != "naked-greeting"]
    hard = Score(sum(s.tp for s in rest), sum(s.fp for s in rest), sum(s.fn for s in rest))
    print(
        f"{'overall, no greetings':<22} {hard.tp + hard.fn:>8} {hard.tp + hard.fp:>6} "
        f"{hard.tp:>4} {hard.fp:>4} {hard.fn:>4} {_fmt(hard.precision):>9} {_fmt(hard.recall):>6}"
    )
    p, r = report.overall.precision or 0.0, report.overall.recall or 0.0
    print(
        f"\ntargets: precision {p:.3f} >= {TARGET} {'PASS' if p >= TARGET else 'SHORT'}; "
        f"recall {r:.3f} >= {TARGET} {'PASS' if r >= TARGET else 'SHORT'}"
    )
    print(f"{len(report.misses)} of {report.messages} messages disagree with their label")
    if show_misses:
        for m in report.misses:
            text = " ".join(m["text"].split())
            print(f"\n  {text[:110]}{'…' if len(text) > 110 else ''}")
            print(f"    label {m['expected']}  lint {m['got']}  ({m['note']})")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Precision and recall of kith lint per check.")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a labelled JSONL corpus")
    ap.add_argument("--misses", action="store_true", help="list every disagreement")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is short")
    args = ap.parse_args(argv)
    path = args.corpus.resolve()
    report = evaluate(load(path))
    if args.json:
        data = {
            "messages": report.messages,
            "good": report.good,
            "by_code": {
                code: {**vars(s), "precision": s.precision, "recall": s.recall}
                for code, s in report.by_code.items()
            },
            "overall": {
                **vars(report.overall),
                "precision": report.overall.precision,
                "recall": report.overall.recall,
            },
            "misses": report.misses,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_report(report, path, args.misses)
    short = (report.overall.precision or 0) < TARGET or (report.overall.recall or 0) < TARGET
    return 1 if args.strict and short else 0


if __name__ == "__main__":
    sys.exit(main())
