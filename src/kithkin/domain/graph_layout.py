"""Where to draw each person of the network picture: a seeded force-directed layout.

Fruchterman–Reingold: every pair of nodes pushes apart, every edge pulls its two ends
together, and each step moves a node no further than a "temperature" that cools to
nothing. The start is drawn from a seeded generator, so the same graph always gets the
same picture. Pure: numbers in, numbers out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Steps of the simulation (60 nodes: a few milliseconds).
ITERATIONS = 300
#: Pull of the centre, so parts of the graph with no link between them stay in view.
GRAVITY = 0.3
#: Room kept around the drawing, as a share of the box.
MARGIN = 0.04


def force_layout(
    n: int,
    edges: Sequence[tuple[int, int, float]],
    *,
    seed: int = 7,
    iterations: int = ITERATIONS,
) -> list[tuple[float, float]]:
    """Positions of ``n`` nodes in the unit box [0, 1] × [0, 1].

    ``edges`` are (i, j, weight) between node indexes; a heavier edge pulls harder.
    Edges to a missing node or to itself are ignored.
    """
    if n <= 0:
        return []
    if n == 1:
        return [(0.5, 0.5)]
    rng = np.random.default_rng(seed)
    pos = rng.uniform(0.0, 1.0, size=(n, 2))
    links = [(i, j, float(w)) for i, j, w in edges if 0 <= i < n and 0 <= j < n and i != j]
    k = float(np.sqrt(1.0 / n))  # the ideal distance between two nodes
    if links:
        src = np.array([i for i, _, _ in links], dtype=np.intp)
        dst = np.array([j for _, j, _ in links], dtype=np.intp)
        wts = np.array([max(w, 0.0) for _, _, w in links], dtype=float)
        wts = 1.0 + np.log1p(wts)
    temperature = 0.1
    cooling = temperature / max(iterations, 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        push = (k * k / dist**2)[:, :, None] * delta  # direction / dist times k²/dist
        move = push.sum(axis=1)
        if links:
            d = pos[src] - pos[dst]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-3)
            pull = (length / k * wts)[:, None] * d  # direction times length²/k
            np.add.at(move, src, -pull)
            np.add.at(move, dst, pull)
        move += GRAVITY * (0.5 - pos) * n * k
        size = np.maximum(np.sqrt((move**2).sum(axis=1)), 1e-9)
        pos += move / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature = max(temperature - cooling, 0.002)
    return _fit(pos)


def _fit(pos: np.ndarray) -> list[tuple[float, float]]:
    """Scale the drawing to fill the box inside the margin, keeping its proportions."""
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = float((high - low).max())
    if not np.isfinite(span) or span < 1e-9:
        return [(0.5, 0.5)] * len(pos)
    inner = 1.0 - 2 * MARGIN
    scaled = (pos - low) / span * inner
    scaled += (inner - (high - low) / span * inner) / 2 + MARGIN  # centre the short side
    scaled = np.clip(scaled, 0.0, 1.0)
    return [(round(float(x), 4), round(float(y), 4)) for x, y in scaled]
