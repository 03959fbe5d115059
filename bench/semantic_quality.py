"""How well and how fast do the interest encoders match phrases by meaning?

    python bench/semantic_quality.py [--runs 5]

Scores the sentence model (MiniLM int8) and the lexical fallback on the held-out set
``tests/fixtures/interests/heldout.jsonl`` with the helpers of
``tests/semantic/test_heldout.py`` (loaded from its path, so the table and the tests
measure the same thing), then prints, per encoder:

* import and load: importing its runtime (onnxruntime, tokenizers), then building it
  (the sentence model checks its files' sha256 and opens an onnxruntime session);
  phrases/s: every unique fixture phrase
  encoded ``--runs`` times after one untimed pass;
* top-1 (gold first among its decoys and every other case's gold), decoys (gold above
  each of its own decoys), golds (gold above every other case's gold, decoys aside);
* at the encoder's ``related_at``: recall (gold pairs at or above it) and specificity
  (pairs of a query with another case's gold below it);
* the cut with the best balanced accuracy of gold vs unrelated pairs, to tune
  ``related_at``; for the lexical fallback also the best cut on the cases whose gold
  shares a word with its query (the only ones it can find).

A second table splits top-1 by how the gold meets its query on the surface.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "semantic" / "test_heldout.py"
KINDS = ("word", "letters", "none")


def load_heldout() -> ModuleType:
    """The held-out test module (scoring helpers and fixture loader), loaded from its path."""
    spec = importlib.util.spec_from_file_location("heldout_eval", HELDOUT)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {HELDOUT}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def build_minilm() -> tuple[Any, float]:
    """The loaded model and the seconds its imports took (raises ModelUnavailable)."""
    start = time.perf_counter()
    for name in ("onnxruntime", "tokenizers", "kithkin.semantic.minilm"):
        importlib.import_module(name)
    imported = time.perf_counter() - start
    from kithkin.semantic.minilm import MiniLMEncoder

    return MiniLMEncoder(), imported


def build_lexical() -> tuple[Any, float]:
    """The fallback (its module is already imported by the held-out helpers)."""
    from kithkin.semantic.lexical import LexicalEncoder

    return LexicalEncoder(), 0.0


def measure(
    heldout: ModuleType, build: Callable[[], tuple[Any, float]], cases: list[Any], runs: int
) -> dict[str, Any] | str:
    """Every figure for one encoder, or why it could not be loaded."""
    from kithkin.semantic.encoder import ModelUnavailable

    start = time.perf_counter()
    try:
        encoder, import_s = build()
    except ModelUnavailable as exc:
        return str(exc)
    load_s = time.perf_counter() - start - import_s

    report = heldout.evaluate(encoder, cases)
    phrases = list(dict.fromkeys(p for c in cases for p in (c.query, c.gold, *c.decoys)))
    encoder.encode(phrases)  # warm-up, untimed
    start = time.perf_counter()
    for _ in range(runs):
        encoder.encode(phrases)
    rate = runs * len(phrases) / (time.perf_counter() - start)

    cut, balanced = heldout.best_cut(report.gold_cos, report.other_cos)
    kinds = [heldout.overlap(c) for c in cases]
    by_kind = {}
    for kind in KINDS:
        rows = [i for i, k in enumerate(kinds) if k == kind]
        by_kind[kind] = (sum(report.top1_hits[i] for i in rows), len(rows))
    shared = [i for i, k in enumerate(kinds) if k == "word"]
    other_shared = report.other_cos.reshape(len(cases), len(cases) - 1)[shared].ravel()
    cut_shared, balanced_shared = heldout.best_cut(report.gold_cos[shared], other_shared)
    return {
        "name": encoder.name,
        "semantic": encoder.semantic,
        "import_ms": import_s * 1000,
        "load_ms": load_s * 1000,
        "phrases": len(phrases),
        "rate": rate,
        "report": report,
        "best_cut": cut,
        "best_balanced": balanced,
        "best_cut_shared": cut_shared,
        "best_balanced_shared": balanced_shared,
        "by_kind": by_kind,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed encoding passes (5)")
    args = parser.parse_args(argv)

    heldout = load_heldout()
    cases = heldout.load_cases()
    results = []
    for build in (build_minilm, build_lexical):
        result = measure(heldout, build, cases, args.runs)
        if isinstance(result, str):
            print(f"sentence model skipped: {result}")
        else:
            results.append(result)

    print(f"{len(cases)} held-out cases, {results[0]['phrases']} unique phrases\n")
    print(
        "| encoder | import ms | load ms | phrases/s | top-1 | decoys | golds "
        "| related_at | recall | specificity | best cut | balanced acc. |"
    )
    print("|---|" + "---|" * 11)
    for r in results:
        rep = r["report"]
        print(
            f"| {r['name']} | {r['import_ms']:.0f} | {r['load_ms']:.0f} | {r['rate']:,.0f} "
            f"| {rep.top1:.3f} "
            f"| {rep.decoys:.3f} | {rep.among_golds:.3f} | {rep.cut:.2f} | {rep.recall:.3f} "
            f"| {rep.specificity:.3f} | {r['best_cut']:.3f} | {r['best_balanced']:.3f} |"
        )

    print("\nTop-1 by how the gold meets its query (word / letters only / nothing shared):\n")
    print("| encoder | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for r in results:
        cells = [f"{hit}/{n}" for hit, n in (r["by_kind"][k] for k in KINDS)]
        print(f"| {r['name']} | " + " | ".join(cells) + " |")

    print()
    for r in results:
        rep = r["report"]
        line = (
            f"{r['name']}: related_at {rep.cut:.2f} now; best cut {r['best_cut']:.3f} "
            f"(balanced accuracy {r['best_balanced']:.3f})"
        )
        if not r["semantic"]:
            line += (
                f"; on shared-word cases only {r['best_cut_shared']:.3f} "
                f"(balanced accuracy {r['best_balanced_shared']:.3f})"
            )
        print(line)


if __name__ == "__main__":
    main()
