"""Matching people on interests by meaning: pure functions over phrase similarities.

Phrases arrive as unit vectors (rows), so a similarity is a dot product: 1.0 for the
same phrase, around 0.65 for "mushroom-based packaging" ~ "sustainable packaging" with
the default model, below ``cut`` (the encoder's ``related_at``) for unrelated ones.
Rare shared interests say more than common ones: everyone likes "travel", few people
share "mycelium materials". No title, org or seniority enters any of these scores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Match:
    """One interest shared by meaning: a phrase on each side and how close they are."""

    mine: str
    theirs: str
    score: float

    def words(self) -> str:
        """'mushroom packaging' or 'mushroom-based packaging ~ sustainable packaging'."""
        if self.mine == self.theirs:
            return self.mine
        return f"{self.mine} ~ {self.theirs}"


def pair_up(a: Sequence[str], b: Sequence[str], sims: np.ndarray, cut: float) -> list[Match]:
    """Shared interests of two lists of phrases, ``sims[i, j]`` = similarity of a[i], b[j].

    Greedy one-to-one: the closest pair first, each phrase used once, only pairs with
    similarity ≥ cut (the same phrase always counts, as 1.0). Strongest first; ties by
    the phrases' order on side a.
    """
    cells = []
    for i, pa in enumerate(a):
        for j, pb in enumerate(b):
            s = 1.0 if pa == pb else float(sims[i, j])
            if s >= cut:
                cells.append((-s, i, j))
    cells.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for neg, i, j in cells:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(Match(a[i], b[j], round(-neg, 3)))
    return out


def rarity(holders: int, people: int) -> float:
    """How rare an interest is, in [0, 1]: log((N + 1) / (n + 1)) / log(N + 1) for an
    interest n of N people hold (1 when nobody else has it, 0 when everyone does)."""
    if people <= 0:
        return 1.0
    return max(0.0, math.log((people + 1) / (holders + 1)) / math.log(people + 1))


def weight(rare: float) -> float:
    """A shared interest's weight from its rarity: 0.5 (common) to 1.0 (rare)."""
    return 0.5 + 0.5 * rare


def weights(holders: np.ndarray, people: int) -> np.ndarray:
    """:func:`weight` of :func:`rarity` for many phrases at once (``holders`` per phrase)."""
    import numpy as np

    if people <= 0:
        return np.ones_like(holders, dtype=np.float64)
    rare = np.maximum(0.0, np.log((people + 1) / (holders + 1)) / math.log(people + 1))
    return np.asarray(0.5 + 0.5 * rare)


def overlap_scores(
    query: np.ndarray,
    phrase_weight: np.ndarray,
    row_person: np.ndarray,
    row_phrase: np.ndarray,
    starts: np.ndarray,
    cut: float,
) -> np.ndarray:
    """How much each person shares with a query list of phrases.

    ``query`` is k × U: the similarity of each query phrase to each of U phrases.
    Interest rows (``row_person``, ``row_phrase``) are grouped by person, each group
    starting at ``starts``. score(person) = Σ over query phrases of the best
    similarity × weight among the person's phrases, counting similarities ≥ cut only.
    """
    import numpy as np

    if row_phrase.size == 0 or query.shape[0] == 0:
        return np.zeros(len(starts), dtype=np.float32)
    vals = query[:, row_phrase]
    vals = np.where(vals >= cut, vals, 0.0) * phrase_weight[row_phrase]
    best = np.maximum.reduceat(vals, starts, axis=1)
    return np.asarray(best.sum(axis=0))


@dataclass(frozen=True)
class PhrasePair:
    """Two related phrases (the same phrase twice when identical) and their strength."""

    p: int
    q: int
    similarity: float
    strength: float


#: Rows of the phrase-by-phrase similarity computed at a time (bounds memory).
BLOCK = 1024


def phrase_pairs(
    vectors: np.ndarray, ids: Sequence[int], weights: Sequence[float], cut: float
) -> list[PhrasePair]:
    """Related phrase pairs (i ≤ j, each phrase with itself too) among ``ids``, whose
    unit vectors are the rows of ``vectors``; strongest first.

    strength = similarity × (weight(p) + weight(q)) / 2, so a rare shared interest
    outranks a common one of the same closeness. Computed BLOCK rows at a time.
    """
    import numpy as np

    out = []
    w = np.asarray(weights, dtype=np.float64)
    for start in range(0, len(ids), BLOCK):
        sims = vectors[start : start + BLOCK] @ vectors.T
        rows, cols = np.nonzero(sims >= cut)
        rows = rows + start
        keep = rows < cols
        rows, cols = rows[keep], cols[keep]
        values = sims[rows - start, cols].astype(np.float64)
        for i, j, v in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True):
            out.append(PhrasePair(ids[i], ids[j], v, v * (w[i] + w[j]) / 2))
    out.extend(PhrasePair(p, p, 1.0, float(w[i])) for i, p in enumerate(ids))
    out.sort(key=lambda pp: (-pp.strength, pp.p, pp.q))
    return out


@dataclass(frozen=True)
class Suggestion:
    """Two people to introduce and the phrase pair that matched them best."""

    a: int
    b: int
    strength: float
    pair: PhrasePair


def intro_suggestions(
    pairs: Iterable[PhrasePair],
    holders: Mapping[int, Sequence[int]],
    known: set[tuple[int, int]],
    limit: int,
    per_person: int = 2,
) -> list[Suggestion]:
    """The best ``limit`` pairs of people who share an interest and don't know each other.

    Walks phrase pairs strongest first; each new pair of holders (not the same person,
    not a ``known`` pair (smaller id first), neither already in ``per_person``
    suggestions) is taken with that strength, which is the best their interests reach.
    Stops as soon as ``limit`` pairs are found, so it never scores all pairs of people.
    """
    taken: set[tuple[int, int]] = set()
    count: dict[int, int] = {}
    out: list[Suggestion] = []
    for pp in pairs:
        for x in holders.get(pp.p, ()):
            for y in holders.get(pp.q, ()):
                if x == y:
                    continue
                key = (x, y) if x < y else (y, x)
                if key in known or key in taken:
                    continue
                if count.get(x, 0) >= per_person or count.get(y, 0) >= per_person:
                    continue
                taken.add(key)
                count[x] = count.get(x, 0) + 1
                count[y] = count.get(y, 0) + 1
                out.append(Suggestion(key[0], key[1], round(pp.strength, 3), pp))
                if len(out) >= limit:
                    return out
    return out
