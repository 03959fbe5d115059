"""Held-out quality of the interest encoders: does a phrase find its gold, not its decoys?

The fixture ``tests/fixtures/interests/heldout.jsonl`` was written for this test, not
taken from any list in the repo, and no encoder was chosen or tuned on it before it
existed (the ``related_at`` cuts are meant to be tuned on it from now on). Each case is
a query ("sea kayaking"), a gold a thoughtful person would call the same or a closely
related interest ("coastal paddling"), and decoys that share words or letters with the
query but mean something else ("sea shanties"). Measures:

* top-1: among the case's gold, its decoys and the golds of every other case, the gold
  has the highest cosine to the query;
* decoy accuracy: the gold beats each of the case's own decoys;
* the "related" cut: (query, gold) pairs at or above ``related_at`` (recall) and
  (query, another case's gold) pairs below it (specificity).

``bench/semantic_quality.py`` loads this module to print the same figures as a table,
so the helpers live here, once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from kithkin.semantic.encoder import Encoder, ModelUnavailable
from kithkin.semantic.lexical import STOP_WORDS, LexicalEncoder, features, stem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "interests" / "heldout.jsonl"
_WORD = re.compile(r"\w+", re.UNICODE)

# Floors, set a little below what each encoder reached when the fixture was written
# (80 cases; MiniLM int8: top-1 0.55, decoys 0.64, among golds 0.80; lexical: top-1 0.15,
# decoys 0.15, among golds on shared-word cases 0.97). The decoys are built to share a
# word with the query, and short phrases bleed lexically even in the model, so its top-1
# here is well below the 14/16 of the golds-only set in the embeddings notes.
MODEL_TOP1 = 0.50
MODEL_DECOYS = 0.58
MODEL_AMONG_GOLDS = 0.75
#: The model must beat the lexical fallback by at least this much on top-1 and decoys.
MODEL_MARGIN = 0.30
MODEL_CUT_RECALL = 0.80
MODEL_CUT_SPECIFICITY = 0.80
#: The fallback must find most golds that share a word with their query, among the golds
#: of the other cases (its own decoys share that word too, so with them it is a coin toss).
LEXICAL_SHARED_WORD_AMONG_GOLDS = 0.85


@dataclass(frozen=True)
class Case:
    """One held-out query with its gold and its decoys."""

    query: str
    gold: str
    decoys: tuple[str, ...]
    note: str


def load_cases(path: Path = FIXTURE) -> list[Case]:
    """The cases of a JSON-lines fixture, in file order."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            cases.append(Case(raw["query"], raw["gold"], tuple(raw["decoys"]), raw["note"]))
    return cases


def _stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.casefold()) if w not in STOP_WORDS}


def _inner_trigrams(text: str) -> set[str]:
    """Character trigrams of a phrase's word stems, without the word-boundary ones."""
    return {f for f, _ in features(text) if f.startswith("t:") and "<" not in f and ">" not in f}


def overlap(case: Case) -> str:
    """How the gold meets its query on the surface: "word", "letters" or "none".

    "word": a word stem in common ("chess openings" / "chess tournaments"); "letters":
    at least two inner character trigrams but no word ("songwriting" / "writing
    lyrics"); "none": nothing a lexical matcher could use ("birdwatching" / "ornithology").
    """
    if _stems(case.query) & _stems(case.gold):
        return "word"
    if len(_inner_trigrams(case.query) & _inner_trigrams(case.gold)) >= 2:
        return "letters"
    return "none"


@dataclass(frozen=True, eq=False)
class Report:
    """An encoder's figures on a list of cases, at a given "related" cut."""

    name: str
    cut: float
    #: Per case: the gold ranks first / the gold beats all of the case's decoys / the gold
    #: beats every other case's gold (decoys aside: the measure in the embeddings notes).
    top1_hits: tuple[bool, ...] = field(repr=False)
    decoy_hits: tuple[bool, ...] = field(repr=False)
    gold_hits: tuple[bool, ...] = field(repr=False)
    #: Cosine of each (query, gold) pair, and of every (query, other case's gold) pair.
    gold_cos: np.ndarray = field(repr=False)
    other_cos: np.ndarray = field(repr=False)

    @property
    def top1(self) -> float:
        return float(np.mean(self.top1_hits))

    @property
    def decoys(self) -> float:
        return float(np.mean(self.decoy_hits))

    @property
    def among_golds(self) -> float:
        return float(np.mean(self.gold_hits))

    @property
    def recall(self) -> float:
        """Share of (query, gold) pairs at or above the cut."""
        return float(np.mean(self.gold_cos >= self.cut))

    @property
    def specificity(self) -> float:
        """Share of (query, unrelated gold) pairs below the cut."""
        return float(np.mean(self.other_cos < self.cut))


def evaluate(encoder: Encoder, cases: list[Case], cut: float | None = None) -> Report:
    """Score every case with one encoding pass (``cut`` defaults to ``encoder.related_at``)."""
    phrases = list(dict.fromkeys(p for c in cases for p in (c.query, c.gold, *c.decoys)).keys())
    row = {p: i for i, p in enumerate(phrases)}
    vectors = encoder.encode(phrases)
    queries = vectors[[row[c.query] for c in cases]]
    golds = vectors[[row[c.gold] for c in cases]]
    sims = queries @ golds.T
    top1_hits, decoy_hits, gold_hits = [], [], []
    for i, case in enumerate(cases):
        gold = sims[i, i]
        beats_decoys = bool(gold > (vectors[[row[d] for d in case.decoys]] @ queries[i]).max())
        beats_golds = bool(gold > np.delete(sims[i], i).max())
        decoy_hits.append(beats_decoys)
        gold_hits.append(beats_golds)
        top1_hits.append(beats_decoys and beats_golds)
    off_diagonal = ~np.eye(len(cases), dtype=bool)
    return Report(
        name=encoder.name,
        cut=encoder.related_at if cut is None else cut,
        top1_hits=tuple(top1_hits),
        decoy_hits=tuple(decoy_hits),
        gold_hits=tuple(gold_hits),
        gold_cos=np.diag(sims).copy(),
        other_cos=sims[off_diagonal],
    )


def best_cut(gold_cos: np.ndarray, other_cos: np.ndarray) -> tuple[float, float]:
    """The cut with the best balanced accuracy of gold vs unrelated pairs, and that accuracy.

    The best cut for "at or above" always sits at some gold pair's cosine; it is moved
    down to halfway to the highest unrelated cosine below it, which scores the same here
    and leaves room on both sides.
    """
    golds, others = np.sort(gold_cos), np.sort(other_cos)
    # For a cut at golds[k]: golds[k:] pass, others below golds[k] are rejected.
    recall = 1.0 - np.arange(len(golds)) / len(golds)
    specificity = np.searchsorted(others, golds, side="left") / len(others)
    balanced = (recall + specificity) / 2
    k = int(np.argmax(balanced))
    below = others[others < golds[k]]
    cut = (golds[k] + below[-1]) / 2 if len(below) else golds[k]
    return float(cut), float(balanced[k])


def failures(report: Report, cases: list[Case], hits: tuple[bool, ...]) -> str:
    """The queries an encoder got wrong, for assertion messages."""
    missed = [f"{c.query!r} -> {c.gold!r}" for c, ok in zip(cases, hits, strict=True) if not ok]
    return f"{report.name} missed {len(missed)}: " + "; ".join(missed)


# --- tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_cases()


@pytest.fixture(scope="module")
def model_report(cases: list[Case]) -> Report:
    try:
        from kithkin.semantic.minilm import MiniLMEncoder

        model = MiniLMEncoder()
    except ModelUnavailable as exc:
        pytest.skip(f"the sentence model is not available here: {exc}")
    return evaluate(model, cases)


@pytest.fixture(scope="module")
def lexical_report(cases: list[Case]) -> Report:
    return evaluate(LexicalEncoder(), cases)


def test_fixture_is_well_formed(cases: list[Case]) -> None:
    assert len(cases) >= 40
    queries = [c.query.casefold() for c in cases]
    assert len(set(queries)) == len(queries), "duplicate queries"
    golds = [c.gold.casefold() for c in cases]
    assert len(set(golds)) == len(golds), "duplicate golds"
    for c in cases:
        assert c.decoys, f"{c.query!r} has no decoy"
        assert c.gold not in c.decoys and c.query != c.gold, c.query
        assert c.note.strip(), f"{c.query!r} has no note"
    kinds = [overlap(c) for c in cases]
    # A real mix: golds sharing a word with their query, and golds sharing nothing.
    assert kinds.count("word") >= len(cases) / 4
    assert kinds.count("none") >= len(cases) / 4


def test_model_finds_golds_over_everything_else(cases: list[Case], model_report: Report) -> None:
    assert model_report.top1 >= MODEL_TOP1, failures(model_report, cases, model_report.top1_hits)
    assert model_report.among_golds >= MODEL_AMONG_GOLDS, failures(
        model_report, cases, model_report.gold_hits
    )


def test_model_prefers_gold_to_its_decoys(cases: list[Case], model_report: Report) -> None:
    assert model_report.decoys >= MODEL_DECOYS, failures(
        model_report, cases, model_report.decoy_hits
    )


def test_model_beats_lexical_fallback(model_report: Report, lexical_report: Report) -> None:
    assert model_report.top1 >= lexical_report.top1 + MODEL_MARGIN
    assert model_report.decoys >= lexical_report.decoys + MODEL_MARGIN


def test_model_related_cut_separates_golds_from_unrelated(model_report: Report) -> None:
    """At ``related_at``, most gold pairs count as related and most unrelated pairs do not."""
    assert model_report.recall >= MODEL_CUT_RECALL, (
        f"only {model_report.recall:.3f} of gold pairs reach related_at={model_report.cut}"
    )
    assert model_report.specificity >= MODEL_CUT_SPECIFICITY, (
        f"only {model_report.specificity:.3f} of unrelated pairs stay below {model_report.cut}"
    )


def test_lexical_fallback_finds_shared_word_golds(
    cases: list[Case], lexical_report: Report
) -> None:
    shared = [i for i, c in enumerate(cases) if overlap(c) == "word"]
    found = np.mean([lexical_report.gold_hits[i] for i in shared])
    assert found >= LEXICAL_SHARED_WORD_AMONG_GOLDS, failures(
        lexical_report, cases, lexical_report.gold_hits
    )


def test_best_cut_maximises_balanced_accuracy() -> None:
    golds = np.array([0.9, 0.6, 0.5, 0.2])
    others = np.array([0.1, 0.3, 0.4, 0.45])
    cut, balanced = best_cut(golds, others)
    # At 0.5: 3/4 golds kept, all 4 unrelated rejected; halfway down to 0.45.
    assert cut == pytest.approx(0.475)
    assert balanced == pytest.approx(0.875)
