"""Matching by meaning, on hand-made similarity matrices: each function against a brute
force that reads like its docstring."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.domain.matching import (
    Match,
    PhrasePair,
    intro_suggestions,
    overlap_scores,
    pair_up,
    phrase_pairs,
    rarity,
    weight,
)


def test_pair_up_is_greedy_one_to_one_above_the_cut() -> None:
    sims = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.5], [0.1, 0.1, 0.2]])
    found = pair_up(["a", "b", "c"], ["x", "y", "z"], sims, 0.4)
    # a-x (0.9) first; b cannot take x again, so b-z (0.5); c matches nothing
    assert found == [Match("a", "x", 0.9), Match("b", "z", 0.5)]
    assert found[0].words() == "a ~ x"
    assert pair_up(["same"], ["same"], np.array([[0.1]]), 0.4) == [Match("same", "same", 1.0)]
    assert Match("same", "same", 1.0).words() == "same"


def test_rarity_and_weight() -> None:
    assert rarity(0, 100) == 1.0
    assert rarity(100, 100) == 0.0
    assert 0 < rarity(10, 100) < rarity(2, 100) < 1
    assert weight(0.0) == 0.5 and weight(1.0) == 1.0


def unit_rows(draw: st.DrawFn, n: int, dim: int = 4) -> np.ndarray:
    raw = np.array(
        draw(
            st.lists(
                st.lists(st.integers(-3, 3), min_size=dim, max_size=dim), min_size=n, max_size=n
            )
        ),
        dtype=np.float32,
    )
    raw[np.all(raw == 0, axis=1)] = 1.0
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


@st.composite
def networks(draw: st.DrawFn) -> tuple[np.ndarray, list[list[int]], np.ndarray]:
    """(phrase vectors, each person's phrase indexes, query vectors)."""
    n_phrases = draw(st.integers(1, 8))
    vectors = unit_rows(draw, n_phrases)
    people = draw(
        st.lists(
            st.lists(st.integers(0, n_phrases - 1), min_size=1, max_size=4, unique=True),
            min_size=1,
            max_size=7,
        )
    )
    query = unit_rows(draw, draw(st.integers(1, 3)))
    return vectors, people, query


@settings(max_examples=150)
@given(networks(), st.sampled_from([0.0, 0.3, 0.6]))
def test_overlap_scores_equal_the_sum_of_best_weighted_matches(
    net: tuple[np.ndarray, list[list[int]], np.ndarray], cut: float
) -> None:
    vectors, people, query = net
    weights = np.linspace(0.5, 1.0, len(vectors)).astype(np.float32)
    rows = [(p, ph) for p, phrases in enumerate(people) for ph in phrases]
    starts = np.array([rows.index((p, people[p][0])) for p in range(len(people))])
    sims = query @ vectors.T
    got = overlap_scores(
        sims,
        weights,
        np.array([p for p, _ in rows]),
        np.array([ph for _, ph in rows]),
        starts,
        cut,
    )
    for p, phrases in enumerate(people):
        expected = sum(
            max((sims[q, ph] * weights[ph] if sims[q, ph] >= cut else 0.0) for ph in phrases)
            for q in range(len(query))
        )
        assert got[p] == np.float32(expected) or abs(got[p] - expected) < 1e-5


@settings(max_examples=100)
@given(networks(), st.sampled_from([0.2, 0.5, 0.9]))
def test_phrase_pairs_are_every_related_pair_strongest_first(
    net: tuple[np.ndarray, list[list[int]], np.ndarray], cut: float
) -> None:
    vectors, _, _ = net
    ids = [10 + i for i in range(len(vectors))]
    weights = [0.5 + 0.5 * i / max(len(ids), 1) for i in range(len(ids))]
    got = phrase_pairs(vectors, ids, weights, cut)
    sims = vectors @ vectors.T
    expected = {(ids[i], ids[i]) for i in range(len(ids))} | {
        (ids[i], ids[j]) for i, j in itertools.combinations(range(len(ids)), 2) if sims[i, j] >= cut
    }
    assert {(pp.p, pp.q) for pp in got} == expected
    assert [pp.strength for pp in got] == sorted((pp.strength for pp in got), reverse=True)
    for pp in got:
        i, j = ids.index(pp.p), ids.index(pp.q)
        sim = 1.0 if i == j else float(sims[i, j])
        assert abs(pp.strength - sim * (weights[i] + weights[j]) / 2) < 1e-5


@settings(max_examples=150)
@given(
    st.lists(
        st.lists(st.integers(0, 5), min_size=1, max_size=3, unique=True), min_size=2, max_size=8
    ),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=6),
    st.integers(1, 6),
)
def test_intro_suggestions_are_the_strongest_unknown_pairs(
    people: list[list[int]], known_raw: list[tuple[int, int]], limit: int
) -> None:
    strength = {i: 1.0 - i * 0.1 for i in range(6)}  # phrase i's self-pair strength
    pairs = [PhrasePair(i, i, 1.0, strength[i]) for i in range(6)]
    holders: dict[int, list[int]] = {}
    for person, phrases in enumerate(people):
        for ph in phrases:
            holders.setdefault(ph, []).append(person)
    known = {(min(a, b), max(a, b)) for a, b in known_raw if a != b}
    got = intro_suggestions(pairs, holders, known, limit, per_person=99)
    # brute force: every unknown pair sharing a phrase, scored by their best phrase
    best: dict[tuple[int, int], float] = {}
    for a, b in itertools.combinations(range(len(people)), 2):
        shared = set(people[a]) & set(people[b])
        if shared and (a, b) not in known:
            best[(a, b)] = max(strength[s] for s in shared)
    assert len(got) == min(limit, len(best))
    for s in got:
        assert (s.a, s.b) not in known and s.a < s.b
        assert abs(s.strength - best[(s.a, s.b)]) < 1e-9
    if got:
        weakest = min(s.strength for s in got)
        left_out = [v for k, v in best.items() if k not in {(s.a, s.b) for s in got}]
        assert all(v <= weakest + 1e-9 for v in left_out)


def test_no_one_is_suggested_more_than_per_person_times() -> None:
    holders = {0: [1, 2, 3, 4, 5]}
    got = intro_suggestions([PhrasePair(0, 0, 1.0, 1.0)], holders, set(), 10, per_person=2)
    counts: dict[int, int] = {}
    for s in got:
        counts[s.a] = counts.get(s.a, 0) + 1
        counts[s.b] = counts.get(s.b, 0) + 1
    assert max(counts.values()) <= 2
    # walked in order, a pair is taken while both still have room
    assert [(s.a, s.b) for s in got] == [(1, 2), (1, 3), (2, 3), (4, 5)]
