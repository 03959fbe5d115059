"""The network picture's layout: deterministic, finite, inside the box, links kept short."""

from __future__ import annotations

import math
import random

from kithkin.domain.graph_layout import force_layout


def _graph(seed: int = 1) -> tuple[int, list[tuple[int, int, float]]]:
    """Four clusters of eight, densely linked inside, one link between clusters."""
    rnd = random.Random(seed)
    edges: list[tuple[int, int, float]] = []
    for c in range(4):
        members = list(range(c * 8, c * 8 + 8))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if rnd.random() < 0.6:
                    edges.append((a, b, float(rnd.randint(1, 3))))
        edges.append((c * 8, ((c + 1) % 4) * 8, 1.0))
    return 32, edges


def test_same_graph_same_picture() -> None:
    n, edges = _graph()
    assert force_layout(n, edges) == force_layout(n, edges)
    assert force_layout(n, edges, seed=1) != force_layout(n, edges, seed=2)


def test_coordinates_are_finite_and_inside_the_unit_box() -> None:
    for n, edges in (_graph(), (5, []), (3, [(0, 1, 1.0), (0, 1, 5.0), (2, 2, 1.0)])):
        places = force_layout(n, edges)
        assert len(places) == n
        for x, y in places:
            assert math.isfinite(x) and math.isfinite(y)
            assert 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0
        assert len(set(places)) == n  # nobody drawn on top of anyone


def test_linked_people_are_closer_than_unlinked_ones() -> None:
    n, edges = _graph()
    places = force_layout(n, edges)
    linked = {(min(a, b), max(a, b)) for a, b, _ in edges}

    def dist(a: int, b: int) -> float:
        return math.dist(places[a], places[b])

    near = [dist(a, b) for a, b in linked]
    far = [dist(a, b) for a in range(n) for b in range(a + 1, n) if (a, b) not in linked]
    assert sum(near) / len(near) < 0.6 * (sum(far) / len(far))


def test_degenerate_sizes() -> None:
    assert force_layout(0, []) == []
    assert force_layout(1, []) == [(0.5, 0.5)]
    assert force_layout(2, [(0, 5, 1.0)])[0] != force_layout(2, [(0, 5, 1.0)])[1]
