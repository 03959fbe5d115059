"""The picture of the network: people linked by shared interests and by introductions.

:func:`network` reads the same records the CLI shows (interest phrases; introductions
you made; who introduced whom), keeps the most connected people (a readable drawing,
not a hairball), and places them with the seeded layout of
:mod:`kithkin.domain.graph_layout`, so the same data always gives the same picture.
Released people are left out, as everywhere "your network" is counted.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from kithkin.domain.graph_layout import force_layout
from kithkin.services.context import Kith
from kithkin.storage import insights_repo, network_repo, records_repo

#: How many people the picture shows at most.
MAX_PEOPLE = 60
#: Each person keeps their strongest shared-interest links, up to this many.
INTEREST_LINKS = 4
#: What an introduction weighs, against one shared interest, in choosing who is shown.
INTRO_WEIGHT = 3
#: How many shared phrases an edge names.
SHARED_SHOWN = 3

Out = dict[str, Any]
Pair = tuple[int, int]


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _intro_pairs(conn: Any, kith: Kith, people: dict[int, Out]) -> dict[Pair, str]:
    """Pairs linked by an introduction, in words (a recorded one wins over "introduced by")."""
    out: dict[Pair, str] = {}
    for pid, p in people.items():
        via = p["introduced_by_id"]
        if via in people and via != pid:
            out[_pair(pid, via)] = f"{people[via]['name']} introduced you to {p['name']}"
    for r in records_repo.intros(conn, kith.account_id):
        a, b = r["person_a_id"], r["person_b_id"]
        if a in people and b in people and a != b and r["proposed_on"] <= kith.today:
            out[_pair(a, b)] = f"you introduced {r['a_name']} and {r['b_name']} ({r['status']})"
    return out


def _chosen(
    people: dict[int, Out], by_phrase: dict[int, list[int]], intros: dict[Pair, str], top: int
) -> list[int]:
    """The ``top`` most linked people, nobody without a link.

    A person counts INTRO_WEIGHT per introduction and one per interest they share with
    anyone (so a popular phrase does not drown the introductions); ties go to whoever
    shares with more people, then by name.
    """
    score: dict[int, int] = defaultdict(int)
    reach: dict[int, int] = defaultdict(int)
    for members in by_phrase.values():
        for pid in members:
            score[pid] += 1
            reach[pid] += len(members) - 1
    for a, b in intros:
        score[a] += INTRO_WEIGHT
        score[b] += INTRO_WEIGHT
    linked = [pid for pid, s in score.items() if s > 0]
    linked.sort(key=lambda pid: (-score[pid], -reach[pid], people[pid]["name"], pid))
    return linked[:top]


def _interest_edges(
    chosen: list[int], by_phrase: dict[int, list[int]], people: dict[int, Out]
) -> dict[Pair, list[int]]:
    """Shared phrases per pair of chosen people, each person's strongest links only."""
    inside = set(chosen)
    shared: dict[Pair, list[int]] = defaultdict(list)
    for phrase, members in sorted(by_phrase.items()):
        here = sorted(pid for pid in members if pid in inside)
        for a, b in combinations(here, 2):
            shared[(a, b)].append(phrase)
    mine: dict[int, list[Pair]] = defaultdict(list)
    for pair in shared:
        mine[pair[0]].append(pair)
        mine[pair[1]].append(pair)
    kept: set[Pair] = set()
    for pid, pairs in mine.items():
        pairs.sort(
            key=lambda p: (-len(shared[p]), people[p[0] if p[1] == pid else p[1]]["name"], p)
        )
        kept.update(pairs[:INTEREST_LINKS])
    return {p: shared[p] for p in sorted(kept)}


def network(kith: Kith, top: int = MAX_PEOPLE) -> Out:
    """Nodes (people, placed in the unit box) and edges (kind "interest" or "intro").

    ``people``: your network's size; ``linked``: how many have any link; ``shown``:
    how many the picture holds (the most linked); ``more``: linked but left out.
    """
    with kith.begin() as conn:
        people = {
            r["id"]: r
            for r in insights_repo.network(conn, kith.account_id)
            if r["status"] != "released"
        }
        by_phrase: dict[int, list[int]] = defaultdict(list)
        for pid, phrase in network_repo.interest_rows(conn, kith.account_id):
            if pid in people:
                by_phrase[phrase].append(pid)
        by_phrase = {ph: ids for ph, ids in by_phrase.items() if len(ids) > 1}
        intros = _intro_pairs(conn, kith, people)
        chosen = _chosen(people, by_phrase, intros, top)
        interest = _interest_edges(chosen, by_phrase, people)
        texts = network_repo.phrase_texts(
            conn, [ph for phs in interest.values() for ph in phs[:SHARED_SHOWN]]
        )
    inside = set(chosen)
    edges: list[Out] = [
        {
            "source": a,
            "target": b,
            "kind": "interest",
            "weight": len(phs),
            "shared": sorted(texts[ph] for ph in phs[:SHARED_SHOWN]),
            "words": f"{len(phs)} shared interest{'s' if len(phs) != 1 else ''}",
        }
        for (a, b), phs in interest.items()
    ]
    edges += [
        {"source": a, "target": b, "kind": "intro", "weight": 1, "shared": [], "words": words}
        for (a, b), words in sorted(intros.items())
        if a in inside and b in inside
    ]
    links: dict[int, int] = defaultdict(int)
    for e in edges:
        links[e["source"]] += 1
        links[e["target"]] += 1
    chosen = [pid for pid in chosen if links[pid]]  # linked only to people left out
    index = {pid: i for i, pid in enumerate(chosen)}
    places = force_layout(
        len(chosen),
        [(index[e["source"]], index[e["target"]], float(e["weight"])) for e in edges],
    )
    linked = {pid for members in by_phrase.values() for pid in members}
    linked.update(pid for pair in intros for pid in pair)
    return {
        "people": len(people),
        "linked": len(linked),
        "shown": len(chosen),
        "more": max(0, len(linked) - len(chosen)),
        "nodes": [
            {"id": pid, "name": people[pid]["name"], "x": x, "y": y, "links": links[pid]}
            for pid, (x, y) in zip(chosen, places, strict=True)
        ],
        "edges": edges,
    }
